"""Find a quoted passage in a source's text, forgiving whitespace and typography.

A fact sheet's quotes are typed or pasted by people: line breaks, doubled
spaces, straight instead of curly quotes and hyphens instead of dashes must
not break a citation, while any change of words must.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["find_quote", "fold_typography"]

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
    """Quotes, dashes and compatibility forms folded; whitespace runs as one space."""
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return _SPACE.sub(" ", folded).strip()


def _normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the offset it came from."""
    chars: list[str] = []
    origin: list[int] = []
    for offset, char in enumerate(text):
        folded = unicodedata.normalize("NFKC", char).translate(_FOLD)
        for out in folded:
            if out.isspace():
                if not chars or chars[-1] == " ":
                    continue
                out = " "
            chars.append(out)
            origin.append(offset)
    return "".join(chars), origin


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Offsets ``(start, end)`` in ``text`` of the first passage matching ``quote``, or None."""
    wanted = fold_typography(quote)
    if not wanted:
        return None
    haystack, origin = _normalise_with_offsets(text)
    at = haystack.find(wanted)
    if at < 0:
        return None
    last = at + len(wanted) - 1
    return origin[at], origin[last] + 1
