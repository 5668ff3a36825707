"""factcheck: claim-level numeric fact cross-checking with exact citations.

Data flows one way: sources -> sentences -> claims -> clusters -> findings ->
report. The verbs, each the library side of the command of its name: ``claims`` (the
numeric claims of sources), ``report`` (the whole cross-check; ``report_texts`` for
strings), ``validate`` (a fact sheet against sources) and ``explain`` (why two claims were
or were not compared); and the stages' own: ``load_sources``, ``split_sentences``,
``extract_claims`` (the claims of one text). Public names are loaded on first use so that
``import factcheck`` stays fast; torch and the embedding model load only when
something is embedded.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from factcheck.crosscheck.embed import Embedder, SentenceTransformerEmbedder
    from factcheck.crosscheck.explain import PairExplanation, explain
    from factcheck.crosscheck.pipeline import claims, report, report_texts
    from factcheck.errors import (
        EmbeddingError,
        FactcheckError,
        FactSheetError,
        InputError,
        OutputError,
        SettingsError,
        SourceError,
    )
    from factcheck.extract import extract_claims, split_sentences
    from factcheck.factsheet import Fact, FactSheet, load_factsheet
    from factcheck.factsheet.validation import FactResult, Validation, validate
    from factcheck.models import (
        Citation,
        Claim,
        ClaimRecord,
        Cluster,
        Finding,
        Frame,
        Kind,
        Modality,
        Qualifier,
        Quantity,
        Report,
        Sentence,
        Source,
        Verdict,
    )
    from factcheck.settings import Settings
    from factcheck.sources import load_sources

# The public names, each written here once by the module that defines it; resolved lazily
# by __getattr__ below. The imports under TYPE_CHECKING above are for type checkers only
# (a test checks that they name exactly these).
_PUBLIC: dict[str, tuple[str, ...]] = {
    "factcheck.models": (
        "Citation",
        "Claim",
        "ClaimRecord",
        "Cluster",
        "Finding",
        "Frame",
        "Kind",
        "Modality",
        "Qualifier",
        "Quantity",
        "Report",
        "Sentence",
        "Source",
        "Verdict",
    ),
    "factcheck.settings": ("Settings",),
    "factcheck.errors": (
        "EmbeddingError",
        "FactcheckError",
        "FactSheetError",
        "InputError",
        "OutputError",
        "SettingsError",
        "SourceError",
    ),
    "factcheck.sources": ("load_sources",),
    "factcheck.extract": ("extract_claims", "split_sentences"),
    "factcheck.crosscheck.embed": ("Embedder", "SentenceTransformerEmbedder"),
    "factcheck.crosscheck.pipeline": ("claims", "report", "report_texts"),
    "factcheck.crosscheck.explain": ("PairExplanation", "explain"),
    "factcheck.factsheet": ("Fact", "FactSheet", "load_factsheet"),
    "factcheck.factsheet.validation": ("FactResult", "Validation", "validate"),
}
_EXPORTS = {name: module for module, names in _PUBLIC.items() for name in names}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value  # cache: later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
