"""Words shared by every CI output: each verdict's one wording, a fact's one-line summary,
and its citations."""

from __future__ import annotations

from factcheck.escape import visible
from factcheck.factsheet.validation import Evidence, FactResult, FactVerdict
from factcheck.render.display import counted

__all__ = [
    "broken_lines",
    "cited_lines",
    "count_verdicts",
    "excerpt",
    "headline",
    "label",
    "visible",
]

_LONGEST_SENTENCE = 240

_WORDS = {
    FactVerdict.SUPPORTED: ("supported", "supported"),
    FactVerdict.CONTRADICTED: ("contradicted", "contradicted"),
    FactVerdict.UNSUPPORTED: ("unsupported", "unsupported"),
    FactVerdict.CITATION_BROKEN: ("citation broken", "citations broken"),
    FactVerdict.ACCEPTED: ("accepted disagreement", "accepted disagreements"),
}


def label(result: FactResult | FactVerdict) -> str:
    """The verdict in words: "supported", "citation broken", "accepted disagreement"."""
    verdict = result if isinstance(result, FactVerdict) else result.verdict
    return _WORDS[verdict][0]


def count_verdicts(results: tuple[FactResult, ...] | list[FactResult]) -> str:
    """``7 supported, 1 accepted disagreement``: each verdict that occurs, counted."""
    parts = []
    for verdict, (one, many) in _WORDS.items():
        number = sum(r.verdict is verdict for r in results)
        if number:
            parts.append(counted(number, one, many))
    return ", ".join(parts)


def headline(result: FactResult) -> str:
    """``fact 'x' (expected about 70%): contradicted: <why>``."""
    text = f"fact {result.id!r} (expected {result.expected}): {label(result)}: {result.message}"
    if result.accepted_reason:
        text += f" [accepted: {result.accepted_reason}]"
    return text


_SHORTEST_SENTENCE = 20


def excerpt(sentence: str, quote: str, longest: int) -> str:
    """``sentence`` on one line, within ``longest`` characters, always showing ``quote``:
    a long sentence is cut around the quote, with "…" where it was cut."""
    sentence = " ".join(sentence.split())
    if len(sentence) <= longest:
        return sentence
    at = sentence.find(" ".join(quote.split()))
    room = max(longest - 2, len(quote))  # two characters for the marks of the cuts
    start = 0 if at < 0 else max(0, min(at - (room - len(quote)) // 2, len(sentence) - room))
    end = start + room
    return ("…" if start else "") + sentence[start:end] + ("…" if end < len(sentence) else "")


def _evidence_line(evidence: Evidence, prefix: str, longest: int, width: int | None) -> str:
    head = f"{prefix}{evidence.source}:{evidence.line}: “{evidence.quote}” in “"
    if width is not None:  # the whole line within the width, the sentence never too short
        longest = min(longest, max(width - len(head) - 1, _SHORTEST_SENTENCE))
    return f"{head}{excerpt(evidence.sentence, evidence.quote, longest)}”"


def cited_lines(
    result: FactResult,
    *,
    longest: int = _LONGEST_SENTENCE,
    width: int | None = None,
) -> list[str]:
    """One line per citation that bears on the verdict, most telling first.

    A broken citation's problem is the fact's message already, so it is not repeated;
    sentences are cut to ``longest`` characters (and lines to ``width`` columns) around
    the quoted number, which is never cut away.
    """
    lines = [_evidence_line(e, "contradicts: ", longest, width) for e in result.contradicting]
    lines += [_evidence_line(e, "supports: ", longest, width) for e in result.supporting]
    return lines


def broken_lines(result: FactResult) -> list[str]:
    """One line per broken citation of the sheet (its problem, which the message also
    gives): for outputs whose details are read apart from the message, as JUnit's."""
    return [f"broken citation: {c.source}: {c.problem}" for c in result.citations if not c.ok]
