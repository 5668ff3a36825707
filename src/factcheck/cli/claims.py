"""`factcheck claims` (to be written)."""

import click


@click.command("claims")
def claims_command() -> None:
    """Not yet available."""
    raise click.UsageError("not yet available")
