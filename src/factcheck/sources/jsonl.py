"""JSON Lines sources: one document per line with a `text` field.

Optional fields: ``id`` (string or integer; default ``NAME#LINE``), ``title``,
``url`` and ``date`` (ISO 8601 date or date-time). Other fields are ignored.

A file is validated whole when it is read (a bad line is an error naming it), but
its documents are built one at a time when they are used: a million tiny records
cost the file's text and 16 bytes each, not a Source object each.
"""

from __future__ import annotations

import datetime as dt
import json
from array import array
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from factcheck.errors import SourceError
from factcheck.models import Source
from factcheck.sources.dates import parse_iso_date
from factcheck.sources.lines import iter_lines
from factcheck.sources.normalise import new_source, printable_name

__all__ = ["JsonlDocuments", "looks_like_jsonl"]


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
            if not isinstance(_loads(line), dict):
                return False
        except (ValueError, RecursionError):
            return False
        found = True
    return found


class _LongInteger:
    """An integer with more digits than Python converts (4,300): kept as written.

    ``json.loads`` would raise ValueError (an internal error to the CLI) for such a
    number even in a field nobody reads; as a value of this type it is ignored where
    fields are ignored and refused, naming the field, where a string or an id is due.
    """

    def __init__(self, digits: str) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"<integer of {len(self.digits):,} digits>"


def _json_int(digits: str) -> int | _LongInteger:
    try:
        return int(digits)
    except ValueError:
        return _LongInteger(digits)


def _loads(line: str) -> object:
    return json.loads(line, parse_int=_json_int)


def _record(line: str, number: int, where: str | Path) -> _Record:
    try:
        raw = _loads(line)
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
        # The field only: a union's member ("id.str") means nothing to the user.
        field = str(first["loc"][0]) if first["loc"] else None
        message = first["msg"].removeprefix("Value error, ")
        raise SourceError(message, path=where, line=number, field=field) from exc
    if not record.text.strip():
        raise SourceError("empty text", path=where, line=number, field="text")
    return record


def _source(record: _Record, name: str, path: Path | None, number: int) -> Source:
    return new_source(
        id=str(record.id) if record.id is not None else f"{name}#{number}",
        path=str(path) if path else None,
        format="jsonl",
        title=record.title,
        url=record.url,
        published=record.date,
        text=record.text,
    )


class JsonlDocuments:
    """The documents of one JSON Lines file: validated now, built one at a time later.

    Holds the file's text and, per document, where its line starts and its number
    (16 bytes); the latest publication date and the ids are gathered while validating.
    """

    def __init__(self, text: str, name: str, path: Path | None) -> None:
        self.text, self.name, self.path = text, name, path
        self._starts = array("q")
        self._numbers = array("q")
        self.latest: dt.date | None = None
        self.id_hashes = array("q")  # hash of each document's id, for the duplicate check
        where = path or name
        start = 0
        number = 0
        for number, line in enumerate(iter_lines(text), start=1):
            if line.strip():
                record = _record(line, number, where)
                self._starts.append(start)
                self._numbers.append(number)
                identity = printable_name(
                    str(record.id) if record.id is not None else f"{name}#{number}"
                )
                self.id_hashes.append(hash(identity))
                if record.date is not None and (self.latest is None or record.date > self.latest):
                    self.latest = record.date
            start += len(line) + 1
        if not self._starts:
            raise SourceError("no documents (every line is empty)", path=where)

    def __len__(self) -> int:
        return len(self._starts)

    def _build(self, index: int) -> Source:
        start = self._starts[index]
        end = self.text.find("\n", start)
        line = self.text[start : end if end >= 0 else len(self.text)]
        number = self._numbers[index]
        return _source(_record(line, number, self.path or self.name), self.name, self.path, number)

    def __getitem__(self, index: int) -> Source:
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return self._build(index % len(self))

    def __iter__(self) -> Iterator[Source]:
        for index in range(len(self)):
            yield self._build(index)
