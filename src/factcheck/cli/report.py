"""`factcheck report PATH...`: cross-check the sources and write a report (``factcheck.report``)."""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
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
from factcheck.errors import SettingsError
from factcheck.render import BINARY_FORMATS, FORMATS, REPORT_FORMATS

if TYPE_CHECKING:
    from factcheck.crosscheck.engine import Engine
    from factcheck.models import Report
    from factcheck.progress import Progress

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
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    envvar="DASK_SCHEDULER_ADDRESS",
    default=None,
    help="Run on the Dask cluster of this scheduler (tcp://HOST:PORT; needs factcheck[dask]) "
    "[env: DASK_SCHEDULER_ADDRESS].",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 1024),
    default=None,
    help="Run on a local Dask cluster of this many workers (needs factcheck[dask]).",
)
@click.option(
    "--parquet",
    is_flag=True,
    help="Also write the claims, clusters and findings as Parquet next to --output "
    "(REPORT.claims.parquet...; needs pyarrow). Runs on Dask do it always.",
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
    scheduler: str | None,
    workers: int | None,
    parquet: bool,
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
    on_dask = scheduler is not None or workers is not None
    if parquet and output is None:
        raise SettingsError("--parquet writes next to the report: give --output", field="--parquet")
    # Bytes, so that the loader detects the encoding as it does for files.
    stdin = getattr(sys.stdin, "buffer", sys.stdin)
    sources = load_sources(paths, stdin=stdin, follow_links=follow_links)
    with progress_bar(quiet) as progress, _engine(scheduler, workers, progress) as engine:
        result = report(sources, settings, progress=progress, engine=engine)
        progress.start(f"writing the {REPORT_FORMATS[fmt].title} report")
        data = render_bytes(result, fmt) if fmt in BINARY_FORMATS else render(result, fmt)
        progress.finish()
        if output is not None and (parquet or on_dask):
            from factcheck.render.parquet import write_parquet

            progress.start("writing the Parquet tables")
            write_parquet(result, output)
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


@contextlib.contextmanager
def _engine(
    scheduler: str | None, workers: int | None, progress: Progress
) -> Iterator[Engine | None]:
    """The Dask engine when asked for, else None (the library's default engine)."""
    if scheduler is None and workers is None:
        yield None
        return
    try:
        from factcheck.crosscheck.distributed import dask_engine
    except ImportError as exc:
        raise SettingsError(
            f"running on Dask needs the 'dask' extra: pip install 'factcheck[dask]' ({exc})",
            field="--scheduler" if scheduler else "--workers",
        ) from exc
    # Dask sets its loggers to INFO on import; the run's progress says what matters.
    logging.getLogger("distributed").setLevel(logging.WARNING)
    # A worker slow to stop when the local cluster closes is killed: nothing is lost.
    logging.getLogger("distributed.nanny").setLevel(logging.ERROR)
    with dask_engine(scheduler, workers, progress=progress) as engine:
        yield engine


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
