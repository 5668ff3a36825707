"""The one place that knows the stage order: :func:`report` runs the whole cross-check.

sources -> sentences -> claims (with their frames) -> (copies collapsed) -> embeddings ->
clusters -> findings
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from factcheck.crosscheck.cluster import cluster_block, comparable_blocks
from factcheck.crosscheck.compare import compare_clusters
from factcheck.crosscheck.copies import collapse_copies
from factcheck.crosscheck.engine import Engine, LocalEngine
from factcheck.crosscheck.stage_cache import BlockResult, StageCache
from factcheck.extract import iter_claims
from factcheck.models import Claim, Report, Source
from factcheck.progress import NullProgress, Progress
from factcheck.settings import Settings
from factcheck.sources import LoadedSources, SourcesLike, as_sources, sources_from_texts

if TYPE_CHECKING:
    from factcheck.crosscheck.embed import Embedder

__all__ = [
    "check_block",
    "claims",
    "cross_check",
    "embed_claims",
    "extract_partition",
    "gather_claims",
    "open_stage_cache",
    "reference_date_for",
    "report",
    "report_texts",
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


def gather_claims(
    sources: Sequence[Source],
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
    engine: Engine | None = None,
    cache: StageCache | None = None,
) -> list[Claim]:
    """Claims of every source as one list, years completed with the run's reference date:
    the extraction stage of :func:`report` (:func:`claims` streams them instead).

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


def embed_claims(
    found: Sequence[Claim],
    embedder: Embedder | None,
    settings: Settings,
    *,
    progress: Progress | None = None,
    engine: Engine | None = None,
) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """Embeddings of the claims' contexts, and of their measure phrases (zeros where none).

    Contexts and measures go through the model in one pass: measures are few and short,
    and are compared by meaning, not by a table of names. ``embedder`` None: the run's
    own (cached) embedder, loaded where ``engine`` runs it.
    """
    engine = engine or LocalEngine()
    if not found:
        empty = np.zeros((0, 1), dtype=np.float32)
        return empty, empty
    measures = [claim.frame.measure or "" for claim in found]
    texts = [claim.context for claim in found] + sorted(set(measures) - {""})
    vectors = np.asarray(
        engine.embed(texts, settings, embedder, progress or NullProgress()), dtype=np.float32
    )
    row_of = {text: row for row, text in enumerate(texts[len(found) :], start=len(found))}
    measure_vectors = np.zeros((len(found), vectors.shape[1]), dtype=np.float32)
    for index, measure in enumerate(measures):
        if measure:
            measure_vectors[index] = vectors[row_of[measure]]
    return vectors[: len(found)], measure_vectors


def check_block(
    claims: Sequence[Claim],
    vectors: NDArray[np.float32],
    measure_vectors: NDArray[np.float32] | None,
    settings: Settings,
    published: Mapping[str, date | None],
) -> BlockResult:
    """Cluster one block of comparable claims, then compare each cluster."""
    clusters = cluster_block(claims, vectors, settings, measure_vectors=measure_vectors)
    findings = compare_clusters(clusters, claims, settings, published=published)
    judged = {finding.cluster_id for finding in findings}
    return [c for c in clusters if c.id in judged], findings


_BlockTask = tuple[
    list[Claim],
    NDArray[np.float32],
    NDArray[np.float32] | None,
    Settings,
    dict[str, date | None],
    StageCache | None,
]


def _check_cached_block(task: _BlockTask) -> BlockResult:
    claims, vectors, measure_vectors, settings, published, cache = task
    if cache is None:
        return check_block(claims, vectors, measure_vectors, settings, published)
    dates = "\x00".join(f"{source}={day}" for source, day in sorted(published.items()))
    measures = b"" if measure_vectors is None else measure_vectors.tobytes()
    place, known = cache.block_of(claims, [vectors.tobytes(), measures, dates.encode()])
    if known is not None:
        return known
    result = check_block(claims, vectors, measure_vectors, settings, published)
    cache.keep_block(place, result)
    return result


def cross_check(
    claims: Sequence[Claim],
    vectors: NDArray[np.float32],
    settings: Settings,
    *,
    measure_vectors: NDArray[np.float32] | None = None,
    published: Mapping[str, date | None] | None = None,
    engine: Engine | None = None,
    cache: StageCache | None = None,
) -> BlockResult:
    """Clusters and their findings, block by block (:func:`check_block`), ordered by
    their first claim's id: the same whatever the engine, and what ``cache`` held.

    ``published`` maps source ids to publication dates (a count reported on different
    days changed); a block carries only its own sources' dates.
    """
    engine = engine or LocalEngine()
    vectors = np.asarray(vectors, dtype=np.float32)
    published = published or {}
    tasks: list[_BlockTask] = []
    for block in comparable_blocks(claims):
        members = [claims[i] for i in block]
        dates = {c.source: published.get(c.source) for c in members}
        measures = measure_vectors[block] if measure_vectors is not None else None
        tasks.append((members, vectors[block], measures, settings, dates, cache))
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
        gather_claims(loaded, used, progress=progress, engine=engine, cache=cache)
    )
    vectors, measure_vectors = embed_claims(
        found, embedder, settings, progress=progress, engine=engine
    )
    progress.start("clustering and comparing claims")
    published = {source.id: source.published for source in loaded}
    clusters, findings = cross_check(
        found,
        vectors,
        used,
        measure_vectors=measure_vectors,
        published=published,
        engine=engine,
        cache=cache,
    )
    progress.finish()
    return Report(
        sources=tuple(loaded),
        claims=tuple(found),
        clusters=tuple(clusters),
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
