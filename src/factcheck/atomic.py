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
        os.replace(tmp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write: {exc.strerror}", path=target) from exc
        raise


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`open_atomic`)."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    with open_atomic(path) as handle:
        handle.write(text)
    return Path(path)
