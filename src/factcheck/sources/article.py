"""An HTML page's article, found by trafilatura: main text and metadata.

trafilatura (the reference main-content extractor) scores each part of a page
and keeps the article body: menus, related-story teasers, image captions,
cookie banners and footers stay out. Before it runs, every element a reader
never sees is removed here, whatever trafilatura would decide: scripts, styles,
templates, frames, embedded objects, and hidden elements (``hidden``,
``aria-hidden="true"``, ``display:none``, ``visibility:hidden``). The text is
rebuilt from trafilatura's output tree with blocks (paragraphs, headings, list
items, quotes, table rows) separated by blank lines, the same layout as the
tag-rule reader in :mod:`factcheck.sources.html`, which serves whenever this
finds nothing.

It works on the page's one parsed tree (:mod:`factcheck.sources.markup`), which it
changes: what no reader sees is removed from it, as the tag rules would remove it.
trafilatura is imported inside the function, so ``import factcheck`` stays fast.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Iterator
from typing import Any

from factcheck.sources.dates import parse_iso_date
from factcheck.sources.markup import Page, parse_markup
from factcheck.sources.unseen import BLANK_LINES, CHROME, CONTENT, NEVER_TEXT, PageText, is_hidden

__all__ = ["MOST_ELEMENTS", "read_article"]

logger = logging.getLogger(__name__)

_BLOCKS = frozenset({"p", "head", "list", "item", "quote", "code", "table", "row", "div", "note"})
_SPACES = re.compile(r"[ \t\r\f\v]+")
_HEADLINE_WORDS = 4  # fewer is a site's name or a section ("Valley Voice", "World news")
_LONGEST_HEADLINE = 300
# trafilatura's time grows with the square of a page's elements (20,000: 3 s; 60,000:
# 19 s); a page this big is no single article, and the tag rules read it in linear time.
MOST_ELEMENTS = 5_000
"""Largest page (in elements, after what no reader sees is removed) trafilatura reads."""
# htmldate without its search of the running text: that guesses from any date in the page
# (a copyright year, a related story), while metadata, <time> and the URL say what they mean.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _remove(element: Any) -> None:
    """Remove an element and its text, keeping the text that follows it (its tail)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _in_content(element: Any) -> bool:
    return any(parent.tag in CONTENT for parent in element.iterancestors())


def _is_ld_json(element: Any) -> bool:
    return bool(element.tag == "script" and element.get("type") == "application/ld+json")


def _drop_unseen(tree: Any, *, keep_metadata: bool) -> None:
    """Remove what no reader sees, and page chrome; ld+json metadata only when asked."""
    doomed = []
    for element in tree.iter():
        tag = element.tag
        if not isinstance(tag, str):
            doomed.append(element)  # comments, processing instructions, entities
        elif tag in NEVER_TEXT:
            # ld+json scripts stay until the metadata is read, then go too.
            if not (keep_metadata and _is_ld_json(element)):
                doomed.append(element)
        elif is_hidden(element.attrib) or (tag in CHROME and not _in_content(element)):
            doomed.append(element)
        else:
            # Text stored in attributes (embedded JSON posts) is not the page's text.
            for name in [name for name in element.attrib if name.startswith("data-")]:
                del element.attrib[name]
    for element in doomed:
        _remove(element)  # a child of a removed element goes with it: removing it again is a no-op


def _tree_text(body: Any) -> str:
    """trafilatura's output tree as text: blocks separated by blank lines.

    A table row is one block, its non-empty cells separated by " | ".
    """
    from lxml import etree

    pieces: list[str] = []
    cells: list[int] = []  # where each open cell's text starts in pieces
    rows: list[bool] = []  # whether each open row has a non-empty cell yet
    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag in _BLOCKS:
                pieces.append("\n\n")
                if tag == "row":
                    rows.append(False)
            elif tag == "lb":
                pieces.append("\n")
            elif tag == "cell":
                cells.append(len(pieces))
            if element.text:
                pieces.append(_SPACES.sub(" ", element.text))
            continue
        if tag == "cell" and cells:
            start = cells.pop()
            if not "".join(pieces[start:]).strip():
                del pieces[start:]  # an empty cell adds no separator
            elif rows and rows[-1]:
                pieces.insert(start, " | ")
            elif rows:
                rows[-1] = True
        elif tag == "row" and rows:
            rows.pop()
        if tag in _BLOCKS:
            pieces.append("\n\n")
        if element.tail and element is not body:
            pieces.append(_SPACES.sub(" ", element.tail))
    lines = (line.strip(" ") for line in "".join(pieces).split("\n"))
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


