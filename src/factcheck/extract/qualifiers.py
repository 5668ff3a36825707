"""Words around a quantity that say how its value bounds the truth.

"about 70%" is approximate, "more than $6 million" a lower bound, "up to 100%"
an upper bound. The qualifier words are not part of the quantity's citation
span; they are read from the text just before (or after) it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from factcheck.models import Qualifier

__all__ = ["QUALIFIER_WORDS", "QualifierMatch", "qualifier_after", "qualifier_before"]

_BEFORE: tuple[tuple[str, Qualifier], ...] = (
    (r"no\s+(?:less|fewer)\s+than|at\s+least|a\s+minimum\s+of|as\s+(?:few|little|low)\s+as"
     r"|not\s+less\s+than|≥|>=", Qualifier.AT_LEAST),
    (r"no\s+more\s+than|not\s+more\s+than|up\s+to|as\s+(?:high|much|many|large)\s+as"
     r"|at\s+most|a\s+maximum\s+of|at\s+the\s+most|≤|<=", Qualifier.AT_MOST),
    (r"(?:just\s+|slightly\s+|a\s+little\s+)?(?:more|greater|higher|larger)\s+than"
     r"|(?:well\s+|just\s+|slightly\s+)?(?:over|above|beyond|exceeding|topping|surpassing)"
     r"|upwards\s+of|in\s+excess\s+of|north\s+of|>"
     r"|(?:exceeded|exceeds|exceed|exceeding|surpassed|surpasses|surpass|topped|tops"
     r"|(?:could|would|will|may|might|to|set\s+to|expected\s+to)\s+top)", Qualifier.MORE_THAN),
    (r"(?:just\s+|slightly\s+|a\s+little\s+)?(?:less|fewer|lower|smaller)\s+than"
     r"|(?:just\s+|slightly\s+|well\s+)?(?:under|below)|short\s+of|south\s+of|<",
     Qualifier.LESS_THAN),
    (r"about|around|roughly|nearly|almost|approximately|approx\.?|some|an\s+estimated"
     r"|estimated|circa|ca\.|close\s+to|an\s+approximate|~|≈|c\.", Qualifier.APPROXIMATE),
)  # fmt: skip

QUALIFIER_WORDS = frozenset(
    word for pattern, _ in _BEFORE for word in re.findall(r"(?<![\\?])[a-z]{2,}", pattern)
)
"""The words of the qualifiers ("about", "at least", "up to"), lower case."""

_ALTERNATIVES = "|".join(
    rf"(?P<q{index}>(?<![A-Za-z])(?:{pattern}))" for index, (pattern, _) in enumerate(_BEFORE)
)
_QUALIFIER_BEFORE = re.compile(rf"(?:{_ALTERNATIVES})[\s\u00a0]*\Z", re.IGNORECASE)
_QUALIFIER_AFTER = re.compile(
    # Spaces are read from the start of their run only: never rescanned from each space.
    r"\+|(?P<least>(?<![\s\u00a0])[\s\u00a0]++or\s++(?:more|greater|higher|above))(?![A-Za-z])"
    r"|(?P<most>(?<![\s\u00a0])[\s\u00a0]++or\s++(?:less|fewer|lower|below))(?![A-Za-z])",
    re.IGNORECASE,
)
_LOOKBACK = 32


class QualifierMatch(NamedTuple):
    """A qualifier and where its words start (or end, when after the quantity)."""

    qualifier: Qualifier
    offset: int


def qualifier_before(text: str, start: int) -> QualifierMatch | None:
    """The qualifier that ends right before ``text[start:]``, if any."""
    window_start = max(0, start - _LOOKBACK)
    match = _QUALIFIER_BEFORE.search(text[window_start:start])
    if match is None or match.lastgroup is None:
        return None
    index = int(match.lastgroup[1:])
    return QualifierMatch(_BEFORE[index][1], window_start + match.start())


def qualifier_after(text: str, end: int) -> QualifierMatch | None:
    """The qualifier that follows a quantity ending at ``end`` ("15,000+", "5 or more")."""
    match = _QUALIFIER_AFTER.match(text, end)
    if match is None:
        return None
    if match.group("most") is not None:
        return QualifierMatch(Qualifier.AT_MOST, match.end())
    return QualifierMatch(Qualifier.AT_LEAST, match.end())
