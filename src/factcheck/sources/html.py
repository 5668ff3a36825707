"""The main text of an HTML page: no scripts, styles, navigation or comments."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

__all__ = ["HtmlDocument", "read_html"]

_DROP = (
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "iframe", "svg", "canvas", "button", "select", "object", "embed", "head",
)  # fmt: skip
_BLOCKS = frozenset(
    """address article blockquote dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr li
    main ol p pre section table tbody td tfoot th thead tr ul br""".split()
)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANKS = re.compile(r"\n\s*\n+")


@dataclass(frozen=True)
class HtmlDocument:
    text: str
    title: str | None
    published: date | None
    url: str | None


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None


def _attribute(tag: Any, name: str) -> str | None:
    value = tag.get(name) if tag is not None else None
    return str(value).strip() if value else None


def _meta(soup: Any, *names: str) -> str | None:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if content := _attribute(tag, "content"):
            return content
    return None


def _json_ld_date(soup: Any) -> date | None:
    for tag in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(tag.string or "")
        except ValueError:
            continue  # malformed metadata is not the page's text: ignore it
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and (found := _parse_date(item.get("datePublished"))):
                return found
    return None


def read_html(markup: str) -> HtmlDocument:
    """Extract readable main text (blocks separated by blank lines) and metadata."""
    from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction

    soup = BeautifulSoup(markup, "lxml")
    title = _meta(soup, "og:title")
    if title is None and soup.title is not None and soup.title.string:
        title = soup.title.string.strip()
    if title is None and (h1 := soup.find("h1")) is not None:
        title = h1.get_text(" ", strip=True) or None
    published = (
        _parse_date(_meta(soup, "article:published_time", "date", "pubdate"))
        or _json_ld_date(soup)
        or _parse_date(_attribute(soup.find("time"), "datetime"))
    )
    url = _attribute(soup.find("link", attrs={"rel": "canonical"}), "href")

    for tag in soup.find_all(_DROP):
        tag.decompose()
    for node in soup.find_all(string=True):
        if isinstance(node, Comment | Declaration | Doctype | ProcessingInstruction):
            node.extract()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    pieces: list[str] = []
    for element in root.descendants:
        name = getattr(element, "name", None)
        if name is None:
            pieces.append(_SPACES.sub(" ", str(element).replace("\n", " ")))
        elif name in _BLOCKS:
            pieces.append("\n\n")
    text = _BLANKS.sub("\n\n", "".join(pieces))
    text = "\n".join(line.strip() for line in text.split("\n")).strip()
    return HtmlDocument(text=_BLANKS.sub("\n\n", text), title=title, published=published, url=url)
