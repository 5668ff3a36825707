"""Where extracted text stands in its original file: the map of an HTML page's text.

An HTML source's text is extracted from the markup, so a line of the text is not a
line of the file. :func:`file_positions` aligns the extracted text with the text a
browser would show from the markup (tags, comments, scripts and styles left out,
character references decoded) and records, for each word of the extracted text that
it finds, the word's line and column in the file. Blocks (the text's lines) are
looked for whole first, so that a word is not matched to an earlier occurrence in
navigation or a teaser; a word not found in order keeps no anchor, and offsets in it
fall back to the anchor before it (:meth:`factcheck.models.Source.position_of`).
"""

from __future__ import annotations

import bisect
import html
import re
from array import array

__all__ = ["file_positions"]

_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style|template|noscript|title)\b.*?(?:</\1\s*>|\Z)|<[^>]*>?"
    r"|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?",
    re.S | re.I,
)
_WORD = re.compile(r"\S+")
# How far ahead a block, then a word, is looked for: text the extractor left out (menus,
# teasers) lies between blocks, and a bounded search keeps a page of many unmatched
# blocks linear in its size.
_BLOCK_WINDOW = 1 << 18
_WORD_WINDOW = 1 << 12


def _visible(markup: str) -> tuple[str, array[int]]:
    """The markup's visible characters other than whitespace, and the file offset of each."""
    chars: list[str] = []
    offsets: array[int] = array("i")  # sources are capped far below 2**31 characters

    def text(piece: str, start: int) -> None:
        for run in _WORD.finditer(piece):
            chars.append(run.group())
            offsets.extend(range(start + run.start(), start + run.end()))

    position = 0
    for match in _MARKUP.finditer(markup):
        text(markup[position : match.start()], position)
        token = match.group()
        if token.startswith("&"):
            for char in html.unescape(token):
                if not char.isspace():
                    chars.append(char)
                    offsets.append(match.start())
        position = match.end()
    text(markup[position:], position)
    return "".join(chars), offsets


def file_positions(text: str, markup: str) -> tuple[int, ...]:
    """Anchors from ``text`` (extracted from ``markup``) into the file, flattened:
    ``(text offset, line, column, ...)`` for each word found, lines and columns from 1."""
    visible, offsets = _visible(markup)
    line_starts = [0, *(match.end() for match in re.finditer("\n", markup))]
    anchors: list[int] = []
    cursor = 0

    def anchor(text_offset: int, visible_index: int) -> None:
        file_offset = offsets[visible_index]
        line = bisect.bisect_right(line_starts, file_offset)
        anchors.extend((text_offset, line, file_offset - line_starts[line - 1] + 1))

    block_start = 0
    for block in text.split("\n"):
        words = list(_WORD.finditer(block))
        joined = "".join(word.group() for word in words)
        window = cursor + _BLOCK_WINDOW + 4 * len(joined)
        found = visible.find(joined, cursor, window) if joined else -1
        if found >= 0:
            at = found
            for word in words:
                anchor(block_start + word.start(), at)
                at += len(word.group())
            cursor = found + len(joined)
        else:
            for word in words:
                at = visible.find(word.group(), cursor, cursor + _WORD_WINDOW)
                if at >= 0:
                    anchor(block_start + word.start(), at)
                    cursor = at + len(word.group())
        block_start += len(block) + 1
    return tuple(anchors)
