"""Compare quantities as intervals, and clusters of claims as findings.

Each quantity already carries the interval of values it allows (from its
value, qualifier and implied precision). Two claims conflict when their
intervals cannot both hold: the gap between them is larger than the
tolerance, a share of the larger magnitude (``Settings.tolerance``).

Amounts in different units of one dimension (36 km and 22.4 miles) are compared
after conversion to the dimension's base unit (:mod:`factcheck.units`), each at
the precision it was written with. A figure given in another unit is usually a
rounded conversion, so across units a whole number is read at the precision of
its last non-zero digit, at most its second significant digit: "9,900 acres" is
9,850 to 9,950 acres, "20 °C" 19.5 to 20.5 °C.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from itertools import combinations
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

from factcheck.models import Claim, Cluster, Finding, Kind, Qualifier, Quantity, Verdict
from factcheck.render.display import format_amount, format_quantity
from factcheck.settings import Settings
from factcheck.units import comparable, from_base, size_factor, to_base

__all__ = [
    "Comparison",
    "Interval",
    "axis_interval",
    "compare_clusters",
    "compare_quantities",
    "compatible",
    "gap_between",
    "interval_of",
    "most_common",
    "relative_gap",
]

_DAYS_PER_YEAR = 365.2425
_UNKNOWN_YEAR = 2000  # a leap year: month-day pairs without a year are compared on it


class Comparison(BaseModel):
    """How two quantities relate."""

    model_config = ConfigDict(frozen=True)

    conflict: bool
    relative_gap: float
    explanation: str


def compatible(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities can state the same fact: same kind, comparable units."""
    if a.kind is not b.kind:
        return False
    if a.kind is Kind.MONEY:
        return a.unit == b.unit
    if a.kind in (Kind.DURATION, Kind.COUNT):
        return comparable(a.unit, b.unit)
    return True


