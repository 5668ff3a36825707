"""Progress reporting, behind a Protocol so the library never draws anything itself.

The pipeline announces stages and advances them; the CLI passes a
rich-backed implementation that draws on stderr, the library default does
nothing.
"""

from __future__ import annotations

from typing import Protocol

__all__ = ["NullProgress", "Progress"]


class Progress(Protocol):
    """Receives stage starts and advances from long-running steps."""

    def start(self, stage: str, total: int | None = None) -> None:
        """A stage begins; ``total`` is its number of steps when known."""

    def advance(self, steps: int = 1) -> None:
        """The current stage made ``steps`` more steps."""

    def finish(self) -> None:
        """The current stage is done."""


class NullProgress:
    """Reports nothing: the library default."""

    def start(self, stage: str, total: int | None = None) -> None:
        return None

    def advance(self, steps: int = 1) -> None:
        return None

    def finish(self) -> None:
        return None
