"""Parse numbers as English writes them.

Digits with separators ("1,234,567.8", "1 234" with a non-breaking space),
Unicode digits, minus signs, number words ("twenty-five", "two hundred",
"a dozen"), scale words ("6 million", "6bn", "$6M") and shares in words
("a third", "two-thirds", "one in five"). Every parse also returns the
*precision* the writer implied: half a unit of the last stated digit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from factcheck.units import SCALES

__all__ = [
    "CARDINALS",
    "DIGITS_PATTERN",
    "FRACTIONS",
    "FRACTION_PATTERN",
    "MOST_DIGITS",
    "NUMERATOR_PATTERN",
    "ONES",
    "ORDINALS",
    "SCALE_PATTERN",
    "TENS",
    "WORD_NUMBER_PATTERN",
    "ParsedNumber",
    "parse_digits",
    "parse_number",
    "parse_number_words",
    "parse_share_words",
    "past_digit_bound",
    "scale_of",
]

MINUS_SIGNS = "-\u2212\u2012\u2013"
"""Hyphen-minus, minus sign, figure dash, en dash: all read as a sign before a number."""

GROUP_SEPARATORS = ",\u00a0\u202f\u2009\u2007\u200a\u066c\uff0c'"
"""Comma, typesetters' spaces (no-break, narrow no-break, thin, figure, hair), Arabic and
fullwidth commas, apostrophe."""

DECIMAL_POINTS = ".\u066b\uff0e"
"""Full stop, Arabic decimal separator, fullwidth full stop."""

DIGITS_PATTERN = (
    r"(?:\d{1,3}(?:[,\u00a0\u202f\u2009\u2007\u200a\u066c\uff0c]\d{3})+(?!\d)|\d+)"
    r"(?:[.\u066b\uff0e]\d+)?(?![.\u066b\uff0e]\d)|[.\u066b\uff0e]\d+"
)
"""A decimal number written in digits of any script, with any of :data:`DECIMAL_POINTS`."""

MOST_DIGITS = 24
"""More digits than any stated quantity has (a national debt has 15, Avogadro's number
written out 24): a longer run of digits is no number, and no part of it is a claim."""


_DIGIT_RUN = re.compile(r"\d++(?:[,\u00a0\u202f\u2009\u2007\u200a\u066c\uff0c']\d{3}(?!\d))*+")
"""Digits as one number writes them: joined directly or in groups of three."""


def past_digit_bound(text: str, start: int, end: int) -> bool:
    """Whether a run of more than :data:`MOST_DIGITS` digits overlaps ``text[start:end]``:
    a run of the quantity's own, or one that goes on past it (a sentence cut inside a
    long run leaves part of it outside). Looks a bounded distance beyond the span."""
    reach = 2 * MOST_DIGITS  # a run reaching this far out holds more digits than the bound
    window_start, window_end = max(0, start - reach), min(len(text), end + reach)
    for run in _DIGIT_RUN.finditer(text, window_start, window_end):
        if run.end() <= start or run.start() >= end:
            continue
        cut_before = run.start() == window_start > 0 and text[window_start - 1].isdigit()
        cut_after = run.end() == window_end < len(text) and text[window_end].isdigit()
        if cut_before or cut_after or sum(c.isdigit() for c in run.group()) > MOST_DIGITS:
            return True
    return False


ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
CARDINALS = {**ONES, **TENS}
"""Every cardinal number word, by its value: the table the other number words are read from."""

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
"""Ordinal words by their number ("twenty-first" is "twenty" and "first")."""

FRACTIONS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}  # fmt: skip
"""The denominator of each fraction word."""


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))


_WORD_ALTERNATION = _alternation(CARDINALS)
NUMERATOR_PATTERN = rf"(?:an?|{_alternation(w for w, n in ONES.items() if 1 <= n <= 9)})"
"""The count of a fraction in words: "a", "an", "one" to "nine" ("two thirds")."""
FRACTION_PATTERN = _alternation(FRACTIONS)
"""Every fraction word ("half", "thirds", "quarter")."""
_CARDINAL = (
    rf"(?:{_WORD_ALTERNATION})(?:[\s\-]+(?:and\s+)?(?:{_WORD_ALTERNATION}|hundred|thousand"
    r"|dozens?)(?![a-z]))*"
)
_PART = rf"{NUMERATOR_PATTERN}[\s\-]+(?:{FRACTION_PATTERN})"
WORD_NUMBER_PATTERN = (
    rf"(?:(?:minus|negative)\s+)?(?:{_CARDINAL}"
    rf"(?:\s+point(?:[\s\-]+(?:{_WORD_ALTERNATION}))+"  # "two point five"
    rf"|\s+and\s+{_PART})?"  # "one and a half", "five and a quarter"
    r"|(?:half|a\s+quarter\s+of)\s+an?(?=\s+(?:dozen|hundred|thousand|million|billion"
    r"|trillion)\b)"  # "half a million", "a quarter of a million"
    r"|a\s+dozen|dozen|a\s+(?:hundred|thousand)(?:\s+and\s+(?:{w}))?)"
).replace("{w}", _WORD_ALTERNATION)
"""A cardinal number in words: "six", "twenty-five", "two hundred and ten", "a dozen",
"one and a half", "two point five", "half a" (before a scale word)."""

_SPACED_SCALES = sorted((word for word in SCALES if len(word) > 1), key=len, reverse=True)
SCALE_PATTERN = f"(?:{'|'.join(_SPACED_SCALES)})".replace(" ", r"[\s\u00a0]+")
"""Scale words that may follow a number with a space (single letters only glued)."""


_WORD_SPLIT = re.compile(r"[\s\-]+")
_PLAIN_DECIMAL = re.compile(r"\d++(?:\.\d*+)?|\.\d++")  # "12", "1.5", "12.", ".5"
# Anchored (it is only ever matched whole), and the first part ends before a run of
# spaces, which is read once from its start: linear, not cubic, in a long share text.
_SHARE_IN = re.compile(r"\A(.+?)(?<!\s)\s++(?:in|out\s++of)\s+(.+)", re.IGNORECASE | re.DOTALL)


class ParsedNumber(NamedTuple):
    """A number's value and the half-width its written precision implies."""

    value: float
    precision: float


