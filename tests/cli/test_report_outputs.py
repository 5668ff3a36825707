"""`factcheck report` outputs for terminals, CI and analysts: a line per finding, a
findings CSV, SQLite for Datasette, and a baseline of accepted findings."""

from __future__ import annotations

import csv
import io
import json
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.cli.running import run_cli as _run

A = "Turnout in Springfield was 61% in the 2024 election.\n"
B = "Turnout in Springfield was 48% in the 2024 election.\n"
NEW = "The mill in Shelbyville paid $4 million in taxes in 2023, the mayor said.\n"
NEW_OTHER = "The mill in Shelbyville paid $9 million in taxes in 2023, the mayor said.\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(A, "utf-8")
    (folder / "b.txt").write_text("Intro line.\n\n" + B, "utf-8")
    return folder


def test_text_format_is_one_line_per_finding_at_its_place(
    corpus: Path, capsys: pytest.CaptureFixture[str], hashing_model: None
) -> None:
    code, out, err = _run(["report", corpus, "--format", "text", "--no-cache"], capsys)
    assert code == 0, err
    (line,) = [line for line in out.splitlines() if ": conflict: " in line]
    assert len(out.splitlines()) == 2  # and the year both state: an agreement
    column = A.index("61%") + 1
    assert line.startswith(f"{corpus / 'a.txt'}:1:{column}: conflict: ")
    assert line.endswith(f"(also {corpus / 'b.txt'}:3:{B.index('48%') + 1})")
    assert err.startswith("factcheck: ")
    assert len(err.splitlines()) == 1


def test_findings_csv_has_a_row_per_finding(
    corpus: Path, capsys: pytest.CaptureFixture[str], hashing_model: None
) -> None:
    code, out, _ = _run(["report", corpus, "--format", "findings-csv", "--no-cache"], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["verdict"] for row in rows] == ["conflict", "agree"]  # conflicts first
    row = rows[0]
    assert row["citations"] == f"a.txt:1:{A.index('61%') + 1} b.txt:3:{B.index('48%') + 1}"
    assert row["sources"] == "2"


def test_sqlite_needs_an_output_file(
    corpus: Path, capsys: pytest.CaptureFixture[str], hashing_model: None
) -> None:
    code, _, err = _run(["report", corpus, "--format", "sqlite"], capsys)
    assert code == 2
    assert "--output" in err


def _sqlite(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    database = tmp_path / "report.db"
    code, out, err = _run(
        ["report", corpus, "--format", "sqlite", "-o", database, "--no-cache"], capsys
    )
    assert code == 0, err
    assert out == ""
    return database


def test_sqlite_tables_join_by_foreign_keys(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], hashing_model: None
) -> None:
    database = _sqlite(corpus, tmp_path, capsys)
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT s.id, c.quote, c.line, k.verdict, f.verdict FROM claims c "
            "JOIN sources s ON s.id = c.source_id JOIN clusters k ON k.id = c.cluster_id "
            "JOIN findings f ON f.cluster_id = k.id WHERE c.kind = 'percent' ORDER BY s.id"
        ).fetchall()
        assert rows == [
            ("a.txt", "61%", 1, "conflict", "conflict"),
            ("b.txt", "48%", 3, "conflict", "conflict"),
        ]
        keys = connection.execute("SELECT * FROM pragma_foreign_key_list('claims')").fetchall()
        assert {row[2] for row in keys} == {"sources", "clusters"}
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_sqlite_opens_in_datasette_with_a_facet(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], hashing_model: None
) -> None:
    datasette = shutil.which("datasette", path=str(Path(sys.executable).parent))
    if datasette is None:
        pytest.skip("datasette is not installed")
    database = _sqlite(corpus, tmp_path, capsys)
    port = _free_port()
    server = subprocess.Popen(
        [datasette, "serve", str(database), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}/report/claims.json?_facet=kind&_shape=objects"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    data = json.loads(response.read())
                break
            except OSError:
                assert server.poll() is None, server.stderr and server.stderr.read()
                assert time.monotonic() < deadline, "datasette did not start"
                time.sleep(0.3)
        facet = data["facet_results"]
        results = facet.get("results", facet)
        counts = {item["value"]: item["count"] for item in results["kind"]["results"]}
        assert counts == {"percent": 2, "year": 2}
        assert {row["source_id"] for row in data["rows"]} == {"a.txt", "b.txt"}
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_baseline_round_trip(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], hashing_model: None
) -> None:
    baseline = tmp_path / "baseline.json"
    args: list[object] = ["report", corpus, "--format", "text", "--no-cache"]
    code, _, _ = _run([*args, "--fail-on-conflict"], capsys)
    assert code == 1  # the conflict fails the run without a baseline
    code, _, err = _run([*args, "--baseline", baseline, "--update-baseline"], capsys)
    assert code == 0, err
    recorded = json.loads(baseline.read_text("utf-8"))["findings"]
    assert sorted(entry["verdict"] for entry in recorded) == ["agree", "conflict"]

    # Its own baseline passes, even after text is added elsewhere (offsets move).
    (corpus / "a.txt").write_text("A new first line.\n" + A, "utf-8")
    code, _, err = _run([*args, "--baseline", baseline, "--fail-on-conflict"], capsys)
    assert code == 0, err
    assert "(0 new, 1 in the baseline)" in err

    # A new conflict fails it.
    (corpus / "a.txt").write_text(A + NEW, "utf-8")
    (corpus / "b.txt").write_text(B + NEW_OTHER, "utf-8")
    code, out, err = _run([*args, "--baseline", baseline, "--fail-on-conflict"], capsys)
    assert code == 1, out
    assert "(1 new, 1 in the baseline)" in err


@pytest.mark.parametrize(
    ("content", "problem"),
    [(None, "no such baseline file"), ("{}", "not a baseline file"), ("[", "not a baseline")],
)
def test_a_bad_baseline_is_one_line_naming_it(
    content: str | None,
    problem: str,
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    baseline = tmp_path / "baseline.json"
    if content is not None:
        baseline.write_text(content, "utf-8")
    code, _, err = _run(["report", corpus, "--baseline", baseline], capsys)
    assert code == 2
    assert err.startswith(f"factcheck: error: {baseline}: {problem}")
    assert len(err.splitlines()) == 1


def test_text_format_prints_nothing_when_nothing_is_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], hashing_model: None
) -> None:
    (tmp_path / "a.txt").write_text("Turnout in Springfield was 61% in 2024.\n", "utf-8")
    code, out, err = _run(["report", tmp_path / "a.txt", "--format", "text"], capsys)
    assert (code, out) == (0, "")
    assert err.startswith("factcheck: 1 source, ")
