"""Read sources: plain text, Markdown, HTML and JSON Lines, from files, folders or stdin.

Each source's ``text`` is what every citation offset points into: the decoded
file for text and Markdown, the extracted main text for HTML, the ``text``
field for JSON Lines.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import BinaryIO, Literal, TextIO

from factcheck.errors import SourceError
from factcheck.models import Source
from factcheck.sources.decode import MAX_BYTES, decode_bytes
from factcheck.sources.html import read_html
from factcheck.sources.jsonl import read_jsonl
from factcheck.sources.published import find_publication_date

__all__ = ["STDIN", "load_sources", "read_source"]

STDIN = "-"
Format = Literal["text", "markdown", "html", "jsonl"]
_SUFFIXES: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    "": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_FRONT_MATTER = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.S)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)
_LOOKS_HTML = re.compile(r"\A\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[\s>])", re.I)


def _sniff(text: str) -> Format:
    if _LOOKS_HTML.match(text):
        return "html"
    lines = [line for line in text.splitlines() if line.strip()]
    if lines and all(
        line.lstrip().startswith("{") and line.rstrip().endswith("}") for line in lines
    ):
        return "jsonl"
    return "text"


def _title_of_text(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip() if len(line.strip()) <= 200 else None
    return None


def _markdown_meta(text: str) -> tuple[str | None, date | None]:
    title: str | None = None
    published: date | None = None
    front = _FRONT_MATTER.match(text)
    if front:
        import yaml

        try:
            meta = yaml.safe_load(front.group(1))
        except yaml.YAMLError:
            meta = None  # front matter that is not YAML is just text
        if isinstance(meta, dict):
            title = str(meta["title"]) if meta.get("title") else None
            raw = meta.get("date")
            if isinstance(raw, date):
                published = raw
            elif isinstance(raw, str):
                try:
                    published = date.fromisoformat(raw[:10])
                except ValueError:
                    published = None
    if title is None and (heading := _HEADING.search(text)):
        title = heading.group(1)
    return title, published or find_publication_date(text)


def read_source(
    data: bytes, name: str, path: Path | None, fmt: Format | None = None
) -> list[Source]:
    """Sources from one file's bytes (several for JSON Lines)."""
    where = path or name
    if not data.strip():
        raise SourceError("empty file", path=where)
    text = decode_bytes(data, where)
    if not text.strip():
        raise SourceError("empty file (only whitespace)", path=where)
    fmt = fmt or _sniff(text)
    location = str(path) if path else None
    if fmt == "jsonl":
        return read_jsonl(text, name, path)
    if fmt == "html":
        document = read_html(text)
        if not document.text.strip():
            raise SourceError("no readable text in the HTML", path=where)
        published = document.published or find_publication_date(document.text)
        return [
            Source(
                id=name, path=location, format="html", title=document.title,
                url=document.url, published=published, text=document.text,
            )
        ]  # fmt: skip
    if fmt == "markdown":
        title, published = _markdown_meta(text)
        return [
            Source(
                id=name,
                path=location,
                format="markdown",
                title=title,
                published=published,
                text=text,
            )
        ]
    return [
        Source(
            id=name, path=location, format="text", title=_title_of_text(text),
            published=find_publication_date(text), text=text,
        )
    ]  # fmt: skip


def _read_file(path: Path, name: str) -> list[Source]:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(f"too large: {size:,} bytes (limit {MAX_BYTES:,})", path=path)
        data = path.read_bytes()
    except PermissionError as exc:
        raise SourceError("permission denied", path=path) from exc
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror}", path=path) from exc
    return read_source(data, name, path, _SUFFIXES.get(path.suffix.lower()))


def _folder_files(folder: Path) -> list[Path]:
    files = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() and path.suffix.lower() in _SUFFIXES:
            files.append(path)
    return files


def _read_folder(folder: Path) -> list[Source]:
    sources: list[Source] = []
    skipped: list[str] = []
    for path in _folder_files(folder):
        name = path.relative_to(folder).as_posix()
        try:
            sources.extend(_read_file(path, name))
        except SourceError as exc:
            if path.suffix:  # a named text file that cannot be read is an error...
                raise
            skipped.append(str(exc))  # ...a file without extension may simply not be text
    if not sources:
        detail = f" ({'; '.join(skipped[:3])})" if skipped else ""
        raise SourceError(f"no readable text files in this folder{detail}", path=folder)
    return sources


def load_sources(
    paths: str | Path | Iterable[str | Path], *, stdin: TextIO | BinaryIO | None = None
) -> list[Source]:
    """Read files, folders (recursively, sorted) and ``"-"`` (standard input) into Sources."""
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    if not items:
        raise SourceError("no sources given")
    sources: list[Source] = []
    for item in items:
        if str(item) == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            raw = stream.read()
            data = raw.encode("utf-8") if isinstance(raw, str) else raw
            sources.extend(read_source(data, "<stdin>", None))
            continue
        path = Path(item)
        if path.is_dir():
            sources.extend(_read_folder(path))
        elif path.exists():
            sources.extend(_read_file(path, path.name))
        else:
            raise SourceError("no such file or folder", path=path)
    seen: dict[str, str | None] = {}
    for source in sources:
        if source.id in seen:
            raise SourceError(
                f"two sources share the id {source.id!r} (also {seen[source.id] or 'stdin'})",
                path=source.path or source.id,
            )
        seen[source.id] = source.path
    return sources
