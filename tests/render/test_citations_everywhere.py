"""Every format carries what a reader needs to follow a citation: source, line and
column in the original file, the source's title and URL."""

from __future__ import annotations

import csv
import io
import json

import pytest

from factcheck.models import Report
from factcheck.render import render
from tests.report_samples import sample_report

URL = "https://example.org/news/alpha?id=7"


def _with_url() -> Report:
    report = sample_report()
    first, *rest = report.sources
    return report.model_copy(update={"sources": (first.model_copy(update={"url": URL}), *rest)})


def test_csv_rows_name_the_source_title_url_and_column() -> None:
    report = _with_url()
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    first = report.sources[0]
    mine = [row for row in rows if row["source"] == first.id]
    assert mine
    assert all(row["source_url"] == URL for row in mine)
    assert all(row["source_title"] == first.title for row in mine)
    others = [row for row in rows if row["source"] != first.id]
    assert all(row["source_url"] == "" for row in others)
    assert "column" in rows[0]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_readable_reports_show_the_source_url(fmt: str) -> None:
    assert URL.replace("&", "&amp;") in render(_with_url(), fmt)


def test_json_claims_carry_title_and_url() -> None:
    document = json.loads(render(_with_url(), "json"))
    urls = {claim["source_url"] for claim in document["claims"]}
    assert URL in urls
