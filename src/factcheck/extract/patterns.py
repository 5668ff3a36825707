"""The regular expressions that find quantities in a sentence.

One compiled alternation finds every candidate in a single left-to-right pass
(dates first, then shares in words, then numbers with their currency, scale
and unit); ``factcheck.extract.quantities`` reads the named groups. Month names are
matched case-sensitively ("May" is a month, "may" a verb); unit words are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from factcheck import units
from factcheck.extract.dates import (
    DAY_WORD_PATTERN,
    FISCAL_YEAR,
    MONTH_PATTERN,
    PERIOD_PATTERN,
    PERIODS,
    QUARTER_WORD_PATTERN,
)
from factcheck.extract.numbers import (
    DIGITS_PATTERN,
    FRACTION_PATTERN,
    FRACTIONS,
    NUMERATOR_PATTERN,
    ONES,
    ORDINALS,
    SCALE_PATTERN,
    TENS,
    WORD_NUMBER_PATTERN,
)
from factcheck.sources.dates import MONTHS, TIME_ZONES
from factcheck.units import Dimension

__all__ = [
    "ANCHOR",
    "CANDIDATE",
    "CENTS_AFTER",
    "CLOCK_OR_BYLINE",
    "FRACTION_WORDS",
    "LINK_OR_EMAIL",
    "QUANTITY",
    "RANGE_TAIL",
]

FRACTION_WORDS = "|".join(word for word in FRACTION_PATTERN.split("|") if word != "half")
"""Fraction words after a count ("two thirds"); "a half" is read as "half" alone."""

_SCIENTIFIC = (
    r"\d+(?:\.\d+)?(?:[eE][+\-−]?\d{1,3}"
    r"|[\s\u00a0]?[x×][\s\u00a0]?10(?:\^[+\-−]?\d{1,3}|⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))(?!\w|\.\d)"
)
_FRACTION = r"(?:\d{1,3}[\s\u00a0]+)?\d{1,3}/\d{1,3}(?![\d/]|[.,]\d)"
_NUMBER = rf"(?:[-−]?(?:{_SCIENTIFIC}|{_FRACTION}|{DIGITS_PATTERN}))"
_WORDS = rf"(?i:{WORD_NUMBER_PATTERN}|a(?=\s+(?:hundred|thousand|million|billion|trillion)\b))"
_SPACE = r"[\s\u00a0]"


def _spaced(written: str) -> str:
    """``written`` as a pattern, each space in it matching any one space."""
    return re.escape(written).replace(r"\ ", _SPACE)


def _longest_first(words: Iterable[str]) -> list[str]:
    return sorted(set(words), key=lambda w: (-len(w), w))


# The currency patterns are generated from the tables of factcheck.units: a currency is
# added there, once, and read here.
_ISO_CODES = "|".join(units.currency_codes())
_CURRENCY_PREFIX = (
    rf"(?:{'|'.join(_spaced(p) for p in _longest_first(units.CURRENCY_PREFIXES))}){_SPACE}?"
)
_SCALE = (
    rf"(?:[\s\u00a0]?(?i:{SCALE_PATTERN})(?![A-Za-z])|(?:k|K|m|M|b|B|G)(?![A-Za-z\d²³])"
    r"|[\s\u00a0]k(?![\w'’]))"
)
# Percent signs: ASCII, fullwidth, Arabic, small form variant.
_PERCENT = r"(?:[\s\u00a0]?[%\uff05\u066a\ufe6a]|[\s\u00a0](?i:per[\s\u00a0]?cent|pct)(?![A-Za-z]))"
_POINTS = (
    r"(?:[\s\u00a0\-](?i:percentage[\s\u00a0\-]points?|basis[\s\u00a0\-]points?|bps|pp|ppts?)"
    r"(?![A-Za-z]))"
)
_CURRENCY_WORDS = "|".join(_spaced(w) + "s?" for w in _longest_first(units.currency_words()))
_CURRENCY_WORD = (
    rf"(?:[\s\u00a0\-](?i:{_CURRENCY_WORDS})"
    r"(?![A-Za-z])"
    rf"|{_SPACE}?(?:[MkKB]|mn|bn)?(?:{_ISO_CODES})(?![A-Za-z]))"
)


def _word_alternation(written: list[str]) -> str:
    """Words in any case, singular or plural ("mile", "miles", "inches"), spaces flexible."""
    forms = (re.escape(w).replace(r"\ ", r"[\s\u00a0]") + r"(?:e?s)?" for w in written)
    return "|".join(forms)


_TIME_WORDS = [w for u in units.UNITS if u.dimension is Dimension.TIME for w in u.words]
_MEASURE_WORDS = [
    *(w for u in units.UNITS if u.dimension is not Dimension.TIME for w in u.words),
    *units.CURRENCY_SUBUNITS,
]
_DURATION = (
    rf"(?:[\s\u00a0\-](?i:{_word_alternation(sorted(_TIME_WORDS, key=len, reverse=True))})"
    r"(?![A-Za-z]))"
)
_MEASURE = (
    rf"(?:[\s\u00a0\-](?i:{_word_alternation(sorted(_MEASURE_WORDS, key=len, reverse=True))})"
    r"(?![A-Za-z])"
    rf"|[\s\u00a0]?(?:{'|'.join(re.escape(s) for s in units.unit_symbols())})(?![A-Za-z\d]))"
)
_UNIT = (
    rf"(?:(?P<percent{{i}}>{_PERCENT})|(?P<points{{i}}>{_POINTS})"
    rf"|(?P<curword{{i}}>{_CURRENCY_WORD})|(?P<duration{{i}}>{_DURATION})"
    rf"|(?P<measure{{i}}>{_MEASURE}))"
)


def _quantity(index: int) -> str:
    """A number with its optional currency, scale word and unit; groups suffixed ``index``."""
    return (
        rf"(?P<cur{index}>{_CURRENCY_PREFIX})?"
        rf"(?P<num{index}>{_NUMBER}|{_WORDS})"
        rf"(?P<scale{index}>{_SCALE})?" + _UNIT.replace("{i}", str(index)) + "?"
    )


_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_DAY_WORD = rf"(?i:{DAY_WORD_PATTERN})"
_DATE = (
    rf"(?P<md_month>{MONTH_PATTERN})(?:[\s\u00a0]+(?:the[\s\u00a0]+)?|[-/])"
    rf"(?P<md_day>{_DAY}(?![\d:])|{_DAY_WORD}(?![\w\-]))"
    rf"(?:(?:,?[\s\u00a0]+(?:of[\s\u00a0]+)?|-)(?P<md_year>\d{{4}})(?!\d))?"
    rf"|(?P<dm_day>{_DAY}|{_DAY_WORD})(?:[\s\u00a0]+(?:of[\s\u00a0]+)?|-)"
    rf"(?P<dm_month>{MONTH_PATTERN})(?:(?:,?[\s\u00a0]+|-)(?P<dm_year>\d{{4}})(?!\d))?"
    rf"|(?P<quarter>{PERIOD_PATTERN})[\s\u00a0]*(?P<quarter_year>\d{{4}}|['’]\d\d)(?!\d)"
    rf"|(?P<fiscal>{FISCAL_YEAR})[\s\u00a0]?(?P<fiscal_year>\d{{4}}|['’]?\d\d)(?![\d\-/])"
    rf"|(?P<quarter_word>(?i:{QUARTER_WORD_PATTERN}))[\s\u00a0\-](?i:quarter)"
    r"(?:[\s\u00a0]+of|,)?[\s\u00a0]+(?P<quarter_word_year>\d{4})(?!\d)"
    r"|(?P<nth_day>[0-3]?\d(?:st|nd|rd|th))(?=[\s\u00a0]*(?:[.,;:!?)]|\Z|and\b|or\b))"
    r"|(?P<iso_year>\d{4})(?P<iso_sep>[-/.])(?P<iso_month>[01]?\d)(?P=iso_sep)(?P<iso_day>[0-3]?\d)"
    r"(?!\d)"
    r"|(?P<us_month>[01]?\d)/(?P<us_day>[0-3]?\d)/(?P<us_year>\d{4})(?!\d)"
    rf"|(?P<part>(?i:early|mid|late)[\s\u00a0\-])?(?P<my_month>{MONTH_PATTERN})"
    r"(?:,?[\s\u00a0]+(?P<my_year>\d{4})(?![\d,]))?"
)
_SHARE = (
    rf"(?P<share>(?i:{NUMERATOR_PATTERN}[\s\u00a0\-]"
    rf"(?:{FRACTION_WORDS})|half)(?![A-Za-z])"
    rf"|(?:{_NUMBER}|{_WORDS})[\s\u00a0](?i:in|out[\s\u00a0]of)[\s\u00a0](?:{_NUMBER}|{_WORDS})"
    r"(?![\w%]))"
)
_DECADE = r"(?P<decade>(?:1[0-9]|20)\d0)['’]?s(?![A-Za-z\d])"

# No quantity starts right after a word, a number's punctuation, or a currency sign.
_NOT_AFTER = rf"(?<![\w.,:/@#&{re.escape(units.CURRENCY_SIGNS)}])"

CANDIDATE = re.compile(rf"{_NOT_AFTER}(?:{_DATE}|{_DECADE}|{_SHARE}|{_quantity(1)})")
"""Every candidate quantity, found left to right without overlaps."""

QUANTITY = re.compile(rf"{_NOT_AFTER}(?:{_quantity(1)})")
"""A number with its currency, scale and unit only: read where a share in words was not one
("half a million", "1,400 in 1974")."""

CENTS_AFTER = re.compile(
    r"(?<![\s\u00a0])[\s\u00a0]++(?:and[\s\u00a0]++)?(?P<cents>\d{1,2})[\s\u00a0]++"
    r"(?i:cents?)(?![A-Za-z])"
)
"""The cents of "3 dollars 50 cents"."""

RANGE_TAIL = re.compile(
    r"(?P<sep>[\s\u00a0]?[-–—][\s\u00a0]?|[\s\u00a0](?:to|and|through|till|until)[\s\u00a0])"
    + _quantity(2)
)
"""The second end of a range, matched right after the first."""

CLOCK_OR_BYLINE = re.compile(
    r"(?:[\s\u00a0]?(?i:a\.?m\.?|p\.?m\.?)(?![A-Za-z])|:\d"
    rf"|[\s\u00a0]?(?:{'|'.join(sorted(TIME_ZONES, key=len, reverse=True))}|hrs)(?![A-Za-z])"
    r"|[\s\u00a0\-](?i:min(?:ute)?s?)[\s\u00a0]+(?i:read|listen))"
)
"""What follows a number that is a clock time or a reading time, not a claim."""


def _trie(words: list[str]) -> str:
    """An alternation of ``words`` factored by common prefixes.

    The regex engine then tries one branch per character instead of every
    word at every position, which makes the anchor scan several times faster.
    """
    root: dict[str, dict[str, Any]] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict[str, Any]]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


_ANCHOR_WORDS = [
    *ONES, *TENS, *ORDINALS, "hundred", "dozen", "half", "early", "mid", "late", "minus",
    "negative",
    "a dozen", "a hundred", "a thousand", "a million", "a billion", "a trillion",
    *(("an " if word[0] in "aeiou" else "a ") + word for word in FRACTIONS if word[-1] != "s"),
]  # fmt: skip
_ANCHOR_CAPITALISED = [
    *(word[0].upper() + word[1:] for word in _ANCHOR_WORDS),
    *(month.capitalize() for month in MONTHS),
    *(prefix.rstrip(".") for prefix in units.CURRENCY_PREFIXES if prefix[0].isalpha()),
    *(f"{letter}{n}" for letter, count in PERIODS.items() for n in range(1, count + 1)),
    FISCAL_YEAR,
]  # fmt: skip
ANCHOR = re.compile(
    rf"{_NOT_AFTER}(?:[-−]?\.?\d|[{re.escape(units.CURRENCY_SIGNS)}]|"
    + _trie(sorted({*_ANCHOR_WORDS, *_ANCHOR_CAPITALISED}))
    + r"(?![a-z]))"
)
"""Where a candidate may start: a digit, a currency sign, a number word or a month."""

LINK_OR_EMAIL = re.compile(
    # An address's local part is read from the start of its run only, never from inside it.
    r"(?:https?://|www\.)\S++|(?<![\w.+\-])[\w.+\-]++@[\w\-]++\.[\w.\-]+"
)
