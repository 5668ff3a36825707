"""The terminal summary of a validation, by the habits of pytest and ruff.

A passing sheet prints one line. A failing fact prints where it is (the sheet's
``file:line``), what failed and why, and the sources' ``file:line`` behind it, then
one summary line. ``verbose`` shows every fact that way.
"""

from __future__ import annotations

from factcheck.factsheet.outputs.summary import cited_lines, count_verdicts, label, visible
from factcheck.factsheet.validation import FactResult, FactVerdict, Validation
from factcheck.render.display import counted

__all__ = ["render_table", "summary_line"]

_COLOURS = {
    FactVerdict.SUPPORTED: "32",
    FactVerdict.CONTRADICTED: "1;31",
    FactVerdict.UNSUPPORTED: "33",
    FactVerdict.CITATION_BROKEN: "1;31",
    FactVerdict.ACCEPTED: "35",
}


def _line(text: str) -> str:
    """Sheet or source text on one line, control characters shown: a line break in a
    statement must not start a line a CI runner would read as a command."""
    return " ".join(visible(text).split())


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def _fact(
    validation: Validation, result: FactResult, *, strict: bool, color: bool, width: int
) -> list[str]:
    where = _line(validation.sheet or "factsheet")
    if result.line is not None:
        where += f":{result.line}"
    verdict = _paint(label(result), _COLOURS[result.verdict], color)
    if result.failed(strict):
        verdict += " (fails)"
    first = f"{where}: {_line(result.id)}: {verdict}: {_line(result.message)}"
    if result.accepted_reason:
        first += f" [accepted: {_line(result.accepted_reason)}]"
    lines = [first, f"    fact: {_line(result.statement)} (expected {_line(result.expected)})"]
    lines += [f"    {_line(line)}" for line in cited_lines(result, width=max(width, 60) - 4)]
    return lines


def render_table(
    validation: Validation,
    *,
    strict: bool = False,
    color: bool = False,
    width: int = 100,
    verbose: bool = False,
) -> str:
    """Failing facts (``verbose``: every fact) with their citations, then one summary line.

    ANSI colours when ``color``; citation sentences are cut to fit ``width``, around
    their quoted number.
    """
    lines: list[str] = []
    if verbose and validation.title:
        lines.append(_line(validation.title))
    for result in validation.results:
        if verbose or result.failed(strict):
            lines += _fact(validation, result, strict=strict, color=color, width=width)
    lines.append(summary_line(validation, strict=strict, color=color))
    return "\n".join(lines) + "\n"


def summary_line(validation: Validation, *, strict: bool = False, color: bool = False) -> str:
    """``FAILED: 1 of 5 facts failing in facts.yaml (4 supported, 1 contradicted)``."""
    failing = validation.failures(strict)
    total = counted(len(validation.results), "fact")
    where = f" in {_line(validation.sheet)}" if validation.sheet else ""
    counts = count_verdicts(list(validation.results))
    if failing:
        status = _paint("FAILED", "1;31", color)
        summary = f"{status}: {len(failing)} of {total} failing{where} ({counts})"
    else:
        status = _paint("OK", "1;32", color)
        summary = f"{status}: {total}{where}" + (f" ({counts})" if counts else "")
    if strict and any(r.verdict is FactVerdict.UNSUPPORTED for r in validation.results):
        summary += "; with --strict, unsupported facts fail"
    return summary
