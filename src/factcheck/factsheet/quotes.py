"""Find a quoted passage in a source's text, forgiving whitespace and typography.

A fact sheet's quotes are typed or pasted by people: line breaks, doubled
spaces, straight instead of curly quotes and hyphens instead of dashes must
not break a citation, while any change of words must.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array

from factcheck.sources.normalise import normalise_text

__all__ = ["FoldedText", "find_quote", "fold_typography"]

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2026": "...",
    }
)
_SPACE = re.compile(r"\s+")


def fold_typography(text: str) -> str:
    """Quotes, dashes and compatibility forms folded; whitespace runs as one space;
    invisible characters removed as the readers remove them from sources."""
    folded = unicodedata.normalize("NFKC", normalise_text(text)).translate(_FOLD)
    return _SPACE.sub(" ", folded).strip()


_RUNS = re.compile(r"[\x21-\x7e]+|\s+|.", re.S)
"""Printable ASCII (which folding leaves as it is), whitespace, or one other character."""


class FoldedText:
    """A source's text folded once (as :func:`fold_typography` folds a quote), with the
    way back to offsets in the text: a validation checks every citation of a source
    against one folding, not one per quote (30 quotes on 6 MB took 52 s).

    The way back is kept per run, not per character: a run of printable ASCII maps
    one to one; whitespace and folded characters map each to where they came from.
    """

    def __init__(self, text: str) -> None:
        parts: list[str] = []
        self._starts = array("q")  # where each run starts in the folded text
        self._origins = array("q")  # and where it came from in the text
        self._linear = bytearray()  # whether the run maps one to one (else all to its origin)
        size = 0
        last_is_space = True  # no space at the start

        def add(piece: str, origin: int, linear: bool) -> None:
            nonlocal size
            parts.append(piece)
            self._starts.append(size)
            self._origins.append(origin)
            self._linear.append(linear)
            size += len(piece)

        for run in _RUNS.finditer(text):
            piece, at = run.group(), run.start()
            if piece[0] > " " and piece[0] <= "~":
                add(piece, at, True)
                last_is_space = False
                continue
            for out in unicodedata.normalize("NFKC", piece).translate(_FOLD):
                if out.isspace():
                    if last_is_space:
                        continue
                    out = " "
                add(out, at, False)
                last_is_space = out == " "
        self.text = "".join(parts)

    def _origin(self, index: int) -> int:
        run = bisect.bisect_right(self._starts, index) - 1
        offset = index - self._starts[run] if self._linear[run] else 0
        return self._origins[run] + offset

    def find(self, quote: str) -> tuple[int, int] | None:
        """Offsets ``(start, end)`` in the text of the first passage matching ``quote``."""
        wanted = fold_typography(quote)
        if not wanted:
            return None
        at = self.text.find(wanted)
        if at < 0:
            return None
        return self._origin(at), self._origin(at + len(wanted) - 1) + 1


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Offsets ``(start, end)`` in ``text`` of the first passage matching ``quote``, or None.

    Folds the whole text: to look for several quotes in one text, keep a
    :class:`FoldedText` of it."""
    return FoldedText(text).find(quote)
