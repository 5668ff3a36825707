"""Interval comparison: conflicts are gaps between what each claim allows."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from factcheck.crosscheck.compare import (
    compare_clusters,
    compare_quantities,
    compatible,
    relative_gap,
)
from factcheck.models import Claim, Cluster, Kind, Qualifier, Verdict
from factcheck.settings import Settings
from tests.factories import claim, quantity

ABOUT_70 = quantity(70, qualifier=Qualifier.APPROXIMATE, low=63, high=77)
OVER_90 = quantity(90, qualifier=Qualifier.MORE_THAN, low=90, high=None)


def test_about_70_and_more_than_90_conflict_with_an_explanation() -> None:
    result = compare_quantities(ABOUT_70, OVER_90)
    assert result.conflict
    assert result.relative_gap == (90 - 77) / 90
    assert "about 70% vs more than 90%" in result.explanation
    assert "do not overlap" in result.explanation


def test_upper_bounds_and_exact_values_agree() -> None:
    up_to_100 = quantity(100, qualifier=Qualifier.AT_MOST, low=None, high=100)
    assert not compare_quantities(quantity(100), up_to_100).conflict
    as_high_as_145 = quantity(145, qualifier=Qualifier.AT_MOST, low=None, high=145)
    assert not compare_quantities(quantity(145), as_high_as_145).conflict


def test_rounded_money_agrees_with_the_precise_figure() -> None:
    more_than_6m = quantity(
        6e6, Kind.MONEY, unit="USD", qualifier=Qualifier.MORE_THAN, low=6e6, high=None
    )
    exact = quantity(6.28e6, Kind.MONEY, unit="USD", low=6.275e6, high=6.285e6)
    assert not compare_quantities(more_than_6m, exact).conflict
    assert compare_quantities(quantity(5e6, Kind.MONEY, unit="USD"), exact).conflict


def test_tolerance_forgives_small_gaps() -> None:
    a, b = quantity(100), quantity(103)
    assert compare_quantities(a, b).conflict
    assert not compare_quantities(a, b, Settings(tolerance=0.05)).conflict


def test_dates_compare_by_day_and_by_month() -> None:
    nov_1 = quantity("2025-11-01", Kind.DATE, unit="date")
    nov_10 = quantity("2025-11-10", Kind.DATE, unit="date")
    november = quantity("2025-11", Kind.DATE, unit="date", low="2025-11-01", high="2025-11-30")
    assert compare_quantities(nov_1, nov_10).conflict
    assert not compare_quantities(nov_1, quantity("2025-11-01", Kind.DATE, unit="date")).conflict
    assert not compare_quantities(nov_10, november).conflict


def test_a_date_without_year_compares_on_month_and_day() -> None:
    undated = quantity("--11-10", Kind.DATE, unit="date")
    assert not compare_quantities(undated, quantity("2025-11-10", Kind.DATE, unit="date")).conflict
    assert compare_quantities(undated, quantity("2024-11-11", Kind.DATE, unit="date")).conflict


def test_durations_compare_across_units() -> None:
    eighteen_months = quantity(18, Kind.DURATION, unit="month")
    assert not compare_quantities(
        quantity(1.5, Kind.DURATION, unit="year", low=1.45, high=1.55), eighteen_months
    ).conflict
    assert compare_quantities(quantity(6, Kind.DURATION, unit="year"), eighteen_months).conflict


def test_incompatible_kinds_and_currencies_never_conflict() -> None:
    dollars = quantity(5, Kind.MONEY, unit="USD")
    euros = quantity(9, Kind.MONEY, unit="EUR")
    assert not compatible(dollars, euros)
    assert not compare_quantities(dollars, euros).conflict
    assert not compatible(quantity(5), quantity(5, Kind.PERCENTAGE_POINTS, unit="pp"))


values = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False)
qualifiers = st.sampled_from(list(Qualifier))


@st.composite
def quantities(draw: st.DrawFn) -> object:
    value = draw(values)
    qualifier = draw(qualifiers)
    width = abs(draw(values)) / 10
    low: float | None = value - width
    high: float | None = value + width
    if qualifier in (Qualifier.MORE_THAN, Qualifier.AT_LEAST):
        high = None
    if qualifier in (Qualifier.LESS_THAN, Qualifier.AT_MOST):
        low = None
    return quantity(value, qualifier=qualifier, low=low, high=high)


@given(quantities(), quantities())
def test_conflict_is_symmetric(a: object, b: object) -> None:
    first = compare_quantities(a, b)  # type: ignore[arg-type]
    second = compare_quantities(b, a)  # type: ignore[arg-type]
    assert first.conflict == second.conflict
    assert (
        math.isclose(first.relative_gap, second.relative_gap)
        or first.relative_gap == second.relative_gap
    )


@given(quantities())
def test_a_quantity_never_conflicts_with_itself(a: object) -> None:
    assert relative_gap(a, a) == 0.0  # type: ignore[arg-type]
    assert not compare_quantities(a, a).conflict  # type: ignore[arg-type]


def _pair(first_source: str, second_source: str, second: float) -> tuple[Cluster, list[Claim]]:
    claims = [
        claim("Turnout was 61% in the city.", "61%", quantity(61.0), source=first_source),
        claim(
            f"Turnout was {second:g}% in the city.",
            f"{second:g}%",
            quantity(second),
            source=second_source,
            offset=3,
        ),
    ]
    cluster = Cluster(
        id="k1", kind=Kind.PERCENT, subject="turnout", claim_ids=tuple(c.id for c in claims)
    )
    return cluster, claims


def test_an_agreement_needs_two_sources_by_default() -> None:
    cluster, claims = _pair("a.txt", "a.txt", 61.0)
    assert compare_clusters([cluster], claims) == []
    (finding,) = compare_clusters([cluster], claims, Settings(agreement_sources=1))
    assert finding.verdict is Verdict.AGREE
    cluster, claims = _pair("a.txt", "b.txt", 61.0)
    (finding,) = compare_clusters([cluster], claims)
    assert finding.verdict is Verdict.AGREE
    assert compare_clusters([cluster], claims, Settings(agreement_sources=3)) == []


def test_a_conflict_within_one_source_is_still_reported() -> None:
    cluster, claims = _pair("a.txt", "a.txt", 75.0)
    (finding,) = compare_clusters([cluster], claims)
    assert finding.verdict is Verdict.CONFLICT
    assert not finding.cross_source
