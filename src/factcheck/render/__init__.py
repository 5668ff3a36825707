"""Render a report as Markdown, HTML, JSON or CSV: :func:`render`.

Owns the published JSON contract (``document``, ``schema``), the pandas tables
(``tables``), the wording of numbers, counts and verdicts (``display``), what the
readable reports show of each finding and in which order (``views``) and the
renderers (``markdown``, ``html`` with ``charts``, ``json``, ``csv``, and ``claims``
for the claims listing). May import ``factcheck.models``, ``units``, ``settings``,
``errors``, ``atomic`` and ``escape``; never a stage (``sources``, ``extract``,
``crosscheck``), ``factsheet`` or ``cli``.

A new report format is one row of :data:`REPORT_FORMATS` and its module, which has a
``render(report) -> str``; the CLI's ``--format`` choices are read from the table.
"""

from __future__ import annotations

import importlib
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from factcheck.errors import SettingsError

if TYPE_CHECKING:  # at run time only when rendering: `factcheck --help` reads the table
    from factcheck.models import Report

__all__ = ["FORMATS", "REPORT_FORMATS", "ReportFormat", "render"]


class ReportFormat(NamedTuple):
    """A report format: the module under ``factcheck.render`` that renders it, and its
    name in progress lines ("writing the HTML report")."""

    module: str
    title: str


REPORT_FORMATS = MappingProxyType(
    {
        "md": ReportFormat("markdown", "Markdown"),
        "html": ReportFormat("html", "HTML"),
        "json": ReportFormat("json", "JSON"),
        "csv": ReportFormat("csv", "CSV"),
    }
)
"""Every format :func:`render` knows, by its ``--format`` name, in the order the CLI
offers them."""

FORMATS: tuple[str, ...] = tuple(REPORT_FORMATS)
"""The names of :data:`REPORT_FORMATS`."""


def render(report: Report, fmt: str) -> str:
    """The report as text in format ``fmt`` (one of :data:`FORMATS`)."""
    found = REPORT_FORMATS.get(fmt)
    if found is None:
        raise SettingsError(
            f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}",
            field="format",
        )
    # Imported on demand: the HTML renderer pulls in jinja2.
    module = importlib.import_module(f"factcheck.render.{found.module}")
    text: str = module.render(report)
    return text
