"""The calendar every part of factcheck reads: month and weekday names, time zones, and
ISO 8601 dates.

One table each of months and weekdays (names and abbreviations, lower case) and of time
zones, and one reader of ISO 8601 dates and date-times, shared by the metadata readers
here (HTML, Markdown front matter, JSON Lines, datelines) and by extraction.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

__all__ = [
    "DATELINE_ZONES",
    "EARLIEST_PUBLISHED",
    "MONTHS",
    "TIME_ZONES",
    "WEEKDAYS",
    "abbreviations",
    "month_number",
    "parse_iso_date",
    "plausibly_published",
]

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
"""Month number by lower-case name or abbreviation."""

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
"""Weekday number (Monday 0) by lower-case name or abbreviation."""

TIME_ZONES: tuple[str, ...] = (
    "UTC", "GMT", "Z", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "BST", "CET",
    "CEST", "IST", "JST", "AEST", "AEDT",
)  # fmt: skip
"""Time zones as written after a clock time ("10:30 GMT", "08:00Z")."""

DATELINE_ZONES: tuple[str, ...] = ("ET", "CT", "MT", "PT")
"""Zones written without standard or daylight time, read in datelines only: after a
figure, "MT" is more often metric tons."""


def abbreviations(names: dict[str, int]) -> list[str]:
    """The abbreviations of a table of names (:data:`MONTHS`, :data:`WEEKDAYS`): every
    name shorter than the longest one of its number ("sept", "thurs"; not "may")."""
    longest: dict[int, str] = {}
    for name, number in names.items():
        if len(name) > len(longest.get(number, "")):
            longest[number] = name
    return [name for name, number in names.items() if name != longest[number]]


def month_number(name: str) -> int:
    """Month number of a name or abbreviation ("Sept." -> 9); ``KeyError`` if unknown."""
    return MONTHS[name.lower().rstrip(".")]


def parse_iso_date(text: str) -> date | None:
    """The date of an ISO 8601 date or date-time ("2025-10-12", "2025-10-12T08:00Z").

    A value that is not one as a whole is read by its first ten characters; None
    when those are no date either, or no date a document can have been published on
    (:func:`plausibly_published`: "0001-01-01" and "9999-12-31" are placeholders that
    publishing systems write).
    """
    value = text.strip()
    if not value:
        return None
    try:
        found = datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            found = date.fromisoformat(value[:10])
        except ValueError:
            return None
    return found if plausibly_published(found) else None


EARLIEST_PUBLISHED = date(1800, 1, 1)
"""Earlier publication dates are placeholders ("0001-01-01"), not when a source appeared."""


def plausibly_published(when: date, today: date | None = None) -> bool:
    """Whether a source can have been published on ``when``: not before
    :data:`EARLIEST_PUBLISHED`, and not after tomorrow (``today`` by the clock, the
    day after allowing for time zones). "Published: 9999-12-31" would otherwise become
    every source's reference date, and put their yearless dates in the year 9999."""
    latest = (today or date.today()) + timedelta(days=1)
    return EARLIEST_PUBLISHED <= when <= latest
