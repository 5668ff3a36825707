"""Validate a fact sheet against sources: a verdict per fact, with citations.

For each fact, the claims of compatible kind whose context says what the
fact's statement says (embedding cosine similarity plus a small lexical bonus
on the claim's subject) are compared with the expected value. Quotes that the
sheet cites are looked up in their sources and must still state the value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from factcheck.extract.words import FUNCTION_WORDS
from factcheck.factsheet import Fact, FactSheet, load_factsheet
from factcheck.factsheet.quotes import FoldedText
from factcheck.models import Claim, Quantity, Source
from factcheck.progress import NullProgress, Progress
from factcheck.render.display import counted
from factcheck.settings import Settings
from factcheck.sources import SourcesLike, as_sources

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from factcheck.crosscheck.embed import Embedder

__all__ = ["CitationCheck", "Evidence", "FactResult", "FactVerdict", "Validation", "validate"]

LEXICAL_WEIGHT = 0.3
"""Score added when every content word of the statement is found in the claim's sentence."""

MATCH_MARGIN = 0.12
"""Claims more than this below a fact's best match are other propositions, not evidence."""

MIN_SUBJECT_COVERAGE = 0.5
"""Lexical evidence (:func:`subject_coverage`) a contradicting claim needs."""

WORD_SIMILARITY = 85
"""rapidfuzz ratio at which two words count as the same (earth/earths, tariff/tariffs)."""

_WORD = re.compile(r"[^\W_]+")


class FactVerdict(StrEnum):
    SUPPORTED = "supported"  # the sources that state it agree with the sheet
    CONTRADICTED = "contradicted"  # a source states it with a conflicting value
    UNSUPPORTED = "unsupported"  # no source states it
    CITATION_BROKEN = "citation_broken"  # a cited quote is gone, or states another value
    ACCEPTED = "accepted"  # contradicted, but marked as a known, accepted disagreement


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Evidence(_Frozen):
    """A claim in a source that states the fact, and how it compares with the sheet."""

    claim_id: str
    source: str
    line: int
    quote: str = Field(description="The claim's own words for the quantity.")
    sentence: str
    similarity: float = Field(description="Match score of the statement and the claim.")
    conflict: bool
    explanation: str


class CitationCheck(_Frozen):
    """One citation of the sheet, looked up in its source."""

    source: str
    quote: str
    ok: bool
    line: int | None = Field(default=None, description="Where the quote starts, when found.")
    problem: str | None = None


class FactResult(_Frozen):
    """The verdict on one fact."""

    id: str
    statement: str
    expected: str
    line: int | None = Field(description="Line of the fact in its sheet.")
    verdict: FactVerdict
    message: str
    accepted_reason: str | None = None
    supporting: tuple[Evidence, ...] = ()
    contradicting: tuple[Evidence, ...] = ()
    citations: tuple[CitationCheck, ...] = ()

    def failed(self, strict: bool = False) -> bool:
        """Whether this fact fails CI; unsupported facts fail only when ``strict``."""
        if self.verdict in (FactVerdict.CONTRADICTED, FactVerdict.CITATION_BROKEN):
            return True
        return strict and self.verdict is FactVerdict.UNSUPPORTED


class Validation(_Frozen):
    """Verdicts on every fact of a sheet, in sheet order."""

    sheet: str | None = Field(description="The fact sheet's file, if it was read from one.")
    title: str | None = None
    results: tuple[FactResult, ...]

    def ok(self, strict: bool = False) -> bool:
        """True when no fact fails (``strict``: unsupported facts fail too)."""
        return not self.failures(strict)

    def failures(self, strict: bool = False) -> tuple[FactResult, ...]:
        return tuple(r for r in self.results if r.failed(strict))

    def counts(self) -> dict[str, int]:
        """How many facts got each verdict."""
        return {v.value: sum(r.verdict is v for r in self.results) for v in FactVerdict}


