"""Where a run's work is done: in this process, over processes of this machine, or on Dask.

The pipeline (:mod:`factcheck.crosscheck.pipeline`) decides what runs in which order;
an engine only maps its functions over partitions. :class:`LocalEngine`, the default,
extracts over processes of this machine when the sources are large enough to gain
from it, and embeds and clusters in this process (the model on the GPU when torch sees
one). :class:`factcheck.crosscheck.distributed.DaskEngine` is the same interface on a
Dask cluster.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Protocol, TypeVar

import numpy as np
from numpy.typing import NDArray

from factcheck.progress import Progress
from factcheck.settings import Settings

if TYPE_CHECKING:
    from factcheck.crosscheck.embed import Embedder

__all__ = ["PARALLEL_MIN_CHARS", "Engine", "LocalEngine", "default_processes"]

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_MIN_CHARS = 2_000_000
"""Below this much text, starting worker processes (a second each) costs more than it saves."""


class Engine(Protocol):
    """Maps the pipeline's functions over partitions; results come back in order."""

    partition_chars: int
    """About how much text one extraction task reads."""

    def map_sources(
        self, function: Callable[[T], R], partitions: Sequence[T], chars: int
    ) -> Iterator[R]:
        """``function`` over partitions of sources holding ``chars`` characters in all,
        each result as soon as it and those before it are done."""
        ...

    def embed(
        self,
        texts: Sequence[str],
        settings: Settings,
        embedder: Embedder | None,
        progress: Progress,
    ) -> NDArray[np.float32]:
        """Unit vectors of ``texts`` (``embedder``, else the run's own, cached one)."""
        ...

    def map_blocks(self, function: Callable[[T], R], blocks: Sequence[T]) -> list[R]:
        """``function`` over blocks of comparable claims."""
        ...


def default_processes() -> int:
    """One process per CPU core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class LocalEngine:
    """This machine: extraction over ``processes`` worker processes (default: one per
    core) when there are ``min_chars`` characters of text to extract or more, everything
    else in this process.

    Worker processes are started with ``spawn``: each loads what extraction needs once
    (its lazy loaders cache per process) and nothing a parent holds (a model, threads).
    As with any ``multiprocessing``, they import the script that started them: a script
    must call the pipeline under ``if __name__ == "__main__":``.
    """

    def __init__(
        self,
        processes: int | None = None,
        min_chars: int = PARALLEL_MIN_CHARS,
        partition_chars: int = 500_000,
    ) -> None:
        self.processes = default_processes() if processes is None else max(1, processes)
        self.min_chars = min_chars
        self.partition_chars = partition_chars

    def map_sources(
        self, function: Callable[[T], R], partitions: Sequence[T], chars: int
    ) -> Iterator[R]:
        workers = min(self.processes, len(partitions))
        if workers < 2 or chars < self.min_chars:
            yield from map(function, partitions)
            return
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            yield from pool.map(function, partitions)

    def embed(
        self,
        texts: Sequence[str],
        settings: Settings,
        embedder: Embedder | None,
        progress: Progress,
    ) -> NDArray[np.float32]:
        from factcheck.crosscheck.cache import embed_texts, get_embedder

        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return embed_texts(
            embedder or get_embedder(settings),
            texts,
            batch_size=settings.batch_size,
            progress=progress,
        )

    def map_blocks(self, function: Callable[[T], R], blocks: Sequence[T]) -> list[R]:
        return [function(block) for block in blocks]
