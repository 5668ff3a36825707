"""The engine beyond one machine: a Dask distributed cluster (``pip install factcheck[dask]``).

Imported only when asked for (``--scheduler``, ``$DASK_SCHEDULER_ADDRESS``, ``--workers``):
the default run needs no Dask. As NeMo Curator's semantic deduplication does, the
embedding model is loaded once per worker by a worker plugin, never shipped in the
task graph; documents go to the workers in partitions for extraction, texts in
partitions for embedding, and claims grouped by block key (the shuffle, done as
datatrove buckets: one task per block) to be clustered and compared.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

import numpy as np
from distributed import Client, LocalCluster, WorkerPlugin
from numpy.typing import NDArray

from factcheck.crosscheck.engine import in_order
from factcheck.errors import SettingsError
from factcheck.models import Source
from factcheck.progress import NullProgress, Progress
from factcheck.settings import Settings

if TYPE_CHECKING:
    from distributed import Worker

    from factcheck.crosscheck.embed import Embedder

__all__ = ["SCHEDULER_VARIABLE", "DaskEngine", "EmbedderPlugin", "dask_engine"]

T = TypeVar("T")
R = TypeVar("R")

SCHEDULER_VARIABLE = "DASK_SCHEDULER_ADDRESS"
_TEXTS_PER_TASK = 4096


class EmbedderPlugin(WorkerPlugin):
    """Gives each worker one embedder, built there on first use (the model is loaded
    once per worker process and kept between tasks).

    ``embedder`` (a small stand-in, for tests) is sent once per worker with the
    plugin; by default each worker builds the run's own cached embedder.
    """

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.given = embedder
        # Named by what it embeds with: a second run with the same model replaces the
        # plugin instead of loading a second model on every worker.
        model = embedder.name if embedder is not None else settings.model
        self.name = (
            "factcheck-embedder-" + hashlib.blake2b(model.encode(), digest_size=8).hexdigest()
        )
        self._embedder: Embedder | None = None

    def setup(self, worker: Worker) -> None:
        self._embedder = self.given

    def teardown(self, worker: Worker) -> None:
        self._embedder = None

    def embedder(self) -> Embedder:
        if self._embedder is None:
            from factcheck.crosscheck.cache import get_embedder

            self._embedder = get_embedder(self.settings)
        return self._embedder


def _embed_on_worker(texts: list[str], plugin_name: str) -> NDArray[np.float32]:
    from distributed import get_worker

    from factcheck.crosscheck.cache import embed_texts

    plugin: EmbedderPlugin = get_worker().plugins[plugin_name]  # type: ignore[assignment]
    settings = plugin.settings
    return embed_texts(plugin.embedder(), texts, batch_size=settings.batch_size)


class DaskEngine:
    """The pipeline's partitions as tasks of a Dask cluster (see :func:`dask_engine`)."""

    def __init__(
        self, client: Client, progress: Progress | None = None, partition_chars: int = 4_000_000
    ) -> None:
        self.client = client
        self.partition_chars = partition_chars
        self.progress = progress or NullProgress()

    def map_sources(
        self, function: Callable[[list[Source]], R], partitions: Iterable[list[Source]]
    ) -> Iterator[R]:
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        submit = functools.partial(self.client.submit, pure=False)
        yield from in_order(submit, function, partitions, 4 * workers)

    def embed(
        self,
        texts: Sequence[str],
        settings: Settings,
        embedder: Embedder | None,
        progress: Progress,
    ) -> NDArray[np.float32]:
        unique = list(dict.fromkeys(texts))
        if not unique:
            return np.zeros((0, 1), dtype=np.float32)
        plugin = EmbedderPlugin(settings, embedder)
        self.client.register_plugin(plugin, name=plugin.name)
        parts = [unique[i : i + _TEXTS_PER_TASK] for i in range(0, len(unique), _TEXTS_PER_TASK)]
        progress.start("embedding claims on the workers", len(unique))
        vectors: list[NDArray[np.float32]] = []
        for part, future in zip(
            parts, self.client.map(_embed_on_worker, parts, plugin_name=plugin.name), strict=True
        ):
            vectors.append(future.result())
            progress.advance(len(part))
        progress.finish()
        found = np.concatenate(vectors).astype(np.float32, copy=False)
        row_of = {text: row for row, text in enumerate(unique)}
        return found[[row_of[text] for text in texts]]

    def map_blocks(self, function: Callable[[T], R], blocks: Sequence[T]) -> list[R]:
        futures = self.client.map(function, blocks, pure=False)
        return list(self.client.gather(futures))  # type: ignore[no-untyped-call]


@contextlib.contextmanager
def dask_engine(
    scheduler: str | None = None,
    workers: int | None = None,
    *,
    processes: bool = True,
    progress: Progress | None = None,
) -> Iterator[DaskEngine]:
    """A :class:`DaskEngine` on the scheduler at ``scheduler`` (else
    ``$DASK_SCHEDULER_ADDRESS``), or on a local cluster of ``workers`` workers.

    A local cluster is closed when the ``with`` block ends. Progress names the
    dashboard's address.
    """
    progress = progress or NullProgress()
    address = scheduler or os.environ.get(SCHEDULER_VARIABLE)
    cluster = None
    if address is None:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers or 1,
            threads_per_worker=1,
            processes=processes,
            dashboard_address=":0",
            silence_logs=logging.ERROR,  # the cluster's chatter is not the run's progress
        )
        client = Client(cluster)  # type: ignore[no-untyped-call]
    else:
        try:
            client = Client(address)  # type: ignore[no-untyped-call]
        except OSError as exc:
            raise SettingsError(
                f"cannot reach the Dask scheduler at {address}: {exc}", field="--scheduler"
            ) from exc
    try:
        progress.start(f"dask cluster, dashboard {client.dashboard_link}")
        progress.finish()
        yield DaskEngine(client, progress)
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()
