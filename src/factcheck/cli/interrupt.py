"""Ctrl-C that always ends the run, even when native code swallows the interrupt.

Python turns SIGINT into ``KeyboardInterrupt`` wherever the main thread happens to
be. Deep inside third-party code (model inference, tokenizers, SQLite) that
exception can be caught and dropped, and the run carries on as if nothing was
pressed. So the first SIGINT raises ``KeyboardInterrupt`` as usual and also arms a
watchdog: if the process is still alive ``grace`` seconds later, or on a second
SIGINT, it exits at once with status 130. That is safe because outputs are only
ever renamed into place when complete and the embedding cache commits atomically.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType

__all__ = ["GRACE_SECONDS", "interruptible"]

GRACE_SECONDS = 10.0
EXIT_INTERRUPTED = 130


def _force_exit() -> None:
    with contextlib.suppress(Exception):
        sys.stderr.write("factcheck: interrupted\n")
        sys.stderr.flush()
    os._exit(EXIT_INTERRUPTED)


@contextlib.contextmanager
def interruptible(grace: float | None = None) -> Iterator[None]:
    """Install the SIGINT handler for the block (only where Ctrl-C is not ignored)."""
    grace = GRACE_SECONDS if grace is None else grace
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return
    interrupts = 0

    def on_sigint(signum: int, frame: FrameType | None) -> None:
        nonlocal interrupts
        interrupts += 1
        if interrupts > 1:
            _force_exit()
        watchdog = threading.Timer(grace, _force_exit)
        watchdog.daemon = True
        watchdog.start()
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
