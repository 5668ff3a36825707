"""Words shared by every CI output: a fact's one-line summary and its citations."""

from __future__ import annotations

from factcheck.escape import visible
from factcheck.factsheet.validation import Evidence, FactResult, FactVerdict

__all__ = ["cited_lines", "headline", "visible"]

_LONGEST_SENTENCE = 240

_LABEL = {
    FactVerdict.SUPPORTED: "supported",
    FactVerdict.CONTRADICTED: "contradicted",
    FactVerdict.UNSUPPORTED: "unsupported",
    FactVerdict.CITATION_BROKEN: "citation broken",
    FactVerdict.ACCEPTED: "accepted disagreement",
}


def label(result: FactResult) -> str:
    return _LABEL[result.verdict]


def headline(result: FactResult) -> str:
    """``fact 'x' (expected about 70%): contradicted: <why>``."""
    text = f"fact {result.id!r} (expected {result.expected}): {label(result)}: {result.message}"
    if result.accepted_reason:
        text += f" [accepted: {result.accepted_reason}]"
    return text


def _evidence_line(evidence: Evidence) -> str:
    sentence = " ".join(evidence.sentence.split())
    if len(sentence) > _LONGEST_SENTENCE:
        sentence = sentence[: _LONGEST_SENTENCE - 1] + "…"
    return f"{evidence.source}:{evidence.line}: “{evidence.quote}” in “{sentence}”"


def cited_lines(result: FactResult) -> list[str]:
    """One line per citation that bears on the verdict, most telling first."""
    lines = [f"contradicts: {_evidence_line(e)}" for e in result.contradicting]
    lines += [f"broken citation: {c.source}: {c.problem}" for c in result.citations if not c.ok]
    lines += [f"supports: {_evidence_line(e)}" for e in result.supporting]
    return lines
