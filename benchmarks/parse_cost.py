"""What the parse costs: parsing the sentences that hold claims against embedding the claims.

Issue 19's budget: the parser at most 0.5x the embedding time of the same claims, and
extraction without the parser still at least 100x quantulum3 (``benchmarks/extract.py``
measures that, with ``--no-parse`` extraction being its default subject).

Both halves run in this one process on the same claims, one after the other, three
rounds; the medians are printed side by side with their ratio. Embedding is a bare
``model.encode`` of the claims' contexts and measures, with no cache, as a cold report
does it.

Run: ``.venv/bin/python benchmarks/parse_cost.py [--sources N]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import factcheck
from factcheck.crosscheck.cache import get_embedder
from factcheck.crosscheck.pipeline import claims as stream_claims
from factcheck.extract.parse import load_parser, parse_sentences

DATA = Path(__file__).resolve().parent / "data"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    folders = sorted(p for p in DATA.iterdir() if (p / "docs").is_dir())
    # Every story's documents, named by story: two stories may have a file of one name.
    sources = [
        source.model_copy(update={"id": f"{folder.name}/{source.id}"})
        for folder in folders
        for source in factcheck.load_sources([folder / "docs"])
    ]
    settings = factcheck.Settings(parse=False, use_cache=False)
    claims = list(stream_claims(sources, settings))
    sentences = sorted({c.citation.sentence for c in claims})
    texts = [c.context for c in claims]
    load_parser()
    embedder = get_embedder(settings)
    embedder.embed(texts[:8])  # load the model outside the timing
    parse_times, embed_times = [], []
    for _ in range(args.rounds):
        began = time.perf_counter()
        for _doc in parse_sentences(sentences):
            pass
        parse_times.append(time.perf_counter() - began)
        began = time.perf_counter()
        embedder.embed(texts)
        embed_times.append(time.perf_counter() - began)
    parse, embed = statistics.median(parse_times), statistics.median(embed_times)
    print(
        f"{len(sources)} sources, {len(claims)} claims, {len(sentences)} sentences that hold them"
    )
    print(f"{'parse (spaCy, nlp.pipe)':28} {parse:8.2f} s")
    print(f"{'embed (MiniLM, no cache)':28} {embed:8.2f} s")
    print(f"{'parse / embed':28} {parse / embed:8.2f}   (budget: at most 0.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
