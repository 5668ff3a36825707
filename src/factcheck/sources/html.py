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

The page is parsed once (:mod:`factcheck.sources.markup`); the metadata is read
from the tree first, then the article extractor and, when it finds nothing, the
tag rules read the same tree.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from factcheck.sources.article import read_article
from factcheck.sources.dates import parse_iso_date
from factcheck.sources.markup import parse_markup, stream_markup
from factcheck.sources.published import url_date
from factcheck.sources.unseen import BLANK_LINES, CHROME, CONTENT, NEVER_TEXT, PageText, is_hidden

__all__ = ["STREAM_ABOVE", "HtmlDocument", "read_html"]

logger = logging.getLogger(__name__)

# What no reader sees, and the <head> (its title and metadata are read before it goes).
_DROP = frozenset({*NEVER_TEXT, "head"})
_BLOCKS = frozenset(
    """address article blockquote dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr li
    main ol p pre section table tbody td tfoot th thead tr ul caption details summary""".split()
)
_SPACES = re.compile(r"[ \t\r\f\v\n]+")
_LINE_EDGES = re.compile(r"(?<! ) *+\n *+")  # from a run's first space only: linear
_CHUNK = 1 << 20
STREAM_ABOVE = 8_000_000
"""Pages longer than this (in characters) are read without a tree of the whole page: a
tree of short paragraphs takes five times their text. No article extractor reads them."""
_HEAD_CHARS = 512_000  # where the metadata of a page read as a stream is looked for


HtmlDocument = PageText
"""An HTML page as read: text and metadata."""


def _parse_date(value: object) -> date | None:
    # an unreadable date in metadata is None: look for another
    return parse_iso_date(value) if isinstance(value, str) else None


def _attribute(element: Any, name: str) -> str | None:
    value = element.get(name) if element is not None else None
    return str(value).strip() or None if value else None


def _words(element: Any) -> str:
    """An element's text pieces, each stripped, joined by single spaces."""
    return " ".join(piece.strip() for piece in element.itertext() if piece.strip())


class _Head:
    """What the metadata needs from a page, gathered in one walk over its tree:
    ``<meta>`` contents by (attribute, name), the canonical link, ld+json scripts, the
    first ``<title>`` and the ``<h1>`` elements."""

    def __init__(self, tree: Any) -> None:
        self.meta: dict[tuple[str, str], str] = {}
        self.canonical: str | None = None
        self.ld_json: list[str] = []
        self.title: str | None = None
        self.h1: str | None = None  # its words: no element kept, so the tree can go
        for element in tree.iter("meta", "link", "script", "title", "h1"):
            tag = element.tag
            if tag == "meta":
                content = _attribute(element, "content")
                for key in ("property", "name", "itemprop"):
                    name = element.get(key)
                    if content and name is not None:
                        self.meta.setdefault((key, name), content)
            elif tag == "link":
                if self.canonical is None and "canonical" in (element.get("rel") or "").split():
                    self.canonical = _attribute(element, "href")
            elif tag == "script":
                if element.get("type") == "application/ld+json":
                    self.ld_json.append(element.text or "")
            elif tag == "title":
                if self.title is None and len(element) == 0:
                    self.title = (element.text or "").strip() or None
            elif self.h1 is None:
                self.h1 = _words(element)

    def first(self, *names: str) -> str | None:
        for name in names:
            for key in ("property", "name", "itemprop"):
                if content := self.meta.get((key, name)):
                    return content
        return None


def _json_ld_items(head: _Head, where: str | Path) -> Iterator[dict[str, Any]]:
    for script in head.ld_json:
        try:
            data = json.loads(script)
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


def _json_ld_date(head: _Head, where: str | Path) -> date | None:
    for item in _json_ld_items(head, where):
        if found := _parse_date(item.get("datePublished")):
            return found
    return None


def _title(head: _Head) -> str | None:
    if title := head.first("og:title", "twitter:title"):
        return title
    if head.title:
        return head.title
    return head.h1 or None


def _drop_non_content(root: Any) -> None:
    """Remove what no reader sees, page chrome outside the article, and small forms."""
    from lxml import etree

    doomed = []
    inside_content = 0  # how many <article>/<main> elements are open: one walk, any depth
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if event == "end":
            inside_content -= tag in CONTENT
            continue
        inside_content += tag in CONTENT
        if tag in _DROP or is_hidden(element.attrib) or (tag in CHROME and not inside_content):
            doomed.append(element)
    for element in doomed:
        element.drop_tree()  # keeps the text after it (its tail); a doomed child goes too
    forms = list(root.iter("form"))
    if not forms:
        return
    body_size = len(next(root.iter("body"), root).text_content())
    for form in forms:
        # Some sites wrap the whole page in one <form>: keep a form holding most of the text.
        if len(form.text_content()) * 2 < body_size:
            form.drop_tree()


def _text_of(root: Any) -> str:
    """The tag rules' text of ``root``, which is emptied on the way: each element is
    cleared once read, so the tree's memory goes as the text's comes (a 20 MB page)."""
    from lxml import etree

    pieces = _Pieces()
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            name = element.tag
            if name == "br":
                pieces.append("\n")
            elif name in _BLOCKS:
                pieces.append("\n\n")
            if element.text:
                pieces.append(_SPACES.sub(" ", element.text))
        else:
            if element.tail and element is not root:
                pieces.append(_SPACES.sub(" ", element.tail))
            element.clear(keep_tail=element is root)
    return pieces.text()


