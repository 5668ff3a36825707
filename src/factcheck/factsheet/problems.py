"""Turn pydantic's validation errors into one FactSheetError that names file, line and field."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from factcheck.errors import FactSheetError

__all__ = ["Locate", "field_name", "raise_located", "read_bounded", "shown"]

MAX_SHEET_BYTES = 5 * 1024 * 1024

Loc = tuple[int | str, ...]
Locate = Callable[[Loc], tuple[int | None, str]]
"""Maps a pydantic error location to (line, field name as the user should read it)."""


def shown(name: str) -> str:
    """A name from the sheet as a message shows it: quoted when it holds a line break
    or another unprintable character, so that every message stays on one line."""
    return name if name.isprintable() else repr(name)


def field_name(loc: Sequence[int | str]) -> str:
    """``("facts", 3, "expected")`` -> ``facts[3].expected``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{shown(part)}" if out else shown(part))
    return out


def _describe(error: ErrorDetails) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown field {error['loc'][-1]!r}"
    if kind == "missing":
        return "required field is missing"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "expected a mapping of fields"
    if kind == "string_pattern_mismatch":
        return (
            "may hold only letters, digits, '_', '.', ':' and '-', starting with a letter or digit"
        )
    message = error["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return message[:1].lower() + message[1:]


def _error_loc(error: ErrorDetails) -> Loc:
    loc: Loc = tuple(error["loc"])
    context: dict[str, Any] = dict(error.get("ctx") or {})
    if error["type"] == "duplicate_id" and "index" in context:
        loc = (*loc, int(context["index"]), "id")
    return loc


def raise_located(exc: ValidationError, path: str, locate: Locate) -> None:
    """Raise a FactSheetError for the first error; the others are summarised in its message."""
    placed = []
    for error in exc.errors():
        line, name = locate(_error_loc(error))
        placed.append((line, name, _describe(error)))
    line, name, message = placed[0]
    if len(placed) > 1:
        others = "; ".join(
            f"line {other_line}: {other_name}: {other_message}"
            for other_line, other_name, other_message in placed[1:6]
        )
        more = f" and {len(placed) - 6} more" if len(placed) > 6 else ""
        message = f"{message} (also {others}{more})"
    raise FactSheetError(message, path=path, line=line, field=name or None) from exc


def read_bounded(path: Path, limit: int = MAX_SHEET_BYTES) -> str:
    """A sheet's text, refusing files over ``limit`` bytes before reading them whole."""
    if not path.exists():
        raise FactSheetError("no such file", path=path)
    if not path.is_file():
        raise FactSheetError("not a file", path=path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise FactSheetError(f"cannot read: {exc.strerror}", path=path) from exc
    if len(raw) > limit:
        raise FactSheetError(
            f"larger than {limit // (1024 * 1024)} MB; refusing to parse", path=path
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise FactSheetError(
            f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded", path=path, line=line
        ) from exc
