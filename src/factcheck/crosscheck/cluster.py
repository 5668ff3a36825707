"""Group claims that state the same fact.

Evidence, cheapest first:

1. blocking: only compatible quantities meet (same kind; same currency; units of one
   dimension, from :mod:`factcheck.units`);
2. candidates: each claim's nearest neighbours by cosine similarity of the masked clause
   contexts, searched within each block in chunks, so cost and memory stay bounded;
3. the pair decision (:mod:`factcheck.crosscheck.evidence`): general features of the
   pair (context and measure similarity, entity, period, attribution, values, wording)
   weighed by a small logistic model fitted on hand-read development stories. Values that
   differ need more evidence than values that agree, and two different sources.

Clusters grow greedily (most probable pair first): two groups merge only when every pair
between them whose values differ is linked on its own (complete linkage: one wrong link
cannot set two facts against each other), and the pairs whose values agree are linked on
average.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz

from factcheck.crosscheck.candidates import neighbour_pairs
from factcheck.crosscheck.compare import (
    Interval,
    compatible,
    gap_between,
    interval_of,
    most_common,
)
from factcheck.crosscheck.evidence import FEATURES, PairModel, load_pair_model, pair_features
from factcheck.extract.frame import context_words
from factcheck.models import Claim, Cluster, Kind
from factcheck.settings import Settings
from factcheck.units import dimension_key

__all__ = [
    "PairEvidence",
    "block_key",
    "candidate_pairs",
    "cluster_block",
    "cluster_claims",
    "comparable_blocks",
    "heading",
    "pair_evidence",
]

KEEPS_APART = ("entity_clash", "period_clash", "period_old", "modality_differs")
"""Features that keep two claims whose values differ apart, whatever the model says: a
conflict needs one fact: two named entities that do not meet, two periods that cannot be
one time, an old year named on one side only, or a forecast or threat against a
statement are two facts (a measure that differs by one swapped word only weighs: "account
for global supply" and "produce global supply" are one measure, "hold salmon reserves"
and "hold cocoa reserves" two). This costs recall where
one thing has two names ("Turkey" and "Türkiye", a city for its region) and buys
precision where sentences differ only in their names ("Italy's wheat output" / "Peru's
copper output"). Agreeing values are left
to the model: they cost little if wrong."""
_APART = {
    "entity_clash": "different entities",
    "period_clash": "different periods",
    "period_old": "one names a past year, the other none",
    "modality_differs": "a forecast or threat against a statement",
}
MIN_CONTENT_WORDS = 2
"""Claims with fewer content words in their context are never matched: nothing says what
they measure."""
MAX_CLUSTER = 64


@dataclass(frozen=True)
class PairEvidence:
    """Why two claims may or may not state one fact: features, probability, decision."""

    features: tuple[float, ...]
    probability: float
    values_agree: bool
    linked: bool
    reason: str

    @property
    def score(self) -> float:
        return self.probability


def block_key(claim: Claim) -> tuple[str, str]:
    """Claims that may be compared share a key: kind, and currency or dimension of the unit."""
    quantity = claim.quantity
    if quantity.kind is Kind.MONEY:
        return quantity.kind.value, quantity.unit
    if quantity.kind is Kind.COUNT:
        return quantity.kind.value, dimension_key(quantity.unit)
    return quantity.kind.value, ""


def _word_overlap(words_a: frozenset[str], words_b: frozenset[str]) -> float:
    union = words_a | words_b
    return len(words_a & words_b) / len(union) if union else 0.0


Prepared = tuple[frozenset[str], Interval, str]
"""A claim's context content words, interval and lower-cased subject, computed once per run."""


def prepare(claim: Claim) -> Prepared:
    return (
        frozenset(context_words(claim.context)),
        interval_of(claim.quantity),
        claim.frame.subject.lower(),
    )


def _subject_match(a: Prepared, b: Prepared) -> float:
    """Lexical evidence that two claims measure the same thing (0..1)."""
    (words_a, _, subject_a), (words_b, _, subject_b) = a, b
    overlap = _word_overlap(words_a, words_b)
    if not (subject_a and subject_b):
        return overlap
    return max(fuzz.token_set_ratio(subject_a, subject_b) / 100.0, overlap)


def _bounded(interval: Interval) -> bool:
    return math.isfinite(interval.low) and math.isfinite(interval.high)


def _same_sentence(a: Claim, b: Claim) -> bool:
    return a.source == b.source and a.citation.sentence_start == b.citation.sentence_start


def pair_evidence(
    a: Claim,
    b: Claim,
    similarity: float,
    settings: Settings,
    *,
    measure_similarity: float | None = None,
    prepared: tuple[Prepared, Prepared] | None = None,
    model: PairModel | None = None,
) -> PairEvidence:
    """All the evidence on one pair of claims, given their context similarity.

    ``measure_similarity`` is the cosine similarity of the two measure phrases' embeddings
    (without it, their shared words stand in).
    """
    model = model or load_pair_model()
    prepared_a, prepared_b = prepared or (prepare(a), prepare(b))
    if _same_sentence(a, b):
        return PairEvidence((), 0.0, False, False, "one sentence states different facts")
    if not compatible(a.quantity, b.quantity):
        return PairEvidence((), 0.0, False, False, "quantities of different kinds or units")
    gap = gap_between(prepared_a[1], prepared_b[1])
    # Two open bounds ("more than 6,000", "at least 4,645") agree about nothing.
    agree = gap <= settings.tolerance and (_bounded(prepared_a[1]) or _bounded(prepared_b[1]))
    features = pair_features(
        a,
        b,
        context_similarity=similarity,
        measure_similarity=measure_similarity
        if measure_similarity is not None
        else _measure_words_overlap(a, b),
        subject_match=_subject_match(prepared_a, prepared_b),
        values_agree=agree,
        story_year=settings.reference_date.year if settings.reference_date else None,
    )
    probability = model.probability(features)
    if gap > settings.tolerance and a.source == b.source:
        return PairEvidence(features, probability, agree, False, "differing values in one source")
    if gap <= settings.tolerance and not agree:
        return PairEvidence(features, probability, agree, False, "two open bounds pin no fact")
    if not agree:
        # Differences that keep differing values apart for sure, whatever else reads alike.
        named = dict(zip(FEATURES, features, strict=True))
        for feature in KEEPS_APART:
            if named[feature]:
                return PairEvidence(features, probability, agree, False, _APART[feature])
    threshold = model.link_agreeing if agree else model.link_differing
    return PairEvidence(
        features, probability, agree, probability >= threshold, model.explain(features)
    )


def _measure_words_overlap(a: Claim, b: Claim) -> float:
    words_a = set((a.frame.measure or "").split())
    words_b = set((b.frame.measure or "").split())
    union = words_a | words_b
    return len(words_a & words_b) / len(union) if union else 0.0


class _Pairs:
    """Pair evidence over one block's claims, each pair computed once."""

    def __init__(
        self,
        claims: Sequence[Claim],
        vectors: NDArray[np.float32],
        measure_vectors: NDArray[np.float32] | None,
        settings: Settings,
    ) -> None:
        self.claims = claims
        self.vectors = vectors
        self.measure_vectors = measure_vectors
        self.settings = settings
        self.model = load_pair_model()
        self.prepared = [prepare(c) for c in claims]
        self._cache: dict[tuple[int, int], PairEvidence] = {}

    def evidence(self, i: int, j: int, similarity: float | None = None) -> PairEvidence:
        key = (i, j) if i < j else (j, i)
        found = self._cache.get(key)
        if found is None:
            if similarity is None:
                similarity = round(float(self.vectors[i] @ self.vectors[j]), 6)
            measure_similarity = None
            if self.measure_vectors is not None:
                measure_similarity = round(
                    float(self.measure_vectors[i] @ self.measure_vectors[j]), 6
                )
            found = pair_evidence(
                self.claims[key[0]],
                self.claims[key[1]],
                similarity,
                self.settings,
                measure_similarity=measure_similarity,
                prepared=(self.prepared[key[0]], self.prepared[key[1]]),
                model=self.model,
            )
            self._cache[key] = found
        return found

    def may_merge(self, left: Sequence[int], right: Sequence[int]) -> bool:
        """Whether two groups may become one cluster.

        Every pair whose values differ must be linked on its own (complete linkage: one
        false conflict costs much). Pairs whose values agree must be linked on average
        (a restatement close to the threshold joins the figure it restates), and none may
        be kept apart for sure.
        """
        agreeing: list[float] = []
        for a in left:
            for b in right:
                evidence = self.evidence(a, b)
                if evidence.values_agree and evidence.features:
                    agreeing.append(evidence.probability)
                elif not evidence.linked:
                    return False
        return not agreeing or sum(agreeing) / len(agreeing) >= self.model.link_agreeing


def heading(members: Sequence[Claim]) -> str:
    """What a cluster is about, from its frames: "Apple ship iphone, 2023-Q4".

    Entity, measure and period where the frames name them; the most common subject
    phrase where they name no measure.
    """
    frames = [c.frame for c in members]
    measure = most_common(f.measure for f in frames)
    if measure is None:
        return most_common(f.subject for f in frames) or ""
    title = " ".join(w for w in (most_common(f.entity for f in frames), measure) if w)
    period = most_common(f.period for f in frames)
    return f"{title}, {period}" if period else title


def _cluster_id(claim_ids: Sequence[str]) -> str:
    digest = hashlib.sha1("\x00".join(sorted(claim_ids)).encode()).hexdigest()
    return f"k{digest[:12]}"


def cluster_claims(
    claims: Sequence[Claim],
    vectors: NDArray[np.float32],
    settings: Settings | None = None,
    *,
    measure_vectors: NDArray[np.float32] | None = None,
) -> list[Cluster]:
    """Clusters of two or more claims that state the same fact.

    ``vectors[i]`` is the L2-normalised embedding of ``claims[i].context``, and
    ``measure_vectors[i]`` (optional) that of ``claims[i].frame.measure``. The result does
    not depend on the order of ``claims``. The work is one call of :func:`cluster_block`
    per block of :func:`comparable_blocks`: blocks share nothing, so a distributed run can
    map them.
    """
    settings = settings or Settings()
    if len(claims) != len(vectors):
        raise ValueError(f"{len(claims)} claims but {len(vectors)} vectors")
    clusters: list[Cluster] = []
    for block in comparable_blocks(claims):
        clusters += cluster_block(
            [claims[i] for i in block],
            vectors[block],
            settings,
            measure_vectors=measure_vectors[block] if measure_vectors is not None else None,
        )
    clusters.sort(key=lambda c: (c.claim_ids[0], c.id))
    return clusters


def comparable_blocks(claims: Sequence[Claim]) -> list[list[int]]:
    """Indices of the claims that can be compared at all: one kind, currency or dimension."""
    blocks: dict[tuple[str, str], list[int]] = {}
    for index, claim in enumerate(claims):
        blocks.setdefault(block_key(claim), []).append(index)
    return [blocks[key] for key in sorted(blocks)]


def candidate_pairs(
    claims: Sequence[Claim],
    vectors: NDArray[np.float32],
    settings: Settings,
    prepared: Sequence[Prepared] | None = None,
) -> dict[tuple[int, int], float]:
    """The pairs of a block worth judging: each claim's nearest neighbours by context.

    ``prepared``: the claims' :func:`prepare`, when the caller has it (their words are
    not read twice)."""
    words = [p[0] for p in (prepared if prepared is not None else map(prepare, claims))]
    eligible = [i for i, found in enumerate(words) if len(found) >= MIN_CONTENT_WORDS]
    if len(eligible) < 2:
        return {}
    return neighbour_pairs(eligible, vectors, settings.neighbours, settings.similarity_threshold)


def cluster_block(
    claims: Sequence[Claim],
    vectors: NDArray[np.float32],
    settings: Settings,
    *,
    measure_vectors: NDArray[np.float32] | None = None,
) -> list[Cluster]:
    """Clusters within one block of comparable claims (see :func:`comparable_blocks`)."""
    pairs = _Pairs(claims, vectors, measure_vectors, settings)
    edges: list[tuple[float, str, str, int, int]] = []
    for (i, j), similarity in candidate_pairs(claims, vectors, settings, pairs.prepared).items():
        evidence = pairs.evidence(i, j, similarity)
        if evidence.linked:
            first, second = sorted((claims[i].id, claims[j].id))
            edges.append((-evidence.score, first, second, i, j))
    edges.sort()

    clusters = []
    for members in _merge(pairs, edges):
        if len(members) < 2:
            continue
        ordered = sorted(members, key=lambda m: (claims[m].source, claims[m].citation.start))
        claim_ids = tuple(claims[m].id for m in ordered)
        clusters.append(
            Cluster(
                id=_cluster_id(claim_ids),
                kind=claims[ordered[0]].quantity.kind,
                subject=heading([claims[m] for m in ordered]),
                claim_ids=claim_ids,
            )
        )
    return clusters


def _merge(pairs: _Pairs, edges: list[tuple[float, str, str, int, int]]) -> list[list[int]]:
    """Greedy agglomeration, strongest edge first, refusing merges that mix facts."""
    group_of: dict[int, int] = {}
    groups: dict[int, list[int]] = {}
    for _, _, _, i, j in edges:
        gi, gj = group_of.get(i, i), group_of.get(j, j)
        if gi == gj:
            continue
        left = groups.get(gi) or [i]
        right = groups.get(gj) or [j]
        if len(left) + len(right) > MAX_CLUSTER:
            continue
        if not pairs.may_merge(left, right):
            continue
        left += right
        groups.pop(gj, None)
        groups[gi] = left
        for member in left:
            group_of[member] = gi
    return list(groups.values())
