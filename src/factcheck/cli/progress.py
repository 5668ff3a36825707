"""A rich progress bar on stderr, implementing :class:`factcheck.progress.Progress`.

Drawn only when stderr is a terminal and the user did not ask for quiet, so
pipes, files and CI logs never receive control sequences.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from factcheck.progress import NullProgress, Progress

if TYPE_CHECKING:
    import rich.progress

__all__ = ["RichProgress", "progress_bar"]


class RichProgress:
    """One bar per stage: a spinner while the size is unknown, a bar when it is known."""

    def __init__(self, bar: rich.progress.Progress) -> None:
        self._bar = bar
        self._task: rich.progress.TaskID | None = None

    def start(self, stage: str, total: int | None = None) -> None:
        self.finish()
        self._task = self._bar.add_task(stage, total=total)

    def advance(self, steps: int = 1) -> None:
        if self._task is not None:
            self._bar.advance(self._task, steps)

    def finish(self) -> None:
        if self._task is not None:
            task = self._bar.tasks[-1]
            if task.total is not None:
                self._bar.update(self._task, completed=task.total)
            self._bar.stop_task(self._task)
            self._task = None


@contextmanager
def progress_bar(quiet: bool = False) -> Iterator[Progress]:
    """A drawing progress on a terminal's stderr; a silent one otherwise."""
    if quiet or not sys.stderr.isatty():
        yield NullProgress()
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, SpinnerColumn, TextColumn
    from rich.progress import Progress as Bar

    bar = Bar(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with bar:
        progress = RichProgress(bar)
        try:
            yield progress
        finally:
            progress.finish()
