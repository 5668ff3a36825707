"""The CSV report: one row per claim, with its cluster and the cluster's verdict."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from factcheck.escape import spreadsheet_cell
from factcheck.models import Report
from factcheck.render.document import ClaimDoc, to_document

__all__ = ["COLUMNS", "render", "write_rows"]

COLUMNS: tuple[str, ...] = tuple(ClaimDoc.model_fields)
"""The header row: every field of a published claim."""


def write_rows(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], out: TextIO) -> None:
    """A header and one CSV row per mapping (JSON values), written as the rows arrive.

    Missing values are empty cells; text cells are safe to open in a spreadsheet
    (:func:`factcheck.escape.spreadsheet_cell`).
    """
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {key: "" if row[key] is None else spreadsheet_cell(row[key]) for key in columns}
        )


def render(report: Report) -> str:
    """Every claim of the report as CSV rows, in source order."""
    buffer = io.StringIO()
    claims = to_document(report).claims
    write_rows((claim.model_dump(mode="json") for claim in claims), COLUMNS, buffer)
    return buffer.getvalue()
