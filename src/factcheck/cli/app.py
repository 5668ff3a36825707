"""The root command: version, --debug, and the one place errors become exit codes."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from factcheck import __version__
from factcheck.atomic import write_atomic
from factcheck.errors import FactcheckError
from factcheck.escape import visible

__all__ = ["EXIT_FINDINGS", "EXIT_INPUT", "EXIT_INTERNAL", "cli", "emit", "main"]

EXIT_FINDINGS = 1  # conflicts found (--fail-on-conflict) or facts failed
EXIT_INPUT = 2  # unusable input or output path
EXIT_INTERNAL = 3  # a bug or an environment failure
EXIT_INTERRUPTED = 130
# The HTML article extractor and its date reader log each page they pass over (a short
# page is read by factcheck's own reader instead): their logs are for --debug only.
_QUIET_LIBRARIES = ("trafilatura", "htmldate", "courlan", "justext")


class _VisibleFormatter(logging.Formatter):
    """Log lines quote file names and text from sources: no raw control characters."""

    def format(self, record: logging.LogRecord) -> str:
        return visible(super().format(record))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="factcheck")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs on stderr.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Cross-check numeric claims across sources, with exact citations.

    \b
    factcheck claims PATH...            list the numeric claims found
    factcheck report PATH...            report conflicts and agreements
    factcheck validate SHEET --sources  validate a fact sheet (CI step)
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_VisibleFormatter("factcheck: %(levelname)s: %(message)s"))
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, handlers=[handler])
    for name in _QUIET_LIBRARIES:
        logging.getLogger(name).setLevel(logging.DEBUG if debug else logging.CRITICAL + 1)


def emit(text: str, output: Path | None) -> None:
    """Write a rendered result to a file (atomically) or to standard output."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        write_atomic(output, text)


def _debug_requested(argv: list[str]) -> bool:
    return "--debug" in argv


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the CLI and map errors to exit codes and one line."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = _debug_requested(args)
    try:
        code = cli.main(args=args, prog_name="factcheck", standalone_mode=False)
    except FactcheckError as exc:
        if debug:
            raise
        click.echo(f"factcheck: error: {visible(str(exc))}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("factcheck: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_INPUT if exc.exit_code == 2 else exc.exit_code)
    except KeyboardInterrupt:
        click.echo("factcheck: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
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