class _Pieces:
    """Text pieces joined into chunks of about a megabyte as they come: a huge page's
    400,000 small strings cost their object headers only a chunk at a time."""

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.pieces: list[str] = []
        self.size = 0

    def append(self, piece: str) -> None:
        self.pieces.append(piece)
        self.size += len(piece)
        if self.size > _CHUNK:
            self.chunks.append("".join(self.pieces))
            self.pieces.clear()
            self.size = 0

    def text(self) -> str:
        """The pieces as one text: lines stripped of spaces, a run of blank lines one."""
        self.chunks.append("".join(self.pieces))
        text = "".join(self.chunks)
        self.chunks.clear()
        text = _LINE_EDGES.sub("\n", text)
        return BLANK_LINES.sub("\n\n", text).strip()


class _StreamedTagRules:
    """The tag rules read from the parser's events, for a page too deep or too big for a
    tree: text outside dropped, hidden and chrome elements, and the first ``<time>``'s
    date there (forms are kept, and the whole page is read, as no tree says where its
    ``<main>`` ends)."""

    def __init__(self) -> None:
        self.pieces = _Pieces()
        self.open: list[bool] = []  # for each open element: whether its text is dropped
        self.dropped = 0
        self.inside_content = 0
        self.time: str | None = None
        self.text = ""

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        dropped = tag in _DROP or is_hidden(attrib) or (tag in CHROME and not self.inside_content)
        self.open.append(dropped)
        self.dropped += dropped
        self.inside_content += tag in CONTENT
        if not self.dropped:
            if tag == "br":
                self.pieces.append("\n")
            elif tag in _BLOCKS:
                self.pieces.append("\n\n")
            elif tag == "time" and self.time is None:
                self.time = attrib.get("datetime")

    def end(self, tag: str) -> None:
        if self.open:
            self.dropped -= self.open.pop()
        self.inside_content -= tag in CONTENT

    def data(self, text: str) -> None:
        if not self.dropped:
            self.pieces.append(_SPACES.sub(" ", text))

    def close(self) -> None:
        self.text = self.pieces.text()


def _streamed(markup: str, where: str | Path) -> _StreamedTagRules:
    rules = _StreamedTagRules()
    stream_markup(markup, where, rules)
    return rules


def _read_streamed(markup: str, where: str | Path) -> HtmlDocument:
    """A page over :data:`STREAM_ABOVE` characters: metadata from a tree of its start,
    text by the tag rules from the parser's events, with no tree of the whole page."""
    page = parse_markup(markup[:_HEAD_CHARS], where)
    head = _Head(page.tree) if page is not None else None
    del page
    rules = _streamed(markup, where)
    title = url = published = None
    if head is not None:
        title, url = _title(head), head.canonical or head.first("og:url")
        meta_date = _parse_date(head.first("article:published_time", "datePublished", "date"))
        published = meta_date or _json_ld_date(head, where)
    published = published or _parse_date(rules.time) or (url_date(url) if url else None)
    return HtmlDocument(text=rules.text, title=title, published=published, url=url)


def _first(tree: Any, *tags: str) -> Any:
    for tag in tags:
        found = next(tree.iter(tag), None)
        if found is not None:
            return found
    return tree


def read_html(
    markup: str, where: str | Path = "<html>", *, find_article: bool = True
) -> HtmlDocument:
    """Extract readable main text (blocks separated by blank lines) and metadata.

    ``where`` names the page in warnings (odd markup, unusable metadata);
    ``find_article=False`` reads by the tag rules alone (for comparison, as the
    benchmark does).
    """
    if len(markup) > STREAM_ABOVE:
        return _read_streamed(markup, where)
    page = parse_markup(markup, where)
    if page is None:
        return HtmlDocument(text="", title=None, published=None, url=None)
    tree = page.tree
    head = _Head(tree)
    meta_date = _parse_date(head.first("article:published_time", "datePublished", "date"))
    published = meta_date or _json_ld_date(head, where)
    if page.too_deep:
        logger.warning("%s: nested deeper than a tree is built; read by the tag rules", where)
    article = read_article(page) if find_article and not page.too_deep else None
    title = head.first("og:title", "twitter:title") or (article and article.title) or _title(head)
    url = head.canonical or head.first("og:url") or (article and article.url) or None
    published = published or (article and article.published) or None
    _drop_non_content(tree)
    root = _first(tree, "main", "article", "body")
    if published is None:
        # The article's own <time>, not one in a list of related stories elsewhere.
        time = next((t for t in root.iter("time") if t.get("datetime") is not None), None)
        published = _parse_date(_attribute(time, "datetime"))
    if article is not None and article.text.strip():
        text = article.text
    elif page.too_deep:
        text = _streamed(markup, where).text
    else:
        del page, tree  # the walk below empties the tree as it reads it
        text = _text_of(root)
    if published is None and url:
        published = url_date(url)
    return HtmlDocument(text=text, title=title, published=published, url=url)
