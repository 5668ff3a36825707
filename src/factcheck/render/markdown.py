"""The Markdown report: summary, findings by verdict with their sentences, sources.

Conflicts come first, ranked (see :mod:`factcheck.render.views`), each with its
sides and the sentences that state them; agreements follow, one line each with
how many sources state them. Written for GitHub: every piece of source text is
escaped, so a quote can never turn into a link, a heading, a table column or raw
HTML.
"""

from __future__ import annotations

import re

from factcheck.escape import visible
from factcheck.models import Report
from factcheck.render.display import counted
from factcheck.render.document import ClaimDoc, ReportDocument, document_and_findings
from factcheck.render.views import FindingView, Group, Statement, finding_views, groups

__all__ = ["WIDTH", "escape", "render", "wrap"]

SHOWN_STATEMENTS = 4
"""Sentences listed per side of a finding (per agreement: 2); the rest are counted."""


# Any ASCII punctuation may be backslash-escaped in CommonMark. Source text is
# always placed mid-line (never at a line start, so '1.', '-', '+' cannot start a
# list), so only characters that open or close inline syntax are escaped: code,
# emphasis, links, raw HTML, entities, GFM tables, strikethrough, math, and the
# closing '#' of a heading.
_SPECIAL = re.compile(r"([\\`*\[\]<>#|~&]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
_SPACE = re.compile(r"\s+")
# Math ($...$) needs a closing dollar: one after a non-space and before no digit. Text
# without one ("$449,000", "US$5 to $7") keeps its dollars as written.
_MATH_CLOSER = re.compile(r"(?<=\S)\$(?!\d)")

WIDTH = 88
"""Prose is wrapped to this many columns (tables and headings are never wrapped)."""
# A word that would open a block if it began a line: lists, headings, quotes, breaks,
# setext underlines, tables, fences.
_OPENS_BLOCK = re.compile(r"[-+*#>=|_~`]|\d+[.)]")


def escape(text: str) -> str:
    """Source text as literal Markdown: one line, no syntax, no control characters.

    Control characters are written out as escapes (``\\x1b``) first, so that ``cat
    report.md`` cannot recolour or clear a terminal or plant a link (OSC 8).
    """
    flat = visible(_SPACE.sub(" ", text))
    escaped = _SPECIAL.sub(lambda m: "\\" + m.group(0), flat)
    if _MATH_CLOSER.search(escaped):
        escaped = escaped.replace("$", "\\$")
    return escaped.strip()


def wrap(line: str, width: int = WIDTH) -> list[str]:
    """A line of prose (a paragraph or a list item) folded to ``width`` columns.

    Continuation lines are indented under the item's text, and never begin with a
    word that would open a block (``-``, ``#``, ``1.``...): such a word stays on the
    line before, however long that makes it.
    """
    if len(line) <= width or line.lstrip().startswith(("|", "#")):
        return [line]
    body = line.lstrip(" ")
    indent = line[: len(line) - len(body)]
    first = indent
    if body.startswith("- "):
        first, body = indent + "- ", body[2:]
        indent += "  "
    lines: list[str] = []
    current = first
    for word in body.split(" "):
        fresh = current in (first, indent)
        if fresh or len(current) + 1 + len(word) <= width or _OPENS_BLOCK.match(word) or not word:
            current += word if fresh else " " + word
        else:
            lines.append(current)
            current = indent + word
    lines.append(current)
    return lines


def _quote(claim: ClaimDoc) -> str:
    """The claim's sentence with its quantity in bold; falls back to the quote alone."""
    offset = claim.start - claim.sentence_start
    if claim.sentence[offset : offset + len(claim.quote)] != claim.quote:
        return f"**{escape(claim.quote)}**"
    before = escape(claim.sentence[:offset])
    after = escape(claim.sentence[offset + len(claim.quote) :])
    # A space keeps '**' a delimiter CommonMark reads; none before closing punctuation.
    space = "" if after[:1] in tuple(".,;:!?)'\"…") else " "
    return f"{before} **{escape(claim.quote)}**{space}{after}".strip()


def _where(claim: ClaimDoc) -> str:
    return f"{escape(claim.source)}, line {claim.line}"


def _statement(statement: Statement) -> str:
    """``alpha.txt, line 2 (also ...): the sentence``, copies named or counted."""
    where = _where(statement.first)
    others = [_where(c) for c in statement.others] + [escape(s) for s in statement.copies]
    if statement.names_its_places:
        where += f" (also {'; '.join(others)})"
    elif others:
        where += f" and {counted(len(statement.sources) - 1, 'other source')}"
    return f"{where}: {_quote(statement.first)}"


def _statements(statements: list[Statement], shown: int, indent: str) -> list[str]:
    lines = [f"{indent}- {_statement(s)}" for s in statements[:shown]]
    if len(statements) > shown:
        lines.append(f"{indent}- and {counted(len(statements) - shown, 'more sentence')}")
    return lines


def _summary(doc: ReportDocument, sections: list[Group]) -> list[str]:
    s = doc.summary
    names = ["Sources", "Claims", "Clusters", *(g.words.heading for g in sections)]
    counts = [s.sources, s.claims, s.clusters, *(len(g.views) for g in sections)]
    return [
        "| " + " | ".join(names) + " |",
        "|" + "---:|" * len(names),
        "| " + " | ".join(str(n) for n in counts) + " |",
    ]


def _values(view: FindingView) -> str:
    return " vs ".join(escape(" / ".join(side.values)) for side in view.sides)


def _facts(view: FindingView) -> str:
    finding = view.finding
    facts = [escape(view.reason)]
    if finding.relative_gap:
        facts.append(f"gap {finding.relative_gap:.0%}")
    if len(view.sides) > 1:
        facts.append("across sources" if finding.cross_source else "within one source")
    facts.append(f"stated in {counted(view.sources, 'source')}")
    return "; ".join(facts)


def _finding(number: int, view: FindingView) -> list[str]:
    lines = [
        f"### {number}. {escape(view.heading)}",
        "",
        f"**{_values(view)}**: {_facts(view)}.",
        "",
    ]
    for side in view.sides:
        if len(view.sides) > 1:
            values = escape(" / ".join(side.values))
            lines.append(f"- **{values}** ({counted(len(side.sources), 'source')})")
            lines += _statements(side.statements, SHOWN_STATEMENTS, "  ")
        else:
            lines += _statements(side.statements, SHOWN_STATEMENTS, "")
    lines.append("")
    return lines


def _collapsed(view: FindingView) -> list[str]:
    """One line per agreement, then its sentences, the first two of them."""
    statements = [s for side in view.sides for s in side.statements]
    head = f"- **{escape(view.heading)}**: {_values(view)}, stated in "
    return [head + counted(view.sources, "source"), *_statements(statements, 2, "  ")]


def _none(group: Group) -> str:
    if group.verdict == "conflict":
        return "No conflicts found."
    if group.verdict == "agree":
        return "No facts stated more than once."
    return "None."


def render(report: Report) -> str:
    """The report as GitHub-flavoured Markdown."""
    doc, findings = document_and_findings(report)
    sections = groups(finding_views(report, findings))
    lines = ["# Factcheck report", "", *_summary(doc, sections), ""]
    for group in sections:
        lines += [f"## {group.words.heading}", ""]
        if not group.views:
            lines += [_none(group), ""]
            continue
        if group.verdict == "conflict" and len(group.views) > 1:
            lines += [
                "Ranked: values furthest apart, with the most sources on each side, first.",
                "",
            ]
        if group.words.collapsed:
            for view in group.views:
                lines += _collapsed(view)
            lines.append("")
        else:
            for number, view in enumerate(group.views, start=1):
                lines += _finding(number, view)
    lines = [folded for line in lines for folded in wrap(line)]
    lines += [
        "## Sources",
        "",
        "| Source | Title | Published | URL | Claims |",
        "|---|---|---|---|---:|",
    ]
    for source in doc.sources:
        published = source.published.isoformat() if source.published else ""
        lines.append(
            f"| {escape(source.id)} | {escape(source.title or '')} | {published} | "
            f"{escape(source.url or '')} | {source.claims} |"
        )
    return "\n".join(lines) + "\n"
