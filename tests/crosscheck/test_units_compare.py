"""Quantities in different units of one dimension compare after conversion.

Through the real code paths: quantities as extraction reads them, compared by
``compare_quantities``; and whole sources through ``factcheck.report`` (extract,
cluster by dimension, compare), with the deterministic test embedder.
"""

from __future__ import annotations

import pytest

from factcheck.crosscheck.compare import compare_quantities, compatible
from factcheck.crosscheck.pipeline import report
from factcheck.extract import extract_claims
from factcheck.models import Quantity, Source, Verdict
from factcheck.settings import Settings
from tests.doubles import HashingEmbedder

PAIRS = [
    # (one way of stating it, another, whether they conflict)
    ("36 km", "22.4 miles", False),
    ("36 km", "31 miles", True),
    ("2.5 tonnes", "2,500 kg", False),
    ("2.5 tonnes", "3,000 kg", True),
    ("1.2 GW", "1,200 MW", False),
    ("1.2 GW", "900 MW", True),
    ("90 seconds", "1.5 minutes", False),
    ("90 seconds", "2.5 minutes", True),
    ("4,000 hectares", "9,900 acres", False),
    ("4,000 hectares", "12,000 acres", True),
    ("30 seconds", "45 seconds", True),
    ("30 seconds", "30 seconds", False),
    ("5 km", "5,000 m", False),
    ("2 t", "2,000 kg", False),
    ("20°C", "68°F", False),
    ("20°C", "80°F", True),
    ("two decades", "20 years", False),
]


def _quantity(amount: str) -> Quantity:
    [claim] = extract_claims(f"The measured figure was {amount} in the report.")
    assert claim.citation.quote == amount
    return claim.quantity


@pytest.mark.parametrize(("a", "b", "conflict"), PAIRS)
def test_extracted_quantities_compare_after_conversion(a: str, b: str, conflict: bool) -> None:
    first, second = _quantity(a), _quantity(b)
    assert compatible(first, second)
    for x, y in ((first, second), (second, first)):
        result = compare_quantities(x, y)
        assert result.conflict is conflict, result.explanation
        assert "not comparable" not in result.explanation


def test_a_conflict_across_units_explains_each_side_in_its_own_unit() -> None:
    result = compare_quantities(_quantity("36 km"), _quantity("31 miles"))
    assert result.explanation == (
        "36 km vs 31 mi: the ranges do not overlap (35.5 km to 36.5 km vs 30.5 mi to 31.5 mi)"
    )


def test_written_precision_is_kept_after_conversion() -> None:
    # 22.4 miles is 22.35 to 22.45 miles: 36.0 km falls inside, 36.2 km does not.
    assert not compare_quantities(_quantity("36.0 km"), _quantity("22.4 miles")).conflict
    assert compare_quantities(_quantity("36.2 km"), _quantity("22.4 miles")).conflict


def test_units_of_different_dimensions_are_not_compared() -> None:
    result = compare_quantities(_quantity("36 km"), _quantity("36 kg"))
    assert not result.conflict
    assert result.explanation.startswith("not comparable")


@pytest.mark.parametrize(("a", "b", "conflict"), [p for p in PAIRS if p[0] != p[1]][:10])
def test_report_clusters_and_compares_across_units(a: str, b: str, conflict: bool) -> None:
    sentence = "The new coastal pipeline near the harbour carries {} of capacity, officials said."
    sources = [
        Source(id="one.txt", text=sentence.format(a)),
        Source(id="two.txt", text=sentence.format(b)),
    ]
    result = report(sources, Settings(), embedder=HashingEmbedder())
    assert len(result.clusters) == 1, [c.citation.quote for c in result.claims]
    [finding] = result.findings
    assert finding.verdict is (Verdict.CONFLICT if conflict else Verdict.AGREE)
