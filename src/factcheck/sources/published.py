"""A plain-text source's publication date: a dateline near the top, else a dated URL."""

from __future__ import annotations

import re
from datetime import date

__all__ = ["find_publication_date"]

_HEAD_LINES = 15
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_PREFIX = r"(?:(?:published|posted|updated|date)\s*:?\s*)?(?:[A-Za-z]+day,?\s+)?"
_TIME = (
    r"(?:[\sT,|]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}|Z|[+-]\d{2}:?\d{2})?)?"
)
_DATELINES = [
    re.compile(
        rf"{_PREFIX}(?P<year>\d{{4}})[/-](?P<mnum>\d{{1,2}})[/-](?P<day>\d{{1,2}}){_TIME}", re.I
    ),
    re.compile(rf"{_PREFIX}{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}}){_TIME}", re.I),
    re.compile(rf"{_PREFIX}(?P<day>\d{{1,2}})\s+{_MONTH},?\s+(?P<year>\d{{4}}){_TIME}", re.I),
]
_DATED_URL = re.compile(
    r"https?://\S*?[/-](?P<year>(?:19|20)\d{2})[/-](?P<mnum>\d{2})[/-](?P<day>\d{2})(?:[/-]|\b)"
)


def _to_date(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    month = (
        int(groups["mnum"])
        if groups.get("mnum")
        else _MONTHS.get((groups.get("month") or "").lower())
    )
    if month is None:
        return None
    try:
        return date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        return None


def find_publication_date(text: str) -> date | None:
    """The date of a dateline among the first lines, else of the first dated URL."""
    for line in text.splitlines()[:_HEAD_LINES]:
        stripped = line.strip()
        if not stripped or len(stripped) > 60:
            continue
        for pattern in _DATELINES:
            match = pattern.fullmatch(stripped)
            if match and (found := _to_date(match)):
                return found
    for match in _DATED_URL.finditer(text):
        if found := _to_date(match):
            return found
    return None