def _date_bound(text: str, upper: bool, ignore_year: bool) -> float:
    """Ordinal day of an ISO 8601 date, month or year string."""
    if text.startswith("--"):
        year, rest = _UNKNOWN_YEAR, text[2:]
    else:
        year_text, _, rest = text.partition("-")
        year = _UNKNOWN_YEAR if ignore_year else int(year_text)
    parts = [int(p) for p in rest.split("-") if p]
    month = parts[0] if parts else (12 if upper else 1)
    if len(parts) > 1:
        day = parts[1]
    elif upper:
        next_month = date(year + month // 12, month % 12 + 1, 1)
        day = (next_month - date(year, month, 1)).days
    else:
        day = 1
    return float(date(year, month, min(day, 29 if month == 2 and ignore_year else 31)).toordinal())


def _rounding(value: float) -> float:
    """Half a unit of the digit a whole number was likely rounded at, else 0.

    The last non-zero digit, but never coarser than the second significant one:
    9,900 and 4,000 are read to the nearest hundred (± 50), 20 and 36 to the unit.
    """
    if value == 0 or not float(value).is_integer() or abs(value) >= 1e15:
        return 0.0
    whole = int(abs(value))
    step, second = 1, max(1, 10 ** (len(str(whole)) - 2))
    while step < second and whole % (step * 10) == 0:
        step *= 10
    return step / 2


def _bounds(quantity: Quantity, loose: bool) -> tuple[float, float]:
    """The quantity's interval in its own unit; ``loose``: a whole number as rounded."""
    low = -math.inf if quantity.low is None else float(quantity.low)
    high = math.inf if quantity.high is None else float(quantity.high)
    if loose and quantity.qualifier is Qualifier.EXACT and low == high:
        half = _rounding(low)
        low, high = low - half, high + half
    return low, high


def axis_interval(
    quantity: Quantity, *, ignore_year: bool = False, loose: bool = False
) -> tuple[float, float]:
    """The quantity's interval on one numeric axis: days for dates, base units otherwise.

    ``loose`` reads an exact whole number at the precision of its last non-zero
    digit, as a figure converted from another unit is read.
    """
    if quantity.kind is Kind.DATE:
        value = str(quantity.value)
        ignore_year = ignore_year or value.startswith("--")
        low = _date_bound(str(quantity.low or value), upper=False, ignore_year=ignore_year)
        high = _date_bound(str(quantity.high or value), upper=True, ignore_year=ignore_year)
        return low, high
    low, high = _bounds(quantity, loose)
    return to_base(low, quantity.unit), to_base(high, quantity.unit)


def _magnitude(quantity: Quantity) -> float:
    if quantity.kind is Kind.DATE:
        return _DAYS_PER_YEAR  # a date's gap is measured as a share of a year
    # A size, not a position: temperatures weigh by their degrees, without the offset.
    return abs(float(quantity.value)) * size_factor(quantity.unit)


def _unknown_year(quantity: Quantity) -> bool:
    """A date whose year was not written: unknown, or completed from a reference date.

    A completed year is a guess (a page without a date, a story told a year later): two
    dates meet on month and day, never on a year nobody wrote.
    """
    return quantity.kind is Kind.DATE and (
        str(quantity.value).startswith("--") or quantity.year_inferred
    )


class Interval(NamedTuple):
    """A quantity on the numeric axis, computed once and compared many times."""

    low: float
    high: float
    magnitude: float
    undated: bool  # a date without a year: compared on month and day only
    yearless_low: float
    yearless_high: float
    unit: str = ""
    loose_low: float = -math.inf  # the interval as read across units (see axis_interval)
    loose_high: float = math.inf
    written: tuple[float, float, float] | None = None
    """For an exact figure: the value and the half-open span [low, high) of values that
    round to it at the precision it was written with (see :func:`gap_between`)."""


def interval_of(quantity: Quantity) -> Interval:
    low, high = axis_interval(quantity)
    undated = _unknown_year(quantity)
    if quantity.kind is Kind.DATE:
        yearless_low, yearless_high = axis_interval(quantity, ignore_year=True)
    else:
        yearless_low, yearless_high = low, high
    loose_low, loose_high = axis_interval(quantity, loose=True)
    return Interval(
        low,
        high,
        _magnitude(quantity),
        undated,
        yearless_low,
        yearless_high,
        quantity.unit,
        loose_low,
        loose_high,
        _written(quantity),
    )


def _written(quantity: Quantity) -> tuple[float, float, float] | None:
    if quantity.kind is Kind.DATE or quantity.qualifier is not Qualifier.EXACT:
        return None
    value = float(quantity.value)
    low, high = _bounds(quantity, loose=False)
    if low == high and value.is_integer():
        # A whole number is read to its units digit: 20 covers 19.5 up to 20.5. Its
        # trailing zeros may or may not be rounding, so they widen nothing here.
        low, high = value - 0.5, value + 0.5
    return to_base(value, quantity.unit), to_base(low, quantity.unit), to_base(high, quantity.unit)


def _at_written_precision(a: Interval, b: Interval) -> float | None:
    """The gap between two exact figures compared at the coarser precision written.

    The finer figure is rounded as the coarser one was: 20.1% rounds to 20% (they agree),
    8.5% rounds to 9%, not 8% (they do not). None when either figure is not exact.
    """
    if a.written is None or b.written is None:
        return None
    coarse, fine = (a, b) if a.written[2] - a.written[1] >= b.written[2] - b.written[1] else (b, a)
    assert coarse.written is not None
    assert fine.written is not None
    _, low, high = coarse.written
    value = fine.written[0]
    if low <= value < high or low == high == value:
        return 0.0
    # The upper end is open: a value just on it rounds up, away from the coarse figure.
    return max(low - value, value - high, math.ulp(high))


def gap_between(a: Interval, b: Interval) -> float:
    """Gap between two intervals relative to the larger magnitude; 0.0 when they overlap."""
    if a.undated or b.undated:
        gap = max(0.0, max(a.yearless_low, b.yearless_low) - min(a.yearless_high, b.yearless_high))
    elif a.unit != b.unit:
        gap = max(0.0, max(a.loose_low, b.loose_low) - min(a.loose_high, b.loose_high))
    else:
        written = _at_written_precision(a, b)
        gap = max(0.0, max(a.low, b.low) - min(a.high, b.high)) if written is None else written
    if gap == 0.0:
        return 0.0
    magnitude = max(a.magnitude, b.magnitude)
    return gap / magnitude if magnitude > 0 else math.inf


def relative_gap(a: Quantity, b: Quantity) -> float:
    """Gap between two compatible quantities' intervals, relative to the larger magnitude.

    0.0 when the intervals overlap.
    """
    return gap_between(interval_of(a), interval_of(b))


def _describe_interval(quantity: Quantity, low: float, high: float) -> str:
    if quantity.kind is Kind.DATE:
        return f"{quantity.low or quantity.value} to {quantity.high or quantity.value}"

    def amount(x: float) -> str:
        return format_amount(from_base(x, quantity.unit), quantity.kind, quantity.unit)

    if math.isinf(low) and math.isinf(high):
        return "any value"
    if math.isinf(low):
        return f"at most {amount(high)}"
    if math.isinf(high):
        return f"at least {amount(low)}"
    if low == high:
        return amount(low)
    return f"{amount(low)} to {amount(high)}"


def compare_quantities(a: Quantity, b: Quantity, settings: Settings | None = None) -> Comparison:
    """Whether ``a`` and ``b`` conflict: their intervals are further apart than the tolerance.

    Symmetric: ``compare_quantities(a, b)`` and ``compare_quantities(b, a)`` agree.
    """
    settings = settings or Settings()
    if not compatible(a, b):
        return Comparison(
            conflict=False, relative_gap=0.0, explanation="not comparable: different kinds or units"
        )
    gap = relative_gap(a, b)
    shown = f"{format_quantity(a)} vs {format_quantity(b)}"
    if gap == 0.0:
        return Comparison(
            conflict=False, relative_gap=0.0, explanation=f"{shown}: the ranges overlap"
        )
    if gap <= settings.tolerance:
        return Comparison(
            conflict=False,
            relative_gap=gap,
            explanation=f"{shown}: {gap:.1%} apart, within the tolerance",
        )
    ignore_year = _unknown_year(a) or _unknown_year(b)
    loose = a.unit != b.unit
    ranges = " vs ".join(
        _describe_interval(q, *axis_interval(q, ignore_year=ignore_year, loose=loose))
        for q in (a, b)
    )
    return Comparison(
        conflict=True,
        relative_gap=gap,
        explanation=f"{shown}: the ranges do not overlap ({ranges})",
    )


def _running(
    by_id: Mapping[str, Claim],
    conflicting: Sequence[tuple[str, str]],
    published: Mapping[str, date | None],
) -> tuple[date, date] | None:
    """The report dates, when every conflicting pair is a tally reported on different days.

    A count of things (people, votes, cases) given by reports of different days is a
    running figure: the later report may know more. Measured amounts (a magnitude, a
    speed, a price) do not move so; they stay conflicts.
    """
    days: set[date] = set()
    for a_id, b_id in conflicting:
        a, b = by_id[a_id], by_id[b_id]
        day_a, day_b = published.get(a.source), published.get(b.source)
        if day_a is None or day_b is None or day_a == day_b:
            return None
        if not (_tally(a.quantity) and _tally(b.quantity)):
            return None
        days |= {day_a, day_b}
    return (min(days), max(days)) if days else None


def _tally(quantity: Quantity) -> bool:
    value = quantity.value
    return (
        quantity.kind is Kind.COUNT
        and quantity.unit == ""
        and isinstance(value, (int, float))
        and float(value).is_integer()
    )


def _finding(
    cluster: Cluster,
    members: Sequence[Claim],
    settings: Settings,
    published: Mapping[str, date | None],
) -> Finding:
    conflicting: list[tuple[str, str]] = []
    ordered = sorted(members, key=lambda c: c.id)
    intervals = [interval_of(c.quantity) for c in ordered]
    worst_gap, worst_pair = -1.0, (0, 0)
    for i, j in combinations(range(len(ordered)), 2):
        gap = gap_between(intervals[i], intervals[j])
        if gap > settings.tolerance:
            conflicting.append((ordered[i].id, ordered[j].id))
        if gap > worst_gap:
            worst_gap, worst_pair = gap, (i, j)
    worst = (
        compare_quantities(
            ordered[worst_pair[0]].quantity, ordered[worst_pair[1]].quantity, settings
        )
        if len(ordered) > 1
        else None
    )
    sources = {claim.source for claim in members}
    if conflicting:
        involved = {cid for pair in conflicting for cid in pair}
        cross = len({c.source for c in members if c.id in involved}) > 1
    else:
        cross = len(sources) > 1
    running = _running({c.id: c for c in members}, conflicting, published) if conflicting else None
    if not conflicting:
        verdict = Verdict.AGREE
    elif running is not None:
        verdict = Verdict.CHANGED
    else:
        verdict = Verdict.CONFLICT
    if worst is None:
        explanation = "a single claim"
    elif verdict is Verdict.AGREE:
        values = sorted({format_quantity(c.quantity) for c in members})
        explanation = f"{' / '.join(values)}: the ranges overlap"
    elif verdict is Verdict.CHANGED and running is not None:
        explanation = (
            f"{worst.explanation}; a count reported on different days ({running[0]} and "
            f"{running[1]}): changed over time, not a contradiction"
        )
    else:
        explanation = f"{worst.explanation}; {_why_one_fact(members)}"
        rivals = _rivals(ordered, conflicting)
        if rivals:
            explanation += f"; rival figures: {rivals}"
    return Finding(
        cluster_id=cluster.id,
        verdict=verdict,
        claim_ids=cluster.claim_ids,
        conflicting_pairs=tuple(conflicting),
        relative_gap=worst.relative_gap if worst else 0.0,
        cross_source=cross,
        explanation=explanation,
    )


def most_common(values: Iterable[str | None]) -> str | None:
    """The value named most often (ties: the first in sorted order); None if none is named."""
    named = [v for v in values if v]
    return max(sorted(set(named)), key=named.count) if named else None


def _why_one_fact(members: Sequence[Claim]) -> str:
    """Why the claims are one fact: the frame parts they share."""
    parts = []
    measure = most_common(c.frame.measure for c in members)
    entity = most_common(c.frame.entity for c in members)
    period = most_common(c.frame.period for c in members)
    if measure:
        parts.append(f"the same measure ({measure})")
    if entity:
        parts.append(f"of {entity}")
    if period:
        parts.append(f"for {period}")
    return "one fact: " + " ".join(parts) if parts else "one fact by their wording"


def _rivals(ordered: Sequence[Claim], conflicting: Sequence[tuple[str, str]]) -> str:
    """Attributed figures set against each other: "80.5 million (IDC) vs 78.1 million (Canalys)"."""
    by_id = {c.id: c for c in ordered}
    for a_id, b_id in conflicting:
        a, b = by_id[a_id], by_id[b_id]
        if (
            a.frame.attribution
            and b.frame.attribution
            and a.frame.attribution != b.frame.attribution
        ):
            return (
                f"{format_quantity(a.quantity)} ({a.frame.attribution}) vs "
                f"{format_quantity(b.quantity)} ({b.frame.attribution})"
            )
    return ""


def compare_clusters(
    clusters: Sequence[Cluster],
    claims: Sequence[Claim],
    settings: Settings | None = None,
    *,
    published: Mapping[str, date | None] | None = None,
) -> list[Finding]:
    """One finding per cluster: conflict when any two of its claims cannot both hold.

    ``published`` maps source ids to their publication dates: counts that differ between
    reports of different days are a running figure that ``changed``, not a conflict. An
    agreement within fewer sources than ``settings.agreement_sources`` is no finding (one
    article repeating its own figure): its cluster gets none.
    """
    settings = settings or Settings()
    by_id = {claim.id: claim for claim in claims}
    findings = []
    for cluster in clusters:
        members = [by_id[cid] for cid in cluster.claim_ids]
        finding = _finding(cluster, members, settings, published or {})
        sources = {claim.source for claim in members}
        if finding.verdict is Verdict.AGREE and len(sources) < settings.agreement_sources:
            continue
        findings.append(finding)
    return findings
