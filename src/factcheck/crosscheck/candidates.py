"""Candidate pairs within a block: each claim's k nearest neighbours above a floor.

Exact search by batched matrix products: the block's queries go in chunks, each
chunk against the whole block, so memory stays bounded by ``chunk_cells`` and the
Python work is proportional to ``claims x k`` (the top k of a chunk are chosen, rounded
and filtered in numpy). A very large block (100,000 shares naming no entity) is split
into query chunks that :func:`query_chunks` names, so a distributed run can hand each
chunk to another worker (:func:`neighbours_of_queries`) and no task straggles.

Similarities are rounded to 6 decimals: a pair scored once from each side keeps one
value, and ties sort alike whatever the order of the claims.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "CHUNK_CELLS",
    "neighbour_pairs",
    "neighbours_of_queries",
    "query_chunks",
]

CHUNK_CELLS = 16_000_000
"""Similarities computed at a time (64 MB of float32)."""
_MIN_ROWS, _MAX_ROWS = 64, 1024


def query_chunks(size: int, chunk_cells: int = CHUNK_CELLS) -> list[range]:
    """The query rows of a block of ``size`` claims, in chunks of at most ``chunk_cells``
    similarities (at least 64 and at most 1,024 rows)."""
    rows = max(_MIN_ROWS, min(_MAX_ROWS, chunk_cells // max(size, 1)))
    return [range(start, min(start + rows, size)) for start in range(0, size, rows)]


def _rounded(scores: NDArray[np.floating]) -> NDArray[np.float64]:
    """Similarities rounded to 6 decimals exactly as Python's ``round(float(x), 6)``.

    For float32 (and float16) scores ``x * 1e6`` is exact in float64 (24 + 14 bits), so
    ``rint`` then ``/ 1e6`` is the correctly rounded decimal, as Python's ``round`` is.
    Wider scores are rounded one by one.
    """
    if scores.dtype.itemsize <= 4:
        return np.rint(scores.astype(np.float64) * 1e6) / 1e6
    flat = [round(float(x), 6) for x in scores.ravel()]
    return np.asarray(flat, dtype=np.float64).reshape(scores.shape)


def neighbours_of_queries(
    matrix: NDArray[np.floating], queries: range, k: int, floor: float
) -> tuple[NDArray[np.intp], NDArray[np.intp], NDArray[np.float64]]:
    """The k nearest neighbours of rows ``queries`` of ``matrix`` (itself excluded),
    as parallel arrays (query row, neighbour row, rounded similarity) above ``floor``.

    Rows are in query order, each query's neighbours in the order ``argpartition``
    leaves them.
    """
    size = len(matrix)
    k = min(k, size - 1)
    if k < 1 or not queries:
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty, np.zeros(0, dtype=np.float64)
    rows = np.arange(queries.start, queries.stop, dtype=np.intp)
    sims = matrix[queries.start : queries.stop] @ matrix.T
    sims[np.arange(len(rows)), rows] = -np.inf
    top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
    scores = _rounded(np.take_along_axis(sims, top, axis=1))
    keep = scores >= floor
    query_rows = np.broadcast_to(rows[:, None], top.shape)[keep]
    return query_rows, top[keep], scores[keep]


def neighbour_pairs(
    block: Sequence[int],
    vectors: NDArray[np.floating],
    k: int,
    floor: float,
    chunk_cells: int = CHUNK_CELLS,
) -> dict[tuple[int, int], float]:
    """Each claim's k nearest neighbours within its block, above ``floor`` similarity.

    ``block`` indexes ``vectors``; the answer maps ``(low, high)`` index pairs (indices
    of ``vectors``) to their rounded similarity. A pair found from both sides keeps the
    score of the later query, as the chunks are visited in order.
    """
    index = np.asarray(block, dtype=np.intp)
    matrix = vectors[index]
    pairs: dict[tuple[int, int], float] = {}
    for queries in query_chunks(len(index), chunk_cells):
        query_rows, neighbours, scores = neighbours_of_queries(matrix, queries, k, floor)
        first, second = index[query_rows], index[neighbours]
        low, high = np.minimum(first, second), np.maximum(first, second)
        keys = zip(low.tolist(), high.tolist(), strict=True)
        pairs.update(zip(keys, scores.tolist(), strict=True))
    return pairs
