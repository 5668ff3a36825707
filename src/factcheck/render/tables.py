"""The report as pandas DataFrames: claims, sources, clusters, findings.

Built from the published document, so the tables, the CSV and the JSON share
one ordering and one set of column names. Columns have real dtypes: ``value``,
``low`` and ``high`` are floats (NaN for dates, which have their own datetime
columns ``date``, ``date_low`` and ``date_high``), counts and offsets integers,
flags booleans. pandas is imported on first use.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from factcheck.models import Claim, Report
from factcheck.render.document import ClaimDoc, SourceDoc, to_document

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CLAIM_COLUMNS",
    "FINDING_COLUMNS",
    "citation_of",
    "claims_frame",
    "clusters_frame",
    "finding_rows",
    "findings_frame",
    "sources_frame",
]

_NUMBERS = ("value", "low", "high")
_DATES = {"date": "value", "date_low": "low", "date_high": "high"}

CLAIM_COLUMNS: tuple[str, ...] = (*ClaimDoc.model_fields, *_DATES)
"""The columns of :func:`claims_frame`: every field of a published claim, then the dates."""

FINDING_COLUMNS: tuple[str, ...] = (
    "cluster_id",
    "verdict",
    "kind",
    "subject",
    "values",
    "claims",
    "sources",
    "citations",
    "urls",
    "relative_gap",
    "cross_source",
    "explanation",
)
"""The columns of :func:`findings_frame` and of the findings CSV."""


def claims_frame(claims: Report | Iterable[Claim]) -> pd.DataFrame:
    """One row per claim, in source order, with its cluster id and verdict.

    ``claims``: a report, or any claims (``factcheck.extract_claims(...)``, a filtered
    ``report.claims``), whose cluster and verdict are then empty.

    ``value``, ``low`` and ``high`` are numbers (float; NaN for a date), so
    ``claims_frame(report)["value"].mean()`` works; a date's value and bounds are in
    ``date``, ``date_low`` and ``date_high`` (datetime64; NaT for numbers, and for a
    date without a year, such as "--11-10").
    """
    import pandas as pd

    report = (
        claims
        if isinstance(claims, Report)
        else Report(sources=(), claims=tuple(claims), clusters=(), findings=())
    )
    rows = [claim.model_dump(mode="json") for claim in to_document(report).claims]
    frame = pd.DataFrame(rows, columns=list(ClaimDoc.model_fields))
    for name, field in _DATES.items():
        texts = frame[field].map(lambda v: v if isinstance(v, str) else None)
        frame[name] = pd.to_datetime(texts, format="ISO8601", errors="coerce")
    for name in _NUMBERS:
        numbers = frame[name].map(lambda v: None if isinstance(v, str) else v)
        frame[name] = pd.to_numeric(numbers, errors="coerce").astype("float64")
    return frame.astype(
        {
            "start": "int64",
            "end": "int64",
            "line": "int64",
            "sentence_start": "int64",
            "sentence_end": "int64",
            "occurrences": "int64",
            "year_inferred": "bool",
        }
    )


def sources_frame(report: Report) -> pd.DataFrame:
    """One row per source: id, title, date, url, path, format, number of claims."""
    import pandas as pd

    rows = [source.model_dump(mode="json") for source in to_document(report).sources]
    return pd.DataFrame(rows, columns=list(SourceDoc.model_fields))


def clusters_frame(report: Report) -> pd.DataFrame:
    """One row per cluster of two or more claims: id, verdict, kind, subject, size."""
    import pandas as pd

    rows = [
        {
            "id": cluster.id,
            "verdict": cluster.verdict.value,
            "kind": cluster.kind.value,
            "subject": cluster.subject,
            "claims": len(cluster.claims),
            "sources": len({claim.source for claim in cluster.claims}),
            "explanation": cluster.explanation,
        }
        for cluster in to_document(report).clusters
    ]
    columns = ["id", "verdict", "kind", "subject", "claims", "sources", "explanation"]
    return pd.DataFrame(rows, columns=columns)


def finding_rows(report: Report) -> list[dict[str, object]]:
    """One row per finding, conflicts first, then agreements and changed running figures:
    the values side by side, where each is stated (``source:line:column``), the gap.

    The rows of :func:`findings_frame` and of the findings CSV.
    """
    doc = to_document(report)
    return [
        {
            "cluster_id": finding.cluster_id,
            "verdict": finding.verdict.value,
            "kind": finding.kind.value,
            "subject": finding.subject,
            "values": " vs ".join(claim.display for claim in finding.claims),
            "claims": len(finding.claims),
            "sources": len({claim.source for claim in finding.claims}),
            "citations": " ".join(citation_of(claim) for claim in finding.claims),
            "urls": " ".join(sorted({c.source_url for c in finding.claims if c.source_url})),
            "relative_gap": finding.relative_gap,
            "cross_source": finding.cross_source,
            "explanation": finding.explanation,
        }
        for finding in [*doc.conflicts, *doc.agreements, *doc.changed]
    ]


def citation_of(claim: ClaimDoc) -> str:
    """``source:line:column`` (``source:line`` when the column is unknown)."""
    column = f":{claim.column}" if claim.column is not None else ""
    return f"{claim.source}:{claim.line}{column}"


def findings_frame(report: Report) -> pd.DataFrame:
    """One row per finding (:func:`finding_rows`)."""
    import pandas as pd

    return pd.DataFrame(finding_rows(report), columns=list(FINDING_COLUMNS))
