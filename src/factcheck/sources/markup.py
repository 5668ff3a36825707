"""An HTML page parsed once, into the lxml tree both HTML readers work on.

One parse serves the metadata, the article extractor (trafilatura takes the tree
as it is) and the tag rules: parsing twice, and a second tree in Python objects,
cost 45 times the page's size in memory. The parser is told to accept what
pages hold: text nodes over 10 MB (``huge_tree``: libxml2 otherwise stops there
and drops the rest of the page without a word), and trees deeper than 256. Deeper
than libxml2 builds trees at all (2,048 levels), the parse stops:
:attr:`Page.too_deep` says so, and the tag rules then read the page from the
parser's events instead of a tree (:func:`stream_markup`), as they read a page too
big for a tree (over ``factcheck.sources.html.STREAM_ABOVE``).

libxml2 checks each attribute of an element against the ones before it, so an
element with 100,000 attributes took minutes; no page needs more than a few
dozen. Past :data:`MOST_ATTRIBUTES` an element's further attributes are left out
before parsing, with one warning for the page.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["MOST_ATTRIBUTES", "Page", "as_bytes", "parse_markup", "stream_markup"]

logger = logging.getLogger(__name__)

MOST_ATTRIBUTES = 100
"""Attributes read per element; the rest are left out (libxml2's check is quadratic)."""

# One attribute as the HTML tokenizer reads it. Names never hold "<", so a failed match
# ends at the next tag, and each attempt scans up to it only: linear in the page.
_ATTRIBUTE = r"""(?>\s*+[^\s/>"'=<]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s>"'<]*+))?+)"""
_MANY_ATTRIBUTES = re.compile(rf"<[A-Za-z][^\s/><]*+{_ATTRIBUTE}{{{MOST_ATTRIBUTES + 1},}}+")
_FIRST_ATTRIBUTES = re.compile(rf"<[A-Za-z][^\s/><]*+{_ATTRIBUTE}{{{MOST_ATTRIBUTES}}}")
_XML_DECLARATION = "<?xml"
_LOOKS_HTML = re.compile(r"<html|<!doctype html", re.I)


def _first_attributes(match: re.Match[str]) -> str:
    head = _FIRST_ATTRIBUTES.match(match.group())
    return head.group() if head is not None else match.group()


def _capped(markup: str, where: str | Path, warn: bool = True) -> str:
    if _MANY_ATTRIBUTES.search(markup) is None:
        return markup
    if warn:
        logger.warning(
            "%s: elements with more than %d attributes; the further ones are ignored",
            where,
            MOST_ATTRIBUTES,
        )
    return _MANY_ATTRIBUTES.sub(_first_attributes, markup)


@dataclass(frozen=True)
class Page:
    """A parsed page: its lxml tree (an ``lxml.html.HtmlElement``), and whether the tree
    stops short because the page nests too deeply."""

    tree: Any
    too_deep: bool


def parse_markup(markup: str, where: str | Path = "<html>", *, warn: bool = True) -> Page | None:
    """The parsed page, or None for markup without any element. An XML-looking page (an
    XML declaration and no ``<html>``) is read as HTML with one warning line (none
    with ``warn=False``, for a second reading of a page)."""
    import lxml.html
    from lxml import etree

    head = markup[:500].lstrip()
    if warn and head.startswith(_XML_DECLARATION) and _LOOKS_HTML.search(head) is None:
        logger.warning("%s: looks like XML, not HTML; read as HTML", where)
    parser = lxml.html.HTMLParser(  # type: ignore[call-arg]  # the stubs lack default_doctype
        huge_tree=True,
        remove_comments=True,  # comments and CDATA (parsed as comments) are never text
        remove_pis=True,
        collect_ids=False,
        default_doctype=False,
    )
    capped = _capped(markup, where, warn)
    try:
        try:  # a str is parsed without a copy ...
            tree = lxml.html.document_fromstring(capped, parser=parser)
        except ValueError:  # ... unless it declares its encoding ("<?xml ... utf-8")
            tree = lxml.html.document_fromstring(as_bytes(capped), parser=parser)
    except (etree.ParserError, ValueError):  # "Document is empty": no element at all
        return None
    too_deep = any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)
    return Page(tree=tree, too_deep=too_deep)


def as_bytes(markup: str) -> bytes:
    """Markup as the parsers take it: lxml refuses a str that declares its encoding."""
    return markup.encode("utf-8", "replace")


def stream_markup(markup: str, where: str | Path, target: Any) -> None:
    """Parse the page into ``target``'s methods (``start``, ``end``, ``data``, ``close``)
    and build no tree: for pages too deep or too big for one. Attributes are capped as
    for a tree (without a second warning)."""
    from lxml import etree

    parser = etree.HTMLParser(target=target, huge_tree=True, remove_comments=True, remove_pis=True)
    capped = _capped(markup, where, warn=False)
    try:
        try:
            etree.fromstring(capped, parser)
        except ValueError:  # a str that declares its encoding
            etree.fromstring(as_bytes(capped), parser)
    except etree.ParserError:  # "Document is empty"
        return
