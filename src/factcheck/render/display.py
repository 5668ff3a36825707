"""Human-readable words: quantities ("about 70%"), counts ("1 claim") and verdicts.

The one number formatter of the package: reports, explanations, tables and chart
axes all write figures through :func:`format_number`. Unit symbols, plurals,
currency signs and scale words come from :mod:`factcheck.units`. Counts of
things are written by :func:`counted` (never "claim(s)"), and each verdict has
one wording, :func:`verdict_words`, whatever prints it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from factcheck.models import Kind, Qualifier, Quantity
from factcheck.units import CURRENCY_SYMBOLS, SCALE_NAMES, plural, unit

__all__ = [
    "VerdictWords",
    "counted",
    "format_amount",
    "format_number",
    "format_quantity",
    "reason",
    "verdict_words",
]

_QUALIFIER_WORDS = {
    Qualifier.EXACT: "",
    Qualifier.APPROXIMATE: "about ",
    Qualifier.MORE_THAN: "more than ",
    Qualifier.AT_LEAST: "at least ",
    Qualifier.LESS_THAN: "less than ",
    Qualifier.AT_MOST: "up to ",
    Qualifier.RANGE: "",
}
_SHORT_SCALES = {"trillion": "T", "billion": "B", "million": "M", "thousand": "k"}


def format_number(value: float, *, short: bool = False) -> str:
    """A figure as a reader would write it.

    Millions and above with their scale word ("6.28 million"), whole numbers with
    thousands separators, others with up to six significant digits. ``short``
    writes compact axis labels instead: "6.28M", "12k", "0.5".
    """
    for size, word in SCALE_NAMES:
        if short and abs(value) >= size:
            return f"{value / size:g}{_SHORT_SCALES[word]}"
        if not short and size >= 1e6 and abs(value) >= size:
            return f"{value / size:,.4g} {word}"
    if short:
        return f"{value:g}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}"


def format_amount(value: float | str, kind: Kind, unit_symbol: str) -> str:
    """One value with its unit: "70%", "$6.28 million", "6 years", "36 km", "2025-11-01"."""
    if isinstance(value, str):
        return value
    if kind is Kind.PERCENT:
        return f"{format_number(value)}%"
    if kind is Kind.PERCENTAGE_POINTS:
        return f"{format_number(value)} percentage points"
    if kind is Kind.MONEY:
        symbol = CURRENCY_SYMBOLS.get(unit_symbol)
        number = format_number(value)
        return f"{symbol}{number}" if symbol else f"{number} {unit_symbol}"
    if kind is Kind.YEAR:
        return str(int(value)) if float(value).is_integer() else str(value)
    if unit(unit_symbol) is not None:
        written = unit_symbol if value == 1 else plural(unit_symbol)
        return f"{format_number(value)} {written}"
    return f"{format_number(value)} {unit_symbol}".strip()


def format_quantity(quantity: Quantity) -> str:
    """The quantity as a reader would say it, qualifier included."""
    low, high = quantity.low, quantity.high
    if quantity.qualifier is Qualifier.RANGE and low is not None and high is not None:
        first = format_amount(low, quantity.kind, quantity.unit)
        last = format_amount(high, quantity.kind, quantity.unit)
        return f"{first} to {last}"
    amount = format_amount(quantity.value, quantity.kind, quantity.unit)
    return f"{_QUALIFIER_WORDS[quantity.qualifier]}{amount}"


def counted(number: int, noun: str, nouns: str | None = None) -> str:
    """``number`` things, in words a reader expects: "1 claim", "0 claims", "2,401 sources".

    ``nouns`` is the plural when it is not ``noun`` + "s" ("1 copy", "3 copies").
    """
    word = noun if number == 1 else (nouns or noun + "s")
    return f"{number:,} {word}"


@dataclass(frozen=True)
class VerdictWords:
    """How every output names a verdict: a section heading, and its noun for counting."""

    heading: str  # "Conflicts"
    noun: str  # "conflict"
    nouns: str  # "conflicts"
    rank: int  # sections in ascending rank: conflicts first, agreements last
    collapsed: bool = False  # shown folded: one line each, the sentences on demand

    def count(self, number: int) -> str:
        """ "1 conflict", "3 conflicts"."""
        return counted(number, self.noun, self.nouns)


# Keyed by the verdict's value, so that a verdict added to the model is worded here
# before the model has it, and a verdict missing from this table still reads sensibly.
_VERDICTS = {
    "conflict": VerdictWords("Conflicts", "conflict", "conflicts", 0),
    "changed": VerdictWords("Changed over time", "change over time", "changes over time", 1),
    "agree": VerdictWords("Agreements", "agreement", "agreements", 9, collapsed=True),
}


def verdict_words(verdict: str) -> VerdictWords:
    """The wording of a verdict (its value, e.g. ``"conflict"``); unknown ones are derived."""
    known = _VERDICTS.get(str(verdict))
    if known is not None:
        return known
    name = str(verdict).replace("_", " ").strip() or "other"
    return VerdictWords(name[:1].upper() + name[1:], f"{name} finding", f"{name} findings", 5)


def reason(explanation: str, values: Iterable[str]) -> str:
    """An explanation without the values it starts with, when a heading already shows them.

    Explanations read "about 70% vs more than 90%: the ranges do not overlap"; under a
    heading "about 70% vs more than 90%" only "the ranges do not overlap" is new.
    """
    head, sep, rest = explanation.partition(": ")
    if not sep or not rest:
        return explanation
    shown = set(values)
    parts = [p.strip() for chunk in head.split(" vs ") for p in chunk.split(" / ")]
    if parts and all(part in shown for part in parts):
        return rest
    return explanation
