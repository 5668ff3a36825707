"""Markdown metadata: title and date from YAML front matter, else the first heading.

The source's text stays the raw file, front matter included, so citations
point into the file as written.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from factcheck.sources.dates import parse_iso_date
from factcheck.sources.lines import iter_lines
from factcheck.sources.published import dateline_date, find_publication_date
from factcheck.sources.yaml_screen import refusal, safe_loader

__all__ = ["markdown_meta"]

logger = logging.getLogger(__name__)

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FRONT_MATTER_CHARS = 65536  # front matter is a short header; never scan a whole file for it


def _front_matter(text: str, where: str | Path) -> dict[str, Any]:
    found = _FRONT_MATTER.match(text[:_FRONT_MATTER_CHARS])
    if found is None:
        return {}
    import yaml

    body = found.group(1)
    try:
        refused = refusal(body)
        if refused is not None:
            problem, line = refused
            # The front matter starts on the file's second line.
            logger.warning("%s:%d: front matter not read: %s", where, line + 1, problem)
            return {}
        meta = yaml.load(body, Loader=safe_loader())
    # A safe load can still fail on hostile or odd front matter: syntax errors, deep
    # nesting, values its constructors cannot build (a 5,000-digit integer, 2025-13-45).
    except (
        yaml.YAMLError, RecursionError, ValueError, ArithmeticError, LookupError, TypeError,
        AttributeError,
    ) as exc:  # fmt: skip
        logger.warning("%s: front matter is not YAML, read as text (%s)", where, type(exc).__name__)
        return {}
    return meta if isinstance(meta, dict) else {}


def _scalar(value: object) -> str | None:
    """A title from front matter: a string or number, never a list or mapping's repr."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


def _date_of(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return parse_iso_date(value) or dateline_date(value)
    return None


def _first_heading(text: str) -> str | None:
    in_code = False  # "# comment" inside a fenced code block is no heading
    for line in iter_lines(text):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        elif not in_code and line.startswith(("# ", "#\t")):
            return line[1:].strip().rstrip("#").strip() or None
    return None


def markdown_meta(text: str, where: str | Path) -> tuple[str | None, date | None]:
    """The title and publication date of a Markdown document."""
    meta = _front_matter(text, where)
    title = _scalar(meta.get("title")) or _first_heading(text)
    published = _date_of(meta.get("date")) or _date_of(meta.get("published"))
    return title, published or find_publication_date(text)
