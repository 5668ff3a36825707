"""JSON Lines sources: one document per line with a `text` field."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from factcheck.errors import SourceError
from factcheck.models import Source

__all__ = ["read_jsonl"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="ignore")

    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    date: dt.date | None = None


def read_jsonl(text: str, name: str, path: Path | None) -> list[Source]:
    """One Source per non-empty line; a bad line is an error naming file, line and field."""
    sources = []
    where = path or name
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SourceError(
                f"not JSON: {exc.msg} (column {exc.colno})", path=where, line=number
            ) from exc
        if not isinstance(raw, dict):
            raise SourceError("expected a JSON object", path=where, line=number)
        try:
            record = _Record.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or None
            raise SourceError(first["msg"], path=where, line=number, field=field) from exc
        if not record.text.strip():
            raise SourceError("empty text", path=where, line=number, field="text")
        sources.append(
            Source(
                id=record.id or f"{name}#{number}",
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
