"""Render a report as Markdown, HTML, JSON, CSV, text lines or SQLite: :func:`render`.

Owns the published JSON contract (``document``, ``schema``), the pandas tables
(``tables``), the wording of numbers, counts and verdicts (``display``), what the
readable reports show of each finding and in which order (``views``) and the
renderers (``markdown``, ``html`` with ``charts``, ``json``, ``csv``, ``findings_csv``,
``text``, ``sqlite``, and ``claims`` for the claims listing). May import
``factcheck.models``, ``units``, ``settings``, ``errors``, ``atomic`` and ``escape``;
never a stage (``sources``, ``extract``, ``crosscheck``), ``factsheet`` or ``cli``.

A new report format is one row of :data:`REPORT_FORMATS` and its module, which has a
``render(report) -> str`` (or, for a binary format, ``render_bytes(report) -> bytes``);
the CLI's ``--format`` choices are read from the table.
"""

from __future__ import annotations

import importlib
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from factcheck.errors import SettingsError

if TYPE_CHECKING:  # at run time only when rendering: `factcheck --help` reads the table
    from factcheck.models import Report

__all__ = [
    "BINARY_FORMATS",
    "FORMATS",
    "REPORT_FORMATS",
    "ReportFormat",
    "render",
    "render_bytes",
]


class ReportFormat(NamedTuple):
    """A report format: the module under ``factcheck.render`` that renders it, its name in
    progress lines ("writing the HTML report"), and whether it is a file of bytes."""

    module: str
    title: str
    binary: bool = False


REPORT_FORMATS = MappingProxyType(
    {
        "md": ReportFormat("markdown", "Markdown"),
        "html": ReportFormat("html", "HTML"),
        "json": ReportFormat("json", "JSON"),
        "csv": ReportFormat("csv", "CSV"),
        "findings-csv": ReportFormat("findings_csv", "findings CSV"),
        "text": ReportFormat("text", "text"),
        "sqlite": ReportFormat("sqlite", "SQLite", binary=True),
    }
)
"""Every format :func:`render_bytes` knows, by its ``--format`` name, in the order the CLI
offers them: ``csv`` has a row per claim, ``findings-csv`` a row per finding, ``text`` a
line per finding."""

FORMATS: tuple[str, ...] = tuple(REPORT_FORMATS)
"""The names of :data:`REPORT_FORMATS`."""

BINARY_FORMATS: tuple[str, ...] = tuple(f for f, spec in REPORT_FORMATS.items() if spec.binary)
"""Formats that are not text: :func:`render_bytes` writes them, :func:`render` refuses."""


def _module(fmt: str) -> Any:
    found = REPORT_FORMATS.get(fmt)
    if found is None:
        raise SettingsError(
            f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}",
            field="format",
        )
    # Imported on demand: the HTML renderer pulls in jinja2.
    return importlib.import_module(f"factcheck.render.{found.module}")


def render(report: Report, fmt: str) -> str:
    """The report as text in format ``fmt`` (one of :data:`FORMATS`, not a binary one)."""
    if fmt in BINARY_FORMATS:
        raise SettingsError(f"{fmt} is not text: use render_bytes()", field="format")
    text: str = _module(fmt).render(report)
    return text


def render_bytes(report: Report, fmt: str) -> bytes:
    """The report as the bytes of a file in format ``fmt`` (text formats as UTF-8)."""
    if fmt not in BINARY_FORMATS:
        return render(report, fmt).encode("utf-8")
    data: bytes = _module(fmt).render_bytes(report)
    return data
