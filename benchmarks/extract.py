"""Extraction throughput: factcheck.extract_claims vs quantulum3, same text, one process.

The seed corpus is repeated until it holds at least 1 MB (each copy a separate
source, so that repeated-sentence folding does not skip the copies). factcheck
extracts the whole corpus; quantulum3 (classifier disabled, as the task asks)
is timed on the first ``--quantulum-chars`` characters of the same sources,
because it is far too slow to run on 1 MB in a benchmark; both figures are
characters per second, so they compare directly.

    .venv/bin/python benchmarks/extract.py [--quantulum-chars N] [--repeat R]
"""

from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path

from factcheck.extract import extract_claims
from factcheck.models import Source
from factcheck.settings import Settings

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TARGET_CHARS = 1_000_000


def corpus(target: int) -> list[Source]:
    texts = [(p.name, p.read_bytes().decode("utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    sources: list[Source] = []
    total = 0
    while total < target:
        name, text = texts[len(sources) % len(texts)]
        sources.append(Source(id=f"{len(sources)}-{name}", text=text))
        total += len(text)
    return sources


def time_factcheck(sources: list[Source], repeat: int, settings: Settings) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(repeat):
        started = time.perf_counter()
        count = sum(len(extract_claims(source, settings)) for source in sources)
        best = min(best, time.perf_counter() - started)
    return best, count


def time_quantulum(sources: list[Source], limit: int) -> tuple[float, int, int]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import classifier, parser

    classifier.USE_CLF = False  # the documented switch: disambiguate without the classifier
    parser.parse("warm up: 5 kg")  # loads its unit tables outside the timing
    chars = count = 0
    started = time.perf_counter()
    for source in sources:
        if chars >= limit:
            break
        count += len(parser.parse(source.text))
        chars += len(source.text)
    return time.perf_counter() - started, chars, count


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--quantulum-chars", type=int, default=200_000)
    options.add_argument("--repeat", type=int, default=3, help="factcheck runs; best is kept")
    args = options.parse_args()

    sources = corpus(TARGET_CHARS)
    total = sum(len(s.text) for s in sources)
    extract_claims(sources[0])  # import, compile and load the parser outside the timing
    # The 100x target is extraction itself; the parse that reads frames is timed apart
    # (and against embedding, its budget, by benchmarks/parse_cost.py).
    ours, claims = time_factcheck(sources, args.repeat, Settings(parse=False))
    parsed, _ = time_factcheck(sources, 1, Settings())
    theirs, their_chars, quantities = time_quantulum(sources, args.quantulum_chars)

    our_rate, their_rate = total / ours, their_chars / theirs
    print(f"corpus: {len(sources)} sources, {total:,} characters")
    print(f"factcheck  : {total:>9,} chars in {ours:7.3f} s = {our_rate:>12,.0f} chars/s "
          f"({claims:,} claims; without the parse)")  # fmt: skip
    print(f"  + parse  : {total:>9,} chars in {parsed:7.3f} s = {total / parsed:>12,.0f} chars/s "
          f"(frames from spaCy's parse)")  # fmt: skip
    print(f"quantulum3 : {their_chars:>9,} chars in {theirs:7.3f} s = {their_rate:>12,.0f} chars/s "
          f"({quantities:,} quantities; classifier off; first {their_chars:,} chars)")  # fmt: skip
    print(f"ratio      : {our_rate / their_rate:,.1f}x without the parse (target >= 100x), "
          f"{total / parsed / their_rate:,.1f}x with it")  # fmt: skip


if __name__ == "__main__":
    main()
