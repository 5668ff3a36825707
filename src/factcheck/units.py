"""The one table of units: dimensions, the units of each, and how they convert.

Every unit belongs to one :class:`Dimension` and converts to that dimension's
base unit (metre, kilogram, square metre, litre, joule, watt, second, metre per
second, kelvin, byte) as ``base = value * factor + offset``; only temperatures
have an offset. Extraction reads the names written here (the regular
expressions are generated from this table), comparison converts through it,
clustering groups by its dimensions and display writes its symbols and plurals.
Adding a unit means adding a row here and a test, nothing else.

A quantity keeps the unit it was written in (``Quantity.unit`` is a
:attr:`Unit.symbol`); conversion happens only when two quantities are compared,
so each keeps the precision it was written with.

Money is not a dimension: currencies never convert into each other (rates
move). Their written forms and scale words live here too, so that every
spelling of a unit has one home.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "CURRENCY_PREFIXES",
    "CURRENCY_SUBUNITS",
    "CURRENCY_SYMBOLS",
    "CURRENCY_WORDS",
    "SCALES",
    "SCALE_NAMES",
    "UNITS",
    "Dimension",
    "Unit",
    "comparable",
    "dimension_key",
    "from_base",
    "plural",
    "read_unit",
    "size_factor",
    "to_base",
    "unit",
    "unit_symbols",
    "unit_words",
]


class Dimension(StrEnum):
    """What a unit measures; only units of one dimension convert into each other."""

    LENGTH = "length"  # base: metre
    MASS = "mass"  # base: kilogram
    AREA = "area"  # base: square metre
    VOLUME = "volume"  # base: litre
    ENERGY = "energy"  # base: joule
    POWER = "power"  # base: watt
    TIME = "time"  # base: second (durations, not dates)
    SPEED = "speed"  # base: metre per second
    TEMPERATURE = "temperature"  # base: kelvin
    DATA = "data"  # base: byte (decimal prefixes: 1 kB = 1000 B)
    DEGREE = "degree"  # "degrees" of no named scale (angle or temperature): only with each other
    MULTIPLE = "multiple"  # "70 times", "3-fold": how many times another amount


@dataclass(frozen=True)
class Unit:
    """One unit: how it is shown, what it measures, how it converts, how it is written.

    ``words`` are read after a space or a hyphen, in any case, singular or with a
    final "s"/"es" ("kilometres", "inches"); ``symbols`` are read glued to the number
    or after a space, case as given ("km", "kWh", "°C").
    """

    symbol: str
    dimension: Dimension
    factor: float
    offset: float = 0.0
    words: tuple[str, ...] = ()
    symbols: tuple[str, ...] = ()
    plural: str | None = None  # how display writes more than one; default symbol + "s"


_MILE = 1609.344
_HOUR = 3600.0
_DAY = 86400.0
_YEAR = 365.2425 * _DAY  # the Gregorian year, as durations mean it on average
L, M, A, V = Dimension.LENGTH, Dimension.MASS, Dimension.AREA, Dimension.VOLUME
E, P, T, S = Dimension.ENERGY, Dimension.POWER, Dimension.TIME, Dimension.SPEED

UNITS: tuple[Unit, ...] = (
    # length (metre)
    Unit("mm", L, 1e-3, words=("millimetre", "millimeter"), symbols=("mm",)),
    Unit("cm", L, 1e-2, words=("centimetre", "centimeter"), symbols=("cm",)),
    Unit("m", L, 1.0, words=("metre", "meter"), symbols=("m",)),
    Unit("km", L, 1e3, words=("kilometre", "kilometer"), symbols=("km",)),
    Unit("in", L, 0.0254, words=("inch", "inches"), plural="in"),
    Unit("ft", L, 0.3048, words=("foot", "feet"), symbols=("ft",), plural="ft"),
    Unit("yd", L, 0.9144, words=("yard",), symbols=("yd",), plural="yd"),
    Unit("mi", L, _MILE, words=("mile",), symbols=("mi",), plural="mi"),
    Unit("nmi", L, 1852.0, words=("nautical mile",), symbols=("nmi",), plural="nmi"),
    # mass (kilogram)
    Unit("mg", M, 1e-6, words=("milligram", "milligramme"), symbols=("mg",)),
    Unit("g", M, 1e-3, words=("gram", "gramme"), symbols=("g",)),
    Unit("kg", M, 1.0, words=("kilogram", "kilogramme", "kilo"), symbols=("kg",)),
    Unit("t", M, 1e3, words=("tonne", "ton", "metric ton"), symbols=("t",), plural="t"),
    Unit("lb", M, 0.45359237, words=("pound",), symbols=("lb", "lbs"), plural="lb"),
    Unit("oz", M, 0.028349523125, words=("ounce",), symbols=("oz",), plural="oz"),
    # area (square metre)
    Unit("m2", A, 1.0, words=("square metre", "square meter"), symbols=("m2", "m²")),
    Unit("ha", A, 1e4, words=("hectare",), symbols=("ha",), plural="ha"),
    Unit("acre", A, 4046.8564224, words=("acre",)),
    Unit(
        "km2",
        A,
        1e6,
        words=("square kilometre", "square kilometer", "square km", "sq km"),
        symbols=("km2", "km²"),
    ),
    Unit("mi2", A, _MILE**2, words=("square mile",), symbols=("mi2", "mi²"), plural="mi2"),
    # volume (litre)
    Unit("ml", V, 1e-3, words=("millilitre", "milliliter"), symbols=("ml",)),
    Unit("l", V, 1.0, words=("litre", "liter"), symbols=("l",), plural="l"),
    Unit("m3", V, 1e3, words=("cubic metre", "cubic meter"), symbols=("m3", "m³")),
    Unit("gal", V, 3.785411784, words=("gallon",), plural="gal"),
    Unit("bbl", V, 158.987294928, words=("barrel",), symbols=("bbl",), plural="bbl"),
    # energy (joule) and power (watt)
    Unit("J", E, 1.0, symbols=("J",)),
    Unit("kJ", E, 1e3, symbols=("kJ",)),
    Unit("MJ", E, 1e6, symbols=("MJ",)),
    Unit("GJ", E, 1e9, symbols=("GJ",)),
    Unit("Wh", E, _HOUR, symbols=("Wh",)),
    Unit("kWh", E, _HOUR * 1e3, symbols=("kWh",)),
    Unit("MWh", E, _HOUR * 1e6, symbols=("MWh",)),
    Unit("GWh", E, _HOUR * 1e9, symbols=("GWh",)),
    Unit("TWh", E, _HOUR * 1e12, symbols=("TWh",)),
    Unit("W", P, 1.0, symbols=("W",)),
    Unit("kW", P, 1e3, symbols=("kW",)),
    Unit("MW", P, 1e6, symbols=("MW",)),
    Unit("GW", P, 1e9, symbols=("GW",)),
    # time (second): durations
    Unit("second", T, 1.0, words=("second", "sec")),
    Unit("minute", T, 60.0, words=("minute",)),
    Unit("hour", T, _HOUR, words=("hour", "hr")),
    Unit("day", T, _DAY, words=("day",)),
    Unit("week", T, 7 * _DAY, words=("week",)),
    Unit("fortnight", T, 14 * _DAY, words=("fortnight",)),
    Unit("month", T, _YEAR / 12, words=("month",)),
    Unit("year", T, _YEAR, words=("year", "yr")),
    Unit("decade", T, 10 * _YEAR, words=("decade",)),
    Unit("century", T, 100 * _YEAR, words=("century", "centuries"), plural="centuries"),
    # speed (metre per second)
    Unit("m/s", S, 1.0, symbols=("m/s",), plural="m/s"),
    Unit(
        "km/h",
        S,
        1 / 3.6,
        words=(
            "kph",
            "kilometres per hour",
            "kilometers per hour",
            "kilometre per hour",
            "kilometer per hour",
            "km per hour",
            "kilometres an hour",
            "kilometers an hour",
        ),
        symbols=("km/h",),
        plural="km/h",
    ),
    Unit(
        "mph",
        S,
        _MILE / _HOUR,
        words=("mph", "miles per hour", "mile per hour", "mile-per-hour", "miles an hour"),
        plural="mph",
    ),
    Unit("knot", S, 1852.0 / _HOUR, words=("knot",)),
    # temperature (kelvin)
    Unit(
        "°C",
        Dimension.TEMPERATURE,
        1.0,
        273.15,
        words=("degree celsius", "degrees celsius"),
        symbols=("°C",),
        plural="°C",
    ),
    Unit(
        "°F",
        Dimension.TEMPERATURE,
        5 / 9,
        459.67 * 5 / 9,
        words=("degree fahrenheit", "degrees fahrenheit"),
        symbols=("°F",),
        plural="°F",
    ),
    Unit("K", Dimension.TEMPERATURE, 1.0, words=("kelvin",), symbols=("K",), plural="K"),
    Unit("°", Dimension.DEGREE, 1.0, words=("degree",), plural="°"),
    # data (byte)
    Unit("B", Dimension.DATA, 1.0, words=("byte",), symbols=("B",), plural="B"),
    Unit("kB", Dimension.DATA, 1e3, words=("kilobyte",), symbols=("kB", "KB"), plural="kB"),
    Unit("MB", Dimension.DATA, 1e6, words=("megabyte",), symbols=("MB",), plural="MB"),
    Unit("GB", Dimension.DATA, 1e9, words=("gigabyte",), symbols=("GB",), plural="GB"),
    Unit("TB", Dimension.DATA, 1e12, words=("terabyte",), symbols=("TB",), plural="TB"),
    # multiples: "70 times higher", "a 3-fold rise"
    Unit("×", Dimension.MULTIPLE, 1.0, words=("times", "fold"), plural="×"),
)
"""Every unit extraction reads, with its conversion to its dimension's base unit."""

