"""One input's bytes to Sources, by format: text, Markdown, HTML or JSON Lines."""

from __future__ import annotations

import re
from pathlib import Path

from factcheck.errors import SourceError
from factcheck.models import Source
from factcheck.sources.decode import decode_bytes, not_text_reason
from factcheck.sources.html import STREAM_ABOVE, read_html
from factcheck.sources.jsonl import JsonlDocuments, looks_like_jsonl
from factcheck.sources.lines import iter_lines
from factcheck.sources.markdown import markdown_meta
from factcheck.sources.normalise import Format, new_source, normalise_text
from factcheck.sources.pdf import looks_like_pdf, read_pdf
from factcheck.sources.positions import file_positions
from factcheck.sources.published import find_publication_date

__all__ = ["Format", "read_documents", "read_source", "sniff"]

_LONGEST_TITLE = 200
_LOOKS_HTML = re.compile(
    # A comment ends at its first "-->" (atomic): letting it run on to a later one made a
    # failed match try every grouping of the comments, exponential in their number.
    r"\A\s*+(?:<\?xml[^>]*+>\s*+)?(?:(?><!--.*?-->)\s*+)*+"
    r"(?:<!doctype\s+html|<html|<head|<body|<article|<main|<div|<p[\s>]|<meta|<title)",
    re.I | re.S,
)


def sniff(text: str) -> Format:
    """The format of input without a telling file name: HTML, JSON Lines, else text."""
    if _LOOKS_HTML.match(text[:4096]):
        return "html"
    if looks_like_jsonl(text):
        return "jsonl"
    return "text"


def _first_line_title(text: str) -> str | None:
    for line in iter_lines(text, 50):
        if line.strip():
            return line.strip() if len(line.strip()) <= _LONGEST_TITLE else None
    return None


def _html_source(text: str, name: str, path: Path | None) -> Source:
    document = read_html(text, path or name)
    if not document.text.strip():
        raise SourceError("no readable text in the HTML", path=path or name)
    extracted = normalise_text(document.text)
    return new_source(
        id=name,
        path=str(path) if path else None,
        format="html",
        title=document.title,
        url=document.url,
        published=document.published or find_publication_date(extracted),
        text=extracted,
        # A page read as a stream (over STREAM_ABOVE) gets no map: the map's memory grows
        # with the page's words, and such a page is no single article; its citations
        # give lines of the extracted text.
        positions=file_positions(extracted, text) if len(text) <= STREAM_ABOVE else (),
    )


def read_source(
    data: bytes, name: str, path: Path | None = None, fmt: Format | None = None
) -> list[Source]:
    """Sources from one input's bytes (several for JSON Lines); ``fmt=None`` sniffs it."""
    return list(read_documents(data, name, path, fmt))


def read_documents(
    data: bytes, name: str, path: Path | None = None, fmt: Format | None = None
) -> list[Source] | JsonlDocuments:
    """Like :func:`read_source`, but JSON Lines documents are built when iterated."""
    where = path or name
    if fmt == "pdf" or (fmt is None and looks_like_pdf(data)):
        return [read_pdf(data, name, path)]
    if reason := not_text_reason(data):
        raise SourceError(reason, path=where)
    text = normalise_text(decode_bytes(data, where))
    del data  # a huge page's bytes are not held while its text is read (if nothing else holds them)
    if not text or text.isspace():  # only a BOM, or UTF-16 spaces
        raise SourceError("empty file (only whitespace)", path=where)
    fmt = fmt or sniff(text)
    if fmt == "jsonl":
        return JsonlDocuments(text, name, path)
    if fmt == "html":
        return [_html_source(text, name, path)]
    location = str(path) if path else None
    if fmt == "markdown":
        title, published = markdown_meta(text, where)
        return [
            new_source(
                id=name, path=location, format="markdown", title=title,
                published=published, text=text,
            )
        ]  # fmt: skip
    return [
        new_source(
            id=name, path=location, format="text", title=_first_line_title(text),
            published=find_publication_date(text), text=text,
        )
    ]  # fmt: skip
