"""Find the quantities stated in one sentence: their spans and normalised values.

Each candidate from :data:`factcheck.extract.patterns.CANDIDATE` is read into a
:class:`Quantity` (kind, value in base units, unit, qualifier, interval), or
rejected when it is not a claim: clock and reading times, list numbers, parts
of names and codes ("COVID-19", "Boeing 737", "Phase One"), numbers in links.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

from factcheck.extract.dates import date_quantity, numeric_day_month, read_date
from factcheck.extract.numbers import ParsedNumber, parse_number, parse_share_words
from factcheck.extract.patterns import (
    ANCHOR,
    CANDIDATE,
    CENTS_AFTER,
    CLOCK_OR_BYLINE,
    LINK_OR_EMAIL,
    QUANTITY,
    RANGE_TAIL,
)
from factcheck.extract.qualifiers import qualifier_after, qualifier_before
from factcheck.extract.words import FUNCTION_WORDS, capitalised
from factcheck.models import Kind, Qualifier, Quantity
from factcheck.sources.dates import DATELINE_ZONES, TIME_ZONES, WEEKDAYS
from factcheck.units import (
    CURRENCY_PREFIXES,
    CURRENCY_SIGNS,
    CURRENCY_SUBUNITS,
    CURRENCY_WORDS,
    Dimension,
    read_unit,
)

__all__ = ["Found", "find_quantities"]


class Found(NamedTuple):
    """A quantity and its span within the sentence."""

    start: int
    end: int
    quantity: Quantity


class _Reading(NamedTuple):
    """One end of a quantity as written: number, kind and unit."""

    number: ParsedNumber
    kind: Kind
    unit: str
    words: bool  # written in words ("six"), not digits
    explicit: bool  # carries a currency, scale or unit of its own


_CHANGE_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:from|by|rose|fell|grew|jumped|climbed|dropped|declined|increased|decreased"
    r"|surged|slid|slumped|soared|rising|falling|raised|lowered|cut|up|down)\s*\Z",
    re.IGNORECASE,
)
_HYPHEN_PREFIX = re.compile(r"(?i:mid|pre|post|early|late|end|then|circa|over|under)-\Z")
_LABEL_BEFORE = re.compile(r"(?:\b(?:No|Nos|no|Vol|vol|Art|art|Nr|nr)\.?|#)[\s\u00a0]?\Z")
_NAME_BEFORE = re.compile(
    # The last word before the figure, from its first letter. Tried only where a run of word
    # characters starts, and given up at once unless that run reaches the final space.
    r"(?<![\w\-])(?=[\w\-]*+[\s\u00a0]\Z)[\w\-]*?([A-Za-z][\w\-]*)[\s\u00a0]\Z"
)
_NOT_A_NAME_BEFORE = capitalised(FUNCTION_WORDS) | frozenset(
    """Top Last Next First Approximately Exactly Roughly Nearly Almost Lost Won Raised Spent
    Paid Cut Added""".split()
)
"""Capitalised words that may stand before a figure without making it part of a name."""
_HALF_OF_WHAT_BEFORE = re.compile(r"(?:first|second|other|latter|and an?|and)\s*\Z")
_HALF_OF_WHAT_AFTER = re.compile(
    r"(?<![\s\-])[\s\-]++(?:an?\s++)?(?:hour|day|week|month|year|decade|century|time|point|dozen)"
)
_SHARE_IN_WORDS = re.compile(r"\s(?:in|out\s+of)\s")
_SHARE_FOLLOWER = re.compile(r"(?<!\s)(?:\s++of\b|\s*+[.,;:!?)…]|\s*+\Z)")
_SHARE_RATIO = re.compile(
    r"\A(.+?)(?<!\s)\s++(?:in|out\s++of)\s+(.+)", re.IGNORECASE | re.DOTALL
)  # as numbers._SHARE_IN: linear, not cubic
_YEAR_LIKE = re.compile(r"1\d{3}|2[01]\d\d")
_LETTER_HYPHEN_END = re.compile(r"[A-Za-z]-\Z")
_BETWEEN_END = re.compile(r"between\s*\Z")
# Weekdays by their first three letters, and time zones of two letters or more.
_DATELINE_WORDS = "|".join(
    sorted(
        {day[:3] for day in WEEKDAYS}
        | {zone.lower() for zone in (*TIME_ZONES, *DATELINE_ZONES) if len(zone) > 1},
        key=lambda w: (-len(w), w),
    )
)
_DATELINE_REST = re.compile(
    # Each word is one atomic piece: "monmon" or "a.m." can be cut into keywords, letters
    # and separators in many ways, and trying them all on a failed match is exponential.
    r"[\s\d:,.|/\-–—()]*+(?>(?i:[ap]\.?m\.?|updated|published|posted"
    rf"|{_DATELINE_WORDS})[a-z]*[\s\d:,.|/\-–—()]*)*+"
)


def _reading(match: re.Match[str], index: int, currency: str | None) -> _Reading | None:
    """Read number ``index`` (1 or 2) of a candidate; ``None`` if it is not a quantity."""
    num = match.group(f"num{index}")
    scale = match.group(f"scale{index}")
    scale_word = " ".join(scale.split()) if scale else None
    if scale_word and not _glued_scale_is_a_scale(match, index, scale_word, currency):
        return None
    words = not any(ch.isdigit() for ch in num)
    try:
        number = parse_number(num if num.strip().lower() != "a" else "one", scale_word)
    except ValueError:
        return None
    explicit = bool(scale_word) or currency is not None
    if match.group(f"percent{index}"):
        return _Reading(number, Kind.PERCENT, "%", words, True)
    points = match.group(f"points{index}")
    if points:
        if "b" in points.lower():  # basis points are hundredths of a percentage point
            number = ParsedNumber(number.value / 100, number.precision / 100)
        return _Reading(number, Kind.PERCENTAGE_POINTS, "pp", words, True)
    curword = match.group(f"curword{index}")
    if curword:
        prefixed = _SCALED_CODE.fullmatch(curword.strip(" \u00a0-\t"))
        if prefixed is not None and not scale_word:  # "30 MUSD", "120 MEUR"
            number = parse_number(num, prefixed.group(1))
            return _Reading(
                number, Kind.MONEY, CURRENCY_WORDS[prefixed.group(2).lower()], words, True
            )
        key = " ".join(curword.strip().strip("-").lower().split()).rstrip("s")
        code = CURRENCY_WORDS.get(key) or CURRENCY_WORDS.get(key.split(" ")[-1])
        return _Reading(number, Kind.MONEY, code or "USD", words, True)
    if currency is not None:
        return _Reading(number, Kind.MONEY, currency, words, True)
    written = match.group(f"duration{index}") or match.group(f"measure{index}")
    if written:
        return _measure(number, written, words)
    return _Reading(number, Kind.COUNT, "", words, explicit)


_SCALED_CODE = re.compile(r"([MkKB]|mn|bn)([A-Z]{3})")
_MILLION_NOUN = re.compile(r"(?<![\s\u00a0])[\s\u00a0]++(?:people|[a-z]{3,}s)\b(?<!across)")


def _glued_scale_is_a_scale(
    match: re.Match[str], index: int, scale: str, currency: str | None
) -> bool:
    """Whether a single letter after a number is a scale: "$6M", "1.2b", "10G", "1.2m people".

    "5m" alone is five metres and "4G" a network; "k" and the scale words always are.
    """
    if scale not in ("m", "M", "b", "B", "G") or currency is not None:
        return True
    if scale in "bB":
        return True
    num = match.group(f"num{index}")
    if scale == "G":
        return len(num.strip()) > 1  # "10G" is ten billion, "4G" and "5G" networks
    return _MILLION_NOUN.match(match.string, match.end(f"scale{index}")) is not None


def _measure(number: ParsedNumber, written: str, words: bool) -> _Reading | None:
    """An amount of a unit of :mod:`factcheck.units`, kept in that unit ("5 cents" is money)."""
    key = " ".join(written.strip().strip("-").split()).lower()
    subunit = CURRENCY_SUBUNITS.get(key.removesuffix("s"))
    if subunit is not None:
        code, share = subunit
        # 15 significant digits drop the float noise of a factor such as 0.01
        scaled = ParsedNumber(
            float(f"{number.value * share:.15g}"), float(f"{number.precision * share:.15g}")
        )
        return _Reading(scaled, Kind.MONEY, code, words, True)
    unit = read_unit(written)
    if unit is None:  # defensive: the patterns are generated from the table
        return None
    kind = Kind.DURATION if unit.dimension is Dimension.TIME else Kind.COUNT
    return _Reading(number, kind, unit.symbol, words, True)


def _currency(match: re.Match[str], index: int) -> str | None:
    prefix = match.group(f"cur{index}")
    return CURRENCY_PREFIXES[" ".join(prefix.split())] if prefix else None


def _is_year(reading: _Reading, text: str) -> bool:
    return (
        reading.kind is Kind.COUNT
        and not reading.explicit
        and not reading.words
        and len(text) == 4
        and text.isdigit()
        and 1000 <= reading.number.value <= 2199
    )


def _interval(
    value: float, precision: float, qualifier: Qualifier, margin: float
) -> tuple[float | None, float | None]:
    if qualifier is Qualifier.EXACT:
        return value - precision, value + precision
    if qualifier is Qualifier.APPROXIMATE:
        half = max(precision, margin * abs(value))
        return value - half, value + half
    if qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        return value, None
    return None, value


def _qualify(text: str, start: int, end: int) -> tuple[Qualifier, int]:
    """The qualifier around ``text[start:end]`` and the quantity's possibly extended end."""
    after = qualifier_after(text, end)
    if after is not None:
        return after.qualifier, end + (1 if text[end] == "+" else 0)
    before = qualifier_before(text, start)
    return (before.qualifier if before else Qualifier.EXACT), end


