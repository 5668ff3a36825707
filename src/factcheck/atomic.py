"""Write output files atomically: a temporary file renamed into place.

Only regular files (or paths that do not exist yet) are replaced that way. A
character device or a FIFO (``/dev/null``, ``/dev/stdout``, a named pipe) is
written directly: renaming over it would turn ``/dev/null`` into a regular file
when run as root. A symbolic link is followed, so the file it points to is
replaced and the link stays a link.

A temporary file's name says whose it is (``.report.html.<pid>.<random>.tmp``): a
run killed with SIGKILL cannot remove its own, so the next write to the same path
removes those whose process is gone and that nobody has written to for a while.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, Literal, TextIO, overload

from factcheck.errors import OutputError

__all__ = ["open_atomic", "replace_atomic", "write_atomic"]

_LEFT_FOR = 600.0  # seconds unwritten before a dead process's temporary file is removed


def _mode_for(target: Path) -> int:
    """Keep a replaced file's permissions; a new file gets the usual ones (0666 less umask).

    The temporary file is created private (0600), which is not what users expect of a report.
    """
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _cannot_write(exc: OSError, target: Path) -> OutputError:
    return OutputError(f"cannot write: {exc.strerror or exc}", path=target)


def _open(file: int | Path, binary: bool) -> IO[Any]:
    if binary:
        return open(file, "wb")
    return open(file, "w", encoding="utf-8", newline="")


@contextlib.contextmanager
def _open_direct(target: Path, binary: bool = False) -> Iterator[IO[Any]]:
    """A character device or FIFO, written in place (there is nothing to replace)."""
    try:
        handle = _open(target, binary)
    except OSError as exc:
        raise _cannot_write(exc, target) from exc
    try:
        with handle:
            yield handle
            handle.flush()
    except BrokenPipeError:
        raise  # the reader went away: the CLI ends quietly, as for standard output
    except OSError as exc:
        raise _cannot_write(exc, target) from exc


@overload
def open_atomic(
    path: str | Path, *, binary: Literal[False] = False
) -> contextlib.AbstractContextManager[TextIO]: ...


@overload
def open_atomic(
    path: str | Path, *, binary: Literal[True]
) -> contextlib.AbstractContextManager[IO[bytes]]: ...


def open_atomic(
    path: str | Path, *, binary: bool = False
) -> contextlib.AbstractContextManager[Any]:
    """A text file (``binary``: a binary one) to write that appears at ``path`` only
    once complete (see :func:`_open_atomic`)."""
    return _open_atomic(path, binary)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or no permission to ask: assume alive
        return True
    return True


def _remove_left_over(folder: Path, name: str) -> None:
    """Remove temporary files of ``name`` left by killed runs: their process is gone and
    nothing wrote to them for ten minutes (a run on another machine sharing the folder
    writes, and keeps its file's time fresh)."""
    pattern = re.compile(rf"\.{re.escape(name)}\.(\d+)\.[^.]+\.tmp")
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return  # an unlisted folder: creating the new file says what is wrong
    for entry in entries:
        found = pattern.fullmatch(entry.name)
        if found is None or int(found.group(1)) == os.getpid() or _alive(int(found.group(1))):
            continue
        with contextlib.suppress(OSError):  # gone already, or not ours to remove: leave it
            if time.time() - entry.stat(follow_symlinks=False).st_mtime > _LEFT_FOR:
                os.unlink(entry.path)


@contextlib.contextmanager
def _open_atomic(path: str | Path, binary: bool) -> Iterator[IO[Any]]:
    """A file to write that appears at ``path`` only once complete.

    The data goes to a temporary file in the same folder, is flushed to disk, then
    renamed over ``path``. An error or interrupt (even Ctrl-C) inside the block
    removes the temporary file: readers see the old file or the whole new one.
    Character devices and FIFOs are written directly; a symbolic link is followed.
    """
    given = Path(path)
    target = Path(os.path.realpath(given)) if given.is_symlink() else given
    try:
        mode: int | None = os.stat(target).st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
            with _open_direct(given, binary) as handle:
                yield handle
            return
        what = "a folder" if stat.S_ISDIR(mode) else "not a regular file, device or FIFO"
        raise OutputError(f"cannot write: {what}", path=given)
    folder = target.parent if str(target.parent) else Path(".")
    _remove_left_over(folder, target.name)
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=folder
        )
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror}", path=given) from exc
    try:
        with _open(fd, binary) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, _mode_for(target))
        os.replace(tmp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError) and exc.errno != errno.EPIPE:
            raise _cannot_write(exc, given) from exc
        raise


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` (text as UTF-8), atomically (see :func:`open_atomic`)."""
    if isinstance(data, bytes):
        with open_atomic(path, binary=True) as binary:
            binary.write(data)
    else:
        with open_atomic(path) as text:
            text.write(data)
    return Path(path)


def replace_atomic(path: str | Path, write: Callable[[Path], object]) -> Path:
    """Have ``write`` fill a temporary file, then rename it over ``path`` (a regular file
    or none: for writers that take a path, such as a Parquet writer)."""
    target = Path(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror}", path=target) from exc
    os.close(fd)
    try:
        write(Path(tmp_name))
        os.chmod(tmp_name, _mode_for(target))
        os.replace(tmp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise _cannot_write(exc, target) from exc
        raise
    return target
