"""The published report document: shape, citations, determinism, order independence."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.errors import FactcheckError
from factcheck.models import ClaimRecord, Kind, Qualifier, Verdict
from factcheck.render.document import display_value, to_document
from tests.report_samples import GROUPS, SPECS, hostile_report, make_report, sample_report


def test_conflict_cites_each_side_with_offsets_into_the_source() -> None:
    report = sample_report()
    texts = {s.id: s.text for s in report.sources}
    doc = to_document(report)
    assert len(doc.conflicts) == 1
    conflict = doc.conflicts[0]
    assert conflict.verdict is Verdict.CONFLICT
    assert conflict.cross_source
    assert [c.source for c in conflict.claims] == ["alpha.txt", "beta.txt"]
    for claim in conflict.claims:
        assert texts[claim.source][claim.start : claim.end] == claim.quote
        assert texts[claim.source][claim.sentence_start : claim.sentence_end] == claim.sentence
        assert claim.cluster_id == conflict.cluster_id
    assert [c.display for c in conflict.claims] == ["about 70%", "more than 90%"]


def test_clusters_hold_two_or_more_claims_with_their_verdict() -> None:
    doc = to_document(sample_report())
    assert {c.verdict for c in doc.clusters} == {Verdict.AGREE, Verdict.CONFLICT}
    assert all(len(c.claims) >= 2 for c in doc.clusters)
    clustered = {claim.id for cluster in doc.clusters for claim in cluster.claims}
    for claim in doc.claims:
        assert (claim.cluster_id is not None) == (claim.id in clustered)
    assert doc.summary.clusters == 3
    assert doc.summary.claims == len(SPECS)
    assert doc.summary.conflicts == 1
    assert doc.summary.agreements == 2


def test_claims_are_in_source_order() -> None:
    doc = to_document(sample_report())
    positions = [(c.source, c.start) for c in doc.claims]
    assert positions == sorted(positions)


def test_runtime_only_settings_are_left_out() -> None:
    doc = to_document(sample_report())
    assert "cache_dir" not in doc.settings
    assert doc.settings["model"] == "test"


def test_same_report_gives_byte_identical_json() -> None:
    assert (
        to_document(sample_report()).model_dump_json()
        == to_document(sample_report()).model_dump_json()
    )


@settings(max_examples=30, deadline=None)
@given(st.permutations(range(3)), st.randoms(use_true_random=False))
def test_json_does_not_depend_on_source_or_claim_order(order: list[int], rng: object) -> None:
    report = sample_report()
    claims = list(report.claims)
    rng.shuffle(claims)  # type: ignore[attr-defined]
    shuffled = report.model_copy(
        update={
            "sources": tuple(report.sources[i] for i in order),
            "claims": tuple(claims),
            "clusters": report.clusters[::-1],
            "findings": report.findings[::-1],
        }
    )
    assert to_document(shuffled).model_dump_json() == to_document(report).model_dump_json()


def test_a_cluster_without_a_finding_is_an_error() -> None:
    report = sample_report()
    broken = report.model_copy(update={"findings": report.findings[1:]})
    with pytest.raises(FactcheckError, match="no finding"):
        to_document(broken)


def test_a_finding_naming_an_unknown_claim_is_an_error() -> None:
    report = make_report(list(sample_report().sources), SPECS, GROUPS)
    finding = report.findings[0].model_copy(update={"claim_ids": ("c-missing", "c-gone")})
    broken = report.model_copy(update={"findings": (finding, *report.findings[1:])})
    with pytest.raises(FactcheckError, match="unknown claim id"):
        to_document(broken)


def test_an_unbounded_gap_is_null_not_infinity() -> None:
    report = sample_report()
    finding = report.findings[0].model_copy(update={"relative_gap": float("inf")})
    doc = to_document(report.model_copy(update={"findings": (finding, *report.findings[1:])}))
    assert doc.conflicts[0].relative_gap is None
    assert json.loads(doc.model_dump_json())["conflicts"][0]["relative_gap"] is None


def test_hostile_text_is_carried_verbatim() -> None:
    doc = to_document(hostile_report())
    assert doc.sources[0].id == "<b>evil</b>|x.txt"
    assert "<img src=x onerror=" in doc.conflicts[0].claims[0].sentence


def _record(**changes: object) -> ClaimRecord:
    base = to_document(sample_report()).claims[0]
    fields = {k: v for k, v in base.model_dump().items() if k in ClaimRecord.model_fields}
    return ClaimRecord(**{**fields, **changes})


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"qualifier": Qualifier.APPROXIMATE, "value": 70.0}, "about 70%"),
        ({"qualifier": Qualifier.AT_MOST, "value": 12.5}, "up to 12.5%"),
        ({"qualifier": Qualifier.RANGE, "low": 5.0, "high": 7.0}, "5% to 7%"),
        (
            {"kind": Kind.MONEY, "unit": "USD", "value": 6.28e6, "qualifier": Qualifier.EXACT},
            "$6.28 million",
        ),
        (
            {"kind": Kind.DURATION, "unit": "year", "value": 6.0, "qualifier": Qualifier.EXACT},
            "6 years",
        ),
        (
            {"kind": Kind.YEAR, "unit": "year", "value": 2025.0, "qualifier": Qualifier.EXACT},
            "2025",
        ),
        (
            {
                "kind": Kind.DATE,
                "unit": "date",
                "value": "2025-11-01",
                "qualifier": Qualifier.EXACT,
            },
            "2025-11-01",
        ),
        (
            {"kind": Kind.COUNT, "unit": "", "value": 1500.0, "qualifier": Qualifier.MORE_THAN},
            "more than 1,500",
        ),
    ],
)
def test_display_value(changes: dict[str, object], expected: str) -> None:
    assert display_value(_record(**changes)) == expected
