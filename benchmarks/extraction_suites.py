"""Recall and precision of extraction on other extractors' public English test suites.

The cases are stored, with their origin and licence, under
``benchmarks/data/extraction/`` (one JSON object per line; the first line says where
the cases come from). They are other projects' tests, never tuned on case by case:
the figures say how factcheck reads English it has not seen.

A gold quantity is found when a claim's span overlaps its surface and the values
agree (relative 1e-6): numbers by value (a share such as "two thirds" also counts as
0.667 when read as 66.7%), percentages by value, ranges by both ends (``null`` for an
open end), money by value in the main unit and by ISO code where the gold names one,
dates by span only (that suite gives no values). quantulum3's own suite is scored by
value, or by the exact surface (its units differ from factcheck's).

Precision counts the claims that match a gold quantity among the claims that suite
can judge: every claim for numbers, percentages and ranges, money claims for the
currency suite, date claims for the date suite.

    .venv/bin/python benchmarks/extraction_suites.py [--quantulum] [--misses SUITE]
"""

from __future__ import annotations

import argparse
import json
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from factcheck.extract import extract_claims
from factcheck.models import Claim, Kind
from factcheck.settings import Settings

DATA = Path(__file__).resolve().parent / "data" / "extraction"
SETTINGS = Settings(reference_date=date(2016, 11, 7))


@dataclass
class Found:
    """A prediction: span, value(s) and what the suite may judge of it."""

    start: int
    end: int
    quote: str
    kind: str
    value: Any
    unit: str
    low: float | None
    high: float | None


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0

    def add(self, other: Score) -> None:
        self.expected += other.expected
        self.found += other.found
        self.predicted += other.predicted
        self.correct += other.correct

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


def _factcheck(text: str) -> list[Found]:
    def found(claim: Claim) -> Found:
        q = claim.quantity
        low = q.low if isinstance(q.low, int | float) else None
        high = q.high if isinstance(q.high, int | float) else None
        return Found(
            claim.citation.start,
            claim.citation.end,
            claim.citation.quote,
            q.kind.value,
            q.value,
            q.unit,
            low,
            high,
        )

    return [found(c) for c in extract_claims(text, SETTINGS)]


def _quantulum() -> Callable[[str], list[Found]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import classifier, parser

    classifier.USE_CLF = False

    def run(text: str) -> list[Found]:
        out = []
        for q in parser.parse(text):
            start, end = q.span
            unit = q.unit.name
            kind = "percent" if unit == "percentage" else "count"
            out.append(Found(start, end, q.surface, kind, q.value, unit, q.value, q.value))
        return out

    return run


# ---------------------------------------------------------------- matching rules


def _number(gold: dict[str, Any], got: Found, surface_ok: bool) -> bool:
    if surface_ok and got.quote.strip() == gold["surface"].strip():
        return True
    value = got.value if isinstance(got.value, int | float) else None
    if value is None:
        return False
    return _close(value, gold["value"]) or (
        got.kind == Kind.PERCENT.value and _close(value / 100, gold["value"])
    )


def _percent(gold: dict[str, Any], got: Found) -> bool:
    return got.kind == Kind.PERCENT.value and _close(got.value, gold["value"])


def _range(gold: dict[str, Any], got: Found) -> bool:
    low, high = gold["value"]
    return _close(got.low, low) and _close(got.high, high)


def _money(gold: dict[str, Any], got: Found) -> bool:
    unit_ok = gold.get("unit") is None or got.unit == gold["unit"]
    return got.kind == Kind.MONEY.value and _close(got.value, gold["value"]) and unit_ok


def _date(gold: dict[str, Any], got: Found) -> bool:
    return got.kind == Kind.DATE.value


@dataclass(frozen=True)
class Suite:
    category: str
    file: str
    match: Callable[[dict[str, Any], Found], bool]
    judged: Callable[[Found], bool]


SUITES = [
    Suite("numbers", "recognizers_number.jsonl", lambda g, f: _number(g, f, False), lambda f: True),
    Suite("percent", "recognizers_percent.jsonl", _percent, lambda f: True),
    Suite("ranges", "recognizers_range.jsonl", _range, lambda f: True),
    Suite("money", "recognizers_currency.jsonl", _money, lambda f: f.kind == Kind.MONEY.value),
    Suite("dates", "recognizers_date.jsonl", _date, lambda f: f.kind == Kind.DATE.value),
    Suite(
        "quantulum3 suite",
        "quantulum3_quantities.jsonl",
        lambda g, f: _number(g, f, True),
        lambda f: True,
    ),
]


def load(file: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    lines = (DATA / file).read_text("utf-8").splitlines()
    return json.loads(lines[0]), [json.loads(line) for line in lines[1:] if line.strip()]


def score_case(
    suite: Suite, case: dict[str, Any], extract: Callable[[str], list[Found]]
) -> tuple[Score, list[str]]:
    text = case["text"]
    got = [f for f in extract(text) if suite.judged(f)]
    used: set[int] = set()
    score = Score(expected=len(case["expected"]), predicted=len(got))
    misses = []
    search_from = 0
    for gold in case["expected"]:
        start = text.find(gold["surface"], search_from)
        if start < 0:
            start = text.find(gold["surface"])
        end = start + len(gold["surface"])
        search_from = end
        for index, item in enumerate(got):
            if index in used or not (item.start < end and start < item.end):
                continue
            if suite.match(gold, item):
                used.add(index)
                score.found += 1
                break
        else:
            misses.append(f"missed {gold['surface']!r} ({gold.get('value')})")
    score.correct = len(used)
    misses += [f"extra {f.quote!r} {f.kind} {f.value}" for i, f in enumerate(got) if i not in used]
    return score, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quantulum", action="store_true", help="score quantulum3 as well")
    parser.add_argument("--misses", metavar="CATEGORY", help="list the misses of one category")
    args = parser.parse_args()
    extractors: dict[str, Callable[[str], list[Found]]] = {"factcheck": _factcheck}
    if args.quantulum:
        extractors["quantulum3"] = _quantulum()
    print(f"{'suite':18} {'extractor':11} {'cases':>5} {'gold':>5} {'recall':>7} {'precision':>9}")
    for suite in SUITES:
        _header, cases = load(suite.file)
        for name, extract in extractors.items():
            total = Score()
            for case in cases:
                score, misses = score_case(suite, case, extract)
                total.add(score)
                if args.misses == suite.category and name == "factcheck" and misses:
                    print(f"  {case['text'][:70]!r}: {'; '.join(misses)}")
            print(
                f"{suite.category:18} {name:11} {len(cases):5} {total.expected:5} "
                f"{total.recall:7.0%} {total.precision:9.0%}"
            )


if __name__ == "__main__":
    main()
