"""Fact sheets: the format (pydantic models), its loaders, validation and its outputs.

Owns the format (``models``), the YAML and CSV loaders, quote lookup (``quotes``),
``validation`` (``factcheck.validate``: a verdict per fact against sources) and
the outputs of a validation (``outputs``: table, JSON, JUnit XML, SARIF, GitHub
annotations). May import every layer below it: ``models``, ``units``,
``settings``, ``errors``, ``atomic``, ``escape``, ``sources``, ``extract``,
``crosscheck`` and ``render``; never ``cli``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from factcheck.errors import FactSheetError
from factcheck.factsheet.csv_loader import load_csv_factsheet
from factcheck.factsheet.models import Acceptance, CitedQuote, Fact, FactSheet
from factcheck.factsheet.yaml_loader import load_yaml_factsheet

__all__ = [
    "Acceptance",
    "CitedQuote",
    "Fact",
    "FactSheet",
    "factsheet_json_schema",
    "load_factsheet",
]

SCHEMA_ID = "https://factcheck-claims.invalid/schemas/factsheet.json"


def load_factsheet(path: str | Path) -> FactSheet:
    """Read a fact sheet: ``.yaml``/``.yml`` or ``.csv``; errors name file, line and field."""
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix in {".yaml", ".yml"}:
        return load_yaml_factsheet(file)
    if suffix == ".csv":
        return load_csv_factsheet(file)
    raise FactSheetError("unknown fact sheet format: use .yaml, .yml or .csv", path=file)


def factsheet_json_schema() -> dict[str, Any]:
    """The JSON Schema of the YAML fact-sheet format (published as docs/factsheet.schema.json)."""
    schema = FactSheet.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def factsheet_json_schema_text() -> str:
    """The schema as the exact text of the published file."""
    return json.dumps(factsheet_json_schema(), indent=2, sort_keys=True) + "\n"
