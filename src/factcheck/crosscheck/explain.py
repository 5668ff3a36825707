"""Why two claims were or were not compared, and why their values do or do not conflict.

Read from the same evidence the cross-check decides with (:mod:`factcheck.crosscheck.
evidence`): the pair's features, each one's share of the model's score, the probability
that the claims state one fact, and the comparison of their values as intervals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.crosscheck.cluster import (
    MIN_CONTENT_WORDS,
    PairEvidence,
    block_key,
    pair_evidence,
    prepare,
)
from factcheck.crosscheck.compare import Comparison, compare_quantities
from factcheck.crosscheck.copies import collapse_copies
from factcheck.crosscheck.evidence import FEATURES, load_pair_model
from factcheck.crosscheck.pipeline import claims as stream_claims
from factcheck.crosscheck.pipeline import embed_claims, reference_date_for
from factcheck.errors import InputError
from factcheck.models import Claim
from factcheck.settings import Settings
from factcheck.sources import SourcesLike, as_sources

if TYPE_CHECKING:
    from factcheck.crosscheck.embed import Embedder

__all__ = ["PairExplanation", "explain", "find_claim"]


@dataclass(frozen=True)
class PairExplanation:
    """The cross-check's view of one pair of claims."""

    a: Claim
    b: Claim
    candidates: bool
    """Whether the pair is ever judged: same block, enough words, similar enough contexts."""
    why_not_candidates: str
    evidence: PairEvidence
    comparison: Comparison
    threshold: float

    @property
    def features(self) -> dict[str, float]:
        return dict(zip(FEATURES, self.evidence.features, strict=True))

    def text(self) -> str:
        """The explanation as lines of plain text."""
        a, b, ev = self.a, self.b, self.evidence
        lines = [f"A  {_where(a)}  {a.citation.quote!r}", f"B  {_where(b)}  {b.citation.quote!r}"]
        for label, claim in (("A", a), ("B", b)):
            f = claim.frame
            lines.append(
                f"{label} frame: measure={f.measure!r} entity={f.entity!r} "
                f"period={f.period!r} attribution={f.attribution!r}"
            )
        if not self.candidates:
            lines.append(f"not compared: {self.why_not_candidates}")
        if not ev.features:
            lines.append(f"not one fact: {ev.reason}")
        else:
            verdict = "one fact" if ev.linked else "not linked"
            lines.append(
                f"{verdict}: probability {ev.probability:.2f} against the threshold "
                f"{self.threshold:.2f} for {'agreeing' if ev.values_agree else 'differing'} "
                f"values ({ev.reason or 'no feature stands out'})"
            )
            model = load_pair_model()
            for name, share in model.contributions(ev.features):
                lines.append(f"  {share:+.2f}  {name} = {self.features[name]:.3g}")
        kind = "conflict" if self.comparison.conflict else "no conflict"
        lines.append(f"values: {kind}: {self.comparison.explanation}")
        return "\n".join(lines)


def _where(claim: Claim) -> str:
    return f"{claim.source}:{claim.citation.line}"


def find_claim(claims: Sequence[Claim], wanted: str) -> Claim:
    """The claim a user names: its id, or ``SOURCE:TEXT`` where TEXT holds its quote.

    SOURCE is a source id or file name; TEXT is a piece of the claim's sentence that
    holds the figure ("b.txt:more than 90%"). A name that fits no claim or several is an
    :class:`~factcheck.errors.InputError`.
    """
    for claim in claims:
        if claim.id == wanted:
            return claim
    source, sep, text = wanted.partition(":")
    if not sep or not text:
        raise InputError(f"{wanted!r}: name a claim by its id or as SOURCE:TEXT")
    fitting = [
        c
        for c in claims
        if source in (c.source, Path(c.source).name)
        and (text in c.citation.sentence)
        and (c.citation.quote in text or text in c.citation.quote)
    ]
    if not fitting:
        raise InputError(f"{wanted!r}: no claim of {source} has its figure in that text")
    if len(fitting) > 1:
        quotes = ", ".join(repr(c.citation.quote) for c in fitting[:4])
        raise InputError(f"{wanted!r}: several claims fit ({quotes}); quote more of the sentence")
    return fitting[0]


def explain(
    sources: SourcesLike,
    a: str,
    b: str,
    settings: Settings | None = None,
    *,
    embedder: Embedder | None = None,
) -> PairExplanation:
    """Why claims ``a`` and ``b`` of ``sources`` were or were not compared, and the values."""
    settings = settings or Settings()
    loaded = as_sources(sources)
    claims = collapse_copies(list(stream_claims(loaded, settings)))
    first, second = find_claim(claims, a), find_claim(claims, b)
    if first.id == second.id:
        raise InputError("both names fit the same claim")
    if embedder is None:
        from factcheck.crosscheck.cache import get_embedder

        embedder = get_embedder(settings)
    vectors, measures = embed_claims([first, second], embedder, settings)
    used = reference_date_for(loaded, settings)
    similarity = round(float(vectors[0] @ vectors[1]), 6)
    evidence = pair_evidence(
        first, second, similarity, used, measure_similarity=float(measures[0] @ measures[1])
    )
    reasons = []
    if block_key(first) != block_key(second):
        reasons.append("different kinds of quantity, currencies or dimensions")
    for claim in (first, second):
        if len(prepare(claim)[0]) < MIN_CONTENT_WORDS:
            reasons.append(f"{claim.citation.quote!r} has too few words around it")
    if similarity < used.similarity_threshold:
        reasons.append(
            f"context similarity {similarity:.2f} is below the threshold "
            f"{used.similarity_threshold:.2f}"
        )
    model = load_pair_model()
    return PairExplanation(
        a=first,
        b=second,
        candidates=not reasons,
        why_not_candidates="; ".join(reasons),
        evidence=evidence,
        comparison=compare_quantities(first.quantity, second.quantity, used),
        threshold=model.link_agreeing if evidence.values_agree else model.link_differing,
    )
