"""Group claims that state the same fact.

Evidence, cheapest first:

1. blocking: only compatible quantities meet (same kind; same currency; units
   of one dimension, from :mod:`factcheck.units`);
2. nearest neighbours by cosine similarity of the masked clause contexts,
   searched within each block in chunks, so cost and memory stay bounded;
3. frame: claims from one sentence state different facts; the measure, entity and
   period read from the text (:mod:`factcheck.extract.aspects`), times and
   modalities (stated, forecast, threatened) must be compatible;
4. lexical evidence on the measured subject (rapidfuzz).

Costs are asymmetric: wrongly grouping two claims whose values agree costs
little, wrongly grouping two whose values differ raises a false conflict. So a
pair whose intervals agree needs compatible frames and similar contexts, while a
pair whose intervals conflict needs frames that *pin* one fact: the same named
measure of the same entity, periods that fit, contexts that are not a minimal pair
("wheat sales" against "nickel sales"), and two different sources. Embedding
similarity stays evidence, never the decision. Clusters grow greedily (strongest
pair first) only while every conflicting pair inside them has that evidence.
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
from factcheck.extract.aspects import (
    contrastive,
    entities_compatible,
    measures_compatible,
    period_year,
    periods_compatible,
)
from factcheck.extract.frame import context_words, modalities_compatible, times_compatible
from factcheck.models import Claim, Cluster, Kind
from factcheck.settings import Settings
from factcheck.units import dimension_key

__all__ = [
    "PairEvidence",
    "cluster_block",
    "cluster_claims",
    "comparable_blocks",
    "heading",
    "pair_evidence",
    "story_year",
]

AGREE_MARGIN = 0.12
"""How much less similarity a pair whose values agree needs than the threshold."""
MIN_AGREE_SUBJECT = 0.1
"""Some lexical overlap even agreeing pairs need: similar phrasing alone is not one fact."""
NEARBY_CHARS = 800
NEARBY_MARGIN = 0.1
"""Agreeing claims close together in one source (a story restating its figure) need this
much less similarity again."""
MIN_CONTENT_WORDS = 2
"""Claims with fewer content words in their context are never matched: nothing says what
they measure."""
PINNED_MARGIN = 0.15
"""How much less context similarity a pair whose frames pin one fact needs than the threshold,
when its values differ: the frame is the stronger evidence."""
MAX_CLUSTER = 64
_UNDATED_KINDS = (Kind.DATE, Kind.YEAR)


@dataclass(frozen=True)
class PairEvidence:
    """Why two claims may or may not state the same fact."""

    similarity: float
    subject_match: float
    gap: float
    frame_ok: bool
    nearby: bool = False
    pinned: bool = False
    """The frames name one measure of one entity, the sources differ, no word swapped."""
    named: bool = False
    """Both frames name their entity (a pinned pair without names needs more similarity)."""
    bounded: bool = True
    """At least one of the two values is bounded on both sides: it pins the fact."""

    def links(self, settings: Settings) -> bool:
        """Enough evidence to put the pair in one cluster."""
        if not self.frame_ok:
            return False
        if self.gap <= settings.tolerance:
            if not self.bounded:
                return False  # "more than 6,000" and "at least 4,645" agree about nothing
            margin = AGREE_MARGIN + (NEARBY_MARGIN if self.nearby else 0.0)
            return (
                self.similarity >= settings.similarity_threshold - margin
                and self.subject_match >= MIN_AGREE_SUBJECT
            )
        return self.strong(settings)

    def strong(self, settings: Settings) -> bool:
        """Enough evidence to call the pair one fact even though their values differ."""
        if not (self.frame_ok and self.pinned):
            return False
        if self.named:
            return self.similarity >= settings.similarity_threshold - PINNED_MARGIN
        # "Global shipments" has no name: the contexts themselves must read alike.
        return self.similarity >= settings.similarity_threshold

    @property
    def score(self) -> float:
        return self.similarity + 0.1 * self.subject_match


def _block_key(claim: Claim) -> tuple[str, str]:
    """Claims that may be compared share a key: kind, and currency or dimension of the unit."""
    quantity = claim.quantity
    if quantity.kind is Kind.MONEY:
        return quantity.kind.value, quantity.unit
    if quantity.kind is Kind.COUNT:
        return quantity.kind.value, dimension_key(quantity.unit)
    return quantity.kind.value, ""


def _same_sentence(a: Claim, b: Claim) -> bool:
    return a.source == b.source and a.citation.sentence_start == b.citation.sentence_start


def _frame_compatible(a: Claim, b: Claim) -> bool:
    return not _same_sentence(a, b) and _frames_agree(a, b)


FrameKey = tuple[Kind, str, str | None, str, str | None, str | None, str | None]


def _frame_key(claim: Claim) -> FrameKey:
    """Everything :func:`_frames_agree` reads: claims with equal keys agree alike."""
    frame = claim.frame
    return (
        claim.quantity.kind,
        claim.quantity.unit,
        frame.time,
        frame.modality.value,
        frame.measure,
        frame.entity,
        frame.period,
    )


def _frames_agree(a: Claim, b: Claim) -> bool:
    """Whether two claims' frames can describe one fact (a value-blind test)."""
    if not compatible(a.quantity, b.quantity):
        return False
    if a.quantity.kind in _UNDATED_KINDS:
        # A date is when something happens; the modality of the event does not change it.
        return True
    fa, fb = a.frame, b.frame
    # Entities read without a parser are noisy ("Trump" said it, "U.S." imposes it): they
    # keep conflicting values apart (see _pins_one_fact), never agreeing ones.
    # The period is read with its parts ("in 2023" and "for the full year" fit); the raw
    # time phrase decides only where neither claim names a period ("last month").
    times_fit = (
        periods_compatible(fa.period, fb.period)
        if fa.period or fb.period
        else times_compatible(fa.time, fb.time)
    )
    return (
        measures_compatible(fa.measure, fb.measure, strict=False)
        and times_fit
        and modalities_compatible(fa.modality, fb.modality)
    )


