"""Command-line interface: a thin layer that parses options, calls the library, renders."""

from __future__ import annotations

from factcheck.cli.app import cli, main
from factcheck.cli.check import check_command
from factcheck.cli.claims import claims_command
from factcheck.cli.report import report_command

cli.add_command(claims_command)
cli.add_command(report_command)
cli.add_command(check_command)

__all__ = ["cli", "main"]
