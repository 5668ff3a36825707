"""Untrusted text made safe to print: control characters written out as escapes."""

from __future__ import annotations

import re

__all__ = ["FORMULA_STARTS", "spreadsheet_cell", "visible"]

# C0 controls but tab and line feed, DEL, C1 controls, bidirectional overrides and
# isolates, lone surrogates and the two non-characters XML 1.0 forbids.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def visible(text: str) -> str:
    """``text`` with control characters written out as escapes (``\\x1b``, ``\\u202e``).

    Sheets and sources are untrusted: a raw escape sequence would recolour, clear or
    relink a CI log, a bidirectional override would reorder what it shows, and XML
    1.0 cannot hold most C0 controls at all.
    """
    return _CONTROL.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection")."""


def spreadsheet_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as written: text is made :func:`visible`, and
    text starting with ``= + - @``, tab or carriage return gets a leading single quote,
    as the OWASP guidance on CSV injection recommends (``=HYPERLINK(...)`` from a
    source's text or file name would otherwise run). Numbers are left as they are.
    """
    if not isinstance(value, str):
        return value
    text = visible(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
