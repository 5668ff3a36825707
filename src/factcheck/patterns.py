"""The regular expressions that find quantities in a sentence.

One compiled alternation finds every candidate in a single left-to-right pass
(dates first, then shares in words, then numbers with their currency, scale
and unit); ``factcheck.quantities`` reads the named groups. Month names are
matched case-sensitively ("May" is a month, "may" a verb); unit words are not.
"""

from __future__ import annotations

import re
from typing import Any

from factcheck.dates import MONTH_PATTERN, MONTHS
from factcheck.numbers import (
    DIGITS_PATTERN,
    SCALE_PATTERN,
    TENS,
    UNITS,
    WORD_NUMBER_PATTERN,
)

__all__ = [
    "ANCHOR",
    "CANDIDATE",
    "CLOCK_OR_BYLINE",
    "CURRENCY_PREFIXES",
    "CURRENCY_WORDS",
    "DURATION_UNITS",
    "FRACTION_WORDS",
    "LINK_OR_EMAIL",
    "MEASURE_UNITS",
    "RANGE_TAIL",
]

CURRENCY_PREFIXES: dict[str, str] = {
    "$": "USD", "US$": "USD", "U.S.$": "USD", "USD": "USD", "A$": "AUD", "AU$": "AUD",
    "AUD": "AUD", "C$": "CAD", "CA$": "CAD", "CAD": "CAD", "HK$": "HKD", "HKD": "HKD",
    "NZ$": "NZD", "NZD": "NZD", "S$": "SGD", "SGD": "SGD", "R$": "BRL", "BRL": "BRL",
    "MX$": "MXN", "MXN": "MXN", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP",
    "¥": "JPY", "JPY": "JPY", "CNY": "CNY", "RMB": "CNY", "₹": "INR", "INR": "INR",
    "Rs": "INR", "Rs.": "INR", "₩": "KRW", "KRW": "KRW", "₽": "RUB", "RUB": "RUB",
    "₺": "TRY", "CHF": "CHF", "Fr.": "CHF",
}  # fmt: skip
"""ISO 4217 code by the symbol or code written before the number."""

CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "us dollar": "USD", "u.s. dollar": "USD", "american dollar": "USD",
    "australian dollar": "AUD", "canadian dollar": "CAD", "hong kong dollar": "HKD",
    "new zealand dollar": "NZD", "singapore dollar": "SGD", "euro": "EUR",
    "pound sterling": "GBP", "pounds sterling": "GBP", "sterling": "GBP",
    "british pound": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupee": "INR", "won": "KRW", "ruble": "RUB", "rouble": "RUB", "swiss franc": "CHF",
    "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "cny": "CNY", "rmb": "CNY",
    "aud": "AUD", "cad": "CAD", "hkd": "HKD", "chf": "CHF", "inr": "INR", "krw": "KRW",
}  # fmt: skip
"""ISO 4217 code by the (singular, lower-case) currency word written after the number."""

DURATION_UNITS: dict[str, tuple[str, float]] = {
    "year": ("year", 1), "yr": ("year", 1), "month": ("month", 1), "week": ("week", 1),
    "day": ("day", 1), "hour": ("hour", 1), "hr": ("hour", 1), "minute": ("minute", 1),
    "second": ("second", 1), "sec": ("second", 1), "decade": ("year", 10),
    "century": ("year", 100), "centurie": ("year", 100), "fortnight": ("week", 2),
}  # fmt: skip
"""Canonical unit and multiplier by the singular duration word."""

