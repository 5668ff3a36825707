"""Command-line interface: a thin layer that parses options, calls the library, renders.

Every command calls one library function of its name: ``claims`` -> ``factcheck.claims``,
``report`` -> ``factcheck.report``, ``validate`` -> ``factcheck.validate``, ``explain`` ->
``factcheck.explain``. May
import anything in the package; nothing imports it.
"""

from __future__ import annotations

from factcheck.cli.app import cli, main
from factcheck.cli.claims import claims_command
from factcheck.cli.explain import explain_command
from factcheck.cli.report import report_command
from factcheck.cli.validate import validate_command

cli.add_command(claims_command)
cli.add_command(report_command)
cli.add_command(validate_command)
cli.add_command(explain_command)

__all__ = ["cli", "main"]
