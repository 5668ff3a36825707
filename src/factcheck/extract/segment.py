"""Split a source into sentences that keep their offsets into the source text.

Linear and regex-driven: lines are found first (a line break ends a sentence,
so headlines and bullets without final punctuation stand alone, unless the
break merely wraps a running sentence), then sentence ends inside each line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from factcheck.extract.words import FUNCTION_WORDS, capitalised
from factcheck.models import Sentence, Source
from factcheck.sources.dates import MONTHS, WEEKDAYS, abbreviations

__all__ = ["collapse_whitespace", "iter_sentences", "split_sentences"]

_LINE = re.compile(r"[^\n]+")
_LEADING_MARKER = re.compile(
    r"(?<![^\S\n])[^\S\n]*+(?:[•·▪◦‣●○■□►▶✓✔*\-–—]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s++(?=\S)"
)
"""A bullet or list number opening a line: not part of the sentence."""

_SENTENCE_END = re.compile(
    r"""
    (?:
        # full stop, ellipsis, "[…]"; a run of stops is read from its start only, so that
        # "....." costs one pass, not one pass per dot
        (?P<stop>(?<![.!?])[.!?]++|(?<!…)…++|\[(?:…|\.\.\.)\])
        (?P<close>["”’')\]»]*)                    # closing quotes after the stop
        (?:
            [ \t\u00a0\u2009\u202f]++(?=["“‘'(\[«]?[A-Z\d])  # space, then a capital
          | (?<=…|\])(?=["“‘(«]?[A-Z])           # "[…]China": glued after an ellipsis
        )
    )
    | (?P<pipe>(?<=[ \t\u00a0])\|(?=[ \t\u00a0]))    # "text | Credit": a caption separator
    """,
    re.VERBOSE,
)

_STOP_CHAR = re.compile(r"[.!?…\[|]")
"""Where a sentence end may start: found first, because a bare character class scans fast."""

_ABBREVIATIONS = frozenset(
    [
        *"""mr mrs ms dr prof sr jr st mt ft inc ltd co corp llc plc bros dept est approx
        no nos vs v etc al fig figs vol ed eds gen gov sen rep lt col capt cmdr sgt rev
        pres e.g i.e cf ca ave blvd rd hon messrs mme mlle adm maj""".split(),
        *abbreviations(MONTHS),
        *abbreviations(WEEKDAYS),
    ]
)
"""Words that end in a full stop without ending a sentence (lower case, no final dot)."""

_SENTENCE_STARTERS = capitalised(FUNCTION_WORDS) | frozenset(
    "However Meanwhile Now Officials".split()
)
"""Words that after "U.S." or another dotted abbreviation signal a new sentence."""

_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}$|[A-Za-z](?:\.[A-Za-z])+$")
_FIRST_WORD = re.compile(r"[\"“‘'(\[«]?([A-Za-z]+)")
_SOFT_WRAP_END = re.compile(r"[a-z,;:]$")


def _is_abbreviation(text: str, stop_start: int, next_start: int) -> bool:
    """Whether the single full stop at ``stop_start`` belongs to an abbreviation."""
    match = _WORD_BEFORE.search(text, max(0, stop_start - 20), stop_start)
    if match is None:
        return False
    word = match.group(1)
    lower = word.lower().rstrip(".")
    following = _FIRST_WORD.match(text, next_start)
    starts_sentence = following is not None and following.group(1) in _SENTENCE_STARTERS
    if len(word) == 1 and word.isupper():
        return not starts_sentence  # an initial ("J. Smith"), unless a sentence follows
    dotted = _DOTTED.search(word + ".")
    if lower in _ABBREVIATIONS and not dotted:
        return True
    if dotted or "." in word:
        return not starts_sentence
    return False


def _lines(text: str) -> Iterable[tuple[int, int]]:
    """Line spans, joining a line to the next when the break only wraps a sentence."""
    start = end = -1
    last = ""  # the last non-space character of the span so far: never rescan the span
    for match in _LINE.finditer(text):
        if start >= 0:
            wraps = (
                match.start() - end == 1  # one line break between them
                and _SOFT_WRAP_END.search(last) is not None
                and text[match.start()].islower()
            )
            if wraps:
                end = match.end()
                last = match.group().rstrip()[-1:] or last
                continue
            yield start, end
        start, end = match.start(), match.end()
        last = match.group().rstrip()[-1:]
    if start >= 0:
        yield start, end


def _pieces(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """Sentence spans inside one line span."""
    piece_start = taken = start
    for candidate in _STOP_CHAR.finditer(text, start, end):
        if candidate.start() < taken:
            continue
        match = _SENTENCE_END.match(text, candidate.start(), end)
        if match is None:
            continue
        taken = match.end()
        if match.group("pipe") is not None:
            yield piece_start, match.start()  # trailing spaces are stripped by the caller
            piece_start = match.end()
            continue
        stop = match.group("stop")
        if stop == "." and _is_abbreviation(text, match.start("stop"), match.end()):
            continue
        cut = match.end("close")
        yield piece_start, cut
        piece_start = cut
    yield piece_start, end


MAX_SENTENCE_CHARS = 2000
"""Longer runs without a sentence end (a megabyte of unpunctuated text) are cut at
whitespace into pieces of at most this size, so no citation carries a huge sentence."""


def _bounded(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, limit)
        cut = limit if cut <= start else cut
        yield start, cut
        start = cut
    yield start, end


def split_sentences(source: Source) -> list[Sentence]:
    """Every sentence of ``source`` in order, as spans of its text (1-based lines)."""
    return list(iter_sentences(source))


def iter_sentences(source: Source) -> Iterator[Sentence]:
    """The sentences of ``source`` one at a time: memory stays flat on huge sources."""
    text = source.text
    line, counted_to = 1, 0
    for line_start, line_end in _lines(text):
        marker = _LEADING_MARKER.match(text, line_start, line_end)
        first = marker.end() if marker else line_start
        for piece_start, piece_end in _pieces(text, first, line_end):
            for raw_start, raw_end in _bounded(text, piece_start, piece_end):
                piece = text[raw_start:raw_end]
                stripped = piece.strip()
                if not stripped or not any(ch.isalnum() for ch in stripped):
                    continue
                begin = raw_start + (len(piece) - len(piece.lstrip()))
                finish = begin + len(stripped)
                line += text.count("\n", counted_to, begin)
                counted_to = begin
                yield Sentence(source=source.id, start=begin, end=finish, text=stripped, line=line)


def collapse_whitespace(text: str) -> str:
    """The key under which two sentences count as the same: collapsed whitespace."""
    return " ".join(text.split())
