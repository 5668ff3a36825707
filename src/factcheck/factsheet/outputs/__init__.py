"""CI outputs of a fact-sheet validation: terminal table, JSON, JUnit XML, SARIF, annotations.

Each reads a ``factcheck.factsheet.validation.Validation``; none runs anything.
"""

from __future__ import annotations

from factcheck.factsheet.outputs.github import github_annotations
from factcheck.factsheet.outputs.jsonfmt import validation_json
from factcheck.factsheet.outputs.junit import junit_xml
from factcheck.factsheet.outputs.sarif import sarif_json, sarif_log
from factcheck.factsheet.outputs.table import render_table, summary_line

__all__ = [
    "github_annotations",
    "junit_xml",
    "render_table",
    "sarif_json",
    "sarif_log",
    "summary_line",
    "validation_json",
]
