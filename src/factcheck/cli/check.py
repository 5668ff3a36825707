"""`factcheck check` (to be written)."""

import click


@click.command("check")
def check_command() -> None:
    """Not yet available."""
    raise click.UsageError("not yet available")
