"""A baseline of accepted findings, so that ``--fail-on-conflict`` fails only on new ones.

A baseline file (JSON) lists the findings of a run that were reviewed and accepted,
each by a fingerprint of its verdict and its claims' sources, quotes and sentences:
not by offsets or ids, which move when text is added elsewhere in a source. A finding
whose claims change (a new conflicting figure joins it) is a new finding.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from factcheck.errors import InputError
from factcheck.models import Report
from factcheck.render.document import FindingDoc, document_and_findings

__all__ = ["BASELINE_VERSION", "baseline_text", "fingerprint", "load_baseline", "new_conflicts"]

BASELINE_VERSION = 1


def fingerprint(finding: FindingDoc) -> str:
    """What identifies a finding from one run to the next: verdict, and each claim's
    source, quote and sentence (whitespace folded)."""
    parts = sorted(
        "\x00".join((claim.source, claim.quote, " ".join(claim.sentence.split())))
        for claim in finding.claims
    )
    digest = hashlib.sha256("\x01".join([finding.verdict.value, *parts]).encode("utf-8"))
    return digest.hexdigest()[:24]


def baseline_text(report: Report) -> str:
    """The report's findings as a baseline file: fingerprints, with what a reviewer reads."""
    _, findings = document_and_findings(report)
    entries = sorted(
        (
            {
                "fingerprint": fingerprint(finding),
                "verdict": finding.verdict.value,
                "explanation": finding.explanation,
                "claims": [f"{c.source}:{c.line}: {c.quote}" for c in finding.claims],
            }
            for finding in findings
        ),
        key=lambda entry: (str(entry["verdict"]), str(entry["fingerprint"])),
    )
    return json.dumps({"version": BASELINE_VERSION, "findings": entries}, indent=2) + "\n"


def load_baseline(path: str | Path) -> frozenset[str]:
    """The fingerprints a baseline file accepts; a missing or malformed file is an
    :class:`~factcheck.errors.InputError` naming it."""
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except FileNotFoundError as exc:
        raise InputError("no such baseline file (--update-baseline writes it)", path=path) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from exc
    except (ValueError, RecursionError) as exc:
        raise InputError(f"not a baseline file: {str(exc)[:80]}", path=path) from exc
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(findings, list) or data.get("version") != BASELINE_VERSION:
        raise InputError(
            f"not a baseline file of version {BASELINE_VERSION} (expected "
            '{"version": 1, "findings": [...]})',
            path=path,
        )
    accepted: set[str] = set()
    for index, entry in enumerate(findings):
        mark = entry.get("fingerprint") if isinstance(entry, dict) else None
        if not isinstance(mark, str):
            raise InputError(
                "a finding without a fingerprint", path=path, field=f"findings[{index}]"
            )
        accepted.add(mark)
    return frozenset(accepted)


def new_conflicts(report: Report, accepted: frozenset[str]) -> list[FindingDoc]:
    """The report's conflicts that the baseline does not accept."""
    document, _ = document_and_findings(report)
    return [finding for finding in document.conflicts if fingerprint(finding) not in accepted]
