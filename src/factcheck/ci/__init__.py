"""CI outputs of a fact-sheet validation: terminal table, JSON, JUnit XML, SARIF, annotations."""

from __future__ import annotations

from factcheck.ci.github import github_annotations
from factcheck.ci.jsonfmt import validation_json
from factcheck.ci.junit import junit_xml
from factcheck.ci.sarif import sarif_json, sarif_log
from factcheck.ci.table import render_table

__all__ = [
    "github_annotations",
    "junit_xml",
    "render_table",
    "sarif_json",
    "sarif_log",
    "validation_json",
]
