"""The root command: version, --debug, and the one place errors become exit codes."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import TextIO

import click

from factcheck import __version__
from factcheck.atomic import write_atomic
from factcheck.errors import FactcheckError, OutputError
from factcheck.escape import visible

__all__ = [
    "EXIT_BROKEN_PIPE",
    "EXIT_FINDINGS",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "cli",
    "emit",
    "main",
    "standard_output",
]

EXIT_FINDINGS = 1  # conflicts found (--fail-on-conflict) or facts failed
EXIT_INPUT = 2  # unusable input or output path
EXIT_INTERNAL = 3  # a bug or an environment failure
EXIT_INTERRUPTED = 130  # 128 + SIGINT; SIGTERM gives 143 and SIGHUP 129, the same way
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a reader that went away
STDOUT = "<stdout>"

# Signals that end a run the way Ctrl-C does: temporary files removed, cache left whole.
_ENDING_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)
# The HTML article extractor and its date reader log each page they pass over (a short
# page is read by factcheck's own reader instead): their logs are for --debug only.
_QUIET_LIBRARIES = ("trafilatura", "htmldate", "courlan", "justext")


class _VisibleFormatter(logging.Formatter):
    """Log lines quote file names and text from sources: no raw control characters."""

    def format(self, record: logging.LogRecord) -> str:
        return visible(super().format(record))


class _BrokenPipeError(Exception):
    """A broken pipe, carried past click (which would turn it into exit status 1)."""


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except BrokenPipeError as exc:
            raise _BrokenPipeError from exc


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", prog_name="factcheck")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs on stderr.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Cross-check numeric claims across sources, with exact citations.

    \b
    factcheck claims PATH...            list the numeric claims found
    factcheck report PATH...            report conflicts and agreements
    factcheck validate SHEET --sources  validate a fact sheet (CI step)
    factcheck explain PATH... --a --b   why two claims were or were not compared
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_VisibleFormatter("factcheck: %(levelname)s: %(message)s"))
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, handlers=[handler])
    for name in _QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.DEBUG if debug else logging.CRITICAL + 1)


@contextlib.contextmanager
def standard_output() -> Iterator[TextIO]:
    """Standard output to write results to; a closed or full one is an OutputError.

    A broken pipe (the reader went away: ``| head``) passes through: :func:`main`
    ends the run quietly.
    """
    stream = sys.stdout
    if stream is None:  # started with descriptor 1 closed
        raise OutputError("cannot write: standard output is closed", path=STDOUT)
    try:
        yield stream
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=STDOUT) from exc
    except ValueError as exc:  # "I/O operation on closed file"
        raise OutputError(f"cannot write: {exc}", path=STDOUT) from exc


def emit(text: str, output: Path | None) -> None:
    """Write a rendered result to a file (atomically) or to standard output."""
    if output is None:
        with standard_output() as stream:
            if text:  # nothing to say (no finding, as text): no blank line either
                click.echo(text, file=stream, nl=not text.endswith("\n"))
    else:
        write_atomic(output, text)


class _EndingSignal(KeyboardInterrupt):
    """A signal that ends the run the way Ctrl-C does, and which one it was."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _end_like_ctrl_c(signum: int, _frame: FrameType | None) -> None:
    raise _EndingSignal(signum)


@contextlib.contextmanager
def _signals_end_the_run() -> Iterator[None]:
    """SIGTERM (``timeout``, CI cancellation) and SIGHUP end a run as Ctrl-C does.

    A signal already ignored stays ignored (``nohup``); the old handlers come back after.
    """
    previous: dict[int, object] = {}
    with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
        for signum in _ENDING_SIGNALS:
            if signal.getsignal(signum) is not signal.SIG_IGN:
                previous[signum] = signal.signal(signum, _end_like_ctrl_c)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]


def _interrupted(exc: BaseException) -> None:
    # click turns a KeyboardInterrupt into Abort, keeping it as the cause.
    cause = exc if isinstance(exc, _EndingSignal) else exc.__cause__
    signum = cause.signum if isinstance(cause, _EndingSignal) else signal.SIGINT
    if signum == signal.SIGINT:
        click.echo("factcheck: interrupted", err=True)
    else:
        click.echo(f"factcheck: terminated ({signal.Signals(signum).name})", err=True)
    sys.exit(128 + signum)


def _quiet_broken_pipe() -> None:
    """The reader of standard output went away: end quietly, with 128 + SIGPIPE.

    Standard output is pointed at /dev/null first, so that the interpreter's own
    flush at exit does not fail again and print a warning.
    """
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(EXIT_BROKEN_PIPE)


def _debug_requested(argv: list[str]) -> bool:
    return "--debug" in argv


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the CLI and map errors to exit codes and one line."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = _debug_requested(args)
    try:
        with _signals_end_the_run():
            code = cli.main(args=args, prog_name="factcheck", standalone_mode=False)
            if sys.stdout is not None:
                with standard_output():  # buffered output fails here, not silently at exit
                    pass
    except (_BrokenPipeError, BrokenPipeError):
        _quiet_broken_pipe()
    except FactcheckError as exc:
        if debug:
            raise
        click.echo(f"factcheck: error: {visible(str(exc))}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort as exc:
        _interrupted(exc)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_INPUT if exc.exit_code == 2 else exc.exit_code)
    except KeyboardInterrupt as exc:
        _interrupted(exc)
    except Exception as exc:
        if debug:
            raise
        click.echo(
            f"factcheck: internal error: {type(exc).__name__}: {visible(str(exc))}"
            f"{''.join(f' ({visible(note)})' for note in getattr(exc, '__notes__', ()))} "
            "(rerun with --debug for the traceback)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(code if isinstance(code, int) else 0)
