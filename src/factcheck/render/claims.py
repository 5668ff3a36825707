"""The claims listing of `factcheck claims`: a table, JSON records or CSV rows."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import TextIO

from factcheck.models import Claim, ClaimRecord, Qualifier, Quantity
from factcheck.render.display import format_amount, format_quantity

__all__ = ["CLAIM_FORMATS", "render_claims", "write_claims"]

CLAIM_FORMATS = ("table", "json", "csv")
_COLUMNS = tuple(ClaimRecord.model_fields)


def _write_json(claims: Iterable[Claim], out: TextIO) -> None:
    """A JSON list written record by record, so huge listings never sit in memory."""
    out.write("[")
    for index, claim in enumerate(claims):
        record = json.dumps(
            ClaimRecord.of(claim).model_dump(mode="json"), indent=2, ensure_ascii=False
        )
        out.write(("," if index else "") + "\n  " + record.replace("\n", "\n  "))
    out.write("\n]\n")


def _write_csv(claims: Iterable[Claim], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for claim in claims:
        row = ClaimRecord.of(claim).model_dump(mode="json")
        writer.writerow({key: "" if row[key] is None else row[key] for key in _COLUMNS})


def write_claims(claims: Iterable[Claim], fmt: str, out: TextIO) -> None:
    """Stream the claims to ``out`` as JSON or CSV (the table needs them all: use render)."""
    writers = {"json": _write_json, "csv": _write_csv}
    if fmt not in writers:
        raise ValueError(f"cannot stream claims as {fmt!r}; choose json or csv")
    writers[fmt](claims, out)


def _value_with_unit(quantity: Quantity) -> str:
    """The value (or range) with its unit; the qualifier has a column of its own."""
    if quantity.qualifier is Qualifier.RANGE:
        return format_quantity(quantity)
    return format_amount(quantity.value, quantity.kind, quantity.unit)


def _table(claims: Sequence[Claim]) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(claims)} claims", show_lines=False)
    for column in ("source", "line", "kind", "qualifier", "value", "quote", "subject"):
        table.add_column(column, overflow="fold")
    for claim in claims:
        table.add_row(
            claim.source,
            str(claim.citation.line),
            claim.quantity.kind.value,
            claim.quantity.qualifier.value,
            _value_with_unit(claim.quantity),
            claim.citation.quote,
            claim.frame.subject,
        )
    console = Console(file=io.StringIO(), width=160, color_system=None)
    console.print(table)
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def render_claims(claims: Sequence[Claim], fmt: str) -> str:
    """The claims in one of :data:`CLAIM_FORMATS`."""
    if fmt == "table":
        return _table(claims)
    buffer = io.StringIO()
    write_claims(claims, fmt, buffer)
    return buffer.getvalue()
