"""A source's publication date: a dateline near the top, else a dated URL.

Only the first lines are searched for a dateline: pages embed the timestamps of
related articles further down. A line is a dateline when it is mostly a date
("Oct. 12, 2025", "12 October 2025 09:00"), or when a dateline word opens it or
follows a separator ("Posted at 9:23 AM, Aug 04, 2014", "By Jane Doe | Published
12 March 2024", "date 2018-05-29 Arsenal have...") and a date follows that word
with nothing but a time, a weekday or a time zone between them; a headline that
merely mentions a date is no dateline. "Published", "posted" and "date" win over
"updated", which serves only when nothing else dates the text.

Every pattern here is linear: no repetition nests another over the same
characters; dateline words are looked for near the start of a line and their
dates in a window of fixed length after them, so a long line costs no more.
"""

from __future__ import annotations

import re
from datetime import date

from factcheck.sources.dates import MONTHS, TIME_ZONES, WEEKDAYS, abbreviations
from factcheck.sources.lines import iter_lines

__all__ = ["dateline_date", "find_publication_date", "url_date"]

_HEAD_LINES = 15
_LONGEST_DATELINE = 80
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_PREFIX = (
    r"(?:(?:first\s+|last\s+)?(?:published|posted|updated|date|dated)(?:\s+on)?\s*[:\-–—]?\s*)?"
    rf"(?:(?:{'|'.join(sorted(abbreviations(WEEKDAYS), key=len, reverse=True))})[a-z]*\.?,?\s+)?"
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


# A dateline word opening a line (after Markdown emphasis or a bullet) or after a separator.
_DATELINE_WORD = re.compile(
    r"(?:^[\s*_>#(\[]*|[|·•—–/]\s*)(?:(?:first|last)\s+)?"
    r"(?P<kind>published|posted|updated|dated|date)\b",
    re.I,
)
_WINDOW = 60  # a dateline's date starts this close after its word
_WORD_WITHIN = 120  # and its word this close to the start of the line
_MONTH_NAME = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATES_IN_TEXT = [
    re.compile(r"(?<!\d)(?P<year>\d{4})[/.-](?P<mnum>\d{1,2})[/.-](?P<day>\d{1,2})(?!\d)"),
    re.compile(
        rf"\b(?P<month>{_MONTH_NAME})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
        r"(?P<year>\d{4})(?!\d)",
        re.I,
    ),
    re.compile(
        rf"(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_NAME})\b"
        r"\.?,?\s+(?P<year>\d{4})(?!\d)",
        re.I,
    ),
    # 08/04/2014: month first as in the US, unless the first number cannot be a month
    re.compile(r"(?<!\d)(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>\d{4})(?!\d)"),
]
_GAP_WORD = re.compile(r"[A-Za-z]+")
_GAP_WORDS = frozenset(
    [*"on at am pm a m p t".split(), *WEEKDAYS, *(zone.lower() for zone in TIME_ZONES)]
)
_LONGEST_ZONE = 5  # "EST", "AEDT": time zones in capitals


def _to_date(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    if groups.get("first"):
        first, second = int(groups["first"]), int(groups["second"])
        month: int | None = first if first <= 12 else second
        day = second if first <= 12 else first
    else:
        day = int(groups["day"])
        if groups.get("mnum"):
            month = int(groups["mnum"])
        else:
            month = MONTHS.get((groups.get("month") or "").lower())
    if month is None:
        return None
    try:
        return date(int(groups["year"]), month, day)
    except ValueError:
        return None  # "2025-13-40": not a date, so not a dateline


def _only_time_between(gap: str) -> bool:
    """Whether the words between a dateline word and its date are a time, weekday or zone."""
    for word in _GAP_WORD.findall(gap):
        zone = word.isupper() and len(word) <= _LONGEST_ZONE
        if not zone and word.lower() not in _GAP_WORDS:
            return False
    return True


def _worded_dateline(line: str) -> tuple[str, date] | None:
    """The kind ("published", "updated"...) and date of a line with a dateline word."""
    for word in _DATELINE_WORD.finditer(line, 0, _WORD_WITHIN):
        start, end = word.end(), min(len(line), word.end() + _WINDOW)
        found = [m for p in _DATES_IN_TEXT if (m := p.search(line, start, end)) is not None]
        for match in sorted(found, key=lambda m: m.start()):
            when = _to_date(match)
            if when is not None and _only_time_between(line[start : match.start()]):
                return word.group("kind").lower(), when
    return None


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
    """The date of a dateline among the first lines, else of the first dated URL.

    A "published", "posted" or "date" line wins; then a line that is a date; then an
    "updated" line.
    """
    bare: date | None = None
    updated: date | None = None
    for line in iter_lines(text, _HEAD_LINES):
        worded = _worded_dateline(line)
        if worded is not None and worded[0] != "updated":
            return worded[1]
        if worded is not None and updated is None:
            updated = worded[1]
        if bare is None:
            bare = dateline_date(line)
    return bare or updated or url_date(text)
