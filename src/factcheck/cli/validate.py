"""`factcheck validate SHEET --sources PATH...`: validate a fact sheet, as a CI step."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from factcheck.atomic import write_atomic
from factcheck.cli.app import EXIT_FINDINGS, emit, standard_output
from factcheck.cli.options import (
    follow_links_option,
    output_options,
    quiet_option,
    settings_from_options,
    settings_options,
)
from factcheck.cli.progress import progress_bar
from factcheck.cli.terminal import colour, width

__all__ = ["validate_command"]


@click.command("validate")
@click.argument("factsheet", type=click.Path(path_type=Path), metavar="FACTSHEET")
@click.argument("more_sources", nargs=-1, metavar="[PATH...]")
@click.option(
    "--sources",
    "-s",
    "sources",
    multiple=True,
    metavar="PATH",
    help="A source file or folder ('-' for stdin); repeat it, or list more paths after it.",
)
@click.option("--strict", is_flag=True, help="Fail on unsupported facts too.")
@click.option(
    "--junit",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write JUnit XML (one test case per fact) to this file.",
)
@output_options(("table", "json", "sarif"), "table")
@click.option("--verbose", "-v", is_flag=True, help="Show every fact, not only the failing ones.")
@quiet_option
@settings_options("validate")
@follow_links_option
@click.pass_context
def validate_command(
    ctx: click.Context,
    /,
    factsheet: Path,
    more_sources: tuple[str, ...],
    sources: tuple[str, ...],
    strict: bool,
    junit: Path | None,
    fmt: str,
    output: Path | None,
    verbose: bool,
    quiet: bool,
    follow_links: bool,
    **settings_args: Any,
) -> None:
    """Validate every fact of FACTSHEET (.yaml or .csv) against the sources.

    The table format prints one line when every fact holds, and each failing
    fact with its FILE:LINE and the citations behind it otherwise (-v: every
    fact). Exit status: 0 when every fact holds, 1 when a fact is contradicted or
    a citation is broken (with --strict also when no source states a fact), 2 for
    unusable input. Under GitHub Actions (GITHUB_ACTIONS=true) failing facts are
    also annotated on the sheet's lines.
    """
    from factcheck.factsheet import load_factsheet
    from factcheck.factsheet.outputs import (
        github_annotations,
        junit_xml,
        render_table,
        sarif_json,
        summary_line,
        validation_json,
    )
    from factcheck.factsheet.validation import validate
    from factcheck.sources import load_sources

    paths = [*sources, *more_sources]
    if not paths:
        raise click.UsageError("no sources: give --sources PATH")
    settings = settings_from_options(**settings_args)
    sheet = load_factsheet(factsheet)
    stdin = getattr(sys.stdin, "buffer", sys.stdin)
    loaded = load_sources(paths, stdin=stdin, follow_links=follow_links)
    with progress_bar(quiet) as progress:
        validation = validate(sheet, loaded, settings, progress=progress)

    if fmt == "json":
        text = validation_json(validation, strict=strict)
    elif fmt == "sarif":
        text = sarif_json(validation, strict=strict)
    else:
        color = output is None and colour(sys.stdout)
        text = render_table(validation, strict=strict, color=color, width=width(), verbose=verbose)
    emit(text, output)
    if junit is not None:
        write_atomic(junit, junit_xml(validation, strict=strict))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        # Workflow commands are read from stdout; keep them out of JSON/SARIF written there.
        to_stderr = output is None and fmt != "table"
        lines = github_annotations(validation, strict=strict)
        if to_stderr:
            for line in lines:
                click.echo(line, err=True)
        else:
            with standard_output() as stream:
                for line in lines:
                    click.echo(line, file=stream)
    if not quiet and (fmt != "table" or output is not None):
        # The table ends with this line; every other output says it on stderr, for CI logs.
        where = f" -> {output}" if output is not None else ""
        click.echo(f"factcheck: {summary_line(validation, strict=strict)}{where}", err=True)
    if not validation.ok(strict):
        ctx.exit(EXIT_FINDINGS)
