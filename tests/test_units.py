"""factcheck.units: the one table of units, and extraction reading every name in it.

Adding a unit is a row in the table and a line in CONVERSIONS below; the other tests
here then check that extraction reads each of its names and that it converts.
"""

from __future__ import annotations

import math

import pytest

from factcheck import units
from factcheck.extract import extract_claims
from factcheck.extract.quantities import find_quantities
from factcheck.models import Kind
from factcheck.units import UNITS, Dimension

CONVERSIONS = [
    # (amount, unit, amount, unit): the same size in two units of one dimension
    (1, "km", 1000, "m"),
    (1, "m", 100, "cm"),
    (1, "cm", 10, "mm"),
    (1, "mi", 1.609344, "km"),
    (1, "ft", 12, "in"),
    (1, "yd", 3, "ft"),
    (1, "nmi", 1852, "m"),
    (1, "kg", 1000, "g"),
    (1, "g", 1000, "mg"),
    (1, "t", 1000, "kg"),
    (1, "lb", 16, "oz"),
    (1, "lb", 0.45359237, "kg"),
    (1, "km2", 100, "ha"),
    (1, "ha", 10_000, "m2"),
    (640, "acre", 1, "mi2"),
    (1, "m3", 1000, "l"),
    (1, "l", 1000, "ml"),
    (42, "gal", 1, "bbl"),
    (1, "kWh", 3.6, "MJ"),
    (1, "MJ", 1000, "kJ"),
    (1, "kJ", 1000, "J"),
    (1, "GJ", 1000, "MJ"),
    (1, "Wh", 3600, "J"),
    (1, "MWh", 1000, "kWh"),
    (1, "GWh", 1000, "MWh"),
    (1, "TWh", 1000, "GWh"),
    (1, "GW", 1000, "MW"),
    (1, "MW", 1000, "kW"),
    (1, "kW", 1000, "W"),
    (1, "minute", 60, "second"),
    (1, "hour", 60, "minute"),
    (1, "day", 24, "hour"),
    (1, "week", 7, "day"),
    (1, "fortnight", 2, "week"),
    (1, "year", 12, "month"),
    (1, "decade", 10, "year"),
    (1, "century", 100, "year"),
    (3.6, "km/h", 1, "m/s"),
    (1, "mph", 1.609344, "km/h"),
    (1, "knot", 1.852, "km/h"),
    (0, "°C", 32, "°F"),
    (100, "°C", 212, "°F"),
    (0, "°C", 273.15, "K"),
    (1, "kB", 1000, "B"),
    (1, "MB", 1000, "kB"),
    (1, "GB", 1000, "MB"),
    (1, "TB", 1000, "GB"),
]


def test_symbols_are_unique_and_every_name_reads_as_one_unit() -> None:
    assert len({u.symbol for u in UNITS}) == len(UNITS)
    for unit in UNITS:
        for name in (*unit.words, *unit.symbols):
            assert units.read_unit(name) is unit, name


@pytest.mark.parametrize("row", CONVERSIONS, ids=lambda row: f"{row[1]}-{row[3]}")
def test_conversions(row: tuple[float, str, float, str]) -> None:
    a, unit_a, b, unit_b = row
    assert units.comparable(unit_a, unit_b)
    assert units.to_base(a, unit_a) == pytest.approx(units.to_base(b, unit_b), rel=1e-9)
    assert units.from_base(units.to_base(a, unit_a), unit_a) == pytest.approx(a, abs=1e-9)


def test_every_unit_but_the_bare_degree_and_the_multiple_has_a_conversion_test() -> None:
    tested = {symbol for row in CONVERSIONS for symbol in (row[1], row[3])}
    assert {u.symbol for u in UNITS} - tested == {"°", "×"}  # alone in their dimension


def test_units_of_different_dimensions_do_not_compare() -> None:
    assert not units.comparable("km", "kg")
    assert not units.comparable("°C", "°")
    assert not units.comparable("km", "USD")
    assert units.comparable("USD", "USD")  # unknown units compare only with themselves
    assert units.dimension_key("mi") == units.dimension_key("km") == "length"
    assert units.dimension_key("EUR") == "EUR"


def test_display_plurals_come_from_the_table() -> None:
    assert units.plural("year") == "years"
    assert units.plural("century") == "centuries"
    assert units.plural("km") == "km"
    assert units.plural("acre") == "acres"


GLUED_SCALE_LETTERS = {"m", "K", "B", "m/s"}
"""Glued to a figure these read as scale letters ("$5m", "5K"), so only spaced as units."""


def _names() -> list[tuple[str, str, bool]]:
    """(written name, expected symbol, whether it is a word) for every name of the table."""
    return [
        *((w, u.symbol, True) for u in UNITS for w in u.words),
        *((s, u.symbol, False) for u in UNITS for s in u.symbols),
    ]


@pytest.mark.parametrize(("written", "symbol", "word"), _names())
def test_extraction_reads_every_name_of_the_table(written: str, symbol: str, word: bool) -> None:
    # Words after a space, and plural; symbols after a space and glued to the figure.
    texts = [f"The figure was 12 {written} last week."]
    if word and not written.endswith(("s", "y")) and written != "feet":
        texts.append(f"The figure was 12 {written}s last week.")
    if not word and written not in GLUED_SCALE_LETTERS:
        texts.append(f"The figure was 12{written} last week.")
    for text in texts:
        claims = [c for c in extract_claims(text) if c.citation.quote.startswith("12")]
        assert len(claims) == 1, text
        quantity = claims[0].quantity
        assert quantity.unit == symbol, text
        assert quantity.value == 12
        unit = units.unit(symbol)
        assert unit is not None
        assert quantity.kind is (Kind.DURATION if unit.dimension is Dimension.TIME else Kind.COUNT)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The deal was worth Rs 5 crore.", 5e7),
        ("The deal was worth Rs 3 lakh.", 3e5),
        ("The deal was worth $6bn.", 6e9),
        ("The deal was worth $40k.", 4e4),
        ("The deal was worth $2m.", 2e6),
        ("The deal was worth $1.5 trillion.", 1.5e12),
        ("The deal was worth 40 thousand dollars.", 4e4),
    ],
)
def test_scale_words_of_the_table(text: str, value: float) -> None:
    [claim] = extract_claims(text)
    assert claim.quantity.kind is Kind.MONEY
    assert math.isclose(float(claim.quantity.value), value)


@pytest.mark.parametrize("prefix", sorted(units.CURRENCY_PREFIXES))
def test_every_currency_prefix_is_read(prefix: str) -> None:
    space = " " if prefix[-1].isalpha() or prefix == "Fr." else ""
    # One sentence (the segmenter would end one after "Fr.").
    [found] = find_quantities(f"They paid {prefix}{space}120 for it.", None, 0.1)
    assert found.quantity.kind is Kind.MONEY
    assert found.quantity.unit == units.CURRENCY_PREFIXES[prefix]
