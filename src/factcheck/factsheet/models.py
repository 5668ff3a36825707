"""The fact-sheet format: what a curated sheet of published figures may say.

These models *are* the format: the YAML and CSV loaders validate into them,
and ``docs/factsheet.schema.json`` is generated from them. Where each fact
sits in its file (path, line) is kept in private attributes set by the
loaders, so that no sheet can set it and the schema does not show it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
)
from pydantic_core import PydanticCustomError

if TYPE_CHECKING:
    from factcheck.models import Quantity
    from factcheck.settings import Settings

__all__ = ["Acceptance", "CitedQuote", "Fact", "FactSheet", "parse_expected"]

_CARRIER = "The value is {}."
_PERCENT_TOLERANCE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*$")


class _SheetModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class CitedQuote(_SheetModel):
    """Where the sheet says a fact is stated: a source and its exact words."""

    source: str = Field(
        min_length=1,
        description="The source's id: its file name, or its id in a JSON Lines file.",
    )
    quote: str = Field(
        min_length=1,
        description="Words copied from the source; compared with whitespace, typographic "
        "quotes and dashes normalised. It must state the expected value.",
    )


class Acceptance(_SheetModel):
    """A known disagreement the team accepts for now: CI stays green, reports show it."""

    reason: str = Field(min_length=1, description="Why the disagreement is accepted.")


def parse_expected(text: str, settings: Settings | None = None) -> Quantity:
    """The one quantity that an expected value states, or ValueError naming what was found."""
    from factcheck.extract import extract_claims

    # Read inside a plain sentence: alone, "2025-11-10" looks like a dateline,
    # which extraction rightly skips in articles.
    carrier = _CARRIER.format(text)
    start = _CARRIER.index("{")
    claims = [
        claim
        for claim in extract_claims(carrier, settings)
        if start <= claim.citation.start and claim.citation.end <= start + len(text)
    ]
    if len(claims) == 1:
        return claims[0].quantity
    if not claims:
        raise ValueError(f"cannot read a value from {text!r}")
    found = ", ".join(repr(c.citation.quote) for c in claims)
    raise ValueError(f"{text!r} states {len(claims)} values ({found}); give exactly one")


class Fact(_SheetModel):
    """One published figure: what it measures, its value, and where it is stated."""

    id: str = Field(
        min_length=1,
        max_length=100,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$",
        description="Unique within the sheet; letters, digits, '_', '.', ':', '-'.",
    )
    statement: str = Field(
        min_length=1,
        description="What the value measures, in words: matched against what the "
        "sources' sentences say.",
    )
    expected: str = Field(
        min_length=1,
        description="The value with an optional qualifier or range: 'about 70%', "
        "'2025-11-10', '$660 billion', 'more than 90%', '5-7 years'.",
    )
    tolerance: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        allow_inf_nan=False,
        description="Relative gap still counted as agreement for this fact (0.05 or '5%', "
        "at most 1); default: the run's tolerance setting.",
    )
    citations: tuple[CitedQuote, ...] = Field(
        default=(), description="Quotes that state the fact; each is checked."
    )
    accepted: Acceptance | None = Field(
        default=None,
        description="Marks a contradiction as known and accepted: reported, not failed.",
    )

    @field_validator("expected", mode="before")
    @classmethod
    def _expected_as_text(cls, value: Any) -> Any:
        # Unquoted YAML scalars arrive typed: 2025-11-10 as a date, 660 as an int.
        if isinstance(value, datetime):
            return value.date().isoformat()
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        return value

    @field_validator("expected")
    @classmethod
    def _expected_parses(cls, value: str) -> str:
        parse_expected(value)
        return value

    @field_validator("tolerance", mode="before")
    @classmethod
    def _tolerance_percent(cls, value: Any) -> Any:
        if isinstance(value, bool):  # YAML's true would pass as 1.0, which CSV refuses
            raise ValueError(
                f"must be a number from 0 to 1 or a percentage, not {str(value).lower()}"
            )
        if isinstance(value, str):
            match = _PERCENT_TOLERANCE.match(value)
            if match:
                return float(match.group(1)) / 100.0
            if not value.strip():
                return None
        return value

    def quantity(self, settings: Settings | None = None) -> Quantity:
        """The expected value as a quantity (dates without a year use the settings)."""
        return parse_expected(self.expected, settings)


class FactSheet(_SheetModel):
    """A curated list of facts to validate against sources."""

    title: str | None = Field(default=None, description="A name for the sheet.")
    facts: tuple[Fact, ...] = Field(description="The facts, at least one; ids unique.")

    _path: str | None = PrivateAttr(default=None)
    _lines: dict[str, int] = PrivateAttr(default_factory=dict)

    @field_validator("facts")
    @classmethod
    def _unique_ids(cls, facts: tuple[Fact, ...]) -> tuple[Fact, ...]:
        # Checked here rather than with min_length, which pydantic also reports
        # (confusingly) whenever a fact itself is invalid.
        if not facts:
            raise ValueError("a fact sheet needs at least one fact")
        first: dict[str, int] = {}
        for index, fact in enumerate(facts):
            if fact.id in first:
                raise PydanticCustomError(
                    "duplicate_id",
                    "duplicate fact id '{id}' (first used by facts[{first}])",
                    {"id": fact.id, "index": index, "first": first[fact.id]},
                )
            first[fact.id] = index
        return facts

    def located(self, path: str | None, lines: dict[str, int]) -> FactSheet:
        """A copy that knows its file and the line of each fact (set by the loaders)."""
        sheet = self.model_copy()
        sheet._path = path
        sheet._lines = dict(lines)
        return sheet

    @property
    def path(self) -> str | None:
        """The file the sheet was read from, if any."""
        return self._path

    def line_of(self, fact_id: str) -> int | None:
        """1-based line where a fact starts in its file, if known."""
        return self._lines.get(fact_id)
