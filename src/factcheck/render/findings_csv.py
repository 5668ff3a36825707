"""The findings CSV: one row per finding, its values side by side and where each is stated."""

from __future__ import annotations

import csv
import io

from factcheck.escape import spreadsheet_cell
from factcheck.models import Report
from factcheck.render.tables import FINDING_COLUMNS, finding_rows

__all__ = ["render"]


def render(report: Report) -> str:
    """Every finding as a CSV row (the columns of :data:`FINDING_COLUMNS`), conflicts first.

    Text cells are safe to open in a spreadsheet (:func:`factcheck.escape.spreadsheet_cell`).
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FINDING_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in finding_rows(report):
        writer.writerow(
            {
                key: spreadsheet_cell(value) if isinstance(value, str) else value
                for key, value in row.items()
            }
        )
    return buffer.getvalue()
