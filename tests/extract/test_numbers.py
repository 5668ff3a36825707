"""Numbers in digits and words, scale words, shares; written back, they read the same."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.numbers import (
    parse_digits,
    parse_number,
    parse_number_words,
    parse_share_words,
    scale_of,
)
from factcheck.units import SCALE_NAMES


def format_number(value: float, *, separators: bool = True, scale: str | None = None) -> str:
    """Write a number as English text, for round trips through ``parse_number``.

    ``scale`` ("million", "bn", ...) writes the value in that unit, and
    ``"auto"`` picks the largest scale name that keeps the figure >= 1.
    Integers have no decimals; other values use the shortest exact form.
    """
    if scale == "auto":
        scale = next((name for size, name in SCALE_NAMES if abs(value) >= size), None)
    if scale is not None:
        value = value / scale_of(scale)
    if float(value).is_integer():
        text = f"{int(value):,}" if separators else str(int(value))
    else:
        text = repr(float(value))
        if "e" in text or "E" in text:
            text = f"{value:.15f}".rstrip("0").rstrip(".")
        if separators:
            whole, _, fraction = text.partition(".")
            sign = "-" if whole.startswith("-") else ""
            text = f"{sign}{int(whole.lstrip('-')):,}.{fraction}"
    return f"{text} {scale}" if scale is not None else text


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("1,234,567.8", 1234567.8, 0.05),
        ("6.28", 6.28, 0.005),
        ("42", 42, 0),
        ("−3", -3, 0),
        ("-4.70", -4.7, 0.005),
        (".5", 0.5, 0.05),
        ("1\u00a0234", 1234, 0),
        ("١٢٣", 123, 0),  # Arabic-Indic digits
        ("४२", 42, 0),  # Devanagari digits
    ],
)
def test_parse_digits(text: str, value: float, precision: float) -> None:
    parsed = parse_digits(text)
    assert parsed.value == pytest.approx(value)
    assert parsed.precision == pytest.approx(precision)


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "--4"])
def test_parse_digits_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_digits(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("six", 6),
        ("twenty-five", 25),
        ("two hundred", 200),
        ("two hundred and ten", 210),
        ("a dozen", 12),
        ("three thousand four hundred", 3400),
        ("ninety nine", 99),
        ("a hundred", 100),
    ],
)
def test_parse_number_words(text: str, value: float) -> None:
    assert parse_number_words(text) == value


@pytest.mark.parametrize("text", ["", "many", "a", "a few"])
def test_parse_number_words_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_number_words(text)


@pytest.mark.parametrize(
    ("text", "scale", "value", "precision"),
    [
        ("6", "million", 6e6, 5e5),
        ("6.28", "million", 6.28e6, 5e3),
        ("6", "M", 6e6, 5e5),
        ("2", "bn", 2e9, 5e8),
        ("1.5", "trillion", 1.5e12, 5e10),
        ("15", "k", 15e3, 5e2),
        ("two", "billion", 2e9, 5e8),
    ],
)
def test_scale_words_imply_precision(text: str, scale: str, value: float, precision: float) -> None:
    parsed = parse_number(text, scale)
    assert parsed.value == pytest.approx(value)
    assert parsed.precision == pytest.approx(precision)


@pytest.mark.parametrize(
    ("text", "percent"),
    [
        ("a third", 100 / 3),
        ("two-thirds", 200 / 3),
        ("half", 50),
        ("a quarter", 25),
        ("three quarters", 75),
        ("one in five", 20),
        ("1 in 4", 25),
        ("three out of ten", 30),
    ],
)
def test_parse_share_words(text: str, percent: float) -> None:
    assert parse_share_words(text) == pytest.approx(percent)


def test_parse_share_words_rejects_a_zero_whole() -> None:
    with pytest.raises(ValueError, match="not a share"):
        parse_share_words("one in zero")


@pytest.mark.parametrize(
    ("value", "kwargs", "text"),
    [
        (1234567, {}, "1,234,567"),
        (1234567, {"separators": False}, "1234567"),
        (6.28e6, {"scale": "million"}, "6.28 million"),
        (2e12, {"scale": "auto"}, "2 trillion"),
        (-0.5, {}, "-0.5"),
    ],
)
def test_format_number(value: float, kwargs: dict[str, object], text: str) -> None:
    assert format_number(value, **kwargs) == text  # type: ignore[arg-type]


@settings(max_examples=150)
@given(st.integers(min_value=-(10**15), max_value=10**15), st.booleans())
def test_integers_round_trip(value: int, separators: bool) -> None:
    assert parse_number(format_number(value, separators=separators)).value == value


@settings(max_examples=150)
@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False),
    st.booleans(),
)
def test_decimals_round_trip(value: object, separators: bool) -> None:
    number = float(value)  # type: ignore[arg-type]
    assert parse_number(format_number(number, separators=separators)).value == pytest.approx(
        number, rel=1e-12, abs=1e-9
    )


@settings(max_examples=150)
@given(
    st.integers(min_value=1, max_value=999_999),
    st.sampled_from(["thousand", "million", "billion", "trillion", "bn", "k"]),
)
def test_scale_words_round_trip(figure: int, scale: str) -> None:
    value = figure * {"thousand": 1e3, "k": 1e3, "million": 1e6, "bn": 1e9}.get(
        scale, 1e9 if scale == "billion" else 1e12
    )
    text, _, word = format_number(value, scale=scale).partition(" ")
    assert parse_number(text, word).value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "scale", "value"),
    [
        ("3/4", None, 0.75),
        ("2  1/4", None, 2.25),
        ("-4/5", None, -0.8),
        ("1e10", None, 1e10),
        ("-12e-1", None, -1.2),
        ("1.2 x 10^9", None, 1.2e9),
        ("1.2×10⁹", None, 1.2e9),
        ("one and a half", None, 1.5),
        ("five and a quarter", None, 5.25),
        ("one hundred and three and two thirds", None, 103 + 2 / 3),
        ("two point five", None, 2.5),
        ("two hundred point seventy-one", None, 200.71),
        ("minus one", None, -1),
        ("three dozens", None, 36),
        ("half a", "million", 5e5),
        ("a quarter of a", "million", 2.5e5),
        ("one and a half", "million", 1.5e6),
        ("3", "dozen", 36),
        ("5", "lakh", 5e5),
        ("2", "crore", 2e7),
        ("5", "lakh crore", 5e12),
    ],
)
def test_fractions_worded_and_scientific_forms(text: str, scale: str | None, value: float) -> None:
    assert parse_number(text, scale).value == pytest.approx(value, rel=1e-12)


def test_a_dozen_is_exact_and_a_fraction_of_a_million_states_a_tenth() -> None:
    assert parse_number("3", "dozen").precision == 0
    assert parse_number("one and a half", "million").precision == pytest.approx(5e4)


@pytest.mark.parametrize("text", ["1/0", "3e999"])
def test_impossible_fractions_and_exponents_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"not a number|out of range"):
        parse_number(text)
