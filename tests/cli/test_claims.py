"""`factcheck claims`: the published claim records."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

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


def test_table_fits_the_width_of_columns_and_is_plain_when_piped() -> None:
    for columns in (80, 120):
        result = CliRunner().invoke(
            cli, ["claims", str(SEEDS), "--format", "table"], env={"COLUMNS": str(columns)}
        )
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        assert max(len(line) for line in lines) <= columns
        assert lines[0].split() == (
            ["where", "value", "quote", "subject"]
            if columns < 110
            else ["where", "kind", "value", "quote", "subject"]
        )
        assert "\x1b[" not in result.output
        assert len(lines) == len(json.loads(_json_listing())) + 2  # header, one line each, count


def _json_listing() -> str:
    result = CliRunner().invoke(cli, ["claims", str(SEEDS), "--format", "json"])
    assert result.exit_code == 0
    return result.output


def test_a_long_source_name_keeps_its_file_name_and_line(tmp_path: Path) -> None:
    folder = tmp_path / ("a-very-long-folder-name-" * 3)
    folder.mkdir()
    (folder / "report.txt").write_text("Prices rose 12% in May.\n", "utf-8")
    result = CliRunner().invoke(cli, ["claims", str(tmp_path)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    row = result.output.splitlines()[1]
    assert row.startswith("…")
    assert "report.txt:1" in row


def test_approximate_margin_reaches_extraction() -> None:
    runner = CliRunner()
    path = str(SEEDS / "000_40b7379e913e0d47.txt")
    wide = runner.invoke(cli, ["claims", path, "--format", "json", "--approximate-margin", "0.5"])
    plain = runner.invoke(cli, ["claims", path, "--format", "json"])
    about = [r for r in json.loads(plain.output) if r["qualifier"] == "approximate"]
    widened = [r for r in json.loads(wide.output) if r["qualifier"] == "approximate"]
    assert about
    assert [r["low"] for r in widened] != [r["low"] for r in about]
