"""The published JSON contract of a report: :func:`to_document`.

A :class:`ReportDocument` is what ``factcheck report --format json`` writes and
what ``docs/report.schema.json`` describes. It is deterministic: everything is
sorted by position in the sources (source id, then offsets), nothing depends on
the order in which sources or claims arrived, and nothing records the clock or
the machine (settings that only affect speed or caching are left out).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from factcheck.errors import FactcheckError
from factcheck.models import (
    Claim,
    ClaimRecord,
    Cluster,
    Finding,
    Kind,
    Quantity,
    Report,
    Verdict,
)
from factcheck.render.display import format_quantity
from factcheck.settings import reported

__all__ = [
    "SCHEMA_VERSION",
    "ClaimDoc",
    "ClusterDoc",
    "FindingDoc",
    "ReportDocument",
    "SourceDoc",
    "Summary",
    "display_value",
    "document_and_findings",
    "to_document",
]

SCHEMA_VERSION = "1.1"
"""Bumped on any change to the document's shape: major for removals, minor for additions."""


class _Doc(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ClaimDoc(ClaimRecord):
    """A claim as published: its record, a readable value, and its cluster's verdict."""

    sentence_start: int = Field(description="Offset of the claim's sentence in the source text.")
    sentence_end: int = Field(description="Offset just past the claim's sentence.")
    display: str = Field(description="The normalised value in words, e.g. 'about 70%'.")
    cluster_id: str | None = Field(
        default=None, description="The cluster the claim belongs to, if any."
    )
    verdict: Verdict | None = Field(default=None, description="That cluster's verdict, if any.")
    source_title: str | None = Field(default=None, description="The source's title, if known.")
    source_url: str | None = Field(default=None, description="The source's URL, if known.")


class FindingDoc(_Doc):
    """A verdict on one cluster: the claims side by side and why they (dis)agree."""

    cluster_id: str
    verdict: Verdict
    kind: Kind
    subject: str
    explanation: str
    relative_gap: float | None = Field(
        description="Largest gap between the claims' intervals relative to their magnitude; "
        "null when it is unbounded."
    )
    cross_source: bool = Field(description="Whether the claims come from different sources.")
    conflicting_pairs: list[tuple[str, str]] = Field(
        description="Claim id pairs whose intervals cannot both be true (each pair sorted)."
    )
    claims: list[ClaimDoc]


class ClusterDoc(_Doc):
    """Two or more claims found to state the same fact, with the cluster's verdict."""

    id: str
    verdict: Verdict
    kind: Kind
    subject: str
    explanation: str
    claims: list[ClaimDoc]


class SourceDoc(_Doc):
    """A source's metadata (its text is not repeated here)."""

    id: str = Field(description="File name, JSON Lines id, or '<stdin>'.")
    title: str | None
    published: date | None
    url: str | None
    path: str | None
    format: str
    claims: int = Field(description="Number of claims extracted from the source.")


class Summary(_Doc):
    """Counts shown at the top of every report."""

    sources: int
    claims: int
    clusters: int
    conflicts: int
    cross_source_conflicts: int
    agreements: int
    changed: int = Field(
        default=0, description="Running figures (tolls, counts) that moved between reports."
    )


class ReportDocument(_Doc):
    """The JSON form of a report: a published, versioned contract."""

    schema_version: str = SCHEMA_VERSION
    summary: Summary
    settings: dict[str, Any] = Field(
        description="The settings that shape the findings (model, thresholds, dates)."
    )
    sources: list[SourceDoc]
    conflicts: list[FindingDoc]
    agreements: list[FindingDoc]
    changed: list[FindingDoc] = Field(
        default_factory=list,
        description="Running figures that moved between reports: changed over time, not a "
        "contradiction.",
    )
    clusters: list[ClusterDoc] = Field(description="Every cluster of two or more claims.")
    claims: list[ClaimDoc] = Field(description="Every claim found, in source order.")


def display_value(record: ClaimRecord) -> str:
    """The claim's normalised value as a reader would say it: 'about 70%', '$6.28 million'."""
    quantity = Quantity(
        kind=record.kind,
        value=record.value,
        unit=record.unit,
        qualifier=record.qualifier,
        low=record.low,
        high=record.high,
    )
    return format_quantity(quantity)


def _position(record: ClaimRecord) -> tuple[str, int, int, str]:
    return (record.source, record.start, record.end, record.id)


def _gap(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _sorted_pairs(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted({(min(a, b), max(a, b)) for a, b in pairs})


def to_document(report: Report) -> ReportDocument:
    """The report as its published document, independent of input order."""
    return document_and_findings(report)[0]


def document_and_findings(report: Report) -> tuple[ReportDocument, list[FindingDoc]]:
    """The published document, and every finding whatever its verdict, in source order.

    The document lists conflicts, agreements and changed figures; the renderers show every verdict
    there is, each in a section of its own, from the second value.
    """
    by_id: dict[str, Claim] = {claim.id: claim for claim in report.claims}
    source_of = {source.id: source for source in report.sources}
    clusters = [c for c in report.clusters if len(c.claim_ids) >= 2]
    finding_of: dict[str, Finding] = {f.cluster_id: f for f in report.findings}
    membership: dict[str, tuple[Cluster, Finding]] = {}
    for cluster in clusters:
        finding = finding_of.get(cluster.id)
        if finding is None:
            raise FactcheckError(f"cluster {cluster.id} has no finding", field="findings")
        for claim_id in cluster.claim_ids:
            membership[claim_id] = (cluster, finding)

    def claim_doc(claim: Claim) -> ClaimDoc:
        record = ClaimRecord.of(claim)
        cluster, finding = membership.get(claim.id, (None, None))
        source = source_of.get(claim.source)
        return ClaimDoc(
            **record.model_dump(),
            sentence_start=claim.citation.sentence_start,
            sentence_end=claim.citation.sentence_end,
            display=display_value(record),
            cluster_id=cluster.id if cluster else None,
            verdict=finding.verdict if finding else None,
            source_title=source.title if source else None,
            source_url=source.url if source else None,
        )

    all_claims = sorted((claim_doc(c) for c in by_id.values()), key=_position)
    docs_by_id = {doc.id: doc for doc in all_claims}

    def members(claim_ids: Iterable[str], where: str) -> list[ClaimDoc]:
        missing = [cid for cid in claim_ids if cid not in docs_by_id]
        if missing:
            raise FactcheckError(f"unknown claim id {missing[0]}", field=where)
        return sorted((docs_by_id[cid] for cid in set(claim_ids)), key=_position)

    cluster_docs: list[ClusterDoc] = []
    finding_docs: list[FindingDoc] = []
    for cluster in clusters:
        finding = finding_of[cluster.id]
        cluster_docs.append(
            ClusterDoc(
                id=cluster.id,
                verdict=finding.verdict,
                kind=cluster.kind,
                subject=cluster.subject,
                explanation=finding.explanation,
                claims=members(cluster.claim_ids, f"clusters[{cluster.id}]"),
            )
        )
    cluster_of = {cluster.id: cluster for cluster in clusters}
    for finding in report.findings:
        owner = cluster_of.get(finding.cluster_id)
        claims = members(finding.claim_ids, f"findings[{finding.cluster_id}]")
        if not claims:
            continue
        finding_docs.append(
            FindingDoc(
                cluster_id=finding.cluster_id,
                verdict=finding.verdict,
                kind=owner.kind if owner else claims[0].kind,
                subject=owner.subject if owner else claims[0].subject,
                explanation=finding.explanation,
                relative_gap=_gap(finding.relative_gap),
                cross_source=finding.cross_source,
                conflicting_pairs=_sorted_pairs(finding.conflicting_pairs),
                claims=claims,
            )
        )
    cluster_docs.sort(key=lambda c: (_position(c.claims[0]), c.id))
    finding_docs.sort(key=lambda f: (_position(f.claims[0]), f.cluster_id))
    conflicts = [f for f in finding_docs if f.verdict is Verdict.CONFLICT]
    agreements = [f for f in finding_docs if f.verdict is Verdict.AGREE]
    changed = [f for f in finding_docs if f.verdict is Verdict.CHANGED]

    claim_counts: dict[str, int] = {}
    for doc in all_claims:
        claim_counts[doc.source] = claim_counts.get(doc.source, 0) + 1
    sources = sorted(
        (
            SourceDoc(
                id=s.id,
                title=s.title,
                published=s.published,
                url=s.url,
                path=s.path,
                format=s.format,
                claims=claim_counts.get(s.id, 0),
            )
            for s in report.sources
        ),
        key=lambda s: s.id,
    )
    settings = reported(report.settings)  # a report built by hand may hold them all
    document = ReportDocument(
        summary=Summary(
            sources=len(sources),
            claims=len(all_claims),
            clusters=len(cluster_docs),
            conflicts=len(conflicts),
            cross_source_conflicts=sum(1 for f in conflicts if f.cross_source),
            agreements=len(agreements),
            changed=len(changed),
        ),
        settings=settings,
        sources=sources,
        conflicts=conflicts,
        agreements=agreements,
        changed=changed,
        clusters=cluster_docs,
        claims=all_claims,
    )
    return document, finding_docs
