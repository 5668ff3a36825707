"""An HTML page's main text and metadata: the article by trafilatura, else tag rules.

The article extractor (:mod:`factcheck.sources.article`) gives the text when it
finds an article. When it finds none, or fails, the tag rules here give it: the
page's text nodes without scripts, styles, navigation, chrome, hidden elements
and comments. Either way blocks are separated by blank lines and citations point
into this extracted text, not the markup.

Metadata: the title, URL and date the page states in ``<meta>`` tags, ``<link
rel="canonical">`` and JSON-LD come first; what trafilatura reads (the headline,
htmldate's reading of dates) fills in what they do not say; then the article's
``<time>`` and a dated URL.
"""

from __future__ import annotations

import json
import logging
import re
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from factcheck.sources.article import read_article
from factcheck.sources.dates import parse_iso_date
from factcheck.sources.published import url_date
from factcheck.sources.unseen import BLANK_LINES, CHROME, CONTENT, NEVER_TEXT, PageText, is_hidden

__all__ = ["HtmlDocument", "read_html"]

logger = logging.getLogger(__name__)

# What no reader sees, and the <head> (its title and metadata are read before it goes).
_DROP = sorted({*NEVER_TEXT, "head"})
_BLOCKS = frozenset(
    """address article blockquote dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr li
    main ol p pre section table tbody td tfoot th thead tr ul caption details summary""".split()
)
_SPACES = re.compile(r"[ \t\r\f\v\n]+")


HtmlDocument = PageText
"""An HTML page as read: text and metadata."""


def _parse_date(value: object) -> date | None:
    # an unreadable date in metadata is None: look for another
    return parse_iso_date(value) if isinstance(value, str) else None


def _attribute(tag: Any, name: str) -> str | None:
    value = tag.get(name) if tag is not None else None
    if isinstance(value, list):  # multi-valued attributes such as rel
        value = " ".join(value)
    return str(value).strip() if value else None


def _meta(soup: Any, *names: str) -> str | None:
    for name in names:
        for key in ("property", "name", "itemprop"):
            if content := _attribute(soup.find("meta", attrs={key: name}), "content"):
                return content
    return None


def _json_ld_items(soup: Any, where: str | Path) -> Iterator[dict[str, Any]]:
    for tag in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(tag.string or "")
        except ValueError:
            continue  # malformed metadata is not the page's text: other dates may serve
        except RecursionError:  # '[' * 100000: deeper than the parser recurses
            logger.warning("%s: ld+json metadata nested too deeply; ignored", where)
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))


def _json_ld_date(soup: Any, where: str | Path) -> date | None:
    for item in _json_ld_items(soup, where):
        if found := _parse_date(item.get("datePublished")):
            return found
    return None


def _title(soup: Any) -> str | None:
    if title := _meta(soup, "og:title", "twitter:title"):
        return title
    if soup.title is not None and soup.title.string and soup.title.string.strip():
        return str(soup.title.string).strip()
    if (h1 := soup.find("h1")) is not None:
        return str(h1.get_text(" ", strip=True)) or None
    return None


def _drop_non_content(soup: Any) -> None:
    from bs4 import CData, Comment, Declaration, Doctype, ProcessingInstruction

    for node in soup.find_all(string=True):
        if isinstance(node, CData | Comment | Declaration | Doctype | ProcessingInstruction):
            node.extract()  # comments, CDATA (parsed as comments), doctype
    for tag in soup.find_all(_DROP):
        tag.decompose()
    for tag in soup.find_all(sorted(CHROME)):
        if not tag.decomposed and tag.find_parent(sorted(CONTENT)) is None:
            tag.decompose()
    for tag in soup.find_all(lambda tag: is_hidden(tag.attrs)):
        if not tag.decomposed:
            tag.decompose()
    body_size = len((soup.body or soup).get_text())
    for form in soup.find_all("form"):
        # Some sites wrap the whole page in one <form>: keep a form holding most of the text.
        if not form.decomposed and len(form.get_text()) * 2 < body_size:
            form.decompose()


def _text_of(root: Any) -> str:
    pieces: list[str] = []
    for element in root.descendants:
        name = getattr(element, "name", None)
        if name is None:
            pieces.append(_SPACES.sub(" ", str(element)))
        elif name == "br":
            pieces.append("\n")
        elif name in _BLOCKS:
            pieces.append("\n\n")
    lines = (line.strip(" ") for line in "".join(pieces).split("\n"))
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _parse(markup: str, where: str | Path) -> Any:
    """The page's tree; the parser's warnings become one log line each, never raw text."""
    from bs4 import BeautifulSoup

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        soup = BeautifulSoup(markup, "lxml")
    for warning in caught:
        if warning.category.__name__ == "XMLParsedAsHTMLWarning":
            logger.warning("%s: looks like XML, not HTML; read as HTML", where)
        else:  # bs4's warnings run over several lines: keep the first
            first = str(warning.message).strip().splitlines()[:1] or [warning.category.__name__]
            logger.warning("%s: %s", where, first[0])
    return soup


def read_html(
    markup: str, where: str | Path = "<html>", *, find_article: bool = True
) -> HtmlDocument:
    """Extract readable main text (blocks separated by blank lines) and metadata.

    ``where`` names the page in warnings (odd markup, unusable metadata);
    ``find_article=False`` reads by the tag rules alone (for comparison, as the
    benchmark does).
    """
    article = read_article(markup) if find_article else None
    soup = _parse(markup, where)
    title = _meta(soup, "og:title", "twitter:title") or (article and article.title) or _title(soup)
    url = (
        _attribute(soup.find("link", rel="canonical"), "href")
        or _meta(soup, "og:url")
        or (article and article.url)
        or None
    )
    meta_date = _parse_date(_meta(soup, "article:published_time", "datePublished", "date"))
    published = meta_date or _json_ld_date(soup, where) or (article and article.published) or None
    _drop_non_content(soup)
    root = soup.find("main") or soup.find("article") or soup.body or soup
    if published is None:
        # The article's own <time>, not one in a list of related stories elsewhere.
        published = _parse_date(_attribute(root.find("time", datetime=True), "datetime"))
    if published is None and url:
        published = url_date(url)
    text = article.text if article is not None and article.text.strip() else _text_of(root)
    return HtmlDocument(text=text, title=title, published=published, url=url)
