"""The report as an SQLite database laid out for Datasette and SQL: ``--format sqlite``.

Four tables joined by foreign keys: ``sources``; ``clusters`` (each cluster of two or
more claims, with its verdict); ``findings`` (one per cluster, by ``cluster_id``);
``claims`` (each with its ``source_id`` and, when clustered, its ``cluster_id``).
Numbers are in ``value``, ``low`` and ``high`` (REAL), dates in ``date``, ``date_low``
and ``date_high`` (ISO 8601 text), so that sorting and facets work on either.
"""

from __future__ import annotations

import sqlite3

from factcheck.models import Report
from factcheck.render.document import ClaimDoc, to_document
from factcheck.render.tables import citation_of

__all__ = ["SCHEMA", "render_bytes"]

SCHEMA = """
CREATE TABLE sources (
    id TEXT PRIMARY KEY, title TEXT, published TEXT, url TEXT, path TEXT,
    format TEXT NOT NULL, claims INTEGER NOT NULL
);
CREATE TABLE clusters (
    id TEXT PRIMARY KEY, verdict TEXT NOT NULL, kind TEXT NOT NULL, subject TEXT NOT NULL,
    explanation TEXT NOT NULL, claims INTEGER NOT NULL, sources INTEGER NOT NULL
);
CREATE TABLE findings (
    cluster_id TEXT PRIMARY KEY REFERENCES clusters(id), verdict TEXT NOT NULL,
    kind TEXT NOT NULL, subject TEXT NOT NULL, "values" TEXT NOT NULL,
    citations TEXT NOT NULL, relative_gap REAL, cross_source INTEGER NOT NULL,
    explanation TEXT NOT NULL
);
CREATE TABLE claims (
    id TEXT PRIMARY KEY, source_id TEXT NOT NULL REFERENCES sources(id),
    cluster_id TEXT REFERENCES clusters(id), verdict TEXT,
    line INTEGER NOT NULL, "column" INTEGER, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    quote TEXT NOT NULL, sentence TEXT NOT NULL, display TEXT NOT NULL,
    kind TEXT NOT NULL, value REAL, low REAL, high REAL,
    date TEXT, date_low TEXT, date_high TEXT, unit TEXT NOT NULL, qualifier TEXT NOT NULL,
    subject TEXT NOT NULL, measure TEXT, entity TEXT, period TEXT, attribution TEXT,
    modality TEXT NOT NULL, occurrences INTEGER NOT NULL
);
CREATE INDEX claims_source ON claims(source_id);
CREATE INDEX claims_cluster ON claims(cluster_id);
"""
"""The tables, their columns and foreign keys."""


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _date(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _claim_row(claim: ClaimDoc) -> tuple[object, ...]:
    return (
        claim.id, claim.source, claim.cluster_id,
        claim.verdict.value if claim.verdict else None,
        claim.line, claim.column, claim.start, claim.end,
        claim.quote, claim.sentence, claim.display, claim.kind.value,
        _number(claim.value), _number(claim.low), _number(claim.high),
        _date(claim.value), _date(claim.low), _date(claim.high),
        claim.unit, claim.qualifier.value, claim.subject, claim.measure, claim.entity,
        claim.period, claim.attribution, claim.modality.value, claim.occurrences,
    )  # fmt: skip


def render_bytes(report: Report) -> bytes:
    """The report as the bytes of an SQLite database file (:data:`SCHEMA`)."""
    doc = to_document(report)
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.executescript(SCHEMA)
        connection.executemany(
            "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (s.id, s.title, s.published.isoformat() if s.published else None, s.url,
                 s.path, s.format, s.claims)
                for s in doc.sources
            ],
        )  # fmt: skip
        connection.executemany(
            "INSERT INTO clusters VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (c.id, c.verdict.value, c.kind.value, c.subject, c.explanation, len(c.claims),
                 len({claim.source for claim in c.claims}))
                for c in doc.clusters
            ],
        )  # fmt: skip
        connection.executemany(
            "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (f.cluster_id, f.verdict.value, f.kind.value, f.subject,
                 " vs ".join(c.display for c in f.claims),
                 " ".join(citation_of(c) for c in f.claims), f.relative_gap,
                 int(f.cross_source), f.explanation)
                for f in [*doc.conflicts, *doc.agreements, *doc.changed]
            ],
        )  # fmt: skip
        placeholders = ", ".join("?" * 27)
        connection.executemany(
            f"INSERT INTO claims VALUES ({placeholders})",
            [_claim_row(claim) for claim in doc.claims],
        )
        connection.commit()
        return connection.serialize()
    finally:
        connection.close()