def _pins_one_fact(a: Claim, b: Claim, current_year: int | None) -> bool:
    """Whether two claims' frames name one fact clearly enough to set values against it."""
    fa, fb = a.frame, b.frame
    return (
        a.source != b.source
        and measures_compatible(fa.measure, fb.measure, strict=True)
        and entities_compatible(fa.entity, fb.entity, strict=True)
        and periods_compatible(fa.period, fb.period, strict=True, current=current_year)
        and not contrastive(a.context, b.context)
    )


def _word_overlap(words_a: frozenset[str], words_b: frozenset[str]) -> float:
    union = words_a | words_b
    return len(words_a & words_b) / len(union) if union else 0.0


def _subject_match(a: Prepared, b: Prepared) -> float:
    """Lexical evidence that two claims measure the same thing (0..1)."""
    (words_a, _, subject_a), (words_b, _, subject_b) = a, b
    overlap = _word_overlap(words_a, words_b)
    if not (subject_a and subject_b):
        return overlap
    return max(fuzz.token_set_ratio(subject_a, subject_b) / 100.0, overlap)


Prepared = tuple[frozenset[str], Interval, str]
"""A claim's context content words, interval and lower-cased subject, computed once per run."""


def prepare(claim: Claim) -> Prepared:
    return (
        frozenset(context_words(claim.context)),
        interval_of(claim.quantity),
        claim.frame.subject.lower(),
    )


def pair_evidence(
    a: Claim,
    b: Claim,
    similarity: float,
    prepared: tuple[Prepared, Prepared] | None = None,
    frame_ok: bool | None = None,
    current_year: int | None = None,
) -> PairEvidence:
    """All the evidence on one pair of claims, given their context similarity.

    ``current_year`` is the story's own time: a year named by one claim only, long
    before it, marks an old figure.
    """
    frame_ok = _frame_compatible(a, b) if frame_ok is None else frame_ok
    if not frame_ok:
        return PairEvidence(similarity, 0.0, float("inf"), frame_ok=False)
    prepared_a, prepared_b = prepared or (prepare(a), prepare(b))
    gap = gap_between(prepared_a[1], prepared_b[1])
    return PairEvidence(
        similarity=similarity,
        subject_match=_subject_match(prepared_a, prepared_b),
        gap=gap,
        frame_ok=True,
        nearby=a.source == b.source and abs(a.citation.start - b.citation.start) <= NEARBY_CHARS,
        # Only asked when the values differ: the minimal-pair test costs a word alignment.
        pinned=gap > 0 and _pins_one_fact(a, b, current_year),
        named=a.frame.entity is not None and b.frame.entity is not None,
        bounded=_bounded(prepared_a[1]) or _bounded(prepared_b[1]),
    )


