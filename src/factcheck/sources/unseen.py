"""What a reader never sees of an HTML page, for both readers of pages.

The article reader (:mod:`factcheck.sources.article`, on trafilatura's lxml tree) and
the tag-rule reader (:mod:`factcheck.sources.html`, on lxml's tree or its events) remove
the same elements before reading text: these rules, and the page as read, live here
once so that the two cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

__all__ = ["BLANK_LINES", "CHROME", "CONTENT", "NEVER_TEXT", "PageText", "is_hidden"]

NEVER_TEXT = frozenset(
    """script style noscript template iframe frame frameset object embed applet svg math
    canvas dialog button select textarea nav menu aside""".split()
)
"""Elements that are never text a reader sees as the article: code, styling, frames,
embedded objects, widgets, navigation."""

CHROME = frozenset({"header", "footer"})
"""Page chrome: never the article, unless inside it ("<article><header><h1>...")."""

CONTENT = frozenset({"article", "main"})
"""Elements that hold the article itself."""

BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
"""A run of blank lines between blocks of a page's text (folded to one)."""


def is_hidden(attributes: Mapping[str, object]) -> bool:
    """Whether an element with these attributes is hidden from a reader: ``hidden``,
    ``aria-hidden="true"``, a style of ``display:none`` or ``visibility:hidden`` (any
    whitespace, any case)."""
    style = "".join(str(attributes.get("style") or "").split()).lower()
    return (
        "hidden" in attributes
        or str(attributes.get("aria-hidden") or "").strip().lower() == "true"
        or "display:none" in style
        or "visibility:hidden" in style
    )


@dataclass(frozen=True)
class PageText:
    """A page as read: its text (blocks separated by blank lines) and its metadata."""

    text: str
    title: str | None
    published: date | None
    url: str | None