def _share(text: str, match: re.Match[str], margin: float) -> Found | None:
    written = match.group("share")
    lowered = written.lower()
    if lowered == "half":
        before = text[max(0, match.start() - 8) : match.start()].lower()
        after = text[match.end() : match.end() + 12].lower()
        if _HALF_OF_WHAT_BEFORE.search(before) or _HALF_OF_WHAT_AFTER.match(after):
            return None  # "the first half of 2025", "two and a half", "half an hour"
    elif not _SHARE_IN_WORDS.search(lowered) and not _SHARE_FOLLOWER.match(text, match.end()):
        return None  # "a third round" is an ordinal, "a third of" a share
    ratio = _SHARE_RATIO.fullmatch(written)
    if ratio and _YEAR_LIKE.fullmatch(ratio.group(2).strip()):
        return None  # "killed more than 1,400 in 1974": a count and a year, not a share
    try:
        value = parse_share_words(written)
    except ValueError:
        return None
    if not 0 <= value <= 100:
        return None
    qualifier, end = _qualify(text, match.start(), match.end())
    low, high = _interval(value, 0.0, qualifier, margin)
    quantity = Quantity(
        kind=Kind.PERCENT, value=value, unit="%", qualifier=qualifier, low=low, high=high
    )
    return Found(match.start(), end, quantity)


