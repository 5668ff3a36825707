"""The claims listing of `factcheck claims`: a table, JSON records or CSV rows.

Every format is written as the claims arrive, so a huge listing never sits in
memory: JSON record by record, CSV row by row, and the table line by line, its
column widths taken from the first :data:`TABLE_BLOCK` claims. The count is the
caller's to say (the CLI says it on stderr, so a piped table holds claims only).
Text from the sources is shown with control characters as escapes, and CSV text
cells are safe to open in a spreadsheet.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, TextIO

from factcheck.escape import visible

if TYPE_CHECKING:
    from factcheck.models import Claim, Quantity

# The models, the CSV writer and the wording of numbers are imported where a listing is
# written: `factcheck --help` reads CLAIM_FORMATS and nothing else of this module.

__all__ = ["CLAIM_FORMATS", "TABLE_BLOCK", "write_claims"]

TABLE_BLOCK = 1000
"""Claims whose cells set the table's column widths; the rest are fitted to them."""


def _write_json(claims: Iterable[Claim], out: TextIO) -> int:
    """A JSON list written record by record, so huge listings never sit in memory."""
    from factcheck.models import ClaimRecord

    out.write("[")
    count = 0
    for count, claim in enumerate(claims, start=1):
        record = json.dumps(
            ClaimRecord.of(claim).model_dump(mode="json"), indent=2, ensure_ascii=False
        )
        out.write(("," if count > 1 else "") + "\n  " + record.replace("\n", "\n  "))
    out.write("\n]\n")
    return count


def _write_csv(claims: Iterable[Claim], out: TextIO) -> int:
    from factcheck.models import ClaimRecord
    from factcheck.render.csv import write_rows

    count = 0

    def records() -> Iterator[dict[str, object]]:
        nonlocal count
        for claim in claims:
            count += 1
            yield ClaimRecord.of(claim).model_dump(mode="json")

    write_rows(records(), tuple(ClaimRecord.model_fields), out)
    return count


def write_claims(
    claims: Iterable[Claim], fmt: str, out: TextIO, *, width: int = 100, color: bool = False
) -> int:
    """Stream the claims to ``out`` as a table (fitted to ``width`` columns), JSON or CSV;
    returns how many were written."""
    if fmt == "table":
        return _write_table(claims, out, max(width, 40), color)
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ValueError(f"cannot write claims as {fmt!r}; choose {', '.join(CLAIM_FORMATS)}")
    return writer(claims, out)


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


def _row(
    claim: Claim, format_quantity: Callable[[Quantity], str]
) -> tuple[str, str, str, str, str]:
    return (
        _where(claim),
        claim.quantity.kind.value,
        format_quantity(claim.quantity),
        claim.citation.quote,
        claim.frame.subject,
    )


_HEADER = ("where", "kind", "value", "quote", "subject")


def _write_table(claims: Iterable[Claim], out: TextIO, width: int, color: bool) -> int:
    """One line per claim fitted to ``width`` columns (the subject is cut to fit).

    Column widths come from the first :data:`TABLE_BLOCK` claims; later lines are
    fitted to them, so the table is written as the claims arrive.
    """
    from rich.cells import cell_len

    from factcheck.render.display import format_quantity

    stream = ((_row(claim, format_quantity), claim.source) for claim in claims)
    first = list(itertools.islice(stream, TABLE_BLOCK))
    rows = [row for row, _ in first]
    caps = (36, 17, 24, 28)
    widths = [
        min(cap, max(cell_len(" ".join(visible(row[i]).split())) for row in [_HEADER, *rows]))
        for i, cap in enumerate(caps)
    ]
    # The kind, then the quote (the value says it too), only where there is room.
    columns = [0, 1, 2, 3] if width >= 110 else [0, 2, 3] if width >= 96 else [0, 2]
    widths[0] = min(widths[0], max(width // 3, 16))  # a long path keeps its end
    used = sum(widths[i] + 2 for i in columns)
    subject = max(width - used, 8)

    def line(row: tuple[str, ...]) -> str:
        cells = [_fit(row[i], widths[i], keep_end=i == 0) for i in columns]
        cells.append(_fit(row[4], subject))
        return "  ".join(cells).rstrip()

    header = line(_HEADER)
    out.write((f"\x1b[1m{header}\x1b[0m" if color else header) + "\n")
    count = 0
    for row, _ in itertools.chain(first, stream):
        out.write(line(row) + "\n")
        count += 1
    return count


_WRITERS: Mapping[str, Callable[[Iterable[Claim], TextIO], int]] = MappingProxyType(
    {"json": _write_json, "csv": _write_csv}
)
CLAIM_FORMATS: tuple[str, ...] = ("table", *_WRITERS)
"""Every format of the claims listing (``factcheck claims --format``)."""
