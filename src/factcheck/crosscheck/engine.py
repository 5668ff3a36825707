"""Where a run's work is done: in this process, over processes of this machine, or on Dask.

The pipeline (:mod:`factcheck.crosscheck.pipeline`) decides what runs in which order;
an engine only maps its functions over partitions. :class:`LocalEngine`, the default,
extracts over processes of this machine when the sources are large enough to gain
from it, and embeds and clusters in this process (the model on the GPU when torch sees
one). :class:`factcheck.crosscheck.distributed.DaskEngine` is the same interface on a
Dask cluster.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Protocol, TypeVar

import numpy as np
from numpy.typing import NDArray

from factcheck.models import Source
from factcheck.progress import Progress
from factcheck.settings import Settings

if TYPE_CHECKING:
    from factcheck.crosscheck.embed import Embedder

__all__ = [
    "PARALLEL_MIN_CHARS",
    "Engine",
    "LocalEngine",
    "Pending",
    "default_processes",
    "in_order",
]

T = TypeVar("T")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)

PARALLEL_MIN_CHARS = 2_000_000
"""Below this much text, starting worker processes (a second each) costs more than it saves."""


class Engine(Protocol):
    """Maps the pipeline's functions over partitions; results come back in order."""

    partition_chars: int
    """About how much text one extraction task reads."""

    def map_sources(
        self, function: Callable[[list[Source]], R], partitions: Iterable[list[Source]]
    ) -> Iterator[R]:
        """``function`` over partitions of sources, the results in order, each as soon
        as it and those before it are done. Partitions are read as they are needed: a
        bounded number is held at a time."""
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


class Pending(Protocol[R_co]):
    """A result to come: a ``concurrent.futures`` or a Dask future."""

    def result(self) -> R_co: ...


def in_order(
    submit: Callable[[Callable[[T], R], T], Pending[R]],
    function: Callable[[T], R],
    items: Iterable[T],
    limit: int,
) -> Iterator[R]:
    """``function`` over ``items`` through ``submit`` (an executor's or a Dask client's),
    at most ``limit`` at a time, the results in the order of ``items``."""
    running: collections.deque[Pending[R]] = collections.deque()
    for item in items:
        running.append(submit(function, item))
        if len(running) >= limit:
            yield running.popleft().result()
    while running:
        yield running.popleft().result()


def _more(pending: Iterator[list[Source]], ahead: list[list[Source]]) -> bool:
    """Whether ``pending`` has another partition (moved to ``ahead`` if so)."""
    following = next(pending, None)
    if following is None:
        return False
    ahead.append(following)
    return True


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
        self, function: Callable[[list[Source]], R], partitions: Iterable[list[Source]]
    ) -> Iterator[R]:
        pending = iter(partitions)
        if self.processes < 2:
            yield from map(function, pending)
            return
        # Read ahead until there is enough text to be worth the processes, or none is left.
        ahead: list[list[Source]] = []
        chars = 0
        for partition in pending:
            ahead.append(partition)
            chars += sum(len(source.text) for source in partition)
            if chars >= self.min_chars:
                break
        if chars < self.min_chars or (len(ahead) < 2 and not _more(pending, ahead)):
            yield from map(function, ahead)
            return
        context = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(max_workers=self.processes, mp_context=context)
        try:
            everything = itertools.chain(ahead, pending)
            yield from in_order(pool.submit, function, everything, 2 * self.processes)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

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
