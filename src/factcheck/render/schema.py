"""Write the published JSON Schemas into ``docs/``: ``python -m factcheck.render.schema [DIR]``.

The schemas are generated from the pydantic models of :mod:`factcheck.render.document`,
so the contract and the code cannot drift apart; a test checks that the
committed files are current.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from factcheck.atomic import write_atomic
from factcheck.render.document import SCHEMA_VERSION, ReportDocument

__all__ = ["SCHEMA_FILES", "main", "report_schema", "schema_texts", "write_schemas"]

SCHEMA_FILES: tuple[str, ...] = ("report.schema.json",)


def report_schema() -> dict[str, Any]:
    """The JSON Schema of a JSON report (what ``--format json`` writes)."""
    schema = ReportDocument.model_json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://factcheck-claims.invalid/schemas/report-{SCHEMA_VERSION}.json",
        **schema,
    }


def schema_texts() -> dict[str, str]:
    """File name -> the schema as it is committed (indented, sorted keys, final newline)."""
    return {"report.schema.json": json.dumps(report_schema(), indent=2, sort_keys=True) + "\n"}


def write_schemas(folder: str | Path) -> list[Path]:
    """Write every schema into ``folder``; returns the paths written."""
    target = Path(folder)
    return [write_atomic(target / name, text) for name, text in schema_texts().items()]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    write_schemas(args[0] if args else "docs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
