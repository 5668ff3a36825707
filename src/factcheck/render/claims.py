"""The claims listing of `factcheck claims`: a table, JSON records or CSV rows."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import TextIO

from factcheck.escape import visible
from factcheck.models import Claim, ClaimRecord
from factcheck.render.display import counted, format_quantity

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


def _where(claim: Claim) -> str:
    return f"{claim.source}:{claim.citation.line}"


def _fit(text: str, width: int, *, keep_end: bool = False) -> str:
    """``text`` on one line in exactly ``width`` cells: cut with '…' (at its start when
    ``keep_end``, so that a long path keeps its file name and line), or padded."""
    from rich.cells import cell_len, set_cell_size

    text = " ".join(visible(text).split())
    if cell_len(text) > width:
        if keep_end:
            text = "…" + set_cell_size(text[::-1], max(width - 1, 0))[::-1]
        else:
            text = set_cell_size(text, max(width - 1, 0)) + "…"
    return set_cell_size(text, width)


def _table(claims: Sequence[Claim], width: int, color: bool) -> str:
    """One line per claim fitted to ``width`` columns (the subject is cut to fit), a count."""
    from rich.cells import cell_len

    rows = [
        (
            _where(claim),
            claim.quantity.kind.value,
            format_quantity(claim.quantity),
            claim.citation.quote,
            claim.frame.subject,
        )
        for claim in claims
    ]
    header = ("where", "kind", "value", "quote", "subject")
    caps = (36, 17, 24, 28)
    widths = [
        min(cap, max(cell_len(" ".join(row[i].split())) for row in [header, *rows]))
        for i, cap in enumerate(caps)
    ]
    columns = [0, 1, 2, 3] if width >= 110 else [0, 2, 3]  # the kind only where there is room
    used = sum(widths[i] + 2 for i in columns)
    subject = max(width - used, 8)
    lines = []
    for number, row in enumerate([header, *rows]):
        cells = [_fit(row[i], widths[i], keep_end=i == 0) for i in columns]
        cells.append(_fit(row[4], subject))
        line = "  ".join(cells).rstrip()
        if number == 0 and color:
            line = f"\x1b[1m{line}\x1b[0m"
        lines.append(line)
    sources = len({claim.source for claim in claims})
    lines.append(f"{counted(len(claims), 'claim')} in {counted(sources, 'source')}")
    return "\n".join(lines) + "\n"


def render_claims(
    claims: Sequence[Claim], fmt: str, *, width: int = 100, color: bool = False
) -> str:
    """The claims in one of :data:`CLAIM_FORMATS`; a table fits ``width`` columns."""
    if fmt == "table":
        return _table(claims, max(width, 40), color)
    buffer = io.StringIO()
    write_claims(claims, fmt, buffer)
    return buffer.getvalue()
