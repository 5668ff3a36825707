"""Write output files atomically: a temporary file renamed into place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from factcheck.errors import OutputError

__all__ = ["open_atomic", "write_atomic"]


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


@contextlib.contextmanager
def open_atomic(path: str | Path) -> Iterator[TextIO]:
    """A text file to write that appears at ``path`` only once complete.

    The data goes to a temporary file in the same folder, is flushed to disk, then
    renamed over ``path``. An error or interrupt (even Ctrl-C) inside the block
    removes the temporary file: readers see the old file or the whole new one.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror}", path=target) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, _mode_for(target))
        os.replace(tmp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write: {exc.strerror}", path=target) from exc
        raise


def write_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` as UTF-8, atomically (see :func:`open_atomic`)."""
    with open_atomic(path) as handle:
        handle.write(text)
    return Path(path)
