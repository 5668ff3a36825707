"""The whole cross-check on seeds/ against tests/data/gold_seeds.yaml, with the real embedded model."""

from __future__ import annotations

from itertools import combinations, product
from pathlib import Path
from typing import Any

import pytest

from factcheck.crosscheck.pipeline import report as cross_check
from factcheck.models import Report, Verdict
from factcheck.settings import Settings
from factcheck.sources import load_sources
from tests.gold import GOLD, SEEDS, locate

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    cache: Path = tmp_path_factory.mktemp("cache")
    # Every agreement reported, one source's too: the gold judges the clustering, and one
    # of its agreements (phishing-loss) is a story rounding its own figure.
    return cross_check(load_sources(SEEDS), Settings(cache_dir=cache, agreement_sources=1))


def _conflicting_pairs(report: Report) -> set[frozenset[str]]:
    return {frozenset(pair) for f in report.conflicts for pair in f.conflicting_pairs}


def _one(report: Report, entry: dict[str, Any]) -> str:
    found = locate(report, entry)
    assert len(found) == 1, f"expected one claim for {entry['quote']!r}, got {found}"
    return found[0].id


@pytest.mark.parametrize("conflict", GOLD["conflicts"], ids=lambda c: c["id"])
def test_every_gold_conflict_is_reported_citing_each_claim(
    report: Report, conflict: dict[str, Any]
) -> None:
    ids = [_one(report, entry) for entry in conflict["claims"]]
    pairs = _conflicting_pairs(report)
    for a, b in combinations(ids, 2):
        assert frozenset((a, b)) in pairs, f"{conflict['id']}: {a} vs {b} not reported"
    finding = next(f for f in report.conflicts if set(ids) <= set(f.claim_ids))
    cited = {report.claim(cid).citation.quote for cid in finding.claim_ids}
    assert len(cited) >= 2


@pytest.mark.parametrize("agreement", GOLD["agreements"], ids=lambda a: a["id"])
def test_every_gold_agreement_is_one_cluster_without_conflict(
    report: Report, agreement: dict[str, Any]
) -> None:
    ids = {_one(report, entry) for entry in agreement["claims"]}
    cluster = next((c for c in report.clusters if ids <= set(c.claim_ids)), None)
    assert cluster is not None, f"{agreement['id']}: claims not in one cluster"
    pairs = _conflicting_pairs(report)
    assert not any(frozenset(p) in pairs for p in combinations(ids, 2))


@pytest.mark.parametrize("trap", GOLD["not_conflicts"], ids=lambda t: t["why"][:40])
def test_no_gold_trap_is_reported_as_a_conflict(report: Report, trap: dict[str, Any]) -> None:
    a_ids = [c.id for c in locate(report, trap["a"])]
    b_ids = [c.id for c in locate(report, trap["b"])]
    assert a_ids, f"not extracted: {trap['a']['quote']!r}"
    assert b_ids, f"not extracted: {trap['b']['quote']!r}"
    pairs = _conflicting_pairs(report)
    for a, b in product(a_ids, b_ids):
        assert frozenset((a, b)) not in pairs


def test_conflicts_cite_both_sides_and_say_why(report: Report) -> None:
    assert report.conflicts
    for finding in report.conflicts:
        assert finding.verdict is Verdict.CONFLICT
        assert "vs" in finding.explanation
        for a, b in finding.conflicting_pairs:
            for cid in (a, b):
                claim = report.claim(cid)
                source = next(s for s in report.sources if s.id == claim.source)
                assert (
                    source.text[claim.citation.start : claim.citation.end] == claim.citation.quote
                )
