"""What the terminal allows: its width (``COLUMNS`` first) and whether to colour.

As pytest and ruff do: the width comes from ``COLUMNS`` when set, else from the
terminal, else 80; colour only on a terminal, never with ``NO_COLOR``, always
with ``FORCE_COLOR``.
"""

from __future__ import annotations

import os
import shutil
from typing import TextIO

__all__ = ["colour", "width"]


def width() -> int:
    """Columns to fit output into."""
    return max(shutil.get_terminal_size(fallback=(80, 24)).columns, 20)


def colour(stream: TextIO) -> bool:
    """Whether output to ``stream`` may carry ANSI colours."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
