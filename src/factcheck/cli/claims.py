"""`factcheck claims PATH...`: list the numeric claims found, with citations."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from factcheck.atomic import open_atomic
from factcheck.cli.app import emit
from factcheck.cli.options import (
    extraction_options,
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
def claims_command(paths: tuple[str, ...], fmt: str, output: Path | None, **options: Any) -> None:
    """List the atomic numeric claims of PATH..., one per stated quantity.

    PATH is a file (text, Markdown, HTML, JSON Lines), a folder, or '-' for
    standard input. The table has one line per claim, fitted to the terminal's
    width (COLUMNS); JSON is a list of claims with source, start, end, quote,
    sentence, kind, value, unit, qualifier, low and high.
    """
    from factcheck.crosscheck.pipeline import claims
    from factcheck.render.claims import render_claims, write_claims
    from factcheck.sources import load_sources

    settings = settings_from_options(**options)
    sources = load_sources(paths, stdin=getattr(sys.stdin, "buffer", sys.stdin))
    found = claims(sources, settings)
    if fmt == "table":
        coloured = output is None and colour(sys.stdout)
        emit(render_claims(list(found), fmt, width=width(), color=coloured), output)
    elif output is None:
        write_claims(found, fmt, sys.stdout)
    else:
        with open_atomic(output) as handle:  # streamed: memory stays flat on huge inputs
            write_claims(found, fmt, handle)