def _to_ascii_digits(text: str) -> str:
    """Map digits of any script to ASCII so that ``float`` accepts them."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def parse_digits(text: str) -> ParsedNumber:
    """Parse a number written in digits: "1,234.5", "−3", ".5", "١٢٣".

    Raises ``ValueError`` when ``text`` is not such a number.
    """
    raw = text.strip()
    sign = 1.0
    if raw and raw[0] in MINUS_SIGNS:
        sign, raw = -1.0, raw[1:]
    elif raw.startswith("+"):
        raw = raw[1:]
    for separator in GROUP_SEPARATORS:
        raw = raw.replace(separator, "")
    raw = _to_ascii_digits(raw)
    for point in DECIMAL_POINTS[1:]:
        raw = raw.replace(point, ".")
    if not raw or not _PLAIN_DECIMAL.fullmatch(raw):
        raise ValueError(f"not a number: {text!r}")
    decimals = len(raw.partition(".")[2])
    precision = 0.5 * 10.0**-decimals if decimals else 0.0
    return ParsedNumber(sign * float(raw), precision)


def parse_number_words(text: str) -> float:
    """Parse a cardinal in words: "twenty-five", "two hundred and ten", "a dozen".

    Raises ``ValueError`` for anything else.
    """
    lowered = " ".join(text.strip().lower().split())
    sign = 1.0
    for word in ("minus ", "negative "):
        if lowered.startswith(word):
            sign, lowered = -1.0, lowered[len(word) :]
    if lowered in ("half a", "half an"):
        return sign * 0.5
    if lowered in ("a quarter of a", "a quarter of an"):
        return sign * 0.25
    whole, point, decimals = lowered.partition(" point ")
    fraction = 0.0
    part = _AND_PART.search(whole)
    if part is not None:
        fraction = parse_share_words(part.group(1)) / 100
        whole = whole[: part.start()]
    value = _cardinal_words(whole, text)
    if point:
        digits = "".join(str(int(_cardinal_words(w, text))) for w in decimals.split())
        value += float(f"0.{digits}")
    return sign * (value + fraction)


_AND_PART = re.compile(
    # Spaces read from the start of their run only (as everywhere: see tests/regex_audit.py).
    rf"(?<!\s)\s++and\s++({NUMERATOR_PATTERN}[\s\-]+[a-z]++)\Z"
)


def _cardinal_words(text: str, original: str) -> float:
    words = [w for w in _WORD_SPLIT.split(text) if w and w != "and"]
    if words and words[0] == "a":  # "a dozen", "a hundred": "a" is one, but only there
        if len(words) < 2 or words[1] not in ("dozen", "hundred", "thousand"):
            raise ValueError(f"not a number: {original!r}")
        words = ["one", *words[1:]]
    if not words:
        raise ValueError(f"not a number: {original!r}")
    total, current = 0.0, 0.0
    for word in words:
        if word in ONES:
            current += ONES[word]
        elif word in TENS:
            current += TENS[word]
        elif word in ("dozen", "dozens"):
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in ("thousand", "million", "billion", "trillion"):
            total += (current or 1) * SCALES[word]
            current = 0.0
        else:
            raise ValueError(f"not a number: {original!r}")
    return total + current


def scale_of(word: str) -> float:
    """Multiplier of a scale word ("million", "bn", "M", "lakh crore"); ``KeyError`` if unknown."""
    factor = 1.0
    for part in word.lower().rstrip(".").split():
        factor *= SCALES[part]
    return factor


# Runs of digits and spaces are read from their start only, and whole: "1" * 20,000 took
# seconds (a digit run split every way between two repeats), now microseconds.
_FRACTION = re.compile(r"(?<!\d)(?:(?P<whole>\d++)\s++)?(?P<top>\d++)\s?/\s?(?P<bottom>\d++)")
_SCIENTIFIC = re.compile(
    r"(?<![\d.])(?P<mantissa>\d++(?:\.\d++)?|\.\d++)(?:[eE](?P<e>[+\-−]?\d++)"
    r"|\s?[x×]\s?10(?:\^[+\-−]?(?P<caret>\d+)|(?P<sup>[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)))"
)
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def _parse_special_digits(text: str) -> ParsedNumber | None:
    """Fractions ("3/4", "2 1/4") and scientific forms ("1e10", "1.2 x 10^9"), or ``None``."""
    raw = text.strip()
    sign = 1.0
    if raw and raw[0] in MINUS_SIGNS:
        sign, raw = -1.0, raw[1:].lstrip()
    if "/" in raw:
        fraction = _FRACTION.fullmatch(raw)
        if fraction is None or int(fraction.group("bottom")) == 0:
            raise ValueError(f"not a number: {text!r}")
        whole = int(fraction.group("whole") or 0)
        value = whole + int(fraction.group("top")) / int(fraction.group("bottom"))
        return ParsedNumber(sign * value, 0.0)
    scientific = _SCIENTIFIC.fullmatch(raw.replace("−", "-"))
    if scientific is None:
        return None
    exponent_text = scientific.group("e") or scientific.group("caret")
    if exponent_text is None:
        exponent_text = scientific.group("sup").translate(_SUPERSCRIPTS)
    exponent = int(exponent_text.replace("−", "-"))
    if abs(exponent) > 300:
        raise ValueError(f"exponent out of range: {text!r}")
    mantissa = parse_digits(scientific.group("mantissa"))
    factor = 10.0**exponent
    return ParsedNumber(
        float(f"{sign * mantissa.value * factor:.15g}"),
        float(f"{mantissa.precision * factor:.15g}"),
    )


def parse_number(text: str, scale: str | None = None) -> ParsedNumber:
    """Parse digits or words, optionally times a scale word.

    A scale word makes the precision half a unit of the last stated digit
    times the scale: "6 million" is 6e6 ± 5e5, "6.28 million" is ± 5e3.
    """
    stripped = text.strip()
    if any(ch.isdigit() for ch in stripped):
        special = (
            _parse_special_digits(stripped) if ("/" in stripped or not stripped.isdigit()) else None
        )
        number = special if special is not None else parse_digits(stripped)
    else:
        number = ParsedNumber(parse_number_words(stripped), 0.0)
    if scale is None:
        return number
    factor = scale_of(scale)
    if scale.lower().startswith("dozen"):
        factor_precision = 0.0  # "3 dozen" is 36, exactly
    else:
        # "6 million" is 6e6 ± 5e5; "one and a half million" states a tenth
        last_digit = number.precision * 2 if number.precision else 1.0
        if not number.precision and not float(number.value).is_integer():
            last_digit = 0.1
        factor_precision = 0.5 * last_digit * factor
    # 15 significant digits drop float noise: 67.1 million is 67100000, not 67099999.99999999
    value = float(f"{number.value * factor:.15g}")
    return ParsedNumber(value, float(f"{factor_precision:.15g}"))


def parse_share_words(text: str) -> float:
    """A share in words as a percentage: "a third" 33.3…, "two-thirds", "half", "one in five".

    Raises ``ValueError`` for anything else.
    """
    lowered = text.strip().lower()
    ratio = _SHARE_IN.fullmatch(lowered)
    if ratio:
        part, whole = (parse_number(side).value for side in ratio.groups())
        if whole == 0:
            raise ValueError(f"not a share: {text!r}")
        return 100.0 * part / whole
    words = [w for w in _WORD_SPLIT.split(lowered) if w]
    if words == ["half"]:
        return 50.0
    if len(words) == 2 and words[1] in FRACTIONS:
        count = 1.0 if words[0] in ("a", "an", "one") else parse_number_words(words[0])
        return 100.0 * count / FRACTIONS[words[1]]
    raise ValueError(f"not a share: {text!r}")
