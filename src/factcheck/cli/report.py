"""`factcheck report PATH...`: cross-check the sources and write a report (``factcheck.report``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from factcheck.atomic import write_atomic
from factcheck.cli.app import EXIT_FINDINGS, emit
from factcheck.cli.options import (
    follow_links_option,
    output_options,
    quiet_option,
    settings_from_options,
    settings_options,
    sources_argument,
)
from factcheck.cli.progress import progress_bar
from factcheck.render import BINARY_FORMATS, FORMATS, REPORT_FORMATS

if TYPE_CHECKING:
    from factcheck.models import Report

__all__ = ["report_command", "summary"]


@click.command("report")
@sources_argument
@settings_options("report")
@output_options(FORMATS, "md")
@click.option(
    "--fail-on-conflict",
    is_flag=True,
    help="Exit with status 1 when a conflict is found (with --baseline: a new one).",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="Findings accepted earlier: --fail-on-conflict fails only on conflicts not in it.",
)
@click.option(
    "--update-baseline",
    is_flag=True,
    help="Write this run's findings to the --baseline file, accepting them all.",
)
@quiet_option
@follow_links_option
@click.pass_context
def report_command(
    ctx: click.Context,
    /,
    paths: tuple[str, ...],
    fmt: str,
    output: Path | None,
    fail_on_conflict: bool,
    baseline: Path | None,
    update_baseline: bool,
    quiet: bool,
    follow_links: bool,
    **options: Any,
) -> None:
    """Report conflicts and agreements between the numeric claims of PATH...

    PATH is a file (text, Markdown, HTML, JSON Lines), a folder, or '-' for
    standard input. The report goes to standard output unless --output is given.

    Formats: md, html, json; csv (a row per claim), findings-csv (a row per
    finding), text (a line per finding, 'path:line:column: verdict: why'), sqlite
    (tables for Datasette; needs --output).

    \b
    Exit status: 0 done, 1 conflicts found with --fail-on-conflict,
    2 unusable input, 3 internal failure.
    """
    from factcheck.crosscheck.pipeline import report
    from factcheck.render import render, render_bytes
    from factcheck.render.baseline import baseline_text, load_baseline, new_conflicts
    from factcheck.sources import load_sources

    if update_baseline and baseline is None:
        raise click.UsageError("--update-baseline needs --baseline FILE")
    if fmt in BINARY_FORMATS and output is None:
        raise click.UsageError(f"--format {fmt} writes a file: give --output FILE")
    accepted = load_baseline(baseline) if baseline is not None and not update_baseline else None
    settings = settings_from_options(**options)
    # Bytes, so that the loader detects the encoding as it does for files.
    stdin = getattr(sys.stdin, "buffer", sys.stdin)
    sources = load_sources(paths, stdin=stdin, follow_links=follow_links)
    with progress_bar(quiet) as progress:
        result = report(sources, settings, progress=progress)
        progress.start(f"writing the {REPORT_FORMATS[fmt].title} report")
        data = render_bytes(result, fmt) if fmt in BINARY_FORMATS else render(result, fmt)
        progress.finish()
    if isinstance(data, bytes) and output is not None:
        write_atomic(output, data)
    elif isinstance(data, str):
        emit(data, output)
    failing = len(result.conflicts)
    accepted_note = ""
    if accepted is not None:
        failing = len(new_conflicts(result, accepted))
        accepted_note = f" ({failing} new, {len(result.conflicts) - failing} in the baseline)"
    if update_baseline and baseline is not None:
        write_atomic(baseline, baseline_text(result))
    if not quiet:
        where = f" -> {output}" if output is not None else ""
        click.echo(f"factcheck: {summary(result)}{accepted_note}{where}", err=True)
    if fail_on_conflict and failing:
        ctx.exit(EXIT_FINDINGS)


def summary(result: Report) -> str:
    """``5 sources, 120 claims, 1 conflict, 12 agreements``: every verdict found, counted."""
    from factcheck.render.display import counted, verdict_words

    found: dict[str, int] = {"conflict": 0, "agree": 0}
    for finding in result.findings:
        found[finding.verdict.value] = found.get(finding.verdict.value, 0) + 1
    ranked = sorted(found.items(), key=lambda item: verdict_words(item[0]).rank)
    parts = [counted(len(result.sources), "source"), counted(len(result.claims), "claim")]
    parts += [verdict_words(verdict).count(number) for verdict, number in ranked]
    return ", ".join(parts)