def _bounded(interval: Interval) -> bool:
    return math.isfinite(interval.low) and math.isfinite(interval.high)


class _Pairs:
    """Pair evidence over one run's claims, each pair computed once."""

    def may_share(self, i: int, j: int, settings: Settings) -> bool:
        """Whether two claims may sit in one cluster (complete linkage on the frame).

        Agreeing values only need compatible frames; conflicting values need the
        strong evidence on their own.
        """
        if not self.frames_ok(i, j):
            return False
        if gap_between(self.prepared[i][1], self.prepared[j][1]) <= settings.tolerance:
            return True
        return self.evidence(i, j).strong(settings)

    def __init__(
        self, claims: Sequence[Claim], vectors: NDArray[np.float32], current_year: int | None
    ) -> None:
        self.claims = claims
        self.vectors = vectors
        self.current_year = current_year
        self.prepared = [prepare(c) for c in claims]
        self._cache: dict[tuple[int, int], PairEvidence] = {}
        # Frames agree or not by a few fields; runs have few distinct combinations.
        self.places = [(c.source, c.citation.sentence_start) for c in claims]
        self.frame_keys = [_frame_key(c) for c in claims]
        self._frames_agree: dict[tuple[FrameKey, FrameKey], bool] = {}
        self._example_of: dict[FrameKey, int] = {}
        for index, key in enumerate(self.frame_keys):
            self._example_of.setdefault(key, index)

    def frames_ok(self, i: int, j: int) -> bool:
        """:func:`_frame_compatible` for claims ``i`` and ``j``, memoised by frame key."""
        return self.places[i] != self.places[j] and self.keys_agree(
            self.frame_keys[i], self.frame_keys[j]
        )

    def keys_agree(self, key_a: FrameKey, key_b: FrameKey) -> bool:
        """Whether claims with these frame keys have agreeing frames (asked once per pair)."""
        found = self._frames_agree.get((key_a, key_b))
        if found is None:
            a, b = self._example_of[key_a], self._example_of[key_b]
            found = _frames_agree(self.claims[a], self.claims[b])
            self._frames_agree[(key_a, key_b)] = found
        return found

    def evidence(self, i: int, j: int, similarity: float | None = None) -> PairEvidence:
        key = (i, j) if i < j else (j, i)
        found = self._cache.get(key)
        if found is None:
            if similarity is None:
                similarity = round(float(self.vectors[i] @ self.vectors[j]), 6)
            found = pair_evidence(
                self.claims[i],
                self.claims[j],
                similarity,
                (self.prepared[i], self.prepared[j]),
                self.frames_ok(i, j),
                self.current_year,
            )
            self._cache[key] = found
        return found


def heading(members: Sequence[Claim]) -> str:
    """What a cluster is about, from its frames: "apple shipments, 2023-Q4".

    Entity, measure and period where the frames name them; the most common subject
    phrase where they name no measure.
    """
    frames = [c.frame for c in members]
    measure = most_common(f.measure for f in frames)
    if measure is None:
        return most_common(f.subject for f in frames) or ""
    head, _, base = measure.partition(":")
    words = [
        most_common(f.entity for f in frames),
        f"{base} {head}" if base else head,
    ]
    title = " ".join(w for w in words if w)
    period = most_common(f.period for f in frames)
    return f"{title}, {period}" if period else title


def _cluster_id(claim_ids: Sequence[str]) -> str:
    digest = hashlib.sha1("\x00".join(sorted(claim_ids)).encode()).hexdigest()
    return f"k{digest[:12]}"


def cluster_claims(
    claims: Sequence[Claim], vectors: NDArray[np.float32], settings: Settings | None = None
) -> list[Cluster]:
    """Clusters of two or more claims that state the same fact.

    ``vectors[i]`` is the L2-normalised embedding of ``claims[i].context``. The
    result does not depend on the order of ``claims``. The work is one call of
    :func:`cluster_block` per block of :func:`comparable_blocks`: blocks share nothing
    but the story's year, so a distributed run can map them.
    """
    settings = settings or Settings()
    if len(claims) != len(vectors):
        raise ValueError(f"{len(claims)} claims but {len(vectors)} vectors")
    current_year = story_year(claims, settings)
    clusters: list[Cluster] = []
    for block in comparable_blocks(claims):
        clusters += cluster_block(
            [claims[i] for i in block], vectors[block], settings, current_year=current_year
        )
    clusters.sort(key=lambda c: (c.claim_ids[0], c.id))
    return clusters


