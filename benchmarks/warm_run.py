"""A warm re-run as a whole process against a bare process that loads the model and encodes.

The corpus is ``benchmarks/pipeline.py``'s: the seed sources in textually distinct
copies until they hold ``--claims`` claims (5,000 by default), written to a folder.
Printed side by side, each a fresh ``python`` process (medians of ``--rounds``):

- bare: import sentence-transformers, load the model, encode the distinct claim
  contexts (what any run that embeds must at least do);
- cold: ``factcheck report FOLDER`` with an empty cache folder;
- warm: the same command again over the same cache folder (nothing changed);
- the ratio warm / bare (target <= 0.1).

    .venv/bin/python benchmarks/warm_run.py [--claims 5000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import math
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pipeline import distinct_copy, read_seeds

from factcheck.crosscheck.pipeline import gather_claims
from factcheck.settings import Settings

_BARE = """
import sys
from factcheck.crosscheck.embed import SentenceTransformerEmbedder
texts = open(sys.argv[1], encoding="utf-8").read().split("\\x00")
SentenceTransformerEmbedder().model.encode(texts, batch_size=64, normalize_embeddings=True)
"""


def seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=5000)
    parser.add_argument("--seeds", type=Path, default=Path("seeds"))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    seeds = read_seeds(args.seeds)
    per_copy = len(gather_claims(seeds, Settings()))
    copies = math.ceil(args.claims / per_copy)
    sources = [distinct_copy(source, k) for k in range(copies) for source in seeds]
    claims = gather_claims(sources, Settings())
    contexts = list(dict.fromkeys(claim.context for claim in claims))
    with tempfile.TemporaryDirectory(prefix="factcheck-warm-") as work:
        folder = Path(work, "corpus")
        folder.mkdir()
        for source in sources:
            Path(folder, source.id).write_text(source.text, encoding="utf-8")
        texts = Path(work, "contexts.txt")
        texts.write_text("\x00".join(contexts), encoding="utf-8")
        bare, cold, warm = [], [], []
        for round_ in range(args.rounds):
            cache = Path(work, f"cache-{round_}")
            report = [sys.executable, "-m", "factcheck", "report", str(folder), "-q"]
            report += [
                "--cache-dir",
                str(cache),
                "--format",
                "json",
                "-o",
                str(Path(work, "r.json")),
            ]
            bare.append(seconds([sys.executable, "-c", _BARE, str(texts)]))
            cold.append(seconds(report))
            warm.append(seconds(report))
    print(
        f"corpus: {len(sources)} sources, {len(claims)} claims, {len(contexts)} distinct contexts"
    )
    print(f"medians of {args.rounds} rounds, each a whole process:")
    for label, times in (
        ("bare load + encode", bare),
        ("cold report", cold),
        ("warm report", warm),
    ):
        print(f"  {label:20} {statistics.median(times):7.2f} s   {[round(t, 2) for t in times]}")
    ratio = statistics.median(warm) / statistics.median(bare)
    print(f"  warm / bare = {ratio:.3f}   target <= 0.1")


if __name__ == "__main__":
    main()
