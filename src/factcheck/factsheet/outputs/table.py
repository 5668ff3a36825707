"""The terminal table: each fact, its verdict, and the citations behind it."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck.factsheet.outputs.summary import cited_lines, label, visible
from factcheck.factsheet.validation import FactVerdict, Validation

__all__ = ["render_table"]

_STYLE = {
    FactVerdict.SUPPORTED: "green",
    FactVerdict.CONTRADICTED: "bold red",
    FactVerdict.UNSUPPORTED: "yellow",
    FactVerdict.CITATION_BROKEN: "bold red",
    FactVerdict.ACCEPTED: "magenta",
}


def render_table(
    validation: Validation, *, strict: bool = False, color: bool = False, width: int = 120
) -> str:
    """The table and a one-line summary, as text (ANSI colours when ``color``)."""
    # Every cell is a Text, never a str: rich would read "[...]" in a sheet as markup.
    title = validation.title or validation.sheet
    table = Table(title=Text(visible(title)) if title else None, show_lines=True, expand=False)
    table.add_column("line", justify="right", no_wrap=True)
    table.add_column("fact", no_wrap=True)
    table.add_column("expected")
    table.add_column("verdict", no_wrap=True)
    table.add_column("why and where")
    for result in validation.results:
        verdict = Text(label(result), style=_STYLE[result.verdict])
        if result.failed(strict):
            verdict.append(" (fails)", style="bold")
        notes = [result.message]
        if result.accepted_reason:
            notes.append(f"accepted: {result.accepted_reason}")
        notes += cited_lines(result)
        table.add_row(
            str(result.line or ""),
            Text(visible(result.id)),
            Text(visible(result.expected)),
            verdict,
            Text(visible("\n".join(notes))),
        )
    console = Console(width=width, color_system="standard" if color else None, record=True)
    with console.capture() as capture:
        console.print(table)
        failed = len(validation.failures(strict))
        counts = ", ".join(f"{n} {v}" for v, n in validation.counts().items() if n)
        status = "FAILED" if failed else "OK"
        console.print(
            f"{status}: {len(validation.results)} facts ({counts}); {failed} failing", markup=False
        )
    return capture.get()