def _is_name_or_code(text: str, match: re.Match[str], first: _Reading) -> bool:
    """Whether a bare figure is part of a name or code: "Boeing 737", "F-35", "Phase One"."""
    start = match.start()
    num = match.group("num1")
    if start > 0 and text[start - 1] in "-–":
        before = text[max(0, start - 8) : start]
        if _LETTER_HYPHEN_END.search(before) and not _HYPHEN_PREFIX.search(before):
            return True
    if first.explicit:
        return False
    window = text[max(0, start - 24) : start]
    if _LABEL_BEFORE.search(window):
        return True
    if first.words:
        return num[0].isupper() and start > 0 and text[:start].strip(" \"“‘'(") != ""
    name = _NAME_BEFORE.search(window)
    return (
        name is not None
        and not _is_year(first, num)
        and any(ch.isupper() for ch in name.group(1))
        and name.group(1) not in _NOT_A_NAME_BEFORE
        and first.kind is Kind.COUNT
    )


def _range_end(
    text: str, match: re.Match[str], first: _Reading
) -> tuple[re.Match[str], _Reading] | None:
    """The second end of "five to seven years", "5-7%", "$5-7 billion", "2026–2030"."""
    tail = RANGE_TAIL.match(text, match.end())
    if tail is None or (tail.group("cur2") and first.kind is not Kind.MONEY):
        return None
    end = tail.end()
    if end < len(text) and (text[end].isalnum() or text[end] in CURRENCY_SIGNS):
        return None
    inherited = first.unit if first.kind is Kind.MONEY else None
    second = _reading(tail, 2, _currency(tail, 2) or inherited)
    if second is None or second.words != first.words or not math.isfinite(second.number.value):
        return None
    separator = tail.group("sep").strip()
    before = text[max(0, match.start() - 40) : match.start()].lower()
    if separator == "and" and not _BETWEEN_END.search(before):
        return None
    if separator in ("to", "through", "till", "until") and _CHANGE_BEFORE.search(before):
        return None  # "from 145% to 30%", "grew by 2 million to 67 million": a change
    if first.explicit and (first.kind, first.unit) != (second.kind, second.unit):
        return None
    low = _low_end(match, tail, first).value
    if second.number.value <= low:
        return None  # "won 3-2", "2025-26": not an ascending range
    return tail, second