# trafilatura makes every Unicode space a plain one, and "7 000" (a no-break space between
# digit groups) two numbers. Such spaces stand in as printable letters while it reads the
# tree (Lisu letters, chosen only when the page holds none of them), and come back after.
_DIGIT_GROUP_SPACE = re.compile("(?<=\\d)[\u00a0\u2007\u2009\u200a\u202f](?=\\d)")
_STAND_INS = "\ua4d0\ua4d1\ua4d2\ua4d3\ua4d4\ua4d5\ua4d6\ua4d7\ua4d8\ua4d9"
_ANY_STAND_IN = re.compile(f"[{_STAND_INS}]")


def _texts(tree: Any) -> Iterator[tuple[Any, str, str]]:
    for element in tree.iter():
        for where in ("text", "tail"):
            value = getattr(element, where)
            if value:
                yield element, where, value


def _stand_ins(tree: Any) -> dict[str, str]:
    """Which letter stands in for each digit-group space of the page, if any is needed."""
    spaces: set[str] = set()
    for _, _, value in _texts(tree):
        if _ANY_STAND_IN.search(value):
            return {}  # the page writes the letters itself: leave its spaces to trafilatura
        spaces.update(match.group() for match in _DIGIT_GROUP_SPACE.finditer(value))
    return dict(zip(sorted(spaces), _STAND_INS, strict=False))


def _swap(tree: Any, table: dict[str, str], pattern: re.Pattern[str]) -> None:
    for element, where, value in list(_texts(tree)):
        if pattern.search(value):
            setattr(element, where, pattern.sub(lambda m: table[m.group()], value))


def _headline(tree: Any) -> str | None:
    """The page's one <h1>, when it reads as a headline (four words or more), else None."""
    found = tree.findall(".//h1")
    if len(found) != 1:
        return None
    text = _SPACES.sub(" ", " ".join(found[0].itertext()).replace("\n", " ")).strip()
    words = len(text.split())
    return text if words >= _HEADLINE_WORDS and len(text) <= _LONGEST_HEADLINE else None


def read_article(page: str | Page | None) -> PageText | None:
    """The article of a page (its markup, or the page from
    :func:`~factcheck.sources.markup.parse_markup`, whose tree this changes) by
    trafilatura; None when the markup gives no tree at all, or a tree of more than
    :data:`MOST_ELEMENTS` elements once what no reader sees is removed.

    The text is empty when trafilatura finds no article (a page of a few words, say).
    """
    parsed = parse_markup(page) if isinstance(page, str) else page
    if parsed is None:
        return None
    tree = parsed.tree
    _drop_unseen(tree, keep_metadata=True)
    if any(True for _ in itertools.islice(tree.iter(), MOST_ELEMENTS, None)):
        return None  # before importing trafilatura: a big page never pays for it
    import trafilatura

    try:
        meta = trafilatura.extract_metadata(tree, date_config=_DATE_PARAMS)
        _drop_unseen(tree, keep_metadata=False)  # JSON-LD bodies are no text a reader sees
        stand_ins = _stand_ins(tree)
        back = {letter: space for space, letter in stand_ins.items()}
        if stand_ins:
            _swap(tree, stand_ins, _DIGIT_GROUP_SPACE)
        try:
            document = trafilatura.bare_extraction(
                tree, include_comments=False, include_tables=True, with_metadata=False
            )
        finally:  # the tag rules may read the tree next
            if stand_ins:
                _swap(tree, back, _ANY_STAND_IN)
    except (ValueError, TypeError, RecursionError) as exc:
        # The tag-rule reader reads what trafilatura cannot; --debug says why it could not.
        logger.debug("trafilatura cannot read the page (%s: %s)", type(exc).__name__, exc)
        return None
    body = None if document is None or isinstance(document, dict) else document.body
    text = _tree_text(body) if body is not None else ""
    if stand_ins:
        text = text.translate({ord(letter): space for letter, space in back.items()})
    headline = _headline(tree)
    if text and headline and headline not in text:
        # The headline states the story's claims too ("Flooding forces 2,300 from homes"),
        # but trafilatura leaves it out when it stands in a header block above the body.
        text = f"{headline}\n\n{text}"
    return PageText(
        text=text,
        title=meta.title or None,
        published=parse_iso_date(meta.date) if meta.date else None,
        url=meta.url or None,
    )
