"""`factcheck report PATH...`: cross-check the sources and write a report (``factcheck.report``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from factcheck.cli.app import EXIT_FINDINGS, emit
from factcheck.cli.options import (
    output_options,
    settings_from_options,
    settings_options,
    sources_argument,
)
from factcheck.cli.progress import progress_bar

__all__ = ["report_command"]

FORMATS = ("md", "html", "json", "csv")  # factcheck.render.FORMATS, kept literal for a fast --help


@click.command("report")
@sources_argument
@settings_options
@output_options(FORMATS, "md")
@click.option(
    "--fail-on-conflict", is_flag=True, help="Exit with status 1 when a conflict is found."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary on stderr.")
@click.pass_context
def report_command(
    ctx: click.Context,
    /,
    paths: tuple[str, ...],
    fmt: str,
    output: Path | None,
    fail_on_conflict: bool,
    quiet: bool,
    **options: Any,
) -> None:
    """Report conflicts and agreements between the numeric claims of PATH...

    PATH is a file (text, Markdown, HTML, JSON Lines), a folder, or '-' for
    standard input. The report goes to standard output unless --output is given.

    \b
    Exit status: 0 done, 1 conflicts found with --fail-on-conflict,
    2 unusable input, 3 internal failure.
    """
    from factcheck.crosscheck.pipeline import report
    from factcheck.render import render
    from factcheck.sources import load_sources

    settings = settings_from_options(**options)
    # Bytes, so that the loader detects the encoding as it does for files.
    stdin = getattr(sys.stdin, "buffer", sys.stdin)
    sources = load_sources(paths, stdin=stdin)
    with progress_bar(quiet) as progress:
        result = report(sources, settings, progress=progress)
    emit(render(result, fmt), output)
    conflicts = len(result.conflicts)
    if not quiet:
        where = f" -> {output}" if output is not None else ""
        click.echo(
            f"factcheck: {len(result.sources)} sources, {len(result.claims)} claims, "
            f"{conflicts} conflicts, {len(result.agreements)} agreements{where}",
            err=True,
        )
    if fail_on_conflict and conflicts:
        ctx.exit(EXIT_FINDINGS)
