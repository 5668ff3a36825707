"""Human-readable forms of quantities: "about 70%", "more than $6 million"."""

from __future__ import annotations

from factcheck.models import Kind, Qualifier, Quantity

__all__ = ["format_amount", "format_quantity"]

_CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_QUALIFIER_WORDS = {
    Qualifier.EXACT: "",
    Qualifier.APPROXIMATE: "about ",
    Qualifier.MORE_THAN: "more than ",
    Qualifier.AT_LEAST: "at least ",
    Qualifier.LESS_THAN: "less than ",
    Qualifier.AT_MOST: "up to ",
    Qualifier.RANGE: "",
}


def _number(value: float) -> str:
    for size, word in _SCALES:
        if abs(value) >= size:
            return f"{value / size:,.4g} {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}"


def format_amount(value: float | str, kind: Kind, unit: str) -> str:
    """One value with its unit: "70%", "$6.28 million", "6 years", "2025-11-01"."""
    if isinstance(value, str):
        return value
    if kind is Kind.PERCENT:
        return f"{_number(value)}%"
    if kind is Kind.PERCENTAGE_POINTS:
        return f"{_number(value)} percentage points"
    if kind is Kind.MONEY:
        symbol = _CURRENCY_SYMBOLS.get(unit)
        return f"{symbol}{_number(value)}" if symbol else f"{_number(value)} {unit}"
    if kind is Kind.YEAR:
        return str(int(value)) if float(value).is_integer() else str(value)
    if kind is Kind.DURATION and unit:
        plural = "" if value == 1 else "s"
        return f"{_number(value)} {unit}{plural}"
    return f"{_number(value)} {unit}".strip()


def format_quantity(quantity: Quantity) -> str:
    """The quantity as a reader would say it, qualifier included."""
    low, high = quantity.low, quantity.high
    if quantity.qualifier is Qualifier.RANGE and low is not None and high is not None:
        first = format_amount(low, quantity.kind, quantity.unit)
        last = format_amount(high, quantity.kind, quantity.unit)
        return f"{first} to {last}"
    amount = format_amount(quantity.value, quantity.kind, quantity.unit)
    return f"{_QUALIFIER_WORDS[quantity.qualifier]}{amount}"
