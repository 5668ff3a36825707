"""The JSON form of a validation: every verdict, with the run's pass/fail."""

from __future__ import annotations

import json

from factcheck.factsheet.validation import Validation

__all__ = ["validation_json"]


def validation_json(validation: Validation, *, strict: bool = False) -> str:
    """Deterministic JSON: the validation plus ``ok``, ``strict``, ``counts`` and failed ids."""
    document = {
        "ok": validation.ok(strict),
        "strict": strict,
        "counts": validation.counts(),
        "failed": [r.id for r in validation.failures(strict)],
        **validation.model_dump(mode="json"),
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
