"""Calendar dates as English writes them, normalised to ISO 8601.

A date without a year gets the year that puts it nearest a reference date
(the source's publication date, else the run's reference date) and is marked
as inferred; without any reference the year stays unknown ("--11-10").
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import NamedTuple

from factcheck.models import Kind, Quantity
from factcheck.sources.dates import MONTHS, month_number

__all__ = ["MONTH_PATTERN", "DateSpan", "day_date", "month_date", "read_date"]

_FULL_NAMES = [calendar.month_name[number] for number in range(1, 13)]
_ABBREVIATIONS = sorted(
    (name.capitalize() for name in MONTHS if name.capitalize() not in _FULL_NAMES),
    key=len,
    reverse=True,
)
MONTH_PATTERN = rf"(?:{'|'.join(_FULL_NAMES)}|(?:{'|'.join(_ABBREVIATIONS)})\b\.?)"
"""A capitalised month name or abbreviation (case-sensitive on purpose: "may" is a verb)."""


class DateSpan(NamedTuple):
    """An ISO value and the first and last day it allows."""

    value: str
    low: str
    high: str
    year_inferred: bool


def _nearest_year(month: int, day: int, reference: date) -> int:
    """The year that puts month/day nearest ``reference`` (so within about six months)."""
    best_year, best_gap = reference.year, None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        last = calendar.monthrange(year, month)[1]
        gap = abs((date(year, month, min(day, last)) - reference).days)
        if best_gap is None or gap < best_gap:
            best_year, best_gap = year, gap
    return best_year


def day_date(year: int | None, month: int, day: int, reference: date | None) -> DateSpan:
    """A day-precision date; ``ValueError`` if the day does not exist."""
    inferred = False
    if year is None and reference is not None:
        year, inferred = _nearest_year(month, day, reference), True
    if year is None:
        if not 1 <= day <= (29 if month == 2 else calendar.monthrange(2001, month)[1]):
            raise ValueError(f"no day {day} in month {month}")
        value = f"--{month:02d}-{day:02d}"
    else:
        value = date(year, month, day).isoformat()
    return DateSpan(value, value, value, inferred)


def month_date(year: int | None, month: int, reference: date | None) -> DateSpan:
    """A month-precision date: value "YYYY-MM", interval first..last day."""
    inferred = False
    if year is None and reference is not None:
        year, inferred = _nearest_year(month, 15, reference), True
    if year is None:
        last = 29 if month == 2 else calendar.monthrange(2001, month)[1]
        return DateSpan(f"--{month:02d}", f"--{month:02d}-01", f"--{month:02d}-{last:02d}", False)
    if not 1 <= month <= 12:
        raise ValueError(f"no month {month}")
    last = calendar.monthrange(year, month)[1]
    return DateSpan(
        f"{year:04d}-{month:02d}",
        f"{year:04d}-{month:02d}-01",
        f"{year:04d}-{month:02d}-{last:02d}",
        inferred,
    )


_BARE_MONTH_OK = frozenset(
    "January February April June July August September October November December".split()
)
_MONTH_PREPOSITION = re.compile(
    r"(?i:in|since|by|until|till|from|through|during|before|after|of|early|mid|late|last"
    r"|next|this|between|and|to|or)[\s\u00a0\-]*\Z"
)


def _date_span(match: re.Match[str], reference: date | None) -> DateSpan | None:
    group = match.group
    try:
        if group("md_month"):
            year = group("md_year")
            return day_date(
                int(year) if year else None,
                month_number(group("md_month")),
                int(group("md_day").rstrip("stndrh")),
                reference,
            )
        if group("dm_month"):
            year = group("dm_year")
            return day_date(
                int(year) if year else None,
                month_number(group("dm_month")),
                int(group("dm_day").rstrip("stndrh")),
                reference,
            )
        if group("iso_year"):
            return day_date(
                int(group("iso_year")), int(group("iso_month")), int(group("iso_day")), None
            )
        if group("us_year"):
            return day_date(
                int(group("us_year")), int(group("us_month")), int(group("us_day")), None
            )
        year = group("my_year")
        return month_date(int(year) if year else None, month_number(group("my_month")), reference)
    except ValueError:
        return None  # "February 30": a number next to a month name, but not a date


def _bare_month_is_date(text: str, match: re.Match[str]) -> bool:
    """A month name alone is a date after a preposition; "May"/"Mar." need one."""
    if match.group("my_year") or match.group("part"):
        return True
    before = text[max(0, match.start() - 12) : match.start()]
    if _MONTH_PREPOSITION.search(before):
        return True
    return match.group("my_month") in _BARE_MONTH_OK and match.start() > 0


def _narrow_part(span: DateSpan, part: str | None) -> DateSpan:
    """ "early/mid/late October": the first, middle or last ten days of the month."""
    if not part or span.low.startswith("--"):
        return span
    prefix, last = span.low[:8], int(span.high[8:])
    bounds = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[
        part.strip().strip("-").strip().lower()
    ]
    return span._replace(low=f"{prefix}{bounds[0]:02d}", high=f"{prefix}{bounds[1]:02d}")


def read_date(text: str, match: re.Match[str], reference: date | None) -> Quantity | None:
    """The date a candidate from ``factcheck.extract.patterns.CANDIDATE`` states, if it is one."""
    if match.group("my_month") and not _bare_month_is_date(text, match):
        return None
    if match.group("iso_year") and match.start() > 0 and text[match.start() - 1].isalpha():
        return None
    span = _date_span(match, reference)
    if span is None:
        return None
    span = _narrow_part(span, match.group("part"))
    quantity = Quantity(
        kind=Kind.DATE,
        value=span.value,
        unit="date",
        low=span.low,
        high=span.high,
        year_inferred=span.year_inferred,
    )
    return quantity
