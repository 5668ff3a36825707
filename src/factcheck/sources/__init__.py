"""Read sources: plain text, Markdown, HTML and JSON Lines, from files, folders or stdin.

Each source's ``text`` is what every citation offset points into: the decoded
file for text and Markdown (never rewritten, ``\\r\\n`` kept), the extracted
main text for HTML, the ``text`` field for JSON Lines.

Ids: a file's name when given directly or found directly inside a given
folder, its path relative to the folder when deeper, ``<stdin>`` for standard
input, and for JSON Lines the record's ``id`` else ``NAME#LINE``. Two sources
with one id are an error, so that citations stay unambiguous.

Owns reading and decoding, format sniffing, metadata (titles, publication dates)
and the calendar (``dates``: the one month table and ISO 8601 reader). May import
``factcheck.models``, ``errors`` and ``settings``; nothing from a later stage.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

from factcheck.errors import SourceError
from factcheck.models import Source
from factcheck.sources.decode import MAX_BYTES, not_text_reason
from factcheck.sources.read import Format, read_source

__all__ = [
    "STDIN",
    "STDIN_ID",
    "TEXT_SUFFIXES",
    "SourcesLike",
    "as_sources",
    "load_sources",
    "read_source",
]

logger = logging.getLogger(__name__)

STDIN = "-"
STDIN_ID = "<stdin>"
TEXT_SUFFIXES: dict[str, Format | None] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    "": None,  # no extension: read if it decodes as text, format sniffed
}
"""The file name endings read from folders, and the format each implies."""


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(f"too large: {size:,} bytes (limit {MAX_BYTES:,})", path=path)
        return path.read_bytes()
    except PermissionError as exc:
        raise SourceError("permission denied", path=path) from exc
    except IsADirectoryError as exc:
        raise SourceError("is a folder", path=path) from exc
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", path=path) from exc


def _format_of(path: Path) -> Format | None:
    return TEXT_SUFFIXES.get(path.suffix.lower())


def _folder_files(folder: Path) -> list[Path]:
    """Readable-looking files under ``folder``, sorted; hidden files and folders skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # prune: never walk into .git
        for name in files:
            path = Path(root, name)
            if not name.startswith(".") and path.suffix.lower() in TEXT_SUFFIXES:
                found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def _read_folder(folder: Path) -> list[Source]:
    sources: list[Source] = []
    skipped: list[str] = []
    for path in _folder_files(folder):
        name = path.relative_to(folder).as_posix()
        data = _read_bytes(path)
        reason = not_text_reason(data)
        if reason is None and not path.suffix:
            try:
                sources.extend(read_source(data, name, path))
            except SourceError as exc:  # a file without extension may just not be text
                reason = exc.message
        elif reason is None:
            sources.extend(read_source(data, name, path, _format_of(path)))
        if reason is not None:
            # Skipping a file inside a folder is no error, but it is never silent.
            logger.warning("%s: skipped: %s", path, reason)
            skipped.append(f"{name}: {reason}")
    if not sources:
        detail = f" (skipped {'; '.join(skipped[:3])})" if skipped else ""
        raise SourceError(f"no readable text files in this folder{detail}", path=folder)
    return sources


def _read_stdin(stdin: TextIO | BinaryIO | None) -> list[Source]:
    stream = stdin if stdin is not None else sys.stdin.buffer
    raw = stream.read()
    data = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else raw
    return read_source(data, STDIN_ID)


def _check_unique(sources: list[Source]) -> None:
    seen: dict[str, str] = {}
    for source in sources:
        where = source.path or source.id
        if source.id in seen:
            raise SourceError(
                f"two sources have the id {source.id!r} (the other is {seen[source.id]}); "
                "rename one or give their folder instead",
                path=where,
            )
        seen[source.id] = where


def load_sources(
    paths: str | Path | Iterable[str | Path], *, stdin: TextIO | BinaryIO | None = None
) -> list[Source]:
    """Read files, folders (recursively, sorted) and ``"-"`` (standard input) into Sources.

    Raises :class:`~factcheck.errors.SourceError` naming the file for a missing
    path, a folder with nothing readable, a binary, empty or undecodable file, a
    bad JSON Lines record (with its line and field) and duplicate ids.
    """
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    if not items:
        raise SourceError("no sources given")
    if sum(str(item) == STDIN for item in items) > 1:
        raise SourceError("standard input ('-') given more than once")
    sources: list[Source] = []
    for item in items:
        path = Path(item)
        if str(item) == STDIN:
            sources.extend(_read_stdin(stdin))
        elif path.is_dir():
            sources.extend(_read_folder(path))
        elif path.exists():
            sources.extend(read_source(_read_bytes(path), path.name, path, _format_of(path)))
        else:
            raise SourceError("no such file or folder", path=path)
    _check_unique(sources)
    return sources


SourcesLike = Sequence[Source] | str | Path | Sequence[str | Path]
"""What the API verbs accept as sources: loaded sources, or paths to load."""


def as_sources(sources: SourcesLike) -> list[Source]:
    """``sources`` as loaded Sources: paths (files, folders, ``"-"``) are read."""
    if isinstance(sources, str | Path):
        return load_sources(sources)
    items = list(sources)
    if all(isinstance(item, Source) for item in items):
        return [item for item in items if isinstance(item, Source)]
    return load_sources([item for item in items if isinstance(item, str | Path)])
