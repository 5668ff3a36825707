"""The claims listing of `factcheck claims`: a table, JSON records or CSV rows."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from factcheck.display import format_quantity
from factcheck.models import Claim, ClaimRecord

__all__ = ["CLAIM_FORMATS", "render_claims"]

CLAIM_FORMATS = ("table", "json", "csv")
_COLUMNS = tuple(ClaimRecord.model_fields)


def _json(claims: Sequence[Claim]) -> str:
    records = [ClaimRecord.of(claim).model_dump(mode="json") for claim in claims]
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def _csv(claims: Sequence[Claim]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for claim in claims:
        row = ClaimRecord.of(claim).model_dump(mode="json")
        writer.writerow({key: "" if row[key] is None else row[key] for key in _COLUMNS})
    return buffer.getvalue()


def _table(claims: Sequence[Claim]) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(claims)} claims", show_lines=False)
    for column in ("source", "line", "kind", "value", "quote", "subject"):
        table.add_column(column, overflow="fold")
    for claim in claims:
        table.add_row(
            claim.source,
            str(claim.citation.line),
            claim.quantity.kind.value,
            format_quantity(claim.quantity),
            claim.citation.quote,
            claim.frame.subject,
        )
    console = Console(file=io.StringIO(), width=160, color_system=None)
    console.print(table)
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def render_claims(claims: Sequence[Claim], fmt: str) -> str:
    """The claims in one of :data:`CLAIM_FORMATS`."""
    renderers = {"table": _table, "json": _json, "csv": _csv}
    if fmt not in renderers:
        raise ValueError(f"unknown claims format {fmt!r}; choose from {', '.join(CLAIM_FORMATS)}")
    return renderers[fmt](claims)
