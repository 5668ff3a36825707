"""Read a CSV fact sheet (one fact per row), for teams that keep their figures in a spreadsheet.

Columns: ``id, statement, expected`` (required) and ``tolerance, source, quote,
accepted_reason`` (optional). A row holds at most one citation; use YAML for
more. Errors name the file, the row's line and the column.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from factcheck.errors import FactSheetError
from factcheck.factsheet.models import FactSheet
from factcheck.factsheet.problems import Loc, raise_located, read_bounded, shown

__all__ = ["COLUMNS", "load_csv_factsheet", "parse_csv_factsheet"]

COLUMNS = ("id", "statement", "expected", "tolerance", "source", "quote", "accepted_reason")
REQUIRED = ("id", "statement", "expected")

# The model field each column feeds, as pydantic error locations end.
_COLUMN_OF_FIELD = {
    "id": "id",
    "statement": "statement",
    "expected": "expected",
    "tolerance": "tolerance",
    "source": "source",
    "quote": "quote",
    "reason": "accepted_reason",
}


def load_csv_factsheet(path: str | Path) -> FactSheet:
    """Read and validate a CSV fact sheet."""
    file = Path(path)
    return parse_csv_factsheet(read_bounded(file), str(file))


def parse_csv_factsheet(text: str, path: str = "<string>") -> FactSheet:
    """Validate CSV text as a fact sheet; ``path`` names it in errors."""
    text = text.removeprefix("\ufeff")  # spreadsheets save UTF-8 with a BOM
    reader = csv.DictReader(io.StringIO(text, newline=""), restkey="\x00extra")
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        raise FactSheetError(f"invalid CSV: {exc}", path=path, line=1) from exc
    _check_header(header, path)
    facts: list[dict[str, Any]] = []
    row_lines: list[int] = []
    try:
        for row in reader:
            line = reader.line_num - sum(str(v).count("\n") for v in row.values() if v)
            if "\x00extra" in row:
                raise FactSheetError("more cells than columns", path=path, line=line)
            if not any((value or "").strip() for value in row.values()):
                continue
            facts.append(_fact_of_row(row, path, line))
            row_lines.append(line)
    except csv.Error as exc:
        raise FactSheetError(f"invalid CSV: {exc}", path=path, line=reader.line_num) from exc

    def locate(loc: Loc) -> tuple[int | None, str]:
        if len(loc) >= 2 and loc[0] == "facts" and isinstance(loc[1], int):
            column = next((_COLUMN_OF_FIELD[p] for p in reversed(loc) if p in _COLUMN_OF_FIELD), "")
            return row_lines[loc[1]], f"column {column}" if column else ""
        return 1, ""

    if not facts:
        raise FactSheetError("no facts: the CSV has a header but no rows", path=path, line=1)
    try:
        sheet = FactSheet.model_validate({"facts": facts})
    except ValidationError as exc:
        raise_located(exc, path, locate)
        raise  # unreachable: raise_located always raises
    return sheet.located(path, {fact.id: row_lines[i] for i, fact in enumerate(sheet.facts)})


def _check_header(header: Any, path: str) -> None:
    if not header:
        raise FactSheetError("empty CSV: expected a header row", path=path, line=1)
    names = [str(name).strip() for name in header]
    for name in names:
        if name not in COLUMNS:
            raise FactSheetError(
                f"unknown column {name!r} (columns: {', '.join(COLUMNS)})",
                path=path,
                line=1,
                field=f"column {shown(name)}",
            )
    if len(set(names)) != len(names):
        raise FactSheetError("a column is named twice", path=path, line=1)
    for name in REQUIRED:
        if name not in names:
            raise FactSheetError(
                f"missing column {name!r}", path=path, line=1, field=f"column {name}"
            )


def _fact_of_row(row: dict[str, Any], path: str, line: int) -> dict[str, Any]:
    cells = {str(k).strip(): (v or "").strip() for k, v in row.items()}
    fact: dict[str, Any] = {name: cells[name] for name in ("id", "statement", "expected")}
    if cells.get("tolerance"):
        fact["tolerance"] = cells["tolerance"]
    source, quote = cells.get("source", ""), cells.get("quote", "")
    if bool(source) != bool(quote):
        missing = "quote" if source else "source"
        raise FactSheetError(
            "a citation needs both source and quote",
            path=path,
            line=line,
            field=f"column {missing}",
        )
    if source:
        fact["citations"] = [{"source": source, "quote": quote}]
    if cells.get("accepted_reason"):
        fact["accepted"] = {"reason": cells["accepted_reason"]}
    return fact
