"""The claims listing of `factcheck claims`: a table, JSON records or CSV rows.

Every format is written as the claims arrive, so a huge listing never sits in
memory: JSON record by record, CSV row by row, and the table line by line, its
column widths taken from the first :data:`TABLE_BLOCK` claims and its count
after the last. Text from the sources is shown with control characters as
escapes, and CSV text cells are safe to open in a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterable, Sequence
from typing import TextIO

from factcheck.escape import spreadsheet_cell, visible
from factcheck.models import Claim, ClaimRecord
from factcheck.render.display import counted, format_quantity

__all__ = ["CLAIM_FORMATS", "TABLE_BLOCK", "render_claims", "write_claims"]

CLAIM_FORMATS = ("table", "json", "csv")
_COLUMNS = tuple(ClaimRecord.model_fields)
TABLE_BLOCK = 1000
"""Claims whose cells set the table's column widths; the rest are fitted to them."""


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
        writer.writerow(
            {key: "" if row[key] is None else spreadsheet_cell(row[key]) for key in _COLUMNS}
        )


def write_claims(
    claims: Iterable[Claim],
    fmt: str,
    out: TextIO,
    *,
    width: int = 100,
    color: bool = False,
    sources: int | None = None,
) -> None:
    """Stream the claims to ``out`` as a table (fitted to ``width`` columns), JSON or CSV.

    ``sources``: how many sources were read, for the table's count line (a source
    without claims counts too); by default the sources the claims come from."""
    if fmt == "table":
        _write_table(claims, out, max(width, 40), color, sources)
        return
    writers = {"json": _write_json, "csv": _write_csv}
    if fmt not in writers:
        raise ValueError(f"cannot write claims as {fmt!r}; choose table, json or csv")
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


def _row(claim: Claim) -> tuple[str, str, str, str, str]:
    return (
        _where(claim),
        claim.quantity.kind.value,
        format_quantity(claim.quantity),
        claim.citation.quote,
        claim.frame.subject,
    )


_HEADER = ("where", "kind", "value", "quote", "subject")


def _write_table(
    claims: Iterable[Claim], out: TextIO, width: int, color: bool, read: int | None
) -> None:
    """One line per claim fitted to ``width`` columns (the subject is cut to fit), a count.

    Column widths come from the first :data:`TABLE_BLOCK` claims; later lines are
    fitted to them, so the table is written as the claims arrive.
    """
    from rich.cells import cell_len

    stream = ((_row(claim), claim.source) for claim in claims)
    first = list(itertools.islice(stream, TABLE_BLOCK))
    rows = [row for row, _ in first]
    caps = (36, 17, 24, 28)
    widths = [
        min(cap, max(cell_len(" ".join(visible(row[i]).split())) for row in [_HEADER, *rows]))
        for i, cap in enumerate(caps)
    ]
    columns = [0, 1, 2, 3] if width >= 110 else [0, 2, 3]  # the kind only where there is room
    used = sum(widths[i] + 2 for i in columns)
    subject = max(width - used, 8)

    def line(row: tuple[str, ...]) -> str:
        cells = [_fit(row[i], widths[i], keep_end=i == 0) for i in columns]
        cells.append(_fit(row[4], subject))
        return "  ".join(cells).rstrip()

    header = line(_HEADER)
    out.write((f"\x1b[1m{header}\x1b[0m" if color else header) + "\n")
    count = 0
    sources: set[str] = set()
    for row, source in itertools.chain(first, stream):
        out.write(line(row) + "\n")
        count += 1
        sources.add(source)
    total = len(sources) if read is None else read
    out.write(f"{counted(count, 'claim')} in {counted(total, 'source')}\n")


def render_claims(
    claims: Sequence[Claim], fmt: str, *, width: int = 100, color: bool = False
) -> str:
    """The claims in one of :data:`CLAIM_FORMATS`; a table fits ``width`` columns."""
    buffer = io.StringIO()
    write_claims(claims, fmt, buffer, width=width, color=color)
    return buffer.getvalue()
