"""Same answer everywhere: in this process, over local processes, and on a Dask cluster."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck.crosscheck.cluster import cluster_claims
from factcheck.crosscheck.compare import compare_clusters
from factcheck.crosscheck.engine import LocalEngine
from factcheck.crosscheck.pipeline import cross_check, report
from factcheck.models import Report, Source
from factcheck.settings import Settings
from factcheck.sources import load_sources
from tests.doubles import HashingEmbedder

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SETTINGS = Settings(use_cache=False)


def digest(result: Report) -> str:
    """The clusters (their claims) and the verdicts, in the report's order."""
    lines = [f"{c.id} {' '.join(c.claim_ids)}" for c in result.clusters]
    lines += [f"{f.cluster_id} {f.verdict.value} {f.relative_gap!r}" for f in result.findings]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


@pytest.fixture(scope="module")
def sources() -> list:  # type: ignore[type-arg]
    return list(load_sources([str(SEEDS)]))


@pytest.fixture(scope="module")
def in_process(sources: list) -> Report:  # type: ignore[type-arg]
    found = report(sources, SETTINGS, embedder=HashingEmbedder(), engine=LocalEngine(1))
    assert found.findings  # the corpus has something to agree on, or the test proves nothing
    return found


def test_local_processes_give_the_same_report(sources: list, in_process: Report) -> None:  # type: ignore[type-arg]
    # The seeds are small: force the pool, and several tasks.
    engine = LocalEngine(processes=2, min_chars=0, partition_chars=10_000)
    parallel = report(sources, SETTINGS, embedder=HashingEmbedder(), engine=engine)
    assert digest(parallel) == digest(in_process)
    assert parallel == in_process


def test_a_dask_local_cluster_gives_the_same_report(sources: list, in_process: Report) -> None:  # type: ignore[type-arg]
    pytest.importorskip("distributed")
    from factcheck.crosscheck.distributed import dask_engine

    # Threads, not processes, for speed: tasks, plugin and results still go through
    # the scheduler and workers.
    with dask_engine(workers=2, processes=False) as engine:
        assert len(engine.client.scheduler_info()["workers"]) == 2
        on_dask = report(sources, SETTINGS, embedder=HashingEmbedder(), engine=engine)
    assert digest(on_dask) == digest(in_process)
    assert on_dask == in_process


def _process_of(partition: list[Source]) -> int:
    return os.getpid()


def _ids_of(partition: list[Source]) -> list[str]:
    return [source.id for source in partition]


def _partitions(count: int, chars: int) -> list[list[Source]]:
    return [[Source(id=f"s{n}", text="x" * chars)] for n in range(count)]


def test_extraction_goes_to_worker_processes_only_when_there_is_enough_text() -> None:
    engine = LocalEngine(processes=2, min_chars=1000)
    assert set(engine.map_sources(_process_of, _partitions(4, 200))) == {os.getpid()}
    workers = set(engine.map_sources(_process_of, _partitions(4, 400)))
    assert os.getpid() not in workers
    assert 1 <= len(workers) <= 2


def test_partitions_come_back_in_order_and_are_read_as_needed() -> None:
    engine = LocalEngine(processes=2, min_chars=0)
    read: list[int] = []

    def partitions() -> Iterator[list[Source]]:
        for n, partition in enumerate(_partitions(40, 10)):
            read.append(n)
            yield partition

    results = engine.map_sources(_ids_of, partitions())
    first = next(results)
    assert first == ["s0"]
    assert len(read) <= 2 * engine.processes + 1  # a bounded read-ahead, not all 40
    assert [first, *results] == [[f"s{n}"] for n in range(40)]


def test_block_by_block_equals_clustering_and_comparing_the_whole_run(
    sources: list[Source], in_process: Report
) -> None:
    claims = list(in_process.claims)
    vectors = HashingEmbedder().embed([c.context for c in claims])
    settings = Settings(**{**SETTINGS.model_dump(), **in_process.settings})
    whole = cluster_claims(claims, vectors, settings)
    findings = compare_clusters(whole, claims, settings)
    judged = {finding.cluster_id for finding in findings}
    assert cross_check(claims, vectors, settings) == (
        [cluster for cluster in whole if cluster.id in judged],
        findings,
    )
