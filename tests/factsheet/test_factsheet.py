"""Fact-sheet format: loading YAML and CSV, errors with file, line and field, the schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.errors import FactSheetError
from factcheck.factsheet import (
    FactSheet,
    factsheet_json_schema,
    factsheet_json_schema_text,
    load_factsheet,
)
from factcheck.factsheet.csv_loader import parse_csv_factsheet
from factcheck.factsheet.yaml_loader import parse_yaml_factsheet
from factcheck.models import Kind, Qualifier

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parents[1] / "data" / "factsheets"

GOOD = """\
title: Sample
facts:
  - id: share
    statement: the share of global supply a country accounts for
    expected: about 70%
    citations:
      - source: a.txt
        quote: accounts for about 70% of the global supply

  - id: expiry
    statement: the date the truce expires
    expected: 2025-11-10
    tolerance: 5%
  - id: deal
    statement: the value of the mining deal
    expected: $8.5 billion
    accepted:
      reason: under review
"""


def test_a_good_sheet_loads_with_the_line_of_each_fact() -> None:
    sheet = parse_yaml_factsheet(GOOD, "good.yaml")
    assert sheet.title == "Sample"
    assert [f.id for f in sheet.facts] == ["share", "expiry", "deal"]
    assert [sheet.line_of(f.id) for f in sheet.facts] == [3, 10, 14]
    assert sheet.path == "good.yaml"
    share, expiry, deal = sheet.facts
    assert share.citations[0].source == "a.txt"
    assert expiry.expected == "2025-11-10"  # an unquoted YAML date stays the text written
    assert expiry.tolerance == pytest.approx(0.05)
    assert deal.accepted is not None
    assert deal.accepted.reason == "under review"


def test_expected_values_parse_with_the_extractor() -> None:
    sheet = parse_yaml_factsheet(GOOD, "good.yaml")
    share, expiry, deal = (fact.quantity() for fact in sheet.facts)
    assert (share.kind, share.value, share.qualifier) == (Kind.PERCENT, 70, Qualifier.APPROXIMATE)
    assert (expiry.kind, expiry.value) == (Kind.DATE, "2025-11-10")
    assert (deal.kind, deal.value, deal.unit) == (Kind.MONEY, 8.5e9, "USD")


@pytest.mark.parametrize(
    ("name", "line", "field", "words"),
    [
        ("bad-yaml.yaml", 5, None, "(while parsing a flow sequence at line 4)"),
        ("unknown-field.yaml", 9, "facts[1].colour", "unknown field 'colour'"),
        ("duplicate-id.yaml", 8, "facts[2].id", "duplicate fact id 'deal'"),
        ("bad-value.yaml", 7, "facts[1].expected", "cannot read a value from 'a great deal'"),
        ("bad-value.csv", 3, "column expected", "cannot read a value"),
        ("unknown-column.csv", 1, "column colour", "unknown column 'colour'"),
    ],
)
def test_malformed_sheets_name_file_line_and_field(
    name: str, line: int, field: str | None, words: str
) -> None:
    path = DATA / name
    with pytest.raises(FactSheetError) as caught:
        load_factsheet(path)
    error = caught.value
    assert (error.path, error.line, error.field) == (str(path), line, field)
    assert words in error.message
    assert str(error).startswith(f"{path}:{line}: ")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            "facts:\n  - id: a\n    statement: s\n    statement: t\n    expected: 5%\n",
            4,
            "duplicate key",
        ),
        ("facts:\n  - id: a\n    expected: 5%\n", 2, "required field is missing"),
        ("facts:\n  - id: a\n    statement: s\n    expected: 5%\n    citations: no\n", 5, "tuple"),
        ("facts:\n  - id: a b\n    statement: s\n    expected: 5%\n", 2, "letters, digits"),
        ("facts: []\n", 1, "at least one fact"),
        ("facts:\n  - id: a\n    statement: s\n    expected: 5% and 6%\n", 4, "give exactly one"),
        ("facts:\n  - id: a\n    statement: s\n    expected: 5%\n    tolerance: -1\n", 5, "0"),
        ("- just\n- a list\n", 1, "mapping"),
        ("", 1, "empty"),
        ("facts: !!python/object/apply:os.system [echo]\n", 1, "constructor"),
        ("facts: []\n---\nfacts: []\n", 2, "invalid YAML"),
    ],
)
def test_every_kind_of_mistake_is_located(text: str, line: int, words: str) -> None:
    with pytest.raises(FactSheetError) as caught:
        parse_yaml_factsheet(text, "s.yaml")
    assert caught.value.line == line
    assert words in caught.value.message


def test_all_errors_of_a_sheet_are_reported_in_one_message() -> None:
    text = "facts:\n  - id: a\n    statement: s\n    expected: lots\n    foo: 1\n  - id: b\n"
    with pytest.raises(FactSheetError) as caught:
        parse_yaml_factsheet(text, "s.yaml")
    message = caught.value.message
    assert "cannot read a value from 'lots'" in message
    assert "line 5: facts[0].foo: unknown field 'foo'" in message
    assert "line 6: facts[1].statement: required field is missing" in message


def test_a_missing_or_unknown_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(FactSheetError, match="no such file"):
        load_factsheet(tmp_path / "nope.yaml")
    other = tmp_path / "sheet.toml"
    other.write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(FactSheetError, match="unknown fact sheet format"):
        load_factsheet(other)
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"title: caf\xe9\nfacts: []\n")
    with pytest.raises(FactSheetError, match="not UTF-8") as caught:
        load_factsheet(latin)
    assert caught.value.line == 1


def test_csv_sheet_loads_with_row_lines_and_citations() -> None:
    text = (
        "\ufeffid,statement,expected,tolerance,source,quote,accepted_reason\n"
        "share,the share of supply,about 70%,,a.txt,about 70% of supply,\n"
        '"deal","the value of the\nmining deal",$8.5 billion,2%,,,being checked\n'
        "expiry,the date the truce expires,2025-11-10,,,,\n"
    )
    sheet = parse_csv_factsheet(text, "s.csv")
    assert [sheet.line_of(f.id) for f in sheet.facts] == [2, 3, 5]
    share, deal, _ = sheet.facts
    assert share.citations[0].quote == "about 70% of supply"
    assert deal.tolerance == pytest.approx(0.02)
    assert deal.accepted is not None


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("id,statement\n", 1, "column expected"),
        ("id,statement,expected,source\na,s,5%,x.txt\n", 2, "column quote"),
        ("id,statement,expected\na,s,5%\na,t,6%\n", 3, "column id"),
        ("id,statement,expected\na,s,5%,extra\n", 2, None),
    ],
)
def test_csv_errors_name_line_and_column(text: str, line: int, field: str | None) -> None:
    with pytest.raises(FactSheetError) as caught:
        parse_csv_factsheet(text, "s.csv")
    assert (caught.value.line, caught.value.field) == (line, field)


def test_the_example_sheets_load() -> None:
    for name in ["factsheet.yaml", "factsheet-broken.yaml", "factsheet.csv"]:
        sheet = load_factsheet(ROOT / "examples" / name)
        assert all(sheet.line_of(f.id) for f in sheet.facts)


def test_published_schema_is_current_and_accepts_the_examples() -> None:
    import jsonschema
    import yaml

    published = (ROOT / "docs" / "factsheet.schema.json").read_text(encoding="utf-8")
    assert published == factsheet_json_schema_text(), (
        "regenerate: python -m factcheck.factsheet docs/factsheet.schema.json"
    )
    schema = factsheet_json_schema()
    validator = jsonschema.Draft202012Validator(schema)
    for name in ["factsheet.yaml", "factsheet-broken.yaml"]:
        data = yaml.safe_load((ROOT / "examples" / name).read_text(encoding="utf-8"))
        data = json.loads(json.dumps(data, default=str))
        validator.validate(data)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"facts": [{"id": "a", "statement": "s", "expected": "1", "x": 1}]})


def test_models_are_immutable_and_forbid_unknown_fields() -> None:
    sheet = parse_yaml_factsheet(GOOD, "good.yaml")
    with pytest.raises(ValueError, match="frozen"):
        sheet.facts[0].expected = "80%"  # type: ignore[misc]
    with pytest.raises(ValueError, match="Extra inputs"):
        FactSheet.model_validate({"facts": [], "_lines": {}})


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("-:[]{}&*!|>'\"# \n\tabc0%$"), max_size=80))
def test_any_text_is_a_sheet_or_a_located_error(text: str) -> None:
    """The YAML loader never lets a parser exception or a crash escape."""
    error: FactSheetError | None = None
    try:
        parse_yaml_factsheet(text, "fuzz.yaml")
    except FactSheetError as caught:
        error = caught
    assert error is None or (error.path == "fuzz.yaml" and error.line is not None)
