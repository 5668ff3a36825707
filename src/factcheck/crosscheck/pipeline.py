"""The one place that knows the stage order: :func:`report` runs the whole cross-check.

sources -> sentences -> claims -> (copies collapsed) -> embeddings -> clusters -> findings
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from factcheck.crosscheck.cluster import cluster_claims
from factcheck.crosscheck.compare import compare_clusters
from factcheck.crosscheck.copies import collapse_copies
from factcheck.extract import iter_claims
from factcheck.models import Claim, Report, Source
from factcheck.progress import NullProgress, Progress
from factcheck.settings import Settings
from factcheck.sources import LoadedSources, SourcesLike, as_sources, sources_from_texts

if TYPE_CHECKING:
    from factcheck.crosscheck.embed import Embedder

__all__ = ["check", "claims", "extract_all", "reference_date_for", "report", "report_texts"]


def reference_date_for(sources: Sequence[Source], settings: Settings) -> Settings:
    """Settings whose reference date is set: the given one, else the latest publication date."""
    if settings.reference_date is not None:
        return settings
    if isinstance(sources, LoadedSources):  # known without building every document
        latest = sources.latest_published
    else:
        latest = max((s.published for s in sources if s.published is not None), default=None)
    if latest is None:
        return settings
    return settings.model_copy(update={"reference_date": latest})


def claims(
    sources: Sequence[Source],
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
) -> Iterator[Claim]:
    """Claims of every source one at a time, years completed with the run's reference date.

    For listings of huge inputs: nothing is held but the sources' text.
    """
    settings = reference_date_for(sources, settings or Settings())
    progress = progress or NullProgress()
    progress.start("extracting claims", len(sources))
    for source in sources:
        yield from iter_claims(source, settings)
        progress.advance()
    progress.finish()


def extract_all(
    sources: Sequence[Source],
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
) -> list[Claim]:
    """Claims of every source, years completed with the run's reference date."""
    return list(claims(sources, settings, progress=progress))


def report(
    sources: SourcesLike,
    settings: Settings | None = None,
    *,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> Report:
    """Read the sources, extract, embed, cluster and compare: the whole cross-check."""
    settings = settings or Settings()
    progress = progress or NullProgress()
    loaded = as_sources(sources)
    found = collapse_copies(extract_all(loaded, settings, progress=progress))
    if embedder is None:
        from factcheck.crosscheck.cache import get_embedder

        embedder = get_embedder(settings)
    from factcheck.crosscheck.cache import embed_texts

    vectors = (
        embed_texts(
            embedder,
            [claim.context for claim in found],
            batch_size=settings.batch_size,
            progress=progress,
        )
        if found
        else np.zeros((0, 1), dtype=np.float32)
    )
    # The run's reference date (the latest publication) tells old figures from current ones.
    used = reference_date_for(loaded, settings)
    progress.start("clustering claims")
    clusters = cluster_claims(found, vectors, used)
    progress.finish()
    progress.start("comparing clusters")
    findings = compare_clusters(clusters, found, used)
    judged = {finding.cluster_id for finding in findings}
    progress.finish()
    return Report(
        sources=tuple(loaded),
        claims=tuple(found),
        clusters=tuple(c for c in clusters if c.id in judged),
        findings=tuple(findings),
        settings=used.reported(),
    )


def report_texts(
    texts: Mapping[str, str] | Sequence[str],
    settings: Settings | None = None,
    *,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> Report:
    """:func:`report` on strings: ``report_texts({"a": "...", "b": "..."})``.

    A mapping gives each text its source id; a list names them ``text1``, ``text2``...
    """
    return report(sources_from_texts(texts), settings, embedder=embedder, progress=progress)


check = report
"""The old name of :func:`report`, kept for one release (``factcheck.check``)."""
