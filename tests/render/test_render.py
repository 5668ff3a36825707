"""render(): format dispatch, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest

from factcheck.errors import SettingsError
from factcheck.render import BINARY_FORMATS, FORMATS, render, render_bytes
from factcheck.render.document import ClaimDoc
from tests.report_samples import SPECS, hostile_report, sample_report


def test_unknown_format_is_a_settings_error() -> None:
    with pytest.raises(SettingsError, match="unknown report format"):
        render(sample_report(), "pdf")


TEXT_FORMATS = [fmt for fmt in FORMATS if fmt not in BINARY_FORMATS]


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_every_format_ends_with_one_newline_and_is_deterministic(fmt: str) -> None:
    first = render(sample_report(), fmt)
    assert first.endswith("\n")
    assert not first.endswith("\n\n")
    assert render(sample_report(), fmt) == first


@pytest.mark.parametrize("fmt", ["json", "csv", "md"])
def test_text_formats_do_not_depend_on_input_order(fmt: str) -> None:
    assert render(sample_report(1), fmt) == render(sample_report(-1), fmt)


def test_json_round_trips_into_the_document_model() -> None:
    text = render(sample_report(), "json")
    data = json.loads(text)
    assert data["schema_version"]
    assert data["summary"]["conflicts"] == 1
    conflict = data["conflicts"][0]
    assert {"cluster_id", "explanation", "relative_gap", "cross_source", "claims"} <= set(conflict)
    sides = {(c["source"], c["quote"], c["value"]) for c in conflict["claims"]}
    assert sides == {("alpha.txt", "about 70%", 70.0), ("beta.txt", "more than 90%", 90.0)}
    assert all({"id", "verdict", "claims"} <= set(c) for c in data["clusters"])


def test_csv_has_one_row_per_claim_with_cluster_and_verdict() -> None:
    rows = list(csv.DictReader(io.StringIO(render(sample_report(), "csv"))))
    assert len(rows) == len(SPECS)
    assert list(rows[0]) == list(ClaimDoc.model_fields)
    by_quote = {(r["source"], r["quote"]): r for r in rows}
    assert by_quote["alpha.txt", "about 70%"]["verdict"] == "conflict"
    assert by_quote["beta.txt", "100%"]["verdict"] == "agree"
    lonely = by_quote["gamma.txt", "12"]
    assert lonely["cluster_id"] == ""
    assert lonely["verdict"] == ""


def test_csv_keeps_hostile_text_in_one_field() -> None:
    rows = list(csv.DictReader(io.StringIO(render(hostile_report(), "csv"))))
    assert len(rows) == 2
    evil = next(r for r in rows if r["source"] == "<b>evil</b>|x.txt")
    assert evil["sentence"].startswith('It says <img src=x onerror="window.__pwned=1">')


def test_binary_formats_are_bytes_and_deterministic() -> None:
    for fmt in BINARY_FORMATS:
        with pytest.raises(SettingsError, match="not text"):
            render(sample_report(), fmt)
        assert render_bytes(sample_report(), fmt) == render_bytes(sample_report(), fmt)
    assert render_bytes(sample_report(), "json") == render(sample_report(), "json").encode()


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_an_empty_report_renders(fmt: str) -> None:
    empty = sample_report().model_copy(
        update={"claims": (), "clusters": (), "findings": (), "sources": ()}
    )
    text = render(empty, fmt)
    if fmt == "json":
        assert json.loads(text)["summary"]["claims"] == 0
    elif fmt in ("csv", "findings-csv"):
        assert text.count("\n") == 1  # the header alone
    elif fmt == "text":
        assert text == ""  # no finding, no line: like a linter with nothing to say
    else:
        assert "No conflicts found." in text
