"""The Markdown report: summary, conflicts with a citation per side, agreements, sources.

Written for GitHub: every piece of source text is escaped, so a quote can never
turn into a link, a heading, a table column or raw HTML.
"""

from __future__ import annotations

import re

from factcheck.models import Report
from factcheck.render.document import ClaimDoc, FindingDoc, ReportDocument, to_document

__all__ = ["escape", "render"]

# Any ASCII punctuation may be backslash-escaped in CommonMark. Source text is
# always placed mid-line (never at a line start, so '1.', '-', '+' cannot start a
# list), so only characters that open or close inline syntax are escaped: code,
# emphasis, links, raw HTML, entities, GFM tables, strikethrough, math, and the
# closing '#' of a heading.
_SPECIAL = re.compile(r"([\\`*\[\]<>#|~&$]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
_SPACE = re.compile(r"\s+")


def escape(text: str) -> str:
    """Source text as literal Markdown: one line, no syntax."""
    return _SPECIAL.sub(lambda m: "\\" + m.group(0), _SPACE.sub(" ", text)).strip()


def _quote(claim: ClaimDoc) -> str:
    """The claim's sentence with its quantity in bold; falls back to the quote alone."""
    offset = claim.start - claim.sentence_start
    if claim.sentence[offset : offset + len(claim.quote)] != claim.quote:
        return f"**{escape(claim.quote)}**"
    before = escape(claim.sentence[:offset])
    after = escape(claim.sentence[offset + len(claim.quote) :])
    return f"{before} **{escape(claim.quote)}** {after}".strip()


def _summary(doc: ReportDocument) -> list[str]:
    s = doc.summary
    return [
        "| Sources | Claims | Clusters | Conflicts | Agreements |",
        "|---:|---:|---:|---:|---:|",
        f"| {s.sources} | {s.claims} | {s.clusters} | {s.conflicts} | {s.agreements} |",
    ]


def _conflict(number: int, finding: FindingDoc) -> list[str]:
    values = " vs ".join(escape(c.display) for c in finding.claims)
    scope = "across sources" if finding.cross_source else "within one source"
    gap = "" if finding.relative_gap is None else f", gap {finding.relative_gap:.0%}"
    lines = [
        f"### {number}. {escape(finding.subject)}",
        "",
        f"**{values}** ({scope}{gap}): {escape(finding.explanation)}",
        "",
        "| Value | Source | Line |",
        "|---|---|---:|",
    ]
    lines += [f"| {escape(c.display)} | {escape(c.source)} | {c.line} |" for c in finding.claims]
    lines.append("")
    for claim in finding.claims:
        lines.append(f"> {escape(claim.source)}, line {claim.line}: {_quote(claim)}")
        lines.append(">")
    lines[-1] = ""
    return lines


def _agreement(finding: FindingDoc) -> str:
    cited = "; ".join(
        f"{escape(c.display)} in {escape(c.source)} line {c.line}" for c in finding.claims
    )
    return f"- **{escape(finding.subject)}**: {cited}"


def render(report: Report) -> str:
    """The report as GitHub-flavoured Markdown."""
    doc = to_document(report)
    lines = ["# Factcheck report", "", *_summary(doc), ""]
    lines += ["## Conflicts", ""]
    if not doc.conflicts:
        lines += ["No conflicts found.", ""]
    for number, finding in enumerate(doc.conflicts, start=1):
        lines += _conflict(number, finding)
    lines += ["## Agreements", ""]
    lines += [_agreement(f) for f in doc.agreements] or ["No facts stated more than once."]
    lines += ["", "## Sources", "", "| Source | Title | Published | Claims |", "|---|---|---|---:|"]
    for source in doc.sources:
        published = source.published.isoformat() if source.published else ""
        lines.append(
            f"| {escape(source.id)} | {escape(source.title or '')} | {published} | "
            f"{source.claims} |"
        )
    return "\n".join(lines) + "\n"
