"""The cross-check at scale: per-stage seconds, memory per claim, block sizes, growth.

Each size runs in a fresh process over a synthetic news-like corpus
(``benchmarks/newslike.py``) with the hashing stand-in embedder of
``tests/doubles.py`` at 384 dimensions (the default model's), so the embedding stage
is a stand-in's time and everything else is the real pipeline. Printed side by side:

1. per size: CPU seconds of extraction, copies, embedding, cross-check (clustering
   and comparing, of which the candidate search; CPU time, not wall clock, so that
   other work on a shared machine does not skew the figures), claims per second of
   CPU through the whole run, KB per claim (peak resident memory above the process's
   start, per claim), block sizes (median, 99th percentile, largest);
2. the fitted growth exponent of each stage between the smallest and largest size
   (least squares of log seconds on log claims; the target for clustering is 1.1);
3. extraction with 1 and with 2 worker processes at ``--workers-size`` claims (wall
   clock: what parallelism buys);
4. a projection to 1M claims from the fitted exponents.

    .venv/bin/python benchmarks/scale.py [--sizes 50000 100000 200000 400000]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

_STAGES = ("extract", "copies", "embed", "cross_check")


def _clock() -> float:
    """CPU seconds of this process and its finished children: on a machine shared with
    other work, what a stage costs, not how long it waited for a core."""
    own = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own + children.ru_utime + children.ru_stime


def _resident_kb() -> int:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() // 1024


def one_run(claims: int, processes: int) -> dict[str, Any]:
    """Every stage over a corpus of about ``claims`` claims, in this process."""
    import numpy as np
    from newslike import newslike_corpus

    from factcheck.crosscheck import cluster
    from factcheck.crosscheck.cache import embed_texts
    from factcheck.crosscheck.cluster import comparable_blocks
    from factcheck.crosscheck.copies import collapse_copies
    from factcheck.crosscheck.engine import LocalEngine
    from factcheck.crosscheck.pipeline import cross_check, gather_claims, reference_date_for
    from factcheck.settings import Settings
    from tests.doubles import HashingEmbedder

    searching = [0.0]
    search = cluster.neighbour_pairs

    def timed_search(*args: Any, **kwargs: Any) -> Any:
        started = _clock()
        try:
            return search(*args, **kwargs)
        finally:
            searching[0] += _clock() - started

    cluster.neighbour_pairs = timed_search  # type: ignore[assignment]
    start_kb = _resident_kb()
    sources = newslike_corpus(claims)
    settings = reference_date_for(sources, Settings(use_cache=False))
    seconds: dict[str, float] = {}
    wall: dict[str, float] = {}

    def stage(name: str, step: Any) -> Any:
        started, started_wall = _clock(), time.perf_counter()
        result = step()
        seconds[name] = _clock() - started
        wall[name] = time.perf_counter() - started_wall
        return result

    engine = LocalEngine(processes=processes, min_chars=0)
    found = stage(
        "copies+extract",
        lambda: collapse_copies(
            stage("extract", lambda: gather_claims(sources, settings, engine=engine))
        ),
    )
    seconds["copies"] = seconds.pop("copies+extract") - seconds["extract"]
    wall["copies"] = wall.pop("copies+extract") - wall["extract"]
    embedder = HashingEmbedder(dim=384)
    vectors = stage("embed", lambda: embed_texts(embedder, [c.context for c in found]))
    clusters, findings = stage("cross_check", lambda: cross_check(found, vectors, settings))
    seconds["search"] = searching[0]
    blocks = sorted(len(b) for b in comparable_blocks(found))
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "claims": len(found),
        "processes": processes,
        "seconds": seconds,
        "wall": wall,
        "clusters": len(clusters),
        "conflicts": sum(f.verdict.value == "conflict" for f in findings),
        "blocks": [int(np.median(blocks)), int(np.percentile(blocks, 99)), blocks[-1]],
        "kb_per_claim": (peak_kb - start_kb) / max(1, len(found)),
    }


def _child(claims: int, processes: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--one", str(claims), "--processes", str(processes)]
    # BLAS on one thread: on a shared machine its waiting threads spin, and count as CPU.
    environment = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=environment)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _exponent(sizes: list[int], times: list[float]) -> float:
    xs = [math.log(n) for n in sizes]
    ys = [math.log(max(t, 1e-6)) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50_000, 100_000, 200_000, 400_000])
    parser.add_argument("--workers-size", type=int, default=50_000)
    parser.add_argument("--processes", type=int, default=1, help="extraction processes per run")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.one, args.processes)))
        return

    runs = [_child(n, args.processes) for n in args.sizes]
    header = f"{'claims':>9} " + " ".join(f"{s:>11}" for s in (*_STAGES, "search"))
    print("1. CPU seconds per stage (search: the candidate search, part of cross_check)")
    print(f"{header} {'claims/s':>9} {'KB/claim':>9}  blocks (median, p99, largest)")
    for run in runs:
        total = sum(run["seconds"][s] for s in _STAGES)
        cells = " ".join(f"{run['seconds'][s]:>11.2f}" for s in (*_STAGES, "search"))
        median, p99, largest = run["blocks"]
        print(
            f"{run['claims']:>9,} {cells} {run['claims'] / total:>9,.0f} "
            f"{run['kb_per_claim']:>9.2f}  {median:,}, {p99:,}, {largest:,}"
            f"   ({run['clusters']:,} clusters, {run['conflicts']:,} conflicts)"
        )
    sizes = [run["claims"] for run in runs]
    fitted: dict[str, float] = {}
    if len(runs) > 1:
        print(
            f"2. growth exponents, {sizes[0]:,} to {sizes[-1]:,} claims "
            "(target: cross_check <= 1.1)"
        )
        for name in (*_STAGES, "search", "rest"):
            times = [
                r["seconds"]["cross_check"] - r["seconds"]["search"]
                if name == "rest"
                else r["seconds"][name]
                for r in runs
            ]
            fitted[name] = _exponent(sizes, times)
            label = "cross_check less search" if name == "rest" else name
            print(f"   {label:24} n^{fitted[name]:.2f}")
    one, two = (_child(args.workers_size, p) for p in (1, 2))
    e1, e2 = one["wall"]["extract"], two["wall"]["extract"]
    print(
        f"3. extraction of {one['claims']:,} claims, wall clock: 1 process {e1:.1f} s, "
        f"2 processes {e2:.1f} s ({e1 / e2:.2f}x; CPU {one['seconds']['extract']:.1f} s and "
        f"{two['seconds']['extract']:.1f} s); same clusters: {one['clusters'] == two['clusters']}"
    )
    if fitted:
        last = runs[-1]
        scale = 1_000_000 / last["claims"]
        print(f"4. projection to 1,000,000 claims (from {last['claims']:,}, fitted exponents):")
        total = 0.0
        for name in (*_STAGES,):
            projected = last["seconds"][name] * scale ** fitted[name]
            total += projected
            print(f"   {name:12} {projected:9.0f} s")
        print(f"   {'total':12} {total:9.0f} s")


if __name__ == "__main__":
    main()
