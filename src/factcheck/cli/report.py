"""`factcheck report` (to be written)."""

import click


@click.command("report")
def report_command() -> None:
    """Not yet available."""
    raise click.UsageError("not yet available")
