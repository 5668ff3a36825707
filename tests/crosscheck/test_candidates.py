"""Candidate search: the batched top k equals a row-by-row reference, and scales by chunks."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.typing import NDArray

from factcheck.crosscheck.candidates import (
    neighbour_pairs,
    neighbours_of_queries,
    query_chunks,
)


def _reference(
    block: list[int], vectors: NDArray[np.float32], k: int, floor: float, rows: int
) -> dict[tuple[int, int], float]:
    """The search as cluster.py did it before: one row at a time, in Python."""
    matrix = vectors[block]
    pairs: dict[tuple[int, int], float] = {}
    k = min(k, len(block) - 1)
    for start in range(0, len(block), rows):
        sims = matrix[start : start + rows] @ matrix.T
        for row, scores in enumerate(sims):
            i = start + row
            scores[i] = -np.inf
            for j in np.argpartition(-scores, k - 1)[:k]:
                score = round(float(scores[j]), 6)
                if score >= floor:
                    a, b = sorted((block[i], block[int(j)]))
                    pairs[(a, b)] = score
    return pairs


def _unit_rows(count: int, dim: int, seed: int, *, ties: bool = False) -> NDArray[np.float32]:
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(count, dim)).astype(np.float32)
    if ties:  # many exact duplicates: equal similarities at the k-th place
        vectors[count // 2 :] = vectors[: count - count // 2]
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors


@pytest.mark.parametrize(
    ("count", "k", "floor", "ties"),
    [(2, 10, -1.0, False), (50, 3, 0.0, False), (300, 10, 0.1, True), (700, 1, -1.0, True)],
)
def test_batched_search_equals_the_row_by_row_reference(
    count: int, k: int, floor: float, ties: bool
) -> None:
    vectors = _unit_rows(count + 20, 16, seed=count, ties=ties)
    block = list(range(5, count + 5))  # a block is a subset of the run's vectors
    cells = 64 * count  # 64 query rows per chunk: several chunks for the larger blocks
    found = neighbour_pairs(block, vectors, k, floor, chunk_cells=cells)
    assert found == _reference(block, vectors, k, floor, rows=64)
    assert found  # the parameters above leave candidates to compare


def test_scores_are_rounded_like_python_round() -> None:
    vectors = _unit_rows(200, 8, seed=7)
    _, _, scores = neighbours_of_queries(vectors, range(200), 5, -1.0)
    assert [round(float(s), 6) for s in scores] == scores.tolist()


def test_each_claim_keeps_at_most_k_neighbours_above_the_floor() -> None:
    vectors = _unit_rows(400, 8, seed=3)
    query_rows, neighbours, scores = neighbours_of_queries(vectors, range(100, 300), 4, 0.2)
    assert set(query_rows.tolist()) <= set(range(100, 300))
    assert np.bincount(query_rows).max() <= 4
    assert (scores >= 0.2).all()
    assert (query_rows != neighbours).all()
    # They are the nearest: no other row of the block is closer to its query than its k-th.
    sims = vectors[150] @ vectors.T
    sims[150] = -np.inf
    best = [s for s in sorted(sims.tolist(), reverse=True)[:4] if s >= 0.2]
    found = sorted(scores[query_rows == 150].tolist(), reverse=True)
    assert found == pytest.approx(best, abs=1e-5)  # a vector product, not a matrix one


def test_query_chunks_cover_a_block_once_within_the_memory_bound() -> None:
    for size in (1, 63, 64, 1000, 250_000):
        chunks = query_chunks(size, chunk_cells=16_000_000)
        assert [row for chunk in chunks for row in chunk] == list(range(size))
        assert all(len(c) >= 64 for c in chunks[:-1])
        assert all(len(c) <= max(64, 16_000_000 // size) for c in chunks)


def test_a_block_of_one_claim_has_no_candidates() -> None:
    vectors = _unit_rows(3, 4, seed=1)
    assert neighbour_pairs([1], vectors, 10, -1.0) == {}
