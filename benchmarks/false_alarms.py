"""False alarms on corpora with no contradiction in them, and verdicts under syndication.

Two checks, printed side by side:

1. **Distinct facts**: a synthetic corpus of N sentences (default 5,000), one quantity
   each, every sentence about a different combination of country, good and measure, in
   sources of 50 sentences. No two sentences state the same fact, so every conflict the
   tool reports is false (target: at most 5 for 5,000 facts).
2. **Copies**: the seed corpus with every source copied k times (k = 1, 11, 40). Exact
   copies are one piece of evidence, so the conflicts must be the same as for the seeds
   alone, the rare-earth one included.

Run: ``.venv/bin/python benchmarks/false_alarms.py [--facts 5000] [--copies 1 11 40]``
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import factcheck
from factcheck.models import Report, Verdict

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

COUNTRIES = """Argentina Australia Austria Belgium Brazil Canada Chile China Colombia Denmark
Egypt Finland France Germany Greece India Indonesia Ireland Israel Italy Japan Kenya Malaysia
Mexico Morocco Netherlands Nigeria Norway Pakistan Peru Philippines Poland Portugal Romania
Russia Singapore Spain Sweden Switzerland Thailand Turkey Ukraine Vietnam Zambia""".split()
GOODS = """wheat rice maize soybean coffee cocoa sugar cotton copper nickel lithium cobalt zinc
aluminium steel iron gold silver oil gas coal timber salmon beef pork poultry dairy wine
semiconductors batteries textiles fertiliser cement paper glass tyres vehicles ships""".split()
QUALIFIERS = ["", "about ", "nearly ", "more than ", "at least ", "up to ", "almost "]
TEMPLATES = [
    "{country} expects {good} output to grow by {q}{pct}% this year.",
    "{country} earned {q}${money} billion from {good} sales last year.",
    "{country} exported {q}{count} million tonnes of {good} in {year}.",
    "Prices of {good} in {country} rose {q}{pct}% in {year}.",
    "{country} holds {q}{pct}% of the world's {good} reserves.",
    "{country} imported {q}${money} billion worth of {good} in {year}.",
    "About {q}{count} thousand people work in the {good} industry of {country}.",
    "{country} plans to invest {q}${money} billion in {good} by {future}.",
]


def distinct_facts(n: int, seed: int = 7) -> list[str]:
    """``n`` sentences, each a different (template, country, good) combination."""
    rng = random.Random(seed)
    combos = [(t, c, g) for t in TEMPLATES for c in COUNTRIES for g in GOODS]
    if n > len(combos):
        raise SystemExit(f"at most {len(combos)} distinct facts")
    rng.shuffle(combos)
    return [
        template.format(
            country=country,
            good=good,
            q=rng.choice(QUALIFIERS),
            pct=rng.choice([rng.randint(2, 95), round(rng.uniform(1, 60), 1)]),
            money=round(rng.uniform(1, 900), 1),
            count=rng.randint(2, 900),
            year=rng.randint(2015, 2024),
            future=rng.randint(2026, 2035),
        )
        for template, country, good in combos[:n]
    ]


def _conflicts(report: Report) -> list[str]:
    by_id = {c.id: c for c in report.claims}
    return sorted(
        " <> ".join(sorted(by_id[cid].citation.quote for cid in finding.claim_ids))
        for finding in report.findings
        if finding.verdict is Verdict.CONFLICT and finding.cross_source
    )


def check_folder(folder: Path) -> tuple[Report, float]:
    began = time.perf_counter()
    report = factcheck.report(factcheck.load_sources([folder]))
    return report, time.perf_counter() - began


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--facts", type=int, default=5000)
    parser.add_argument("--copies", type=int, nargs="*", default=[1, 11, 40])
    parser.add_argument("-v", "--verbose", action="store_true", help="list the conflicts")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.facts:
            folder = work / "facts"
            folder.mkdir()
            sentences = distinct_facts(args.facts)
            for start in range(0, len(sentences), 50):
                text = " ".join(sentences[start : start + 50]) + "\n"
                (folder / f"s{start // 50:04d}.txt").write_text(text, encoding="utf-8")
            report, seconds = check_folder(folder)
            found = _conflicts(report)
            print(
                f"distinct facts: {len(sentences)} sentences, {len(report.claims)} claims, "
                f"{len(found)} conflicts (target <= 5), {seconds:.1f} s"
            )
            if args.verbose:
                print(*(f"  {c}" for c in found), sep="\n")
        baseline, _ = check_folder(SEEDS)
        expected = _conflicts(baseline)
        print(f"seeds alone: {len(expected)} conflicts")
        for copies in args.copies:
            folder = work / f"copies{copies}"
            folder.mkdir()
            for source in sorted(SEEDS.iterdir()):
                for k in range(copies + 1):
                    shutil.copy(source, folder / f"{source.stem}_{k:02d}{source.suffix}")
            report, seconds = check_folder(folder)
            # Quotes, not claim ids: a copy's claims have ids of their own.
            same = _conflicts(report) == expected
            print(
                f"seeds + {copies:>2} copies of each: {len(_conflicts(report))} conflicts, "
                f"same as the seeds alone: {'yes' if same else 'NO'}, {seconds:.1f} s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
