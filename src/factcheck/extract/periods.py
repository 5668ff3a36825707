"""The period a figure refers to, read from the words around it: a year, a quarter or half,
a round of a vote, the full year, or a date.

"Q4 2023" reads "2023-Q4", "the first half" "H1", "the run-off" "R2", "for the full year"
"FY", "March 2023" "2023-03"; a year a figure is compared with ("a 4% fall from 2022") is
its baseline, not its period.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from factcheck.models import Kind
from factcheck.units import CURRENCY_SIGNS

__all__ = ["period_in", "period_year", "read_period", "split_period"]

_QUARTER = re.compile(
    r"\b(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th|final)[\s-]+quarter)"
    r"(?:\s*(?:of\s+)?(?:fy\s*)?'?(\d{4}|\d{2})\b)?",
    re.IGNORECASE,
)
_HALF = re.compile(r"\b(?:h([12])|(first|second)[\s-]+half)\b", re.IGNORECASE)
_ROUND = re.compile(
    r"\b(?:(first|second|third|final)[\s-]+(?:round|ballot)|(run-?off))\b", re.IGNORECASE
)
_FULL_YEAR = re.compile(
    r"\b(?:full[\s-]+year|whole\s+year|entire\s+year|annual|for\s+the\s+year|yearly"
    r"|calendar\s+year)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(rf"(?<![\d.,{re.escape(CURRENCY_SIGNS)}])\b(19[5-9]\d|20\d{{2}})\b(?![%.,]?\d)")
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
}


def period_in(text: str, span: tuple[int, int]) -> str | None:
    """The year and part of it (quarter, half, round, full year) the sentence names."""

    def outside(match: re.Match[str]) -> bool:
        return match.end() <= span[0] or match.start() >= span[1]

    # Most sentences name no part of a year: one cheap search spares four.
    part, year = _part_of_year(text, outside) if _PART_HINT.search(text) else (None, None)
    if year is None:
        year = next(
            (m.group(1) for m in _YEAR.finditer(text) if outside(m) and not _baseline(text, m)),
            None,
        )
    if part and year:
        return f"{year}-{part}"
    return part or year


def _part_of_year(
    text: str, outside: Callable[[re.Match[str]], bool]
) -> tuple[str | None, str | None]:
    quarter = next((m for m in _QUARTER.finditer(text) if outside(m)), None)
    if quarter is not None:
        year = quarter.group(3)
        if year is not None and len(year) == 2:
            year = f"20{year}"
        return f"Q{quarter.group(1) or _ORDINALS[quarter.group(2).lower()]}", year
    half = next((m for m in _HALF.finditer(text) if outside(m)), None)
    if half is not None:
        return f"H{half.group(1) or (1 if half.group(2).lower() == 'first' else 2)}", None
    stage = next((m for m in _ROUND.finditer(text) if outside(m)), None)
    if stage is not None:
        # An election's rounds are its periods: "first round" against "runoff".
        ordinal = (stage.group(1) or "second").lower()
        return f"R{'F' if ordinal == 'final' else _ORDINALS.get(ordinal, 2)}", None
    if any(outside(m) for m in _FULL_YEAR.finditer(text)):
        return "FY", None
    return None, None


_PART_HINT = re.compile(r"quarter|\bq[1-4]|half|\bh[12]\b|round|ballot|run-?off|year|annual", re.I)

_BASELINE = re.compile(
    r"\b(?:from|than|since|compared\s+(?:with|to)|versus|vs\.?|against|over)\s+(?:the\s+)?"
    r"(?:same\s+\w+\s+(?:of|in)\s+)?$",
    re.IGNORECASE,
)


def _baseline(text: str, year: re.Match[str]) -> bool:
    """Whether a year is what the figure is compared with ("a 4% fall from 2022")."""
    return _BASELINE.search(text[max(0, year.start() - 40) : year.start()]) is not None


def period_year(period: str | None) -> int | None:
    """The year a period names, if any."""
    year = split_period(period)[0] if period else ""
    return int(year) if year else None


def split_period(period: str) -> tuple[str, str]:
    if period[:1].isdigit():
        year, _, part = period.partition("-")
        return year, part
    return "", period


def read_period(text: str, reference: date | None) -> str | None:
    """The period a time phrase names: "the fourth quarter", "March 2023", "6 February 2023".

    Dates are read by the extractor's own date reader (years completed from ``reference``);
    durations ("a five-year deal") name no period.
    """
    from factcheck.extract.quantities import find_quantities

    named = period_in(text, (len(text), len(text)))
    if named is not None and not named.isdigit():
        return named  # a part of a year ("2024-H1", "Q4") says more than its year
    for found in find_quantities(text, reference, 0.0):
        value = found.quantity.value
        if found.quantity.kind is Kind.DATE and isinstance(value, str) and value[:1].isdigit():
            return value
        if found.quantity.kind is Kind.YEAR:
            return str(int(float(value)))
    return named
