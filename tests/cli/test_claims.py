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
    records = json.loads(result.stdout)
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
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    table = runner.invoke(
        cli, ["claims", str(SEEDS / "004_89daeb4646ad122d.txt")], env={"COLUMNS": "120"}
    )
    assert table.exit_code == 0
    assert table.stderr == f"factcheck: {len(rows)} claims in 1 source\n"
    for row in rows:
        assert row["quote"] in table.stdout


def test_table_fits_the_width_of_columns_and_is_plain_when_piped() -> None:
    for columns in (80, 120):
        result = CliRunner().invoke(
            cli, ["claims", str(SEEDS), "--format", "table"], env={"COLUMNS": str(columns)}
        )
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert max(len(line) for line in lines) <= columns
        assert lines[0].split() == (
            ["where", "value", "subject"]
            if columns < 96
            else ["where", "kind", "value", "quote", "subject"]
        )
        assert lines[0].index("subject") <= columns - 24  # the subject has room to be read
        assert "\x1b[" not in result.output
        assert len(lines) == len(json.loads(_json_listing())) + 1  # header, one line each
        assert result.stderr.startswith("factcheck: ")  # the count, not in the table


def _json_listing() -> str:
    result = CliRunner().invoke(cli, ["claims", str(SEEDS), "--format", "json"])
    assert result.exit_code == 0
    return result.stdout


def test_a_long_source_name_keeps_its_file_name_and_line(tmp_path: Path) -> None:
    folder = tmp_path / ("a-very-long-folder-name-" * 3)
    folder.mkdir()
    (folder / "report.txt").write_text("Prices rose 12% in May.\n", "utf-8")
    result = CliRunner().invoke(cli, ["claims", str(tmp_path)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    row = result.stdout.splitlines()[1]
    assert row.startswith("…")
    assert "report.txt:1" in row


def test_approximate_margin_reaches_extraction() -> None:
    runner = CliRunner()
    path = str(SEEDS / "000_40b7379e913e0d47.txt")
    wide = runner.invoke(cli, ["claims", path, "--format", "json", "--approximate-margin", "0.5"])
    plain = runner.invoke(cli, ["claims", path, "--format", "json"])
    about = [r for r in json.loads(plain.stdout) if r["qualifier"] == "approximate"]
    widened = [r for r in json.loads(wide.stdout) if r["qualifier"] == "approximate"]
    assert about
    assert [r["low"] for r in widened] != [r["low"] for r in about]


def test_the_count_names_every_source_read_even_one_without_claims(tmp_path: Path) -> None:
    (tmp_path / "data.csv").write_text("name,comment\nalpha,no figures here\n", "utf-8")
    result = CliRunner().invoke(cli, ["claims", str(tmp_path / "data.csv")])
    assert result.exit_code == 0, result.output
    assert result.stderr == "factcheck: 0 claims in 1 source\n"
    quiet = CliRunner().invoke(cli, ["claims", str(tmp_path / "data.csv"), "-q"])
    assert quiet.stderr == ""
