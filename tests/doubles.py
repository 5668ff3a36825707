"""Test doubles: a deterministic, dependency-free embedder for unit tests of other stages.

Never the default: tests of embedding behaviour use the real embedded model.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

_WORD = re.compile(r"[a-z0-9]+")


class HashingEmbedder:
    """Bag of hashed word unigrams and bigrams, L2-normalised: similar wording, similar vector."""

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.name = f"test-hashing-{dim}"
        self.calls = 0
        self.texts_embedded = 0

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        self.calls += 1
        self.texts_embedded += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = _WORD.findall(text.lower())
            for token in [*words, *(" ".join(p) for p in itertools.pairwise(words))]:
                h = int.from_bytes(
                    hashlib.blake2b(token.encode(), digest_size=8).digest(), "little"
                )
                out[row, h % self.dim] += 1.0
            norm = float(np.linalg.norm(out[row]))
            if norm:
                out[row] /= norm
        return out
