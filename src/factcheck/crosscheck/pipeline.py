"""The one place that knows the stage order: :func:`report` runs the whole cross-check.

sources -> sentences -> claims -> (copies collapsed) -> embeddings -> clusters -> findings
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

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

__all__ = ["claims", "embed_claims", "reference_date_for", "report", "report_texts"]


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
    """Claims of every source one at a time, years completed with the run's reference date
    (``factcheck claims``).

    For listings of huge inputs: nothing is held but the sources' text.
    """
    settings = reference_date_for(sources, settings or Settings())
    progress = progress or NullProgress()
    progress.start("extracting claims", len(sources))
    for source in sources:
        yield from iter_claims(source, settings)
        progress.advance()
    progress.finish()


def embed_claims(
    found: Sequence[Claim],
    embedder: Embedder,
    settings: Settings,
    *,
    progress: Progress | None = None,
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """Embeddings of the claims' contexts, and of their measure phrases (zeros where none).

    Contexts and measures go through the model in one pass: measures are few and short,
    and are compared by meaning, not by a table of names.
    """
    from factcheck.crosscheck.cache import embed_texts

    if not found:
        empty = np.zeros((0, 1), dtype=np.float32)
        return empty, empty
    measures = [claim.frame.measure or "" for claim in found]
    texts = [claim.context for claim in found] + sorted(set(measures) - {""})
    vectors = embed_texts(embedder, texts, batch_size=settings.batch_size, progress=progress)
    row_of = {text: row for row, text in enumerate(texts[len(found) :], start=len(found))}
    measure_vectors = np.zeros((len(found), vectors.shape[1]), dtype=np.float32)
    for index, measure in enumerate(measures):
        if measure:
            measure_vectors[index] = vectors[row_of[measure]]
    return vectors[: len(found)], measure_vectors


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
    found = collapse_copies(list(claims(loaded, settings, progress=progress)))
    if embedder is None:
        from factcheck.crosscheck.cache import get_embedder

        embedder = get_embedder(settings)
    vectors, measure_vectors = embed_claims(found, embedder, settings, progress=progress)
    used = reference_date_for(loaded, settings)
    progress.start("clustering claims")
    clusters = cluster_claims(found, vectors, used, measure_vectors=measure_vectors)
    progress.finish()
    progress.start("comparing clusters")
    published = {source.id: source.published for source in loaded}
    findings = compare_clusters(clusters, found, used, published=published)
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
