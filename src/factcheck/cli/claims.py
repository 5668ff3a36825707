"""`factcheck claims PATH...`: list the numeric claims found, with citations."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from factcheck.atomic import open_atomic
from factcheck.cli.app import emit
from factcheck.cli.options import output_options, sources_argument

__all__ = ["claims_command"]

FORMATS = ("table", "json", "csv")


@click.command("claims")
@sources_argument
@output_options(FORMATS, "table")
@click.option(
    "--reference-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Completes dates without a year when a source has no date "
    "[default: latest publication date among the sources].",
)
def claims_command(
    paths: tuple[str, ...], fmt: str, output: Path | None, reference_date: Any
) -> None:
    """List the atomic numeric claims of PATH..., one per stated quantity.

    PATH is a file (text, Markdown, HTML, JSON Lines), a folder, or '-' for
    standard input. JSON is a list of claims with source, start, end, quote,
    sentence, kind, value, unit, qualifier, low and high.
    """
    from factcheck.crosscheck.pipeline import claims
    from factcheck.render.claims import render_claims, write_claims
    from factcheck.settings import Settings
    from factcheck.sources import load_sources

    settings = Settings(reference_date=reference_date.date() if reference_date else None)
    sources = load_sources(paths, stdin=getattr(sys.stdin, "buffer", sys.stdin))
    found = claims(sources, settings)
    if fmt == "table":
        emit(render_claims(list(found), fmt), output)
    elif output is None:
        write_claims(found, fmt, sys.stdout)
    else:
        with open_atomic(output) as handle:  # streamed: memory stays flat on huge inputs
            write_claims(found, fmt, handle)
