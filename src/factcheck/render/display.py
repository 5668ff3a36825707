"""Human-readable forms of numbers and quantities: "about 70%", "more than $6 million".

The one number formatter of the package: reports, explanations, tables and chart
axes all write figures through :func:`format_number`. Unit symbols, plurals,
currency signs and scale words come from :mod:`factcheck.units`.
"""

from __future__ import annotations

from factcheck.models import Kind, Qualifier, Quantity
from factcheck.units import CURRENCY_SYMBOLS, SCALE_NAMES, plural, unit

__all__ = ["format_amount", "format_number", "format_quantity"]

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
