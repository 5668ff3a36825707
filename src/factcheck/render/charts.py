"""Interval charts: each side of a finding drawn on one number line, as an SVG data URI.

An exact value is a point, a range a bar, an open-ended claim ('more than 90%')
an arrow running to the edge of the axis. The SVG is deterministic: a fixed
hash salt for its ids and no date or creator metadata.
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Sequence
from datetime import date

from factcheck.models import Kind
from factcheck.render.display import format_number
from factcheck.render.document import ClaimDoc

__all__ = ["interval_chart"]

_SALT = "factcheck"
_COLOURS = ("#b2182b", "#2166ac", "#1b7837", "#762a83", "#e08214", "#4d4d4d")


def _number(value: float | str | None, kind: Kind) -> float | None:
    """A value on the axis: numbers as they are, ISO dates as day ordinals."""
    if value is None:
        return None
    if not isinstance(value, str):
        return float(value) if math.isfinite(value) else None
    if kind not in (Kind.DATE, Kind.YEAR):
        return None
    parts = value.split("-")
    try:
        if len(parts) == 3 and parts[0]:
            return float(date.fromisoformat(value).toordinal())
        if len(parts) == 2:
            return float(date(int(parts[0]), int(parts[1]), 1).toordinal())
        if len(parts) == 1:
            return float(date(int(parts[0]), 1, 1).toordinal())
    except ValueError:
        return None
    return None  # '--11-10': a date without a year cannot be placed


def _tick_label(kind: Kind, unit: str, value: float) -> str:
    if kind is Kind.DATE:
        return date.fromordinal(max(1, round(value))).isoformat()
    if unit == "%":
        return f"{value:g}%"
    return format_number(value, short=True)


def interval_chart(claims: Sequence[ClaimDoc]) -> str | None:
    """An SVG data URI showing every claim's interval, or None if they cannot be placed."""
    rows = []
    for claim in claims:
        value = _number(claim.value, claim.kind)
        low, high = _number(claim.low, claim.kind), _number(claim.high, claim.kind)
        if value is None:
            return None
        rows.append((claim, value, low, high))
    finite = [x for _, value, low, high in rows for x in (value, low, high) if x is not None]
    lo, hi = min(finite), max(finite)
    pad = (hi - lo) * 0.15 or max(abs(hi) * 0.1, 1.0)
    left, right = lo - pad, hi + pad

    from matplotlib import rc_context
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    with rc_context({"svg.hashsalt": _SALT, "font.size": 9}):
        figure = Figure(figsize=(7.0, 0.55 * len(rows) + 0.9))
        axes = figure.subplots()
        for row, (claim, value, low, high) in enumerate(rows):
            y = len(rows) - 1 - row
            colour = _COLOURS[row % len(_COLOURS)]
            start = left if low is None else low
            end = right if high is None else high
            if low is None and high is None and claim.qualifier.value == "exact":
                start = end = value
            if end > start:
                axes.plot([start, end], [y, y], color=colour, linewidth=6, alpha=0.45)
            if low is None and end > start:
                axes.plot([left], [y], marker="<", color=colour, markersize=9)
            if high is None and end > start:
                axes.plot([right], [y], marker=">", color=colour, markersize=9)
            axes.plot([value], [y], marker="o", color=colour, markersize=7)
        labels = [f"{c.source}, line {c.line}: {c.display}" for c, *_ in rows]
        axes.set_yticks(range(len(rows) - 1, -1, -1), labels, parse_math=False)
        axes.set_xlim(left, right)
        axes.set_ylim(-0.7, len(rows) - 0.3)
        first = claims[0]
        axes.xaxis.set_major_formatter(
            FuncFormatter(lambda x, _pos: _tick_label(first.kind, first.unit, x))
        )
        axes.grid(axis="x", color="#dddddd")
        for side in ("top", "right", "left"):
            axes.spines[side].set_visible(False)
        axes.tick_params(axis="y", length=0)
        buffer = io.BytesIO()
        figure.savefig(
            buffer,
            format="svg",
            bbox_inches="tight",
            metadata={"Date": None, "Creator": None},
        )
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"
