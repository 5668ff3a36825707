"""`factcheck explain PATH... --a CLAIM --b CLAIM`: why two claims were or were not compared."""

from __future__ import annotations

import sys
from typing import Any

import click

from factcheck.cli.app import standard_output
from factcheck.cli.options import (
    follow_links_option,
    settings_from_options,
    settings_options,
    sources_argument,
)

__all__ = ["explain_command"]


@click.command("explain")
@sources_argument
@click.option(
    "--a",
    "first",
    required=True,
    metavar="CLAIM",
    help="The first claim: its id, or SOURCE:TEXT where TEXT holds its figure.",
)
@click.option("--b", "second", required=True, metavar="CLAIM", help="The second claim.")
@settings_options("explain")
@follow_links_option
def explain_command(
    paths: tuple[str, ...], first: str, second: str, follow_links: bool, **options: Any
) -> None:
    """Explain why two claims of PATH... were or were not compared, and why their values
    do or do not conflict: their frames, the pair's features with each one's share of the
    decision, the probability that they state one fact, and the comparison of the values.

    Name a claim by its id (from `factcheck claims --format json`) or as SOURCE:TEXT,
    where SOURCE is the file name and TEXT a piece of its sentence that holds the figure:
    `factcheck explain seeds/ --a "a.txt:about 70%" --b "b.txt:more than 90%"`.
    """
    from factcheck.crosscheck.explain import explain
    from factcheck.sources import open_sources

    settings = settings_from_options(**options)
    stdin = getattr(sys.stdin, "buffer", sys.stdin)
    sources = open_sources(paths, stdin=stdin, follow_links=follow_links)
    found = explain(sources, first, second, settings)
    with standard_output() as stream:
        stream.write(found.text() + "\n")
