"""Progress that moves: every stage announced, embedding batch by batch, the model's load."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from factcheck.crosscheck.cache import CACHE_FILE, CachedEmbedder, EmbeddingCache, embed_texts
from factcheck.crosscheck.embed import LoadsModel, SentenceTransformerEmbedder
from factcheck.crosscheck.pipeline import report
from factcheck.models import Source
from factcheck.settings import Settings
from tests.doubles import HashingEmbedder


class Recorder:
    """A Progress that writes down what it hears: ('start', stage, total), ('advance', n)."""

    def __init__(self) -> None:
        self.events: list[tuple[str, ...] | tuple[str, str, int | None] | tuple[str, int]] = []

    def start(self, stage: str, total: int | None = None) -> None:
        self.events.append(("start", stage, total))

    def advance(self, steps: int = 1) -> None:
        self.events.append(("advance", steps))

    def finish(self) -> None:
        self.events.append(("finish",))

    def stages(self) -> list[str]:
        return [str(event[1]) for event in self.events if event[0] == "start"]

    def advances(self, stage: str) -> list[int]:
        steps: list[int] = []
        current = None
        for event in self.events:
            if event[0] == "start":
                current = event[1]
            elif event[0] == "advance" and current == stage:
                steps.append(int(event[1]))
        return steps


class SlowModel(HashingEmbedder):
    """A hashing embedder with a model to load first, as sentence-transformers has."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded = False

    def load(self) -> None:
        self.loaded = True

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        assert self.loaded, "embedded before the load stage"
        return super().embed(texts)


SOURCES = [
    Source(id=f"s{n}.txt", text=f"Exports of item {n} rose {n + 3}% in May, and {n}0 ships left.")
    for n in range(40)
]


def test_report_announces_every_stage_in_order() -> None:
    recorder = Recorder()
    report(SOURCES, Settings(batch_size=16), embedder=SlowModel(), progress=recorder)
    assert recorder.stages() == [
        "extracting claims",
        "loading the embedding model",
        "embedding claims",
        "clustering and comparing claims",
    ]
    assert recorder.events.count(("finish",)) == 4


def test_embedding_advances_once_per_batch() -> None:
    recorder = Recorder()
    texts = [f"text number {n}" for n in range(50)] + ["text number 0"]  # one repeat
    vectors = embed_texts(HashingEmbedder(), texts, batch_size=16, progress=recorder)
    assert vectors.shape[0] == len(texts)
    np.testing.assert_array_equal(vectors, HashingEmbedder().embed(texts))
    assert ("start", "embedding claims", 50) in recorder.events
    assert recorder.advances("embedding claims") == [16, 16, 16, 2]


def test_cached_texts_are_counted_and_not_embedded_again(tmp_path: Path) -> None:
    texts = [f"text number {n}" for n in range(30)]
    embed_texts(
        CachedEmbedder(HashingEmbedder(), EmbeddingCache(tmp_path / CACHE_FILE)), texts[:20]
    )
    inner = SlowModel()
    recorder = Recorder()
    embedder = CachedEmbedder(inner, EmbeddingCache(tmp_path / CACHE_FILE))
    vectors = embed_texts(embedder, texts, batch_size=4, progress=recorder)
    np.testing.assert_array_equal(vectors, HashingEmbedder().embed(texts))
    assert inner.texts_embedded == 10
    assert recorder.stages() == ["loading the embedding model", "embedding claims (20 cached)"]
    assert recorder.advances("embedding claims (20 cached)") == [4, 4, 2]
    # All cached: no model to load, nothing to embed.
    again = Recorder()
    inner = SlowModel()
    embed_texts(CachedEmbedder(inner, EmbeddingCache(tmp_path / CACHE_FILE)), texts, progress=again)
    assert again.stages() == []
    assert not inner.loaded


def test_sentence_transformers_loads_as_a_stage_of_its_own() -> None:
    embedder = SentenceTransformerEmbedder("/nonexistent/model/folder")
    assert isinstance(embedder, LoadsModel)
    assert not embedder.loaded
    assert not isinstance(HashingEmbedder(), LoadsModel)


@pytest.mark.parametrize("batch_size", [1, 7, 64])
def test_batches_give_the_vectors_of_one_call(batch_size: int) -> None:
    texts = [f"sentence {n} about {n % 3} things" for n in range(20)]
    batched = embed_texts(HashingEmbedder(), texts, batch_size=batch_size)
    np.testing.assert_array_equal(batched, HashingEmbedder().embed(texts))