MEASURE_UNITS: dict[str, tuple[str, float]] = {
    "mm": ("m", 1e-3), "millimetre": ("m", 1e-3), "millimeter": ("m", 1e-3),
    "cm": ("m", 1e-2), "centimetre": ("m", 1e-2), "centimeter": ("m", 1e-2),
    "m": ("m", 1), "metre": ("m", 1), "meter": ("m", 1), "km": ("km", 1),
    "kilometre": ("km", 1), "kilometer": ("km", 1), "mile": ("mi", 1), "mi": ("mi", 1),
    "foot": ("ft", 1), "feet": ("ft", 1), "ft": ("ft", 1), "inch": ("in", 1),
    "inche": ("in", 1), "yard": ("yd", 1), "mg": ("kg", 1e-6), "g": ("kg", 1e-3),
    "gram": ("kg", 1e-3), "gramme": ("kg", 1e-3), "kg": ("kg", 1), "kilogram": ("kg", 1),
    "kilo": ("kg", 1), "tonne": ("t", 1), "ton": ("t", 1), "metric ton": ("t", 1),
    "lb": ("lb", 1), "pound": ("lb", 1), "ounce": ("oz", 1), "oz": ("oz", 1),
    "ml": ("l", 1e-3), "millilitre": ("l", 1e-3), "milliliter": ("l", 1e-3), "l": ("l", 1),
    "litre": ("l", 1), "liter": ("l", 1), "gallon": ("gal", 1), "barrel": ("bbl", 1),
    "bbl": ("bbl", 1), "acre": ("acre", 1), "hectare": ("ha", 1), "ha": ("ha", 1),
    "sq km": ("km2", 1), "km2": ("km2", 1), "km²": ("km2", 1), "square kilometre": ("km2", 1),
    "square kilometer": ("km2", 1), "square mile": ("mi2", 1), "square metre": ("m2", 1),
    "square meter": ("m2", 1), "m2": ("m2", 1), "m²": ("m2", 1),
    "°c": ("°C", 1), "degrees celsius": ("°C", 1), "degree celsius": ("°C", 1),
    "°f": ("°F", 1), "degrees fahrenheit": ("°F", 1), "degree fahrenheit": ("°F", 1),
    "degree": ("°", 1), "km/h": ("km/h", 1), "kph": ("km/h", 1), "mph": ("mph", 1),
    "kw": ("kW", 1), "mw": ("MW", 1), "gw": ("GW", 1), "kwh": ("kWh", 1), "mwh": ("MWh", 1),
    "gwh": ("GWh", 1), "twh": ("TWh", 1), "kb": ("kB", 1), "mb": ("MB", 1), "gb": ("GB", 1),
    "tb": ("TB", 1), "cent": ("USD", 0.01),
}  # fmt: skip
"""Canonical unit and multiplier by the singular, lower-case unit of measure."""

FRACTION_WORDS = (
    r"halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?"
)

