"""The text format: one line per finding, ``path:line:column: verdict: why``, as linters
print, for terminals and CI logs (editors and CI runners link ``path:line:column``)."""

from __future__ import annotations

from factcheck.escape import visible
from factcheck.models import Report
from factcheck.render.document import ClaimDoc, to_document

__all__ = ["render"]


def render(report: Report) -> str:
    """Conflicts, then agreements and changed figures, each on one line at its first claim;
    the other claims' places follow. Nothing at all when there are no findings."""
    doc = to_document(report)
    paths = {source.id: source.path or source.id for source in doc.sources}

    def where(claim: ClaimDoc) -> str:
        column = f":{claim.column}" if claim.column is not None else ""
        page = f" (page {claim.page})" if claim.page is not None else ""
        return f"{paths.get(claim.source, claim.source)}:{claim.line}{column}{page}"

    lines = []
    for finding in [*doc.conflicts, *doc.agreements, *doc.changed]:
        first, *others = finding.claims
        also = f" (also {', '.join(where(c) for c in others)})" if others else ""
        text = f"{where(first)}: {finding.verdict.value}: {finding.explanation}{also}"
        lines.append(" ".join(visible(text).split()))
    return "".join(f"{line}\n" for line in lines)
