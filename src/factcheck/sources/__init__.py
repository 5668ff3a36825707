"""Read sources: plain text, Markdown, HTML, JSON Lines and PDF, from files, folders,
stdin or http(s) URLs (:mod:`factcheck.sources.fetch`).

Each source's ``text`` is what every citation offset points into: the decoded
file for text and Markdown, the extracted main text for HTML (with a map to the markup's
lines and columns), the ``text`` field for JSON Lines, the pages' text for PDF (with
where each page starts), each after the one normalisation every reader applies
(:mod:`factcheck.sources.normalise`: invisible characters removed, other breaking
spaces made plain, lone surrogates made U+FFFD; line breaks, ``\\r\\n`` included,
never change, so line numbers are the file's).

Ids: a file's name when given directly or found directly inside a given folder,
its path relative to the folder when deeper (undecodable bytes of a name written
as ``\\xe9``), ``<stdin>`` for standard input, and for JSON Lines the record's
``id`` else ``NAME#LINE``. Two sources
with one id are an error, so that citations stay unambiguous.

Every input is read with a byte cap (:data:`MAX_BYTES`), whatever its size claims
to be: devices and standard input report no size. Inside a folder, what cannot
be read is skipped with a warning naming it, and the run goes on: unreadable
files and subfolders, broken symbolic links and link loops, FIFOs, devices and
sockets, files over the cap, and symbolic links that lead out of the folder
(followed only with ``follow_links=True``, the CLI's ``--follow-links``).

Owns reading and decoding, format sniffing, metadata (titles, publication dates)
and the calendar (``dates``: the one month table and ISO 8601 reader). May import
``factcheck.models``, ``errors`` and ``settings``; nothing from a later stage.
"""

from __future__ import annotations

import bisect
import errno
import logging
import os
import stat
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO, TextIO, cast, overload

from factcheck.errors import SourceError
from factcheck.models import Source
from factcheck.sources.decode import MAX_BYTES, not_text_reason
from factcheck.sources.fetch import fetch, is_url
from factcheck.sources.jsonl import JsonlDocuments
from factcheck.sources.pdf import read_pdf
from factcheck.sources.read import Format, read_documents, read_source

__all__ = [
    "STDIN",
    "STDIN_ID",
    "TEXT_SUFFIXES",
    "UNREAD_FORMAT",
    "LoadedSources",
    "SourcesLike",
    "as_sources",
    "load_sources",
    "open_sources",
    "read_source",
    "sources_from_texts",
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
    ".pdf": "pdf",
    "": None,  # no extension: read if it decodes as text, format sniffed
}
"""The file name endings read from folders, and the format each implies."""

_CHUNK = 1 << 20
UNREAD_FORMAT = "a format factcheck does not read"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _too_large(where: str | Path) -> SourceError:
    return SourceError(f"too large: more than {MAX_BYTES:,} bytes (the limit)", path=where)


def _read_capped(stream: BinaryIO | TextIO, where: str | Path, hint: int = 0) -> bytes:
    """Everything ``stream`` holds, but never more than MAX_BYTES: /dev/zero and ``yes``
    end in an error, not in exhausted memory. ``hint``: the size a regular file reports."""
    parts: list[bytes] = []
    total = 0
    want = hint + 1 if hint else _CHUNK
    while total <= MAX_BYTES:
        chunk = stream.read(min(want, MAX_BYTES + 1 - total))
        if not chunk:
            break
        data = chunk.encode("utf-8", "surrogateescape") if isinstance(chunk, str) else chunk
        parts.append(data)
        total += len(data)
        want = _CHUNK
    if total > MAX_BYTES:
        raise _too_large(where)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _read_bytes(path: Path, *, in_folder: bool = False, no_follow: bool = False) -> bytes:
    """A file's bytes, capped. In a folder, a FIFO never blocks the run (O_NONBLOCK) and
    anything but a regular file is refused; ``no_follow`` refuses a symbolic link that
    appeared since the folder was listed."""
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)
    if in_folder:
        flags |= os.O_NONBLOCK | (getattr(os, "O_NOFOLLOW", 0) if no_follow else 0)
    try:
        fd = os.open(path, flags)
    except PermissionError as exc:
        raise SourceError("permission denied", path=path) from exc
    except IsADirectoryError as exc:
        raise SourceError("is a folder", path=path) from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SourceError("symbolic link loop", path=path) from exc
        raise SourceError(f"cannot read: {exc.strerror or exc}", path=path) from exc
    with open(fd, "rb", buffering=0) as handle:
        try:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                raise SourceError("is a folder", path=path)
            if in_folder and not stat.S_ISREG(mode):
                raise SourceError(f"not a regular file ({_kind(mode)})", path=path)
            size = os.fstat(fd).st_size if stat.S_ISREG(mode) else 0
            if size > MAX_BYTES:
                raise SourceError(f"too large: {size:,} bytes (limit {MAX_BYTES:,})", path=path)
            return _read_capped(handle, path, size)
        except OSError as exc:
            raise SourceError(f"cannot read: {exc.strerror or exc}", path=path) from exc


