"""Render a report as Markdown, HTML, JSON, CSV, text lines or SQLite: :func:`render`.

Owns the published JSON contract (``document``, ``schema``), the pandas tables
(``tables``), the wording of numbers, counts and verdicts (``display``), what the
readable reports show of each finding and in which order (``views``) and the
renderers (``markdown``, ``html`` with ``charts``, ``json``, ``csv``, and ``claims``
for the claims listing). May import ``factcheck.models``, ``units``, ``settings``,
``errors``, ``atomic`` and ``escape``; never a stage (``sources``, ``extract``,
``crosscheck``), ``factsheet`` or ``cli``.
"""

from __future__ import annotations

import importlib
from typing import Any

from factcheck.errors import SettingsError
from factcheck.models import Report

__all__ = ["BINARY_FORMATS", "FORMATS", "render", "render_bytes"]

FORMATS: tuple[str, ...] = ("md", "html", "json", "csv", "findings-csv", "text", "sqlite")
"""Every format :func:`render_bytes` knows, in the order the CLI offers them: ``csv`` has
a row per claim, ``findings-csv`` a row per finding, ``text`` a line per finding."""

BINARY_FORMATS: tuple[str, ...] = ("sqlite",)
"""Formats that are not text: :func:`render_bytes` writes them, :func:`render` refuses."""

_MODULES = {
    "md": "markdown",
    "html": "html",
    "json": "json",
    "csv": "csv",
    "findings-csv": "findings_csv",
    "text": "text",
    "sqlite": "sqlite",
}


def _module(fmt: str) -> Any:
    name = _MODULES.get(fmt)
    if name is None:
        raise SettingsError(
            f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}",
            field="format",
        )
    # Imported on demand: the HTML renderer pulls in jinja2.
    return importlib.import_module(f"factcheck.render.{name}")


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
