"""A source's publication date: a dateline near the top, else a dated URL.

Only the first lines are searched for a dateline, and only lines that are
mostly a date: pages embed the timestamps of related articles further down,
and a headline that merely mentions a date is no dateline.
"""

from __future__ import annotations

import re
from datetime import date

from factcheck.sources.dates import MONTHS
from factcheck.sources.lines import iter_lines

__all__ = ["dateline_date", "find_publication_date", "url_date"]

_HEAD_LINES = 15
_LONGEST_DATELINE = 80
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_PREFIX = (
    r"(?:(?:first\s+|last\s+)?(?:published|posted|updated|date|dated)(?:\s+on)?\s*[:\-–—]?\s*)?"
    r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"
)
_TIME = (
    r"(?:(?:[\sT,|·•–—-]|\bat\b)+\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*\(?(?:[A-Z]{2,5}|Z|[+-]\d{2}:?\d{2}|UTC[+-]?\d{0,2})\)?)?)?"
)
_DATELINES = [
    re.compile(
        rf"{_PREFIX}(?P<year>\d{{4}})[/.-](?P<mnum>\d{{1,2}})[/.-](?P<day>\d{{1,2}}){_TIME}", re.I
    ),
    re.compile(rf"{_PREFIX}{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}}){_TIME}", re.I),
    re.compile(
        rf"{_PREFIX}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}}){_TIME}",
        re.I,
    ),
]
# A URL is found first, then a date inside it: one pattern searching lazily for the date
# from every "http" rescanned the rest of the token each time ("http://" * 14285: 10 s).
_URL = re.compile(r"https?://\S++")
_URL_DATE = re.compile(
    r"[/-](?P<year>(?:19|20)\d{2})[/-](?P<mnum>\d{2})[/-](?P<day>\d{2})(?:[/-]|\b)"
)


def _to_date(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    if groups.get("mnum"):
        month: int | None = int(groups["mnum"])
    else:
        month = MONTHS.get((groups.get("month") or "").lower())
    if month is None:
        return None
    try:
        return date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        return None  # "2025-13-40": not a date, so not a dateline


def dateline_date(line: str) -> date | None:
    """The date of a line that is a dateline ("Oct. 12, 2025", "Published: 2025-10-12")."""
    stripped = line.strip().strip("()[]|·•—–-").strip()
    if not stripped or len(stripped) > _LONGEST_DATELINE:
        return None
    for pattern in _DATELINES:
        match = pattern.fullmatch(stripped)
        if match and (found := _to_date(match)):
            return found
    return None


def url_date(text: str) -> date | None:
    """The date of the first URL in ``text`` with a date in its path (/2025/10/25/)."""
    for url in _URL.finditer(text):
        after_scheme = url.start() + url.group().index("://") + 3
        for match in _URL_DATE.finditer(text, after_scheme, url.end()):
            if found := _to_date(match):
                return found
    return None


def find_publication_date(text: str) -> date | None:
    """The date of a dateline among the first lines, else of the first dated URL."""
    for line in iter_lines(text, _HEAD_LINES):
        if found := dateline_date(line):
            return found
    return url_date(text)
