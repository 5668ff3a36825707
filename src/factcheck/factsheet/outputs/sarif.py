"""SARIF 2.1.0 for code-scanning dashboards: each problem points at its fact's line in the sheet."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any

from factcheck import __version__
from factcheck.factsheet.outputs.summary import cited_lines, headline
from factcheck.factsheet.validation import FactResult, FactVerdict, Validation

__all__ = ["SARIF_SCHEMA", "sarif_json", "sarif_log"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

_RULES: dict[FactVerdict, str] = {
    FactVerdict.CONTRADICTED: "A source states the fact with a value that conflicts with it.",
    FactVerdict.CITATION_BROKEN: "A cited quote is not in its source, or states another value.",
    FactVerdict.UNSUPPORTED: "No source states the fact.",
}


def _rule_of(result: FactResult) -> FactVerdict | None:
    if result.verdict is FactVerdict.ACCEPTED:
        return FactVerdict.CONTRADICTED  # reported, but suppressed with the team's reason
    return result.verdict if result.verdict in _RULES else None


def _result(validation: Validation, result: FactResult, rule: FactVerdict, strict: bool) -> Any:
    level = "error" if result.failed(strict) else "warning"
    out: dict[str, Any] = {
        "ruleId": rule.value,
        "ruleIndex": list(_RULES).index(rule),
        "level": level,
        "message": {"text": "\n".join([headline(result), *cited_lines(result)])},
        "partialFingerprints": {"factId/v1": result.id},
    }
    if validation.sheet:
        location: dict[str, Any] = {
            "physicalLocation": {
                "artifactLocation": {"uri": PurePath(validation.sheet).as_posix()},
                "region": {"startLine": result.line or 1},
            }
        }
        out["locations"] = [location]
    if result.accepted_reason:
        out["suppressions"] = [{"kind": "external", "justification": result.accepted_reason}]
    return out


def sarif_log(validation: Validation, *, strict: bool = False) -> dict[str, Any]:
    """The SARIF log as a dict: one run, one rule per failing verdict, one result per problem."""
    rules = [
        {
            "id": verdict.value,
            "name": verdict.value.replace("_", "-"),
            "shortDescription": {"text": text},
            "defaultConfiguration": {"level": "error"},
        }
        for verdict, text in _RULES.items()
    ]
    results = []
    for result in validation.results:
        rule = _rule_of(result)
        if rule is not None:
            results.append(_result(validation, result, rule, strict))
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "factcheck",
                        "version": __version__,
                        "informationUri": "https://github.com/factcheck-claims/factcheck",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }


def sarif_json(validation: Validation, *, strict: bool = False) -> str:
    """The SARIF log as JSON text."""
    return json.dumps(sarif_log(validation, strict=strict), indent=2, ensure_ascii=False) + "\n"