_NUMBER = rf"(?:[-−]?(?:{DIGITS_PATTERN}))"
_WORDS = rf"(?i:{WORD_NUMBER_PATTERN}|a(?=\s+(?:hundred|thousand|million|billion|trillion)\b))"
_CURRENCY_PREFIX = (
    r"(?:U\.S\.\s?\$|(?:US|AU|CA|HK|NZ|MX|[ACSR])\$|[$€£¥₹₩₽₺]"
    r"|(?:USD|EUR|GBP|JPY|CNY|RMB|AUD|CAD|HKD|CHF|INR|KRW|SGD|NZD|BRL|MXN|RUB)[\s\u00a0]?"
    r"|Rs\.?[\s\u00a0]?|Fr\.[\s\u00a0])"
)
_SCALE = rf"(?:[\s\u00a0]?(?i:{SCALE_PATTERN})(?![A-Za-z])|(?:k|K|m|M|b|B)(?![A-Za-z]))"
# Percent signs: ASCII, fullwidth, Arabic, small form variant.
_PERCENT = r"(?:[\s\u00a0]?[%\uff05\u066a\ufe6a]|[\s\u00a0](?i:per[\s\u00a0]?cent|pct)(?![A-Za-z]))"
_POINTS = (
    r"(?:[\s\u00a0\-](?i:percentage[\s\u00a0\-]points?|basis[\s\u00a0\-]points?|bps|pp|ppts?)"
    r"(?![A-Za-z]))"
)
_CURRENCY_WORD = (
    r"(?:[\s\u00a0](?i:(?:US|U\.S\.|American|Australian|Canadian|Hong[\s\u00a0]Kong|New"
    r"[\s\u00a0]Zealand|Singapore|British|Swiss)[\s\u00a0])?"
    r"(?i:dollars?|euros?|pounds?[\s\u00a0]sterling|sterling|yen|yuan|renminbi|rupees?|won"
    r"|roubles?|rubles?|francs?)(?![A-Za-z])"
    r"|[\s\u00a0](?:USD|EUR|GBP|JPY|CNY|RMB|AUD|CAD|HKD|CHF|INR|KRW)(?![A-Za-z]))"
)
_DURATION = (
    r"(?:[\s\u00a0\-](?i:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|seconds?|secs?"
    r"|decades?|century|centuries|fortnights?)(?![A-Za-z]))"
)
_MEASURE = (
    r"(?:[\s\u00a0]?(?:°[CF]|km/h|km²|m²)(?![A-Za-z])"
    r"|[\s\u00a0\-](?i:(?:square[\s\u00a0](?:kilomet(?:re|er)s?|miles?|met(?:re|er)s?))"
    r"|sq[\s\u00a0]km|degrees?[\s\u00a0](?:celsius|fahrenheit)|metric[\s\u00a0]tons?"
    r"|(?:milli|centi|kilo)?(?:met(?:re|er)s?|lit(?:re|er)s?)|grammes?|grams?|kilograms?|kilos?"
    r"|tonnes?|tons?|miles?|feet|foot|inch(?:es)?|yards?|pounds?|ounces?|gallons?|barrels?"
    r"|acres?|hectares?|degrees?|cents?|mph|kph)(?![A-Za-z])"
    r"|[\s\u00a0]?(?:mm|cm|km|kg|mg|lbs?|oz|ml|bbl|ha|km2|m2|kW|MW|GW|kWh|MWh|GWh|TWh"
    r"|KB|MB|GB|TB|m|g|l)(?![A-Za-z\d]))"
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
_DATE = (
    rf"(?P<md_month>{MONTH_PATTERN})[\s\u00a0]+(?P<md_day>{_DAY})(?![\d:])"
    rf"(?:,?[\s\u00a0]+(?P<md_year>\d{{4}})(?!\d))?"
    rf"|(?P<dm_day>{_DAY})[\s\u00a0]+(?:of[\s\u00a0]+)?(?P<dm_month>{MONTH_PATTERN})"
    rf"(?:,?[\s\u00a0]+(?P<dm_year>\d{{4}})(?!\d))?"
    r"|(?P<iso_year>\d{4})(?P<iso_sep>[-/.])(?P<iso_month>[01]?\d)(?P=iso_sep)(?P<iso_day>[0-3]?\d)"
    r"(?!\d)"
    r"|(?P<us_month>[01]?\d)/(?P<us_day>[0-3]?\d)/(?P<us_year>\d{4})(?!\d)"
    rf"|(?P<part>(?i:early|mid|late)[\s\u00a0\-])?(?P<my_month>{MONTH_PATTERN})"
    r"(?:,?[\s\u00a0]+(?P<my_year>\d{4})(?![\d,]))?"
)
_SHARE = (
    rf"(?P<share>(?i:(?:an?|one|two|three|four|five|six|seven|eight|nine)[\s\u00a0\-]"
    rf"(?:{FRACTION_WORDS})|half)(?![A-Za-z])"
    rf"|(?:{_NUMBER}|{_WORDS})[\s\u00a0](?i:in|out[\s\u00a0]of)[\s\u00a0](?:{_NUMBER}|{_WORDS})"
    r"(?![\w%]))"
)
_DECADE = r"(?P<decade>(?:1[0-9]|20)\d0)['’]?s(?![A-Za-z\d])"

CANDIDATE = re.compile(rf"(?<![\w.,:/@#&$€£¥])(?:{_DATE}|{_DECADE}|{_SHARE}|{_quantity(1)})")
"""Every candidate quantity, found left to right without overlaps."""

RANGE_TAIL = re.compile(
    r"(?P<sep>[\s\u00a0]?[-–—][\s\u00a0]?|[\s\u00a0](?:to|and|through|till|until)[\s\u00a0])"
    + _quantity(2)
)
"""The second end of a range, matched right after the first."""

CLOCK_OR_BYLINE = re.compile(
    r"(?:[\s\u00a0]?(?i:a\.?m\.?|p\.?m\.?)(?![A-Za-z])|:\d"
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
    *UNITS, *TENS, "hundred", "dozen", "half", "early", "mid", "late",
    "a dozen", "a hundred", "a thousand", "a million", "a billion", "a trillion",
    "a half", "a third", "a quarter", "a fifth", "a tenth", "an eighth",
]  # fmt: skip
_ANCHOR_CAPITALISED = [
    *(word[0].upper() + word[1:] for word in _ANCHOR_WORDS),
    *(month.capitalize() for month in MONTHS),
    "Sept", "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "AUD", "CAD", "HKD", "CHF", "INR",
    "KRW", "SGD", "NZD", "BRL", "MXN", "RUB", "Rs", "Fr", "US$", "U.S.$", "AU$", "CA$",
    "HK$", "NZ$", "MX$", "A$", "C$", "S$", "R$",
]  # fmt: skip
ANCHOR = re.compile(
    r"(?<![\w.,:/@#&$€£¥])(?:[-−]?\.?\d|[$€£¥₹₩₽₺]|"
    + _trie(sorted({*_ANCHOR_WORDS, *_ANCHOR_CAPITALISED}))
    + r"(?![a-z]))"
)
"""Where a candidate may start: a digit, a currency sign, a number word or a month."""

LINK_OR_EMAIL = re.compile(r"(?:https?://|www\.)\S+|[\w.+\-]+@[\w\-]+\.[\w.\-]+")
