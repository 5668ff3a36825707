"""pandas tables of a report: one row per claim, source, cluster and finding."""

from __future__ import annotations

import pandas as pd

from factcheck.models import Report
from factcheck.render.document import ClaimDoc
from factcheck.render.tables import (
    CLAIM_COLUMNS,
    claims_frame,
    clusters_frame,
    findings_frame,
    sources_frame,
)
from tests.gold import SEEDS
from tests.report_samples import SPECS, sample_report


def test_claims_frame_is_the_csv_table() -> None:
    frame = claims_frame(sample_report())
    assert list(frame.columns) == list(CLAIM_COLUMNS)
    assert list(frame.columns[: len(ClaimDoc.model_fields)]) == list(ClaimDoc.model_fields)
    assert len(frame) == len(SPECS)
    assert frame["id"].is_unique
    conflict = frame[frame["verdict"] == "conflict"]
    assert sorted(conflict["quote"]) == ["about 70%", "more than 90%"]
    assert frame["cluster_id"].isna().sum() == 1  # the lone claim of gamma.txt
    assert frame.equals(claims_frame(sample_report(-1)))


def test_sources_frame_counts_claims() -> None:
    frame = sources_frame(sample_report())
    assert list(frame["id"]) == ["alpha.txt", "beta.txt", "gamma.txt"]
    assert list(frame["claims"]) == [3, 3, 1]
    assert frame.equals(sources_frame(sample_report()))


def test_clusters_frame_has_one_row_per_cluster() -> None:
    frame = clusters_frame(sample_report())
    assert len(frame) == 3
    assert sorted(frame["verdict"]) == ["agree", "agree", "conflict"]
    assert (frame["claims"] >= 2).all()
    assert frame.equals(clusters_frame(sample_report()))


def test_findings_frame_lists_conflicts_first_with_values_side_by_side() -> None:
    frame = findings_frame(sample_report())
    assert list(frame["verdict"]) == ["conflict", "agree", "agree"]
    assert frame.loc[0, "values"] == "about 70% vs more than 90%"
    assert bool(frame.loc[0, "cross_source"])
    assert frame.loc[0, "relative_gap"] == 0.22
    assert frame.equals(findings_frame(sample_report()))


def test_empty_report_gives_empty_frames_with_columns() -> None:
    empty = sample_report().model_copy(
        update={"claims": (), "clusters": (), "findings": (), "sources": ()}
    )
    for frame in (
        claims_frame(empty),
        sources_frame(empty),
        clusters_frame(empty),
        findings_frame(empty),
    ):
        assert frame.empty
        assert len(frame.columns) > 0


def test_claims_frame_has_numbers_and_dates_in_columns_of_their_own() -> None:
    frame = claims_frame(sample_report())
    for column in ("value", "low", "high"):
        assert frame[column].dtype == "float64"
    for column in ("date", "date_low", "date_high"):
        assert pd.api.types.is_datetime64_any_dtype(frame[column])
    for column in ("start", "end", "line", "occurrences"):
        assert frame[column].dtype == "int64"
    dates = frame[frame["kind"] == "date"]
    assert dates["value"].isna().all()
    assert list(dates["date"]) == [pd.Timestamp("2025-11-01")] * 2
    numbers = frame[frame["kind"] != "date"]
    assert numbers["date"].isna().all()
    assert numbers["high"].isna().sum() == 1  # "more than 90%" has no upper bound
    assert frame["value"].mean() == (70 + 90 + 100 + 100 + 12) / 5


def test_claims_frame_of_the_seeds_is_numeric() -> None:
    """``claims_frame(report)["value"].mean()`` works on the seeds (no model needed)."""
    from factcheck.crosscheck.pipeline import claims as stream_claims
    from factcheck.sources import load_sources

    sources = load_sources([SEEDS])
    report = Report(
        sources=tuple(sources), claims=tuple(stream_claims(sources)), clusters=(), findings=()
    )
    frame = claims_frame(report)
    assert frame["value"].dtype == "float64"
    assert frame["value"].notna().sum() > 40
    assert frame["value"].mean() > 0
    assert frame["date"].notna().sum() > 5
    assert frame.loc[frame["date"].notna(), "value"].isna().all()
