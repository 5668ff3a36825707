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

from factcheck.extract.numbers import CARDINALS, ORDINALS
from factcheck.extract.words import FUTURE_CUES, PAST_CUES, alternation
from factcheck.models import Kind, Quantity
from factcheck.sources.dates import MONTHS, month_number

__all__ = [
    "DAY_WORD_PATTERN",
    "FISCAL_YEAR",
    "MONTH_PATTERN",
    "PERIODS",
    "PERIOD_PATTERN",
    "QUARTER_WORD_PATTERN",
    "DateSpan",
    "date_quantity",
    "day_date",
    "day_number",
    "month_date",
    "numeric_day_month",
    "read_date",
    "tells_of_the_past",
]

_FULL_NAMES = [calendar.month_name[number] for number in range(1, 13)]
_ABBREVIATIONS = sorted(
    (name.capitalize() for name in MONTHS if name.capitalize() not in _FULL_NAMES),
    key=len,
    reverse=True,
)
MONTH_PATTERN = rf"(?:{'|'.join(_FULL_NAMES)}|(?:{'|'.join(_ABBREVIATIONS)})\b\.?)"
"""A capitalised month name or abbreviation (case-sensitive on purpose: "may" is a verb)."""


_ORDINAL_DAYS = {word: number for word, number in ORDINALS.items() if number <= 31}
_CARDINAL_DAYS = {word: number for word, number in CARDINALS.items() if 1 <= number <= 31}
_ORDINAL_ALTERNATION = "|".join(sorted(_ORDINAL_DAYS, key=len, reverse=True))
_CARDINAL_ALTERNATION = "|".join(sorted(_CARDINAL_DAYS, key=len, reverse=True))
DAY_WORD_PATTERN = (
    rf"(?:(?:twenty|thirty)[\s\-](?:{_ORDINAL_ALTERNATION}|{_CARDINAL_ALTERNATION})"
    rf"|{_ORDINAL_ALTERNATION}|{_CARDINAL_ALTERNATION})"
)
"""A day of the month in words: "second", "twenty-first", "twenty nine"."""


def day_number(text: str) -> int:
    """The day of "18th", "18", "second", "twenty-first", "twenty nine"; ``ValueError`` if none."""
    lowered = text.strip().lower()
    if lowered[:1].isdigit():
        return int(lowered.rstrip("stndrh"))
    total = 0
    for word in re.split(r"[\s\-]+", lowered):
        if word in _ORDINAL_DAYS:
            total += _ORDINAL_DAYS[word]
        elif word in _CARDINAL_DAYS:
            total += _CARDINAL_DAYS[word]
        else:
            raise ValueError(f"not a day: {text!r}")
    return total


class DateSpan(NamedTuple):
    """An ISO value and the first and last day it allows."""

    value: str
    low: str
    high: str
    year_inferred: bool


def _nearest_year(month: int, day: int, reference: date, past: bool = False) -> int:
    """The year that puts month/day nearest ``reference`` (so within about six months).

    ``past``: the sentence tells of the past, so the nearest such day on or before it.
    """
    best_year, best_gap = reference.year, None
    # Only years a date can have: a reference of 9999-12-31 must not ask for year 10000.
    years = (reference.year - 1, reference.year, reference.year + 1)
    for year in (y for y in years if date.min.year <= y <= date.max.year):
        last = calendar.monthrange(year, month)[1]
        gap = abs((date(year, month, min(day, last)) - reference).days)
        if past and date(year, month, min(day, last)) > reference:
            continue
        if best_gap is None or gap < best_gap:
            best_year, best_gap = year, gap
    return best_year


def day_date(
    year: int | None, month: int, day: int, reference: date | None, past: bool = False
) -> DateSpan:
    """A day-precision date; ``ValueError`` if the day does not exist."""
    inferred = False
    if year is None and reference is not None:
        year, inferred = _nearest_year(month, day, reference, past), True
    if year is None:
        if not 1 <= day <= (29 if month == 2 else calendar.monthrange(2001, month)[1]):
            raise ValueError(f"no day {day} in month {month}")
        value = f"--{month:02d}-{day:02d}"
    else:
        value = date(year, month, day).isoformat()
    return DateSpan(value, value, value, inferred)


def month_date(
    year: int | None, month: int, reference: date | None, past: bool = False
) -> DateSpan:
    """A month-precision date: value "YYYY-MM", interval first..last day."""
    inferred = False
    if year is None and reference is not None:
        year, inferred = _nearest_year(month, 1 if past else 15, reference, past), True
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


# Every full month name but the two that are also English words ("to march", "may").
_BARE_MONTH_OK = frozenset(_FULL_NAMES) - {"March", "May"}
_MONTH_PREPOSITION = re.compile(
    r"(?i:in|since|by|until|till|from|through|during|before|after|of|early|mid|late|last"
    r"|next|this|between|and|to|or)[\s\u00a0\-]*\Z"
)


_PAST = re.compile(rf"\b(?:{alternation(PAST_CUES)}|[a-z]{{3,}}ed)\b", re.IGNORECASE)
_FUTURE = re.compile(rf"\b(?:{alternation(FUTURE_CUES)})\b|'ll\b", re.IGNORECASE)


def tells_of_the_past(sentence: str) -> bool:
    """Whether a sentence is in the past tense and names no future ("the storm struck on
    Sept. 20" is last September in a May article)."""
    return _PAST.search(sentence) is not None and _FUTURE.search(sentence) is None


def _year_of(text: str) -> int:
    """A four-digit year, or a two-digit one ("'23", "24") in the 2000s."""
    digits = text.strip("'’")
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def period_span(first: date, last: date, value: str) -> DateSpan:
    """A period (a quarter, a fiscal year) from its first to its last day."""
    return DateSpan(value, first.isoformat(), last.isoformat(), False)


