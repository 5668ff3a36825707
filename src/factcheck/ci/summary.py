"""Words shared by every CI output: a fact's one-line summary and its citations."""

from __future__ import annotations

import re

from factcheck.validate import Evidence, FactResult, FactVerdict

__all__ = ["cited_lines", "headline", "visible"]

_LONGEST_SENTENCE = 240

# C0 controls but tab and line feed, DEL, C1 controls, bidirectional overrides and
# isolates, lone surrogates and the two non-characters XML 1.0 forbids.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)

_LABEL = {
    FactVerdict.SUPPORTED: "supported",
    FactVerdict.CONTRADICTED: "contradicted",
    FactVerdict.UNSUPPORTED: "unsupported",
    FactVerdict.CITATION_BROKEN: "citation broken",
    FactVerdict.ACCEPTED: "accepted disagreement",
}


def visible(text: str) -> str:
    """``text`` with control characters written out as escapes (``\\x1b``, ``\\u202e``).

    Sheets and sources are untrusted: a raw escape sequence would recolour, clear or
    relink a CI log, a bidirectional override would reorder what it shows, and XML
    1.0 cannot hold most C0 controls at all.
    """
    return _CONTROL.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


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