def _inherit_from_change(text: str, match: re.Match[str], first: _Reading) -> _Reading:
    """ "from 21.7 to 19.4 percent": a bare first figure of a change takes the second's unit."""
    if first.explicit or first.kind is not Kind.COUNT:
        return first
    tail = RANGE_TAIL.match(text, match.end())
    if tail is None or tail.group("sep").strip() not in ("to", "-", "–"):
        return first
    before = text[max(0, match.start() - 40) : match.start()]
    if not _CHANGE_BEFORE.search(before):
        return first
    second = _reading(tail, 2, _currency(tail, 2))
    if second is None or not second.explicit or second.words != first.words:
        return first
    number = _low_end(match, tail, first)
    if second.kind is Kind.DURATION or (second.kind is Kind.COUNT and second.unit == ""):
        return first._replace(number=number, explicit=bool(tail.group("scale2")))
    return _Reading(number, second.kind, second.unit, first.words, True)


def _low_end(match: re.Match[str], tail: re.Match[str], first: _Reading) -> ParsedNumber:
    """The first end, with the scale word written after the second ("$5-7 billion")."""
    scale = tail.group("scale2")
    if scale and not match.group("scale1"):
        return parse_number(match.group("num1"), scale.strip())
    return first.number


def _range(match: re.Match[str], first: _Reading, tail: re.Match[str], second: _Reading) -> Found:
    """A range: value the midpoint, interval its two ends, unit the one written last."""
    kind, unit = (second.kind, second.unit) if second.explicit else (first.kind, first.unit)
    if _is_year(first, match.group("num1")) and _is_year(second, tail.group("num2")):
        kind, unit = Kind.YEAR, "year"
    low, high = _low_end(match, tail, first).value, second.number.value
    quantity = Quantity(
        kind=kind,
        value=low / 2 + high / 2,  # never overflows, unlike (low + high) / 2 near the float limit
        unit=unit,
        qualifier=Qualifier.RANGE,
        low=low,
        high=high,
    )
    return Found(match.start(), tail.end(), quantity)


_DAY_MONTH = re.compile(r"(\d{1,2})/(\d{1,2})")


def _number(
    text: str, match: re.Match[str], margin: float, reference: date | None = None
) -> Found | None:
    """A number with its currency, scale and unit, or a range of two."""
    slash = _DAY_MONTH.fullmatch(match.group("num1"))
    if slash is not None and match.end() == match.end("num1"):
        span = numeric_day_month(text, match.start(), int(slash[1]), int(slash[2]), reference)
        if span is not None:
            return Found(match.start(), match.end(), date_quantity(span))
    first = _reading(match, 1, _currency(match, 1))
    if first is None or not math.isfinite(first.number.value):
        return None  # more digits than a float holds: no figure to compare, and inf - inf is NaN
    if CLOCK_OR_BYLINE.match(text, match.end()) or _is_name_or_code(text, match, first):
        return None
    ranged = _range_end(text, match, first)
    if ranged is not None:
        return _range(match, first, *ranged)
    first = _inherit_from_change(text, match, first)
    end = match.end()
    if end < len(text) and (text[end].isalnum() or text[end] in CURRENCY_SIGNS):
        return None  # glued to letters or another figure: an identifier or a ticker
    if first.words and first.number.value == 1 and first.kind is Kind.COUNT:
        return None  # "one of them", "one expert": a determiner, not a figure
    kind, unit = first.kind, first.unit
    if _is_year(first, match.group("num1")):
        kind, unit = Kind.YEAR, "year"
    value, precision = first.number
    if kind is Kind.MONEY and first.unit == "USD" and (match.group("curword1") or "").strip():
        cents = CENTS_AFTER.match(text, end)
        if cents is not None and float(value).is_integer():  # "3 dollars 50 cents"
            value, end = value + int(cents.group("cents")) / 100, cents.end()
    qualifier, end = _qualify(text, match.start(), end)
    low, high = _interval(value, precision, qualifier, margin)
    quantity = Quantity(kind=kind, value=value, unit=unit, qualifier=qualifier, low=low, high=high)
    return Found(match.start(), end, quantity)


