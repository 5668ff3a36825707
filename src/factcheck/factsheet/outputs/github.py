"""GitHub Actions workflow commands that annotate the fact sheet's lines."""

from __future__ import annotations

from factcheck.factsheet.outputs.summary import cited_lines, headline, label, visible
from factcheck.factsheet.validation import FactVerdict, Validation

__all__ = ["github_annotations"]


def _escape_data(text: str) -> str:
    # The workflow-command escapes keep a payload on its own line; what control
    # characters are left (an ANSI escape that would restyle the log) are shown.
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(validation: Validation, *, strict: bool = False) -> list[str]:
    """``::error file=...,line=...,title=...::message`` per failing fact; notices for the rest.

    Accepted disagreements become warnings, so they stay visible on the pull request.
    """
    lines: list[str] = []
    for result in validation.results:
        if result.failed(strict):
            level = "error"
        elif result.verdict in (FactVerdict.ACCEPTED, FactVerdict.UNSUPPORTED):
            level = "warning"
        else:
            continue
        properties = []
        if validation.sheet:
            properties.append(f"file={_escape_property(validation.sheet)}")
            if result.line is not None:
                properties.append(f"line={result.line}")
        properties.append(f"title={_escape_property(f'{result.id}: {label(result)}')}")
        message = "\n".join([headline(result), *cited_lines(result)])
        lines.append(f"::{level} {','.join(properties)}::{_escape_data(message)}")
    return lines
