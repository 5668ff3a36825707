"""The JSON report: the published document, pretty-printed, deterministic."""

from __future__ import annotations

from factcheck.models import Report
from factcheck.render.document import to_document

__all__ = ["render"]


def render(report: Report) -> str:
    """The report's :class:`~factcheck.render.document.ReportDocument` as indented JSON."""
    return to_document(report).model_dump_json(indent=2) + "\n"