def _decade(match: re.Match[str]) -> Found:
    first = float(match.group("decade"))
    quantity = Quantity(
        kind=Kind.YEAR,
        value=first + 4.5,
        unit="year",
        qualifier=Qualifier.RANGE,
        low=first,
        high=first + 9,
    )
    return Found(match.start(), match.end(), quantity)


# Runs of spaces and of word characters are read whole, from their start.
_PER = re.compile(
    r"(?<![\s\u00a0])(?:[\s\u00a0]++[A-Za-z][\w\-]*+){0,3}[\s\u00a0]++per[\s\u00a0]++\Z"
)


def find_quantities(text: str, reference: date | None, margin: float) -> Iterator[Found]:
    """Every quantity stated in the sentence ``text``, left to right, without overlaps.

    A count followed by "per 1,000" (with up to three words between) is a rate: the
    count's unit says "per 1000" and the denominator is no claim of its own (nor a year).
    """
    found = list(_scan(text, reference, margin))
    index = 0
    while index < len(found):
        item = found[index]
        after = found[index + 1] if index + 1 < len(found) else None
        if (
            after is not None
            and item.quantity.kind is Kind.COUNT
            and item.quantity.unit == ""
            and after.quantity.kind in (Kind.COUNT, Kind.YEAR)
            and after.quantity.qualifier is Qualifier.EXACT
            and isinstance(after.quantity.value, float)
            and after.quantity.value > 0
            and _PER.fullmatch(text, item.end, after.start)
        ):
            denominator = after.quantity.value
            per = str(int(denominator)) if denominator.is_integer() else repr(denominator)
            rate = item.quantity.model_copy(update={"unit": f"per {per}"})
            yield Found(item.start, item.end, rate)
            index += 2
            continue
        yield item
        index += 1


def _scan(text: str, reference: date | None, margin: float) -> Iterator[Found]:
    blocked = (
        [m.span() for m in LINK_OR_EMAIL.finditer(text)]
        if ("/" in text or "@" in text or "www." in text)
        else []
    )
    taken = 0
    for anchor in ANCHOR.finditer(text):
        if anchor.start() < taken:
            continue
        match = CANDIDATE.match(text, anchor.start())
        if match is None:
            continue
        taken = match.end()  # like a left-to-right scan: never reread a candidate's text
        if blocked and any(s < match.end() and match.start() < e for s, e in blocked):
            continue
        found: Found | None
        if match.group("decade"):
            found = _decade(match)
        elif match.group("share"):
            found = _share(text, match, margin)
            number = QUANTITY.match(text, anchor.start())
            if number is not None and (found is None or number.end() > match.end()):
                # "half a million", "1,400 in 1974": a number, not a share in words
                taken = number.end()
                found = _number(text, number, margin, reference) or found
        elif match.group("num1"):
            found = _number(text, match, margin, reference)
        else:
            date_quantity = read_date(text, match, reference)
            found = None
            if date_quantity is not None:
                found = Found(match.start(), match.end(), date_quantity)
        if found is not None:
            taken = found.end
            yield found


def is_dateline(text: str, found: list[Found]) -> bool:
    """Whether a sentence is only a date and time (a byline or dateline), not a claim."""
    if not found or any(f.quantity.kind not in (Kind.DATE, Kind.YEAR) for f in found):
        return False
    starts = [0, *(f.end for f in found)]
    ends = [*(f.start for f in found), len(text)]
    rest = "".join(text[a:b] for a, b in zip(starts, ends, strict=True))
    return _DATELINE_REST.fullmatch(rest) is not None
