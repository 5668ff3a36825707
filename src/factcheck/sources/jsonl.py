"""JSON Lines sources: one document per line with a `text` field.

Optional fields: ``id`` (string or integer; default ``NAME#LINE``), ``title``,
``url`` and ``date`` (ISO 8601 date or date-time). Other fields are ignored.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from factcheck.errors import SourceError
from factcheck.models import Source
from factcheck.sources.dates import parse_iso_date
from factcheck.sources.lines import iter_lines

__all__ = ["looks_like_jsonl", "read_jsonl"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)

    text: str
    id: str | int | None = None
    title: str | None = None
    url: str | None = None
    date: dt.date | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _iso_date_or_datetime(cls, value: object) -> object:
        if not isinstance(value, str):
            return value  # a date object, None, or a wrong type that strict checking reports
        text = value.strip()
        if not text:
            return None
        found = parse_iso_date(text)
        if found is None:
            raise ValueError(f"not an ISO 8601 date: {text[:40]!r}")
        return found


def looks_like_jsonl(text: str) -> bool:
    """Whether every non-empty line is a JSON object (for input without a file name)."""
    found = False
    for line in iter_lines(text):
        if not line.strip():
            continue
        if not line.lstrip().startswith("{"):
            return False
        try:
            if not isinstance(json.loads(line), dict):
                return False
        except (ValueError, RecursionError):
            return False
        found = True
    return found


def _record(line: str, number: int, where: str | Path) -> _Record:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise SourceError(
            f"not JSON: {exc.msg} (column {exc.colno})", path=where, line=number
        ) from exc
    except RecursionError as exc:  # '[[[[...' nested beyond the parser's depth
        raise SourceError("JSON nested too deeply", path=where, line=number) from exc
    if not isinstance(raw, dict):
        raise SourceError(
            f"expected a JSON object, found {type(raw).__name__}", path=where, line=number
        )
    try:
        record = _Record.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or None
        message = first["msg"].removeprefix("Value error, ")
        raise SourceError(message, path=where, line=number, field=field) from exc
    if not record.text.strip():
        raise SourceError("empty text", path=where, line=number, field="text")
    return record


def read_jsonl(text: str, name: str, path: Path | None) -> list[Source]:
    """One Source per non-empty line; a bad line is an error naming file, line and field."""
    sources = []
    where = path or name
    for number, line in enumerate(iter_lines(text), start=1):
        if not line.strip():
            continue
        record = _record(line, number, where)
        sources.append(
            Source(
                id=str(record.id) if record.id is not None else f"{name}#{number}",
                path=str(path) if path else None,
                format="jsonl",
                title=record.title,
                url=record.url,
                published=record.date,
                text=record.text,
            )
        )
    if not sources:
        raise SourceError("no documents (every line is empty)", path=where)
    return sources