def comparable_blocks(claims: Sequence[Claim]) -> list[list[int]]:
    """Indices of the claims that can be compared at all: one kind, currency or dimension."""
    blocks: dict[tuple[str, str], list[int]] = {}
    for index, claim in enumerate(claims):
        blocks.setdefault(_block_key(claim), []).append(index)
    return [blocks[key] for key in sorted(blocks)]


def story_year(claims: Sequence[Claim], settings: Settings) -> int | None:
    """The story's own year: the reference date's, else the latest year a claim's period names."""
    if settings.reference_date is not None:
        return settings.reference_date.year
    years = [y for c in claims if (y := period_year(c.frame.period)) is not None]
    return max(years, default=None)


def cluster_block(
    claims: Sequence[Claim],
    vectors: NDArray[np.float32],
    settings: Settings,
    *,
    current_year: int | None = None,
) -> list[Cluster]:
    """Clusters within one block of comparable claims (see :func:`comparable_blocks`)."""
    pairs = _Pairs(claims, vectors, current_year)
    eligible = [i for i in range(len(claims)) if len(pairs.prepared[i][0]) >= MIN_CONTENT_WORDS]
    floor = settings.similarity_threshold - AGREE_MARGIN - NEARBY_MARGIN
    edges: list[tuple[float, str, str, int, int]] = []
    if len(eligible) >= 2:
        for (i, j), similarity in neighbour_pairs(
            eligible, vectors, settings.neighbours, floor
        ).items():
            evidence = pairs.evidence(i, j, similarity)
            if evidence.links(settings):
                first, second = sorted((claims[i].id, claims[j].id))
                edges.append((-evidence.score, first, second, i, j))
    edges.sort()

    clusters = []
    for members in _merge(pairs, edges, settings):
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


@dataclass
class _Group:
    """A growing cluster with what the fast merge test needs, kept up to date."""

    members: list[int]
    low: float  # the largest low end of the members' intervals
    high: float  # the smallest high end
    undated: bool
    places: set[tuple[str, int]]
    frame_keys: set[FrameKey]

    @classmethod
    def of(cls, pairs: _Pairs, index: int) -> _Group:
        interval = pairs.prepared[index][1]
        return cls(
            [index],
            interval.low,
            interval.high,
            interval.undated,
            {pairs.places[index]},
            {pairs.frame_keys[index]},
        )

    def absorb(self, other: _Group) -> None:
        self.members += other.members
        self.low, self.high = max(self.low, other.low), min(self.high, other.high)
        self.undated = self.undated or other.undated
        self.places |= other.places
        self.frame_keys |= other.frame_keys


def _surely_compatible(pairs: _Pairs, left: _Group, right: _Group) -> bool:
    """A sufficient test for "every cross pair may share", without visiting the pairs.

    Intervals that all overlap (on a line: the largest low end is below the smallest
    high end) have no gap; no shared sentence and agreeing frame keys make every
    frame compatible.
    """
    return (
        not (left.undated or right.undated)
        and max(left.low, right.low) <= min(left.high, right.high)
        and left.places.isdisjoint(right.places)
        and all(pairs.keys_agree(a, b) for a in left.frame_keys for b in right.frame_keys)
    )


def _merge(
    pairs: _Pairs, edges: list[tuple[float, str, str, int, int]], settings: Settings
) -> list[list[int]]:
    """Greedy agglomeration, strongest edge first, refusing merges that mix facts."""
    group_of: dict[int, int] = {}
    groups: dict[int, _Group] = {}
    for _, _, _, i, j in edges:
        gi, gj = group_of.get(i, i), group_of.get(j, j)
        if gi == gj:
            continue
        left = groups.get(gi) or _Group.of(pairs, i)
        right = groups.get(gj) or _Group.of(pairs, j)
        if len(left.members) + len(right.members) > MAX_CLUSTER:
            continue
        if not _surely_compatible(pairs, left, right) and not all(
            pairs.may_share(a, b, settings) for a in left.members for b in right.members
        ):
            continue
        left.absorb(right)
        groups.pop(gj, None)
        groups[gi] = left
        for member in left.members:
            group_of[member] = gi
    return [group.members for group in groups.values()]
