"""The one place that knows the stage order: :func:`report` runs the whole cross-check.

sources -> sentences -> claims -> (copies collapsed) -> embeddings -> clusters -> findings
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from factcheck.crosscheck.cluster import cluster_block, comparable_blocks, story_year
from factcheck.crosscheck.compare import compare_clusters
from factcheck.crosscheck.copies import collapse_copies
from factcheck.crosscheck.engine import Engine, LocalEngine
from factcheck.crosscheck.stage_cache import BlockResult, StageCache
from factcheck.extract import iter_claims
from factcheck.models import Claim, Report, Source
from factcheck.progress import NullProgress, Progress
from factcheck.settings import Settings
from factcheck.sources import LoadedSources, SourcesLike, as_sources

if TYPE_CHECKING:
    from factcheck.crosscheck.embed import Embedder

__all__ = [
    "check",
    "check_block",
    "claims",
    "cross_check",
    "extract_all",
    "extract_partition",
    "open_stage_cache",
    "reference_date_for",
    "report",
]


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


def extract_partition(sources: Sequence[Source], settings: Settings) -> list[list[Claim]]:
    """The claims of each of ``sources`` (one task of a parallel extraction)."""
    return [list(iter_claims(source, settings)) for source in sources]


def _partitions(sources: Iterable[Source], chars: int) -> Iterator[list[Source]]:
    """Consecutive runs of sources of about ``chars`` characters each, one at a time."""
    partition: list[Source] = []
    size = 0
    for source in sources:
        partition.append(source)
        size += len(source.text)
        if size >= chars:
            yield partition
            partition, size = [], 0
    if partition:
        yield partition


def extract_all(
    sources: Sequence[Source],
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
    engine: Engine | None = None,
    cache: StageCache | None = None,
) -> list[Claim]:
    """Claims of every source, years completed with the run's reference date.

    Sources whose claims ``cache`` holds are read from it; the others are extracted
    in partitions by ``engine`` (over processes of this machine by default, when
    there is enough text) and stored. The result does not depend on either.
    """
    settings = reference_date_for(sources, settings or Settings())
    progress = progress or NullProgress()
    engine = engine or LocalEngine()
    found: list[list[Claim] | None] = [None] * len(sources)
    places: dict[int, Path] = {}
    if cache is not None:
        for index, source in enumerate(sources):
            place, known = cache.claims_of(source)
            found[index] = known
            places[index] = place
    missing = [index for index, claims in enumerate(found) if claims is None]
    cached = len(sources) - len(missing)
    label = "extracting claims" + (f" ({cached:,} sources cached)" if cached else "")
    progress.start(label, len(missing))
    # Read as the engine asks for them: a huge JSON Lines input is never held whole.
    to_extract = (source for index, source in enumerate(sources) if found[index] is None)
    results = engine.map_sources(
        functools.partial(extract_partition, settings=settings),
        _partitions(to_extract, engine.partition_chars),
    )
    extracted = (claims_of_source for result in results for claims_of_source in result)
    for index, claims_of_source in zip(missing, extracted, strict=True):
        found[index] = claims_of_source
        if cache is not None:
            cache.keep_claims(places[index], claims_of_source)
        progress.advance()
    progress.finish()
    return [claim for claims_of_source in found if claims_of_source for claim in claims_of_source]


def check_block(
    claims: Sequence[Claim],
    vectors: NDArray[np.float32],
    settings: Settings,
    current_year: int | None,
) -> BlockResult:
    """Cluster one block of comparable claims, then compare each cluster."""
    clusters = cluster_block(claims, vectors, settings, current_year=current_year)
    return clusters, compare_clusters(clusters, claims, settings)


def _check_cached_block(
    task: tuple[list[Claim], NDArray[np.float32], Settings, int | None, StageCache | None],
) -> BlockResult:
    claims, vectors, settings, current_year, cache = task
    if cache is None:
        return check_block(claims, vectors, settings, current_year)
    place, known = cache.block_of(claims, vectors.tobytes(), current_year)
    if known is not None:
        return known
    result = check_block(claims, vectors, settings, current_year)
    cache.keep_block(place, result)
    return result


def cross_check(
    claims: Sequence[Claim],
    vectors: NDArray[np.float32],
    settings: Settings,
    *,
    engine: Engine | None = None,
    cache: StageCache | None = None,
) -> BlockResult:
    """Clusters and their findings, block by block (:func:`check_block`), ordered by
    their first claim's id: the same whatever the engine, and what ``cache`` held."""
    engine = engine or LocalEngine()
    current_year = story_year(claims, settings)
    vectors = np.asarray(vectors, dtype=np.float32)
    tasks = [
        ([claims[i] for i in block], vectors[block], settings, current_year, cache)
        for block in comparable_blocks(claims)
    ]
    results = engine.map_blocks(_check_cached_block, tasks)
    pairs = [
        pair for clusters, findings in results for pair in zip(clusters, findings, strict=True)
    ]
    pairs.sort(key=lambda pair: (pair[0].claim_ids[0], pair[0].id))
    return [cluster for cluster, _ in pairs], [finding for _, finding in pairs]


def open_stage_cache(settings: Settings) -> StageCache | None:
    """The stage cache of a run with ``settings`` in the cache folder, unless caching is off."""
    if not settings.use_cache:
        return None
    from factcheck.crosscheck.cache import resolve_cache_dir

    return StageCache(resolve_cache_dir(settings), settings)


def report(
    sources: SourcesLike,
    settings: Settings | None = None,
    *,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    engine: Engine | None = None,
) -> Report:
    """Read the sources, extract, embed, cluster and compare: the whole cross-check.

    A run that builds its own embedder (``embedder`` None) with ``settings.use_cache``
    reads and stores every stage's results in the cache folder: a source's claims, a
    text's vector, a block's clusters and findings. ``engine`` says where the work
    runs (:class:`~factcheck.crosscheck.engine.LocalEngine` by default); the report
    does not depend on it.
    """
    settings = settings or Settings()
    progress = progress or NullProgress()
    engine = engine or LocalEngine()
    loaded = as_sources(sources)
    # The run's reference date (the latest publication) tells old figures from current ones.
    used = reference_date_for(loaded, settings)
    cache = open_stage_cache(used) if embedder is None else None
    found = collapse_copies(
        extract_all(loaded, used, progress=progress, engine=engine, cache=cache)
    )
    vectors = engine.embed([claim.context for claim in found], settings, embedder, progress)
    progress.start("clustering and comparing claims")
    clusters, findings = cross_check(found, vectors, used, engine=engine, cache=cache)
    progress.finish()
    return Report(
        sources=tuple(loaded),
        claims=tuple(found),
        clusters=tuple(clusters),
        findings=tuple(findings),
        settings=used.reported(),
    )


check = report
"""The old name of :func:`report`, kept for one release (``factcheck.check``)."""
