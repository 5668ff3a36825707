"""`factcheck claims PATH...`: list the numeric claims found, with citations."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from factcheck.atomic import open_atomic
from factcheck.cli.app import standard_output
from factcheck.cli.options import (
    extraction_options,
    follow_links_option,
    output_options,
    settings_from_options,
    sources_argument,
)
from factcheck.cli.terminal import colour, width

__all__ = ["claims_command"]

FORMATS = ("table", "json", "csv")


@click.command("claims")
@sources_argument
@output_options(FORMATS, "table")
@extraction_options
@follow_links_option
def claims_command(
    paths: tuple[str, ...], fmt: str, output: Path | None, follow_links: bool, **options: Any
) -> None:
    """List the atomic numeric claims of PATH..., one per stated quantity.

    PATH is a file (text, Markdown, HTML, JSON Lines), a folder, or '-' for
    standard input. The table has one line per claim, fitted to the terminal's
    width (COLUMNS); JSON is a list of claims with source, start, end, quote,
    sentence, kind, value, unit, qualifier, low and high.
    """
    from factcheck.crosscheck.pipeline import claims
    from factcheck.render.claims import write_claims
    from factcheck.sources import open_sources

    settings = settings_from_options(**options)
    stdin = getattr(sys.stdin, "buffer", sys.stdin)
    sources = open_sources(paths, stdin=stdin, follow_links=follow_links)
    # Streamed in every format, the table too: memory stays flat on huge inputs.
    found = claims(sources, settings)
    if output is None:
        with standard_output() as stream:
            coloured = colour(stream)
            write_claims(found, fmt, stream, width=width(), color=coloured, sources=len(sources))
    else:
        with open_atomic(output) as handle:
            write_claims(found, fmt, handle, width=width(), sources=len(sources))
