"""The one exception tree of factcheck.

Every error the library raises on purpose derives from :class:`FactcheckError`.
Each carries where it happened (file, line, field) so that the CLI can print a
single line such as ``notes.yaml:12: facts[3].value: cannot parse 'abc'`` and
exit with the class's code, without a traceback.

    FactcheckError                 exit 3: internal failure
    ├── InputError                 exit 2: unusable input
    │   ├── SourceError            a source cannot be read or decoded
    │   ├── FactSheetError         a fact sheet is malformed
    │   └── SettingsError          an option or setting is invalid
    ├── OutputError                exit 2: an output cannot be written
    └── EmbeddingError             exit 3: the embedding model cannot run
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "EmbeddingError",
    "FactSheetError",
    "FactcheckError",
    "InputError",
    "OutputError",
    "SettingsError",
    "SourceError",
]


class FactcheckError(Exception):
    """Base class of every error factcheck raises on purpose."""

    exit_code: int = 3

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field

    def location(self) -> str:
        """``file:line: field`` as far as it is known, else an empty string."""
        parts: list[str] = []
        if self.path is not None:
            parts.append(self.path if self.line is None else f"{self.path}:{self.line}")
        elif self.line is not None:
            parts.append(f"line {self.line}")
        if self.field:
            parts.append(self.field)
        return ": ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


class InputError(FactcheckError):
    """The input cannot be used as given (exit code 2)."""

    exit_code = 2


class SourceError(InputError):
    """A source is missing, unreadable, binary, empty or not decodable."""


class FactSheetError(InputError):
    """A fact sheet is malformed: bad YAML/CSV, unknown field, duplicate id, bad value."""


class SettingsError(InputError):
    """An option or setting has an invalid value."""


class OutputError(FactcheckError):
    """An output file cannot be written (exit code 2)."""

    exit_code = 2


class EmbeddingError(FactcheckError):
    """The embedding model cannot be loaded or run (exit code 3)."""
