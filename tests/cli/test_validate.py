"""`factcheck validate` (and its old name `check`): exit codes, one-line errors, and the files it writes."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.cli.running import run_cli as run

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parents[1] / "data" / "factsheets"
GOOD = ROOT / "examples" / "factsheet.yaml"
BROKEN = ROOT / "examples" / "factsheet-broken.yaml"
SEEDS = ROOT / "seeds"


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("bad-yaml.yaml", 5),
        ("unknown-field.yaml", 9),
        ("duplicate-id.yaml", 8),
        ("bad-value.yaml", 7),
        ("bad-value.csv", 3),
    ],
)
def test_malformed_sheet_exits_2_with_file_and_line(
    name: str, line: int, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["validate", DATA / name, "--sources", SEEDS], capsys)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"factcheck: error: {DATA / name}:{line}: ")
    assert "Traceback" not in err + out


def test_no_sources_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["validate", GOOD], capsys)
    assert code == 2
    assert "no sources" in err


@pytest.mark.model
def test_good_sheet_passes_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junit = tmp_path / "junit.xml"
    code, out, err = run(["validate", GOOD, "--sources", SEEDS, "--junit", junit], capsys)
    assert code == 0, out
    assert out.splitlines() == [f"OK: 8 facts in {GOOD} (7 supported, 1 accepted disagreement)"]
    assert err == ""
    cases = ET.parse(junit).getroot().findall("./testsuite/testcase")
    assert len(cases) == 8
    assert all(case.find("failure") is None for case in cases)


@pytest.mark.model
def test_broken_sheet_fails_naming_each_fact_verdict_and_citation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    junit = tmp_path / "junit.xml"
    report = tmp_path / "result.json"
    code, out, _ = run(
        ["validate", BROKEN, "-s", SEEDS, "--junit", junit, "--format", "json", "-o", report],
        capsys,
    )
    assert code == 1
    document = json.loads(report.read_text(encoding="utf-8"))
    assert document["failed"] == ["trade-relationship", "truce-expiry"]
    annotations = [line for line in out.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 2
    assert f"file={BROKEN},line=14,title=trade-relationship%3A contradicted::" in annotations[0]
    assert "002_5ee72d736d45eb93.txt" in annotations[0]
    assert "line=24,title=truce-expiry%3A citation broken::" in annotations[1]
    assert "expire on November 12" in annotations[1]

    root = ET.parse(junit).getroot()
    cases = {c.get("name"): c for c in root.findall("./testsuite/testcase")}
    assert len(cases) == 4
    failures = {name: c.find("failure") for name, c in cases.items()}
    assert {n for n, f in failures.items() if f is not None} == {
        "trade-relationship",
        "truce-expiry",
    }
    contradicted = failures["trade-relationship"]
    assert contradicted is not None
    assert "contradicted" in contradicted.get("message", "")
    assert "$660 billion" in (contradicted.text or "")

    monkeypatch.delenv("GITHUB_ACTIONS")
    code, out, _ = run(["validate", BROKEN, "--sources", SEEDS, "--strict"], capsys)
    assert code == 1
    lines = out.splitlines()
    failing = [line for line in lines if line.startswith(f"{BROKEN}:")]
    assert [line.split(": ")[1:3] for line in failing] == [
        ["trade-relationship", "contradicted (fails)"],
        ["eurozone-unemployment", "unsupported (fails)"],
        ["truce-expiry", "citation broken (fails)"],
    ]
    assert failing[0].startswith(f"{BROKEN}:14: ")
    assert failing[2].startswith(f"{BROKEN}:24: ")
    assert "    contradicts: 002_5ee72d736d45eb93.txt:11: “$660 billion”" in out
    assert out.count("expire on November 12") == 1  # said once
    assert lines[-1].startswith(f"FAILED: 3 of 4 facts failing in {BROKEN} (")
    assert "truce-tariff-ceiling" not in out  # a passing fact is not shown without -v

    code, verbose, _ = run(["validate", BROKEN, "--sources", SEEDS, "-v"], capsys)
    assert code == 1
    assert f"{BROKEN}:9: truce-tariff-ceiling: supported: stated by " in verbose
    assert len(verbose.splitlines()) > len(lines)


def test_one_name_per_command(capsys: pytest.CaptureFixture[str]) -> None:
    # `check` was once the old name of `validate`: one verb per thing, no alias left.
    code, help_text, _ = run(["--help"], capsys)
    assert code == 0
    assert "validate  Validate every fact" in help_text
    assert "check" not in help_text.split("Commands:")[1]
    code, _, err = run(["check", GOOD], capsys)
    assert code == 2
    assert "No such command 'check'" in err


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_machine_outputs_say_one_summary_line_on_stderr(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], hashing_model: None
) -> None:
    written = tmp_path / f"facts.{fmt}"
    args = ["validate", BROKEN, "-s", SEEDS, "--format", fmt, "-o", written]
    code, out, err = run(args, capsys)
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("factcheck: FAILED: ")
    assert lines[0].endswith(f"-> {written}")
    code, out, err = run([*args, "-q"], capsys)
    assert (code, out, err) == (1, "", "")