def _quarter(year: int, number: int, half: bool = False) -> DateSpan:
    months = 6 if half else 3
    first_month = (number - 1) * months + 1
    last_month = first_month + months - 1
    last = date(year, last_month, calendar.monthrange(year, last_month)[1])
    label = f"{year:04d}-{'H' if half else 'Q'}{number}"
    return period_span(date(year, first_month, 1), last, label)


def _fiscal_year(year: int) -> DateSpan:
    """FY2024: named by the year it ends in (February 2023 to January 2024 for some retailers,
    October to September for the US government) or, in a few countries, the one it starts in
    (April 2024 to March 2025): the span covers every such reading."""
    return period_span(date(year - 1, 2, 1), date(year + 1, 3, 31), f"FY{year:04d}")


PERIODS: dict[str, int] = {"Q": 4, "H": 2}
"""Parts of a year written as a letter and a number, and how many a year has: quarters
("Q3", value "2024-Q3") and halves ("H1", value "2024-H1")."""

FISCAL_YEAR = "FY"
"""A fiscal year as written before its year ("FY2024", value "FY2024")."""

PERIOD_PATTERN = "|".join(f"{letter}[1-{count}]" for letter, count in PERIODS.items())
"""A part of a year written as a letter and a number ("Q1" to "Q4", "H1", "H2")."""

_QUARTER_WORDS = {word: n for word, n in ORDINALS.items() if n <= PERIODS["Q"]}
QUARTER_WORD_PATTERN = "|".join(_QUARTER_WORDS)
"""The ordinal of a quarter in words ("first" to "fourth")."""


def _date_span(match: re.Match[str], reference: date | None, past: bool) -> DateSpan | None:
    group = match.group
    try:
        if group("md_month"):
            year = group("md_year")
            return day_date(
                int(year) if year else None,
                month_number(group("md_month")),
                day_number(group("md_day")),
                reference,
                past,
            )
        if group("dm_month"):
            year = group("dm_year")
            return day_date(
                int(year) if year else None,
                month_number(group("dm_month")),
                day_number(group("dm_day")),
                reference,
                past,
            )
        if group("quarter"):
            kind, number = group("quarter")[0], int(group("quarter")[1])
            return _quarter(_year_of(group("quarter_year")), number, half=kind == "H")
        if group("fiscal"):
            return _fiscal_year(_year_of(group("fiscal_year")))
        if group("quarter_word"):
            number = _QUARTER_WORDS[group("quarter_word").lower()]
            return _quarter(int(group("quarter_word_year")), number)
        if group("nth_day"):
            return _nth_day(day_number(group("nth_day")), reference, past)
        if group("iso_year"):
            return day_date(
                int(group("iso_year")), int(group("iso_month")), int(group("iso_day")), None
            )
        if group("us_year"):
            return day_date(
                int(group("us_year")), int(group("us_month")), int(group("us_day")), None
            )
        year = group("my_year")
        month = month_number(group("my_month"))
        return month_date(int(year) if year else None, month, reference, past)
    except ValueError:
        return None  # "February 30": a number next to a month name, but not a date


def _nth_day(day: int, reference: date | None, past: bool) -> DateSpan | None:
    """ "on the 18th": that day of the month nearest the reference (or before it)."""
    if reference is None:
        return None
    candidates = []
    for shift in (-1, 0, 1):
        month_index = reference.year * 12 + reference.month - 1 + shift
        year, month = divmod(month_index, 12)
        if not date.min.year <= year <= date.max.year:
            continue
        if day <= calendar.monthrange(year, month + 1)[1]:
            candidates.append(date(year, month + 1, day))
    if past:
        candidates = [c for c in candidates if c <= reference]
    if not candidates:
        return None
    best = min(candidates, key=lambda c: abs((c - reference).days))
    return DateSpan(best.isoformat(), best.isoformat(), best.isoformat(), True)


_NTH_DAY_BEFORE = re.compile(
    r"(?i:on|by|since|until|till|from|before|after|for|of)[\s\u00a0]+the[\s\u00a0]+\Z"
)
_NUMERIC_DATE_BEFORE = re.compile(
    r"(?i:on|by|since|until|till|from|before|after|through|dated|date|due|of)[\s\u00a0]+\Z"
)


def numeric_day_month(
    text: str, start: int, first: int, second: int, reference: date | None
) -> DateSpan | None:
    """ "on 11/20", "22/04": a day and month in digits, where a fraction would not fit.

    Read as a date after a preposition of time (month first when both orders are possible,
    as in American English) or when the first figure cannot be a numerator (22/04); else
    ``None``, and the figures are a fraction ("3/4").
    """
    context = _NUMERIC_DATE_BEFORE.search(text[max(0, start - 12) : start]) is not None
    if not context and first < second:
        return None
    if (first, second) == (24, 7):
        return None  # "24/7": around the clock
    try:
        if first <= 12 and (second > 12 or context):
            return day_date(None, first, second, reference, tells_of_the_past(text))
        if second <= 12:
            return day_date(None, second, first, reference, tells_of_the_past(text))
    except ValueError:
        return None
    return None


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
    if match.group("nth_day") and not _NTH_DAY_BEFORE.search(text[: match.start()]):
        return None  # "the 27th floor", "the 25th anniversary"
    span = _date_span(match, reference, tells_of_the_past(text))
    if span is None:
        return None
    return date_quantity(_narrow_part(span, match.group("part")))


def date_quantity(span: DateSpan) -> Quantity:
    """The date quantity a span of days states."""
    return Quantity(
        kind=Kind.DATE,
        value=span.value,
        unit="date",
        low=span.low,
        high=span.high,
        year_inferred=span.year_inferred,
    )