SCALES: dict[str, float] = {
    "dozen": 12,
    "dozens": 12,
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "mil": 1e6,
    "m": 1e6,
    "crore": 1e7,
    "crores": 1e7,
    "lakh crore": 1e12,
    "g": 1e9,
    "billion": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "tr": 1e12,
}
"""Scale words by lower-case spelling: "6 million", "$6bn", "Rs 5 crore", "3 dozen". Words of
one letter are read only glued to the number ("$6m", "10G"), the others after a space too."""

SCALE_NAMES: tuple[tuple[float, str], ...] = (
    (1e12, "trillion"),
    (1e9, "billion"),
    (1e6, "million"),
    (1e3, "thousand"),
)
"""The scale words display writes, largest first."""

CURRENCY_PREFIXES: dict[str, str] = {
    "$": "USD", "US$": "USD", "U.S.$": "USD", "USD": "USD", "A$": "AUD", "AU$": "AUD",
    "AUD": "AUD", "C$": "CAD", "CA$": "CAD", "CAD": "CAD", "HK$": "HKD", "HKD": "HKD",
    "NZ$": "NZD", "NZD": "NZD", "S$": "SGD", "SGD": "SGD", "R$": "BRL", "BRL": "BRL",
    "MX$": "MXN", "MXN": "MXN", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP",
    "¥": "JPY", "JPY": "JPY", "CNY": "CNY", "RMB": "CNY", "₹": "INR", "INR": "INR",
    "Rs": "INR", "Rs.": "INR", "₩": "KRW", "KRW": "KRW", "₽": "RUB", "RUB": "RUB",
    "₺": "TRY", "CHF": "CHF", "Fr.": "CHF", "US $": "USD", "AU $": "AUD", "CA $": "CAD",
    "HK $": "HKD", "NZ $": "NZD", "MX $": "MXN", "ZAR": "ZAR", "SEK": "SEK", "NOK": "NOK",
    "DKK": "DKK", "PLN": "PLN", "TRY": "TRY",
}  # fmt: skip
"""ISO 4217 code by the symbol or code written before the number."""

CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "us dollar": "USD", "u.s. dollar": "USD", "american dollar": "USD",
    "australian dollar": "AUD", "canadian dollar": "CAD", "hong kong dollar": "HKD",
    "new zealand dollar": "NZD", "singapore dollar": "SGD", "euro": "EUR",
    "pound sterling": "GBP", "pounds sterling": "GBP", "sterling": "GBP",
    "british pound": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupee": "INR", "won": "KRW", "ruble": "RUB", "rouble": "RUB", "swiss franc": "CHF",
    "franc": "CHF", "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "cny": "CNY",
    "rmb": "CNY", "aud": "AUD", "cad": "CAD", "hkd": "HKD", "chf": "CHF", "inr": "INR",
    "krw": "KRW", "sgd": "SGD", "nzd": "NZD", "brl": "BRL", "mxn": "MXN", "rub": "RUB",
    "zar": "ZAR", "sek": "SEK", "nok": "NOK", "dkk": "DKK", "pln": "PLN", "try": "TRY",
}  # fmt: skip
"""ISO 4217 code by the (singular, lower-case) currency word written after the number."""

CURRENCY_SUBUNITS: dict[str, tuple[str, float]] = {
    "cent": ("USD", 0.01),
    "pence": ("GBP", 0.01),
    "penny": ("GBP", 0.01),
    "pennie": ("GBP", 0.01),  # "pennies"
}
"""Currency and its share by the (singular) word of a subunit: "35 cents" is $0.35, "470
pence" £4.70."""

