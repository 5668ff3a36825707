"""Reading the gold file: locate each quoted claim among extracted claims."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from factcheck.models import Claim, Kind, Report

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = yaml.safe_load((Path(__file__).parent / "data" / "gold_seeds.yaml").read_text("utf-8"))


def expected_kind(value: str) -> Kind:
    """The kind a gold value string names: "about 70%", "2025-11-01", "6 years", "... USD"."""
    if value.endswith("%"):
        return Kind.PERCENT
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Kind.DATE
    if re.search(r"\b[A-Z]{3}$", value):
        return Kind.MONEY
    return Kind.DURATION


def claims_in_quote(
    claims: list[Claim] | tuple[Claim, ...], source: str, text: str, quote: str
) -> list[Claim]:
    """Claims of ``source`` whose quantity lies inside an occurrence of ``quote``."""
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(quote), text)]
    assert spans, f"gold quote not in {source}: {quote!r}"
    return [
        c
        for c in claims
        if c.source == source
        and any(s <= c.citation.start and c.citation.end <= e for s, e in spans)
    ]


def locate(report: Report, entry: dict[str, Any]) -> list[Claim]:
    """The claims a gold entry points at (of the entry's kind, when it states a value)."""
    text = next(s.text for s in report.sources if s.id == entry["source"])
    found = claims_in_quote(report.claims, entry["source"], text, entry["quote"])
    if "value" in entry:
        kind = expected_kind(entry["value"])
        found = [c for c in found if c.quantity.kind is kind]
    return found
