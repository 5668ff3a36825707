"""The committed JSON Schema is current, and rendered reports validate against it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from factcheck.render import render
from factcheck.render.schema import SCHEMA_FILES, schema_texts, write_schemas
from tests.report_samples import hostile_report, sample_report

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((DOCS / "report.schema.json").read_text("utf-8"))
    return loaded


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_committed_schema_is_current(name: str) -> None:
    committed = (DOCS / name).read_text("utf-8")
    assert committed == schema_texts()[name], "run: python -m factcheck.render.schema"


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(_schema())


@pytest.mark.parametrize("report", [sample_report(), hostile_report()], ids=["sample", "hostile"])
def test_rendered_json_validates(report: Any) -> None:
    jsonschema.validate(json.loads(render(report, "json")), _schema())


def test_schema_rejects_a_document_that_breaks_the_contract() -> None:
    document = json.loads(render(sample_report(), "json"))
    document["conflicts"][0]["claims"][0]["verdict"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, _schema())
    del document["clusters"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, _schema())


def test_write_schemas_writes_every_file(tmp_path: Path) -> None:
    written = write_schemas(tmp_path)
    assert sorted(p.name for p in written) == sorted(SCHEMA_FILES)
    assert (tmp_path / "report.schema.json").read_text("utf-8") == schema_texts()[
        "report.schema.json"
    ]