def _format_of(path: Path) -> Format | None:
    return TEXT_SUFFIXES.get(path.suffix.lower())


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


class _Entry:
    """A file found in a folder: read it (``reason`` None), or skip it saying why."""

    __slots__ = ("link", "path", "reason")

    def __init__(self, path: Path, reason: str | None = None, *, link: bool = False) -> None:
        self.path, self.reason, self.link = path, reason, link


def _walk(folder: Path, follow_links: bool) -> Iterator[_Entry]:
    """The files under ``folder`` in sorted order, and what to skip with the reason.

    Hidden files and folders are passed over silently; everything else that is not
    read is named (files of other formats with :data:`UNREAD_FORMAT` as the reason).
    """
    root = os.path.realpath(folder)
    visited: set[tuple[int, int]] = set()
    try:
        info = os.stat(folder)
    except OSError as exc:
        yield _Entry(folder, f"cannot read this folder: {exc.strerror or exc}")
        return
    visited.add((info.st_dev, info.st_ino))
    yield from _walk_folder(folder, root, follow_links, visited)


def _walk_folder(
    folder: Path, root: str, follow_links: bool, visited: set[tuple[int, int]]
) -> Iterator[_Entry]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield _Entry(folder, f"cannot read this folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # never walk into .git; never read editor or system files
        path = Path(entry.path)
        try:
            is_link = entry.is_symlink()
            info = os.stat(path) if is_link else entry.stat(follow_symlinks=False)
        except OSError as exc:
            if path.suffix.lower() not in TEXT_SUFFIXES and not entry.is_dir():
                continue
            if exc.errno == errno.ELOOP:
                yield _Entry(path, "symbolic link loop")
            elif exc.errno == errno.ENOENT:
                yield _Entry(path, "broken symbolic link (its target does not exist)")
            else:
                yield _Entry(path, f"cannot read: {exc.strerror or exc}")
            continue
        is_dir = stat.S_ISDIR(info.st_mode)
        if not is_dir and path.suffix.lower() not in TEXT_SUFFIXES:
            yield _Entry(path, UNREAD_FORMAT)
            continue
        if is_link and not follow_links:
            target = os.path.realpath(path)
            if not _inside(target, root):
                yield _Entry(path, "symbolic link to outside the folder (--follow-links reads it)")
                continue
            if is_dir:
                yield _Entry(path, "symbolic link to a folder (--follow-links reads it)")
                continue
        if is_dir:
            key = (info.st_dev, info.st_ino)
            if key in visited:
                yield _Entry(path, "symbolic link loop (a folder already read)")
                continue
            visited.add(key)
            yield from _walk_folder(path, root, follow_links, visited)
        elif stat.S_ISREG(info.st_mode):
            yield _Entry(path, link=is_link)
        else:
            yield _Entry(path, f"not a regular file ({_kind(info.st_mode)})")


_Part = Source | JsonlDocuments


def _read_folder(folder: Path, follow_links: bool) -> list[_Part]:
    parts: list[_Part] = []
    skipped: list[str] = []
    unread: list[str] = []
    for entry in _walk(folder, follow_links):
        path = entry.path
        name = path.relative_to(folder).as_posix()
        reason = entry.reason
        if reason == UNREAD_FORMAT:
            unread.append(name)
            continue
        data = b""
        if reason is None:
            try:
                data = _read_bytes(path, in_folder=True, no_follow=not entry.link)
            except SourceError as exc:  # unreadable, vanished, swapped for a FIFO...
                reason = exc.message
            else:
                reason = None if _format_of(path) == "pdf" else not_text_reason(data)
        if reason is None and not path.suffix:
            try:
                parts.extend(_as_parts(read_documents(data, name, path)))
            except SourceError as exc:  # a file without extension may just not be text
                reason = exc.message
        elif reason is None:
            parts.extend(_as_parts(read_documents(data, name, path, _format_of(path))))
        if reason is not None:
            # Skipping a file inside a folder is no error, but it is never silent.
            logger.warning("%s: skipped: %s", path, reason)
            skipped.append(f"{name}: {reason}")
    if unread and parts:  # with nothing read, the error names them
        # Named, all in one line: a folder of images or spreadsheets is not a surprise.
        logger.warning(
            "%s: skipped %d %s of %s (%s): %s",
            folder,
            len(unread),
            "file" if len(unread) == 1 else "files",
            UNREAD_FORMAT,
            "reads " + ", ".join(sorted(s for s in TEXT_SUFFIXES if s)),
            ", ".join(unread),
        )
        skipped += [f"{name}: {UNREAD_FORMAT}" for name in unread[:3]]
    if not parts:
        detail = f" (skipped {'; '.join(skipped[:3])})" if skipped else ""
        raise SourceError(f"no readable text files in this folder{detail}", path=folder)
    return parts


def _read_stdin(stdin: TextIO | BinaryIO | None) -> list[_Part]:
    stream = stdin if stdin is not None else sys.stdin.buffer
    try:
        data = _read_capped(stream, STDIN_ID)
    except OSError as exc:
        raise SourceError(f"cannot read: {exc.strerror or exc}", path=STDIN_ID) from exc
    return _as_parts(read_documents(data, STDIN_ID))


def _read_url(url: str) -> list[_Part]:
    fetched = fetch(url)
    if fetched.format == "pdf":
        return [read_pdf(fetched.data, url, url=fetched.url)]
    documents = read_documents(fetched.data, url, None, cast(Format, fetched.format))
    if isinstance(documents, JsonlDocuments):
        return [documents]
    # A page that names no URL of its own is known by the one it was fetched from.
    return [doc if doc.url else doc.model_copy(update={"url": fetched.url}) for doc in documents]


def _as_parts(documents: list[Source] | JsonlDocuments) -> list[_Part]:
    return [documents] if isinstance(documents, JsonlDocuments) else list(documents)


class LoadedSources(Sequence[Source]):
    """The sources of a run, in order; JSON Lines documents are built when reached.

    Behaves as a read-only list of :class:`~factcheck.models.Source`. Iterating it
    twice builds JSON Lines documents twice: keep ``list(...)`` of it to hold them.
    """

    def __init__(self, parts: Sequence[_Part]) -> None:
        self._parts = list(parts)
        self._ends: list[int] = []
        total = 0
        for part in self._parts:
            total += len(part) if isinstance(part, JsonlDocuments) else 1
            self._ends.append(total)

    def __len__(self) -> int:
        return self._ends[-1] if self._ends else 0

    @overload
    def __getitem__(self, index: int) -> Source: ...

    @overload
    def __getitem__(self, index: slice) -> list[Source]: ...

    def __getitem__(self, index: int | slice) -> Source | list[Source]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        index %= len(self)
        part_index = bisect.bisect_right(self._ends, index)
        part = self._parts[part_index]
        if isinstance(part, Source):
            return part
        return part[index - (self._ends[part_index - 1] if part_index else 0)]

    def __iter__(self) -> Iterator[Source]:
        for part in self._parts:
            if isinstance(part, Source):
                yield part
            else:
                yield from part

    @property
    def latest_published(self) -> date | None:
        """The latest publication date among the sources, without building them."""
        dates = [
            part.latest if isinstance(part, JsonlDocuments) else part.published
            for part in self._parts
        ]
        known = [d for d in dates if d is not None]
        return max(known) if known else None

    def check_unique(self) -> None:
        """Two sources with one id are an error: citations must stay unambiguous."""
        import numpy as np

        hashes = np.fromiter(
            (hash(part.id) for part in self._parts if isinstance(part, Source)), dtype=np.int64
        )
        for part in self._parts:
            if isinstance(part, JsonlDocuments):
                hashes = np.concatenate([hashes, np.frombuffer(part.id_hashes, dtype=np.int64)])
        ordered = np.sort(hashes)
        repeated = set(ordered[1:][ordered[1:] == ordered[:-1]].tolist())
        if not repeated:
            return
        # Rare: read the ids again, exactly, for the hashes seen twice.
        seen: dict[str, str] = {}
        for source in self:
            if hash(source.id) not in repeated:
                continue
            where = source.path or source.id
            if source.id in seen:
                raise SourceError(
                    f"two sources have the id {source.id!r} (the other is {seen[source.id]}); "
                    "rename one or give their folder instead",
                    path=where,
                )
            seen[source.id] = where


_SHOWN_TEXT = 40


def _missing(item: str) -> SourceError:
    """A path that does not exist; a hint when it looks like text meant to be checked."""
    if any(space in item for space in " \n\t") and len(item) > _SHOWN_TEXT // 2:
        shown = item[:_SHOWN_TEXT].replace("\n", " ") + ("..." if len(item) > _SHOWN_TEXT else "")
        return SourceError(
            "no such file or folder; to check text rather than files, pass it to "
            "factcheck.report_texts() or factcheck.Source.from_text() in Python, or pipe "
            "it to '-' on the command line",
            path=shown,
        )
    return SourceError("no such file or folder", path=item)


def open_sources(
    paths: str | Path | Iterable[str | Path],
    *,
    stdin: TextIO | BinaryIO | None = None,
    follow_links: bool = False,
) -> LoadedSources:
    """Read files, folders and ``"-"`` like :func:`load_sources`, building JSON Lines
    documents one at a time when iterated: what streams a million-record file."""
    items = [paths] if isinstance(paths, str | Path) else list(paths)
    if not items:
        raise SourceError("no sources given")
    if sum(str(item) == STDIN for item in items) > 1:
        raise SourceError("standard input ('-') given more than once")
    parts: list[_Part] = []
    for item in items:
        if isinstance(item, str) and is_url(item):
            parts.extend(_read_url(item))
            continue
        path = Path(item)
        if str(item) == STDIN:
            parts.extend(_read_stdin(stdin))
        elif path.is_dir():
            parts.extend(_read_folder(path, follow_links))
        elif path.exists() or path.is_symlink():
            # No name for the bytes here: read_documents lets go of them once decoded.
            documents = read_documents(_read_bytes(path), path.name, path, _format_of(path))
            parts.extend(_as_parts(documents))
        else:
            raise _missing(str(item))
    loaded = LoadedSources(parts)
    loaded.check_unique()
    return loaded


def load_sources(
    paths: str | Path | Iterable[str | Path],
    *,
    stdin: TextIO | BinaryIO | None = None,
    follow_links: bool = False,
) -> list[Source]:
    """Read files, folders (recursively, sorted) and ``"-"`` (standard input) into Sources.

    Raises :class:`~factcheck.errors.SourceError` naming the file for a missing
    path, a folder with nothing readable, a binary, empty, undecodable or too
    large file, a bad JSON Lines record (with its line and field) and duplicate
    ids. Inside a folder, files that cannot be read are skipped with a warning;
    symbolic links out of the folder are followed only with ``follow_links``.
    """
    return list(open_sources(paths, stdin=stdin, follow_links=follow_links))


def sources_from_texts(texts: Mapping[str, str] | Sequence[str]) -> list[Source]:
    """Sources from strings: a mapping of id to text, or a list (ids ``text1``, ``text2``...).

    Each text is read as a file's would be: its format sniffed (HTML, JSON Lines, text),
    its title and publication date found; empty or binary text is a SourceError.
    """
    named = (
        list(texts.items())
        if isinstance(texts, Mapping)
        else [(f"text{number}", text) for number, text in enumerate(texts, 1)]
    )
    if not named:
        raise SourceError("no texts given")
    parts: list[_Part] = []
    for name, text in named:
        if not isinstance(text, str):
            raise SourceError(f"expected a string, got {type(text).__name__}", path=name)
        parts.extend(_as_parts(read_documents(text.encode("utf-8"), name)))
    loaded = LoadedSources(parts)
    loaded.check_unique()
    return list(loaded)


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
