"""Render a report as Markdown, HTML, JSON or CSV: :func:`render`.

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

from factcheck.errors import SettingsError
from factcheck.models import Report

__all__ = ["FORMATS", "render"]

FORMATS: tuple[str, ...] = ("md", "html", "json", "csv")
"""Every format :func:`render` knows, in the order the CLI offers them."""

_MODULES = {"md": "markdown", "html": "html", "json": "json", "csv": "csv"}


def render(report: Report, fmt: str) -> str:
    """The report as text in format ``fmt`` (one of :data:`FORMATS`)."""
    name = _MODULES.get(fmt)
    if name is None:
        raise SettingsError(
            f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}",
            field="format",
        )
    # Imported on demand: the HTML renderer pulls in jinja2.
    module = importlib.import_module(f"factcheck.render.{name}")
    text: str = module.render(report)
    return text
