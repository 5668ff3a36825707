"""The HTML report: one self-contained file, rendered from autoescaping Jinja2 templates.

Nothing is fetched when the file is opened: styles are inline, charts are data
URIs, and a Content-Security-Policy forbids scripts and remote requests. Source
text reaches the template only as plain strings cut at claim offsets, so the
template escapes every piece and the markup around quotes is ours alone.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factcheck.models import Report
from factcheck.render.document import ClaimDoc, FindingDoc, ReportDocument, to_document

if TYPE_CHECKING:
    import jinja2

__all__ = ["render"]

_LINKABLE_SCHEMES = ("http://", "https://")


@dataclass
class Part:
    """A piece of a sentence: plain text, or a claim's quantity to highlight."""

    text: str
    claim_id: str | None = None
    verdict: str | None = None


@dataclass
class Block:
    """A run of source text; a cited sentence carries anchors and highlighted parts."""

    start: int
    end: int
    anchors: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    claims: list[ClaimDoc] = field(default_factory=list)


@dataclass(frozen=True)
class SourceView:
    id: str
    anchor: str
    title: str | None
    published: str | None
    url: str | None
    linkable_url: bool
    claims: int
    blocks: list[Block]


def sentence_anchor(source_anchor: str, claim: ClaimDoc) -> str:
    return f"{source_anchor}-{claim.sentence_start}"


def _blocks(text: str, claims: Sequence[ClaimDoc], source_anchor: str) -> list[Block]:
    """Cut ``text`` into plain runs and cited sentences, sentences split at quantities."""
    sentences: list[Block] = []
    for claim in sorted(claims, key=lambda c: (c.sentence_start, c.start)):
        anchor = sentence_anchor(source_anchor, claim)
        last = sentences[-1] if sentences else None
        if last is not None and claim.sentence_start < last.end:
            # Same sentence (or an overlapping one): extend the block, keep every anchor.
            last.end = max(last.end, claim.sentence_end)
            if anchor not in last.anchors:
                last.anchors.append(anchor)
            last.claims.append(claim)
        else:
            sentences.append(Block(claim.sentence_start, claim.sentence_end, [anchor], [], [claim]))
    blocks: list[Block] = []
    cursor = 0
    for sentence in sentences:
        if sentence.start > cursor:
            plain = Part(text[cursor : sentence.start])
            blocks.append(Block(cursor, sentence.start, parts=[plain]))
        position = sentence.start
        for claim in sorted(sentence.claims, key=lambda c: (c.start, c.end)):
            if claim.start < position or claim.end > sentence.end:
                continue  # overlaps a quantity already highlighted: leave it plain
            sentence.parts.append(Part(text[position : claim.start]))
            verdict = claim.verdict.value if claim.verdict else None
            sentence.parts.append(Part(text[claim.start : claim.end], claim.id, verdict))
            position = claim.end
        sentence.parts.append(Part(text[position : sentence.end]))
        blocks.append(sentence)
        cursor = sentence.end
    if cursor < len(text):
        blocks.append(Block(cursor, len(text), parts=[Part(text[cursor:])]))
    return blocks


def _source_views(report: Report, doc: ReportDocument) -> list[SourceView]:
    texts = {source.id: source.text for source in report.sources}
    claims_of: dict[str, list[ClaimDoc]] = {}
    for claim in doc.claims:
        claims_of.setdefault(claim.source, []).append(claim)
    views = []
    for number, source in enumerate(doc.sources):
        anchor = f"src{number}"
        url = source.url
        views.append(
            SourceView(
                id=source.id,
                anchor=anchor,
                title=source.title,
                published=source.published.isoformat() if source.published else None,
                url=url,
                linkable_url=bool(url and url.lower().startswith(_LINKABLE_SCHEMES)),
                claims=source.claims,
                blocks=_blocks(texts[source.id], claims_of.get(source.id, []), anchor),
            )
        )
    return views


@dataclass(frozen=True)
class ConflictView:
    finding: FindingDoc
    chart: str | None
    alt: str


def _conflict_views(doc: ReportDocument) -> list[ConflictView]:
    from factcheck.render.charts import interval_chart

    views = []
    for finding in doc.conflicts:
        alt = "; ".join(f"{c.source} line {c.line}: {c.display}" for c in finding.claims)
        views.append(ConflictView(finding, interval_chart(finding.claims), f"Intervals: {alt}"))
    return views


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("factcheck.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(report: Report) -> str:
    """The report as one self-contained HTML page."""
    doc = to_document(report)
    sources = _source_views(report, doc)
    anchors = {view.id: view.anchor for view in sources}
    texts = {source.id: source.text for source in report.sources}

    def excerpt(claim: ClaimDoc) -> tuple[str, str, str]:
        """The claim's sentence cut at its quantity, from the source text's offsets."""
        text = texts[claim.source]
        return (
            text[claim.sentence_start : claim.start],
            text[claim.start : claim.end],
            text[claim.end : claim.sentence_end],
        )

    template = _environment().get_template("report.html.j2")
    return template.render(
        doc=doc,
        conflicts=_conflict_views(doc),
        sources=sources,
        excerpt=excerpt,
        link=lambda claim: "#" + sentence_anchor(anchors[claim.source], claim),
    )
