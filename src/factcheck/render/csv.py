"""The CSV report: one row per claim, with its cluster and the cluster's verdict."""

from __future__ import annotations

import csv
import io

from factcheck.escape import spreadsheet_cell
from factcheck.models import Report
from factcheck.render.document import ClaimDoc, to_document

__all__ = ["COLUMNS", "render"]

COLUMNS: tuple[str, ...] = tuple(ClaimDoc.model_fields)
"""The header row: every field of a published claim."""


def render(report: Report) -> str:
    """Every claim of the report as CSV rows, in source order.

    Text cells are safe to open in a spreadsheet (:func:`factcheck.escape.spreadsheet_cell`).
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for claim in to_document(report).claims:
        row = claim.model_dump(mode="json")
        writer.writerow(
            {key: "" if row[key] is None else spreadsheet_cell(row[key]) for key in COLUMNS}
        )
    return buffer.getvalue()
