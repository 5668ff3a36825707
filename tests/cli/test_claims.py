"""`factcheck claims`: the published claim records."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from factcheck.cli import cli
from tests.gold import SEEDS

REQUIRED = {
    "source",
    "start",
    "end",
    "quote",
    "sentence",
    "kind",
    "value",
    "unit",
    "qualifier",
    "low",
    "high",
}


def test_json_records_point_into_the_source_text() -> None:
    result = CliRunner().invoke(cli, ["claims", str(SEEDS), "--format", "json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert len(records) > 50
    texts = {p.name: p.read_text("utf-8") for p in SEEDS.glob("*.txt")}
    for record in records:
        assert set(record) >= REQUIRED
        assert texts[record["source"]][record["start"] : record["end"]] == record["quote"]
        assert record["quote"] in record["sentence"]
    rare = [r for r in records if r["quote"] == "70%"]
    assert rare
    assert rare[0]["qualifier"] == "approximate"
    assert rare[0]["value"] == 70


def test_csv_and_table_list_the_same_claims() -> None:
    runner = CliRunner()
    as_csv = runner.invoke(
        cli, ["claims", str(SEEDS / "004_89daeb4646ad122d.txt"), "--format", "csv"]
    )
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    table = runner.invoke(cli, ["claims", str(SEEDS / "004_89daeb4646ad122d.txt")])
    assert table.exit_code == 0
    assert f"{len(rows)} claims" in table.output
    for row in rows:
        assert row["quote"] in table.output
