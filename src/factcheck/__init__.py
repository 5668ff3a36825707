"""factcheck: claim-level numeric fact cross-checking with exact citations.

Data flows one way: sources -> sentences -> claims -> clusters -> findings ->
report. The verbs: ``load_sources``, ``extract_claims``, ``report`` (the whole
cross-check; ``report_texts`` for strings; ``check`` is its old name, kept for one
release) and ``validate`` (a fact sheet against sources). Public names are loaded
on first use so that ``import factcheck`` stays fast; torch and the embedding model
load only when something is embedded.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from factcheck.crosscheck.embed import Embedder, SentenceTransformerEmbedder
    from factcheck.crosscheck.pipeline import check, report, report_texts
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

# name -> module that defines it; resolved lazily by __getattr__ below.
_EXPORTS: dict[str, str] = {
    "Citation": "factcheck.models",
    "Claim": "factcheck.models",
    "ClaimRecord": "factcheck.models",
    "Cluster": "factcheck.models",
    "Finding": "factcheck.models",
    "Frame": "factcheck.models",
    "Kind": "factcheck.models",
    "Modality": "factcheck.models",
    "Qualifier": "factcheck.models",
    "Quantity": "factcheck.models",
    "Report": "factcheck.models",
    "Sentence": "factcheck.models",
    "Source": "factcheck.models",
    "Verdict": "factcheck.models",
    "Settings": "factcheck.settings",
    "EmbeddingError": "factcheck.errors",
    "FactcheckError": "factcheck.errors",
    "FactSheetError": "factcheck.errors",
    "InputError": "factcheck.errors",
    "OutputError": "factcheck.errors",
    "SettingsError": "factcheck.errors",
    "SourceError": "factcheck.errors",
    "load_sources": "factcheck.sources",
    "split_sentences": "factcheck.extract",
    "extract_claims": "factcheck.extract",
    "Embedder": "factcheck.crosscheck.embed",
    "SentenceTransformerEmbedder": "factcheck.crosscheck.embed",
    "report": "factcheck.crosscheck.pipeline",
    "report_texts": "factcheck.crosscheck.pipeline",
    "check": "factcheck.crosscheck.pipeline",  # the old name of report(), kept for one release
    "Fact": "factcheck.factsheet",
    "FactSheet": "factcheck.factsheet",
    "load_factsheet": "factcheck.factsheet",
    "FactResult": "factcheck.factsheet.validation",
    "Validation": "factcheck.factsheet.validation",
    "validate": "factcheck.factsheet.validation",
}

__all__ = [
    "Citation",
    "Claim",
    "ClaimRecord",
    "Cluster",
    "Embedder",
    "EmbeddingError",
    "Fact",
    "FactResult",
    "FactSheet",
    "FactSheetError",
    "FactcheckError",
    "Finding",
    "Frame",
    "InputError",
    "Kind",
    "Modality",
    "OutputError",
    "Qualifier",
    "Quantity",
    "Report",
    "Sentence",
    "SentenceTransformerEmbedder",
    "Settings",
    "SettingsError",
    "Source",
    "SourceError",
    "Validation",
    "Verdict",
    "__version__",
    "check",
    "extract_claims",
    "load_factsheet",
    "load_sources",
    "report",
    "report_texts",
    "split_sentences",
    "validate",
]


def __getattr__(name: str) -> Any:
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value  # cache: later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