def validate(
    factsheet: FactSheet | str | Path,
    sources: SourcesLike,
    settings: Settings | None = None,
    *,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> Validation:
    """Give every fact of ``factsheet`` a verdict against ``sources``."""
    settings = settings or Settings()
    progress = progress or NullProgress()
    sheet = factsheet if isinstance(factsheet, FactSheet) else load_factsheet(factsheet)
    loaded = as_sources(sources)
    claims = _extract(loaded, settings, progress)
    if embedder is None:
        from factcheck.crosscheck.cache import get_embedder

        embedder = get_embedder(settings)
    matcher = _Matcher(sheet.facts, claims, embedder, settings, progress)
    folded: dict[str, FoldedText] = {}  # each cited source folded once, for all its quotes
    progress.start("checking facts", len(sheet.facts))
    results = []
    for fact in sheet.facts:
        results.append(
            _judge(fact, sheet.line_of(fact.id), matcher, loaded, claims, settings, folded)
        )
        progress.advance()
    progress.finish()
    return Validation(sheet=sheet.path, title=sheet.title, results=tuple(results))


def _extract(sources: Sequence[Source], settings: Settings, progress: Progress) -> list[Claim]:
    from factcheck.crosscheck.pipeline import claims

    return list(claims(sources, settings, progress=progress))


class _Matcher:
    """Scores every claim against every fact statement, embedding each text once."""

    def __init__(
        self,
        facts: Sequence[Fact],
        claims: Sequence[Claim],
        embedder: Embedder,
        settings: Settings,
        progress: Progress,
    ) -> None:
        from factcheck.crosscheck.cache import embed_texts

        self.settings = settings
        self.claims = list(claims)
        statements = [fact.statement for fact in facts]
        contexts = sorted({claim.context for claim in claims})
        vectors = (
            embed_texts(
                embedder,
                [*statements, *contexts],
                batch_size=settings.batch_size,
                progress=progress,
            )
            if statements
            else None
        )
        self.row_of_fact = {fact.id: row for row, fact in enumerate(facts)}
        self.row_of_context = {text: len(statements) + i for i, text in enumerate(contexts)}
        self.vectors: NDArray[np.float32] | None = vectors

    def matches(self, fact: Fact, expected: Quantity) -> list[tuple[Claim, float]]:
        """Compatible claims that state the fact, best first.

        A claim must score above ``settings.fact_threshold`` and near the fact's
        best match: a statement usually has one proposition in the sources, and
        the runners-up are its neighbours (another tariff, another date).
        """
        from factcheck.crosscheck.compare import compatible

        if self.vectors is None:
            return []
        statement = self.vectors[self.row_of_fact[fact.id]]
        wanted = keywords(fact.statement)
        scored: list[tuple[Claim, float]] = []
        for claim in self.claims:
            if not compatible(expected, claim.quantity):
                continue
            cosine = float(np.dot(statement, self.vectors[self.row_of_context[claim.context]]))
            found = word_coverage(wanted, claim.citation.sentence)
            scored.append((claim, cosine + LEXICAL_WEIGHT * found))
        if not scored:
            return []
        best = max(score for _, score in scored)
        floor = max(self.settings.fact_threshold, best - MATCH_MARGIN)
        kept = [(claim, score) for claim, score in scored if score >= floor]
        return sorted(kept, key=lambda pair: (-pair[1], pair[0].id))


def keywords(text: str) -> list[str]:
    """Lower-cased words of ``text`` without function words."""
    return [w for w in _WORD.findall(text.lower()) if w not in FUNCTION_WORDS]


def subject_coverage(claim: Claim, statement: str) -> float:
    """Lexical evidence that ``claim`` measures what ``statement`` names (0..1).

    Either the claim's subject is in the statement, or the statement is in the
    claim's own clause; the enclosing sentence does not count.
    """
    return max(
        word_coverage(keywords(claim.frame.subject), statement),
        word_coverage(keywords(statement), claim.context),
    )


def word_coverage(wanted: Sequence[str], sentence: str) -> float:
    """Share of ``wanted`` words found in ``sentence``, allowing inflections (rapidfuzz)."""
    from rapidfuzz import fuzz, process

    if not wanted:
        return 0.0
    present = set(keywords(sentence))
    hits = sum(
        word in present
        or process.extractOne(word, present, scorer=fuzz.ratio, score_cutoff=WORD_SIMILARITY)
        is not None
        for word in dict.fromkeys(wanted)
    )
    return hits / len(dict.fromkeys(wanted))


def _evidence(claim: Claim, score: float, expected: Quantity, settings: Settings) -> Evidence:
    from factcheck.crosscheck.compare import compare_quantities

    comparison = compare_quantities(expected, claim.quantity, settings)
    return Evidence(
        claim_id=claim.id,
        source=claim.citation.source,
        line=claim.citation.line,
        quote=claim.citation.quote,
        sentence=claim.citation.sentence,
        similarity=round(score, 4),
        conflict=comparison.conflict,
        explanation=comparison.explanation,
    )


def _judge(
    fact: Fact,
    line: int | None,
    matcher: _Matcher,
    sources: Sequence[Source],
    claims: Sequence[Claim],
    settings: Settings,
    folded: dict[str, FoldedText],
) -> FactResult:
    if fact.tolerance is not None:
        settings = settings.model_copy(update={"tolerance": fact.tolerance})
    expected = fact.quantity(settings)
    checks: list[CitationCheck] = []
    cited: dict[str, Evidence] = {}
    for citation in fact.citations:
        check, quoted = _check_citation(
            citation.source, citation.quote, expected, sources, claims, settings, folded
        )
        checks.append(check)
        cited.update((e.claim_id, e) for e in quoted)
    found: dict[str, Evidence] = {}
    for claim, score in matcher.matches(fact, expected):
        stated = _evidence(claim, score, expected, settings)
        # As in clustering, disagreeing needs stronger evidence than agreeing: a
        # contradiction must measure what the statement names, not merely sit near it.
        if stated.conflict and subject_coverage(claim, fact.statement) < MIN_SUBJECT_COVERAGE:
            continue
        found[stated.claim_id] = stated
    evidence = {**found, **cited}
    supporting = tuple(e for e in evidence.values() if not e.conflict)
    contradicting = tuple(e for e in evidence.values() if e.conflict)
    broken = [c for c in checks if not c.ok]
    if broken:
        verdict = FactVerdict.CITATION_BROKEN
        message = "; ".join(f"{c.source}: {c.problem}" for c in broken)
    elif contradicting:
        verdict = FactVerdict.ACCEPTED if fact.accepted else FactVerdict.CONTRADICTED
        first = contradicting[0]
        named = counted(len({e.source for e in contradicting}), "source")
        states = "states" if len(contradicting) == 1 else "state"
        message = (
            f"{counted(len(contradicting), 'claim')} in {named} {states} another value, "
            f"e.g. {first.explanation}"
        )
    elif supporting:
        verdict = FactVerdict.SUPPORTED
        named = counted(len({e.source for e in supporting}), "source")
        message = f"stated by {counted(len(supporting), 'claim')} in {named}"
    else:
        verdict = FactVerdict.UNSUPPORTED
        message = "no source states this fact"
    return FactResult(
        id=fact.id,
        statement=fact.statement,
        expected=fact.expected,
        line=line,
        verdict=verdict,
        message=message,
        accepted_reason=fact.accepted.reason if fact.accepted else None,
        supporting=supporting,
        contradicting=contradicting,
        citations=tuple(checks),
    )


def _check_citation(
    source_ref: str,
    quote: str,
    expected: Quantity,
    sources: Sequence[Source],
    claims: Sequence[Claim],
    settings: Settings,
    folded: dict[str, FoldedText],
) -> tuple[CitationCheck, list[Evidence]]:
    from factcheck.crosscheck.compare import compatible

    source = _find_source(source_ref, sources)
    if source is None:
        known = ", ".join(sorted(s.id for s in sources)[:5])
        problem = f"no source named {source_ref!r} among the sources ({known})"
        return CitationCheck(source=source_ref, quote=quote, ok=False, problem=problem), []
    if source.id not in folded:
        folded[source.id] = FoldedText(source.text)
    span = folded[source.id].find(quote)
    if span is None:
        problem = f"quote not found: {quote!r}"
        return CitationCheck(source=source.id, quote=quote, ok=False, problem=problem), []
    start, end = span
    line = source.line_of(start)
    inside = [
        c
        for c in claims
        if c.citation.source == source.id
        and start <= c.citation.start
        and c.citation.end <= end
        and compatible(expected, c.quantity)
    ]
    evidence = [_evidence(c, 1.0, expected, settings) for c in inside]
    if not evidence:
        problem = f"the quote (line {line}) states no {expected.kind.value} value"
    elif all(e.conflict for e in evidence):
        problem = f"the quote (line {line}) states another value: " + "; ".join(
            e.explanation for e in evidence
        )
    else:
        return CitationCheck(source=source.id, quote=quote, ok=True, line=line), evidence
    return CitationCheck(source=source.id, quote=quote, ok=False, line=line, problem=problem), []


def _find_source(ref: str, sources: Sequence[Source]) -> Source | None:
    """A source by id, else by file name or trailing path (a sheet names files as it sees them)."""
    for source in sources:
        if source.id == ref:
            return source
    wanted = Path(ref).parts
    for source in sources:
        for name in (source.id, source.path):
            if name and Path(name).parts[-len(wanted) :] == wanted:
                return source
    return None