CURRENCY_SYMBOLS: dict[str, str] = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
"""The sign display writes before an amount; other currencies are written by code."""

CURRENCY_SIGNS = "".join(sorted(p for p in CURRENCY_PREFIXES if len(p) == 1))
"""Every currency sign of one character ("$€£¥₹₩₽₺"): no number is read right after one
without its currency."""


def currency_codes() -> list[str]:
    """Every ISO 4217 code (and "RMB") read as written, in capitals, longest first."""
    return sorted(p for p in CURRENCY_PREFIXES if len(p) == 3 and p.isalpha() and p.isupper())


def currency_words() -> list[str]:
    """Every currency word of :data:`CURRENCY_WORDS` that is not a code in lower case."""
    codes = {code.lower() for code in currency_codes()}
    return sorted(word for word in CURRENCY_WORDS if word not in codes)


_BY_SYMBOL: dict[str, Unit] = {u.symbol: u for u in UNITS}
_BY_NAME: dict[str, Unit] = {
    **{s: u for u in UNITS for s in u.symbols},
    **{w: u for u in UNITS for w in u.words},
}


def unit(symbol: str) -> Unit | None:
    """The unit whose :attr:`Unit.symbol` is ``symbol``, or None (currencies, '%', '')."""
    return _BY_SYMBOL.get(symbol)


def unit_words() -> list[str]:
    """Every word of the table (read in any case after a space or hyphen), longest first."""
    return sorted({w for u in UNITS for w in u.words}, key=lambda w: (-len(w), w))


def unit_symbols() -> list[str]:
    """Every symbol of the table (read glued or after a space, case as given), longest first."""
    return sorted({s for u in UNITS for s in u.symbols}, key=lambda s: (-len(s), s))


def read_unit(written: str) -> Unit | None:
    """The unit a written name stands for: "km", "Kilometres", "sq  km", "inches", "°C"."""
    text = " ".join(written.strip().strip("-").split())
    if text in _BY_NAME:
        return _BY_NAME[text]
    lower = text.lower()
    for candidate in (lower, lower.removesuffix("s"), lower.removesuffix("es")):
        found = _BY_NAME.get(candidate)
        if found is not None and candidate in found.words:
            return found
    return None


def plural(symbol: str) -> str:
    """How display writes ``symbol`` after a number other than one ("years", "km")."""
    found = _BY_SYMBOL.get(symbol)
    if found is None:
        return symbol
    if found.plural is not None:
        return found.plural
    return found.symbol if found.symbols else found.symbol + "s"


def comparable(a: str, b: str) -> bool:
    """Whether amounts in units ``a`` and ``b`` can be compared: equal or of one dimension."""
    if a == b:
        return True
    unit_a, unit_b = _BY_SYMBOL.get(a), _BY_SYMBOL.get(b)
    return unit_a is not None and unit_b is not None and unit_a.dimension is unit_b.dimension


def dimension_key(symbol: str) -> str:
    """What amounts in ``symbol`` are grouped by: its dimension, else the symbol itself."""
    found = _BY_SYMBOL.get(symbol)
    return found.dimension.value if found is not None else symbol


def to_base(value: float, symbol: str) -> float:
    """``value`` in ``symbol`` converted to its dimension's base unit (unknown units: as is)."""
    found = _BY_SYMBOL.get(symbol)
    if found is None:
        return value
    # 15 significant digits drop the float noise of factors such as 0.001
    return float(f"{value * found.factor + found.offset:.15g}")


def from_base(value: float, symbol: str) -> float:
    """The inverse of :func:`to_base`."""
    found = _BY_SYMBOL.get(symbol)
    if found is None:
        return value
    return float(f"{(value - found.offset) / found.factor:.15g}")


def size_factor(symbol: str) -> float:
    """How much one ``symbol`` weighs in base units when measuring sizes and gaps (no offset)."""
    found = _BY_SYMBOL.get(symbol)
    return found.factor if found is not None else 1.0
