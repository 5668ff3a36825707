"""The one place that knows the stage order.

sources -> sentences -> claims -> embeddings -> clusters -> findings -> report
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import numpy as np

from factcheck.cluster import cluster_claims
from factcheck.compare import compare_clusters
from factcheck.extract import iter_claims
from factcheck.models import Claim, Report, Source
from factcheck.progress import NullProgress, Progress
from factcheck.settings import Settings
from factcheck.sources import SourcesLike, as_sources

if TYPE_CHECKING:
    from factcheck.embed import Embedder

__all__ = ["check", "extract_all", "reference_date_for", "stream_claims"]


def reference_date_for(sources: Sequence[Source], settings: Settings) -> Settings:
    """Settings whose reference date is set: the given one, else the latest publication date."""
    if settings.reference_date is not None:
        return settings
    dates = [s.published for s in sources if s.published is not None]
    if not dates:
        return settings
    return settings.model_copy(update={"reference_date": max(dates)})


def stream_claims(
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
    return list(stream_claims(sources, settings, progress=progress))


def check(
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
    claims = extract_all(loaded, settings, progress=progress)
    if embedder is None:
        from factcheck.embed import get_embedder

        embedder = get_embedder(settings)
    progress.start("embedding claims", len(claims))
    vectors = (
        embedder.embed([claim.context for claim in claims])
        if claims
        else np.zeros((0, 1), dtype=np.float32)
    )
    progress.advance(len(claims))
    progress.finish()
    clusters = cluster_claims(claims, vectors, settings)
    findings = compare_clusters(clusters, claims, settings)
    used = reference_date_for(loaded, settings)
    return Report(
        sources=tuple(loaded),
        claims=tuple(claims),
        clusters=tuple(clusters),
        findings=tuple(findings),
        settings=used.model_dump(mode="json", exclude={"cache_dir", "use_cache"}),
    )
