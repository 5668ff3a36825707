"""Progress on stderr, implementing :class:`factcheck.progress.Progress`.

Each stage of a run (extracting claims, loading the model, embedding batch by
batch, clustering, comparing, writing the report) is one line with a spinner, a
bar when its size is known, the elapsed time and, once it has moved, the time
left. Drawn only when stderr is a terminal and the user did not ask for quiet,
so pipes, files and CI logs never receive control sequences.
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
    """One line per stage: a spinner while the size is unknown, a bar when it is known."""

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


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _columns() -> list[rich.progress.ProgressColumn | str]:
    from rich.progress import BarColumn, ProgressColumn, SpinnerColumn, Task, TextColumn
    from rich.text import Text

    class Count(ProgressColumn):
        """``1,024/3,600``; nothing while the stage's size is unknown."""

        def render(self, task: Task) -> Text:
            if task.total is None:
                return Text("")
            return Text(f"{int(task.completed):,}/{int(task.total):,}", style="progress.download")

    class Times(ProgressColumn):
        """Elapsed time, and the time left once the stage has moved."""

        def render(self, task: Task) -> Text:
            elapsed = task.finished_time if task.finished else task.elapsed
            text = _clock(elapsed or 0.0)
            left = task.time_remaining
            if not task.finished and task.total is not None and task.completed and left is not None:
                text += f", {_clock(left)} left"
            return Text(text, style="progress.elapsed")

    return [
        SpinnerColumn(finished_text="✓"),
        TextColumn("{task.description}"),
        BarColumn(),
        Count(),
        Times(),
    ]


@contextmanager
def progress_bar(quiet: bool = False) -> Iterator[Progress]:
    """A drawing progress on a terminal's stderr; a silent one otherwise."""
    if quiet or not sys.stderr.isatty():
        yield NullProgress()
        return
    from rich.console import Console
    from rich.progress import Progress as Bar

    bar = Bar(*_columns(), console=Console(stderr=True), transient=True)
    with bar:
        progress = RichProgress(bar)
        try:
            yield progress
        finally:
            progress.finish()
