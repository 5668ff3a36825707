"""What people read is worded once and counted right: no "claim(s)", no "1 conflicts".

Every command's terminal output and the readable reports are searched, and so is
every string in the package's source.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.render import render
from tests.report_samples import hostile_report, sample_report, synthetic_report

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
EXAMPLES = ROOT / "examples"

NOUNS = (
    "claims|sources|conflicts|agreements|facts|findings|sentences|citations|changes|copies|"
    "disagreements|clusters|lines"
)
WRONG = [
    re.compile(r"[a-z]\(s\)"),  # claim(s), source(s)
    re.compile(rf"(?<![\d.,])1 ({NOUNS})\b"),  # 1 conflicts
    re.compile(r"citation_broken"),  # the value, not the words
]


def wrong_words(text: str, patterns: list[re.Pattern[str]] = WRONG) -> list[str]:
    return [match.group(0) for pattern in patterns for match in pattern.finditer(text)]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit):
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return out + err


@pytest.mark.usefixtures("hashing_model")
def test_command_output_is_worded_right(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outputs = [
        _run(["claims", SEEDS], capsys),
        _run(["claims", SEEDS / "000_40b7379e913e0d47.txt"], capsys),
        _run(["report", SEEDS, "--no-cache"], capsys),
        _run(["report", SEEDS / "001_f328dabaccd4829a.txt", "--no-cache"], capsys),
        _run(["validate", EXAMPLES / "factsheet.yaml", "-s", SEEDS, "--no-cache", "-v"], capsys),
        _run(["validate", EXAMPLES / "factsheet-broken.yaml", "-s", SEEDS, "--no-cache"], capsys),
        _run(
            ["validate", EXAMPLES / "factsheet-broken.yaml", "-s", SEEDS, "--no-cache", "-v"],
            capsys,
        ),
    ]
    target = tmp_path / "report.html"
    outputs.append(_run(["report", SEEDS, "--no-cache", "--format", "html", "-o", target], capsys))
    outputs.append(target.read_text("utf-8"))
    for output in outputs:
        assert wrong_words(output) == []


def test_reports_are_worded_right() -> None:
    for report in (sample_report(), hostile_report(), synthetic_report(300)):
        for fmt in ("md", "html"):
            assert wrong_words(render(report, fmt)) == []
    assert "· 1 source</p>" in render(sample_report(), "html")


def test_the_checks_catch_what_they_look_for() -> None:
    assert wrong_words("stated by 2 claim(s) in 1 sources; 1 conflicts; citation_broken") == [
        "m(s)",
        "1 sources",
        "1 conflicts",
        "citation_broken",
    ]
    assert wrong_words("1 conflict, 2 conflicts, 21 claims, 0.1 sources") == []


def test_no_string_in_the_package_says_s_in_parentheses() -> None:
    found = []
    for path in sorted((ROOT / "src" / "factcheck").rglob("*")):
        if path.suffix not in (".py", ".j2", ".js"):
            continue
        text = path.read_text("utf-8")
        if path.suffix == ".py":
            tokens = tokenize.generate_tokens(io.StringIO(text).readline)
            strings = [t.string for t in tokens if t.type == tokenize.STRING]
            # Docstrings may name the wrong forms; code inside an f-string is not words.
            text = "\n".join(
                re.sub(r"\{[^{}]*\}", "", s) for s in strings if not s.startswith(('"""', "'''"))
            )
        # (A verdict's value, such as citation_broken, is data in the source.)
        found += [f"{path.name}: {word}" for word in wrong_words(text, WRONG[:2])]
    assert found == []
