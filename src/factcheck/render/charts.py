"""Interval charts drawn as small inline SVG: each value of a finding on one number line.

A stated value is a dot, the range it allows a bar ("about 70%" allows a margin
around 70), and a claim open on one side ("more than 90%") an arrow running to
the edge of the axis. One row per distinct value, coloured by side (the page's
stylesheet holds the colours), labelled with the value in words. A few hundred
bytes per chart, deterministic, and with no content but shapes and escaped text.
"""

from __future__ import annotations

from datetime import date

from markupsafe import Markup, escape

from factcheck.models import Kind
from factcheck.render.display import format_number
from factcheck.render.document import ClaimDoc
from factcheck.render.views import FindingView, axis_value
from factcheck.units import from_base

__all__ = ["MAX_ROWS", "interval_chart"]

MAX_ROWS = 8
"""Values drawn at most; a finding with more lists the rest in words."""

_WIDTH = 600
_LABEL = 170  # room for the value labels, left of the axis
_RIGHT = 16
_ROW = 22
_TOP = 6
_AXIS = 26


def _tick_label(kind: Kind, unit: str, value: float, *, named: bool) -> str:
    """A tick of the axis in ``unit`` (the first value's), its symbol ``named`` where the
    values were stated in several units."""
    if kind is Kind.DATE:
        return date.fromordinal(max(1, round(value))).isoformat()
    if kind is Kind.YEAR:
        return str(round(value))
    if unit == "%":
        return f"{format_number(round(value, 4), short=True)}%"
    number = format_number(round(from_base(value, unit), 6), short=True)
    return f"{number} {unit}" if named and unit else number


def _rows(view: FindingView) -> list[tuple[int, ClaimDoc]]:
    """(side number, claim) for each distinct value, side by side, each side in value order."""
    rows: list[tuple[int, ClaimDoc]] = []
    for side in view.sides:
        shown: set[str] = set()
        for statement in side.statements:
            for claim in statement.claims:
                if claim.display not in shown:
                    shown.add(claim.display)
                    rows.append((side.number, claim))
    # Within a side, in value order (statements are ordered by how often they are made).
    rows.sort(key=lambda row: (row[0], axis_value(row[1].value, row[1].kind, row[1].unit) or 0.0))
    return rows


def interval_chart(view: FindingView) -> Markup | None:
    """The finding's values on one axis as an ``<svg>`` element; None if they cannot be placed."""
    placed = []
    for side, claim in _rows(view)[:MAX_ROWS]:
        value = axis_value(claim.value, claim.kind, claim.unit)
        if value is None:
            return None
        low = axis_value(claim.low, claim.kind, claim.unit)
        high = axis_value(claim.high, claim.kind, claim.unit)
        placed.append((side, claim, value, low, high))
    if not placed:
        return None
    finite = [x for *_, value, low, high in placed for x in (value, low, high) if x is not None]
    lo, hi = min(finite), max(finite)
    pad = (hi - lo) * 0.12 or max(abs(hi) * 0.1, 1.0)
    left, right = lo - pad, hi + pad
    span = right - left
    plot = _WIDTH - _LABEL - _RIGHT

    def x(number: float) -> str:
        return f"{_LABEL + (number - left) / span * plot:.1f}"

    height = _TOP + _ROW * len(placed) + _AXIS
    axis_y = _TOP + _ROW * len(placed) + 4
    first = placed[0][1]
    mixed = len({claim.unit for _, claim, *_ in placed}) > 1
    parts = []
    for row, (side, claim, value, low, high) in enumerate(placed):
        y = _TOP + _ROW * row + _ROW // 2
        exact = claim.qualifier.value == "exact" and (low is None or low == high)
        start = left if low is None else low
        end = right if high is None else high
        if exact:
            start = end = value
        parts.append(
            f'<text class="label" x="{_LABEL - 8}" y="{y + 4}" text-anchor="end">'
            f"{escape(claim.display)}</text>"
        )
        if end > start:
            parts.append(
                f'<rect class="bar s{side % 6}" x="{x(start)}" y="{y - 4}" '
                f'width="{float(x(end)) - float(x(start)):.1f}" height="8" rx="4"/>'
            )
        if low is None and not exact:
            edge = float(x(left))
            parts.append(f'<path class="end s{side % 6}" d="M{edge:.1f} {y}l8 -6v12z"/>')
        if high is None and not exact:
            edge = float(x(right))
            parts.append(f'<path class="end s{side % 6}" d="M{edge:.1f} {y}l-8 -6v12z"/>')
        parts.append(f'<circle class="dot s{side % 6}" cx="{x(value)}" cy="{y}" r="5"/>')
    parts.append(
        f'<line class="axis" x1="{_LABEL}" y1="{axis_y}" x2="{_WIDTH - _RIGHT}" y2="{axis_y}"/>'
    )
    for at in sorted({lo, (lo + hi) / 2, hi}):
        parts.append(
            f'<line class="tick" x1="{x(at)}" y1="{axis_y}" x2="{x(at)}" y2="{axis_y + 4}"/>'
            f'<text class="tick" x="{x(at)}" y="{axis_y + 17}" text-anchor="middle">'
            f"{escape(_tick_label(first.kind, first.unit, at, named=mixed))}</text>"
        )
    described = "; ".join(claim.display for _, claim, *_ in placed)
    more = len(_rows(view)) - len(placed)
    if more > 0:
        described += f"; and {more} more"
    label = escape(f"Intervals: {described}")
    return Markup(
        f'<svg class="chart" viewBox="0 0 {_WIDTH} {height}" width="{_WIDTH}" '
        f'height="{height}" role="img" aria-label="{label}">'
        f"<title>{label}</title>{''.join(parts)}</svg>"
    )
