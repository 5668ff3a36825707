"""Hostile inputs at scale: regex cost per MB, and peak memory against the input.

1. Regular expressions: every pattern of the readers, segmenter and extractor is
   screened with pathological inputs (``tests/regex_audit.py``); the slowest
   combination found is run at 10 KB, 100 KB and 1 MB and printed in seconds
   per MB (linear: the three figures agree).
2. ``factcheck claims`` peak memory against the file's size (target: under 10 x):
   the seed corpus repeated to ``--megabytes`` (50 by default, each copy made
   distinct so that repeated-sentence folding does not shrink the work), dense
   numeric text (``--dense-megabytes``) in the default table format and in JSON,
   and ``--records`` tiny JSON Lines records (a million by default).
3. With ``--report``: ``factcheck report`` on the 50 MB file with a cold and a
   warm embedding cache (minutes on a CPU: every claim is embedded).
4. With ``--report-claims N``: the report's memory per claim on dense numeric text
   of about N claims, cold and warm cache: (peak - peak of a one-claim report) / N,
   so that the interpreter, torch and the model (about 600 MiB) are not counted.

Each command runs in a fresh process; its peak resident set size is read from
``getrusage(RUSAGE_CHILDREN)`` of a wrapper process that has no other child.

    .venv/bin/python benchmarks/robustness.py [--megabytes 50] [--dense-megabytes 2]
        [--records 1000000] [--report] [--report-claims 20000] [--skip-regex]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
_PEAK_RSS = (
    "import resource, subprocess, sys; "
    "code = subprocess.run(sys.argv[1:]).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)"
)
_MONTHS = ("January", "March", "May", "July", "October", "December")


def build_corpus(path: Path, size: int) -> int:
    base = "\n\n".join(p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt")))
    written = copy = 0
    with path.open("w", encoding="utf-8") as out:
        while written < size:
            chunk = base.replace(" the ", f" the{copy} ") + "\n\n"
            out.write(chunk)
            written += len(chunk.encode())
            copy += 1
    return path.stat().st_size


def build_dense(path: Path, size: int) -> int:
    """Numbers in every few words, every sentence distinct: about one claim per 17 bytes."""
    with path.open("w", encoding="utf-8") as out:
        n = 0
        while out.tell() < size:
            out.write(
                f"In district {n} the index rose {n % 97}.{n % 9}% to {n * 37 % 9000} points "
                f"in {_MONTHS[n % 6]} {2000 + n % 25}.\n"
            )
            n += 1
    return path.stat().st_size


def build_records(path: Path, count: int) -> int:
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            out.write(json.dumps({"text": f"Up {n % 97}% today."}) + "\n")
    return path.stat().st_size


def measure(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds and peak resident bytes of ``command``."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _PEAK_RSS, *command],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    return seconds, int(result.stdout.split()[-1]) * 1024


def regex_report() -> None:
    sys.path.insert(0, str(ROOT))
    from tests.regex_audit import collect_patterns, scale, screen

    patterns = collect_patterns()
    started = time.perf_counter()
    measurements = [m for m in screen(patterns) if not isinstance(m, str)]
    flagged = [m for m in measurements if m.superlinear]
    print(
        f"regex: {len(patterns)} patterns, {len(measurements):,} pathological inputs "
        f"screened in {time.perf_counter() - started:.1f} s; superlinear: {len(flagged)}"
    )
    for item in flagged:
        print(f"  SUPERLINEAR {item.pattern} {item.unit!r} {item.mode}: x{item.ratio:.0f}")
    slowest = sorted(measurements, key=lambda m: m.big_s, reverse=True)[:3]
    worst, worst_times = None, {}
    for item in slowest:  # the screen's timings are short: settle the worst at 1 MB
        times = scale(patterns[item.pattern], item.unit, item.mode)
        if worst is None or times[1_000_000] > worst_times[1_000_000]:
            worst, worst_times = item, times
    assert worst is not None
    print(f"  worst: {worst.pattern}, {worst.unit!r} repeated, {worst.mode}")
    for size, seconds in worst_times.items():
        print(f"    {size / 1000:>6,.0f} KB: {seconds:7.4f} s = {seconds / (size / 1e6):6.2f} s/MB")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--megabytes", type=int, default=50)
    options.add_argument("--dense-megabytes", type=float, default=2.0)
    options.add_argument("--records", type=int, default=1_000_000)
    options.add_argument("--report", action="store_true", help="also time factcheck report")
    options.add_argument("--report-claims", type=int, default=0, help="0: not measured")
    options.add_argument("--skip-regex", action="store_true")
    args = options.parse_args()
    if not args.skip_regex:
        regex_report()
    factcheck = [sys.executable, "-m", "factcheck"]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {**os.environ, "FACTCHECK_CACHE_DIR": str(work / "cache")}
        out = str(work / "out")
        corpus, dense, records = work / "big.txt", work / "dense.txt", work / "tiny.jsonl"
        inputs = {
            corpus: build_corpus(corpus, args.megabytes * 1024 * 1024),
            dense: build_dense(dense, int(args.dense_megabytes * 1024 * 1024)),
            records: build_records(records, args.records),
        }
        runs: dict[str, tuple[Path, list[str]]] = {
            "claims --format json -o": (
                corpus, [*factcheck, "claims", str(corpus), "--format", "json", "-o", out]
            ),
            "dense: claims (table) -o": (dense, [*factcheck, "claims", str(dense), "-o", out]),
            "dense: claims --format json": (
                dense, [*factcheck, "claims", str(dense), "--format", "json", "-o", out]
            ),
            f"{args.records:,} records: claims json": (
                records, [*factcheck, "claims", str(records), "--format", "json", "-o", out]
            ),
        }  # fmt: skip
        if args.report:
            report = [*factcheck, "report", str(corpus), "--format", "json", "--quiet"]
            report += ["--output", str(work / "report.json")]
            runs["report (cold cache)"] = (corpus, report)
            runs["report (warm cache)"] = (corpus, report)
        for name, path in inputs.items():
            print(f"{name.name}: {path / 2**20:.1f} MiB ({path:,} bytes)")
        tiny = work / "one.txt"
        tiny.write_text("Prices rose 5% this week.\n", "utf-8")
        _, baseline = measure([*factcheck, "claims", str(tiny), "-o", out], env)
        print(
            f"target: peak < 10 x file size; 'extra' leaves out the interpreter and "
            f"libraries (peak of a one-claim run: {baseline / 2**20:.0f} MiB)"
        )
        for label, (path, command) in runs.items():
            seconds, peak = measure(command, env)
            size = inputs[path]
            print(
                f"  {label:30} {seconds:8.1f} s  peak {peak / 2**20:5.0f} MiB "
                f"= {peak / size:5.1f} x file, extra {(peak - baseline) / size:4.1f} x  "
                f"{size / 2**20 / seconds:6.2f} MiB/s"
            )
        if args.report_claims:
            report_per_claim(work, env, args.report_claims)


def report_per_claim(work: Path, env: dict[str, str], claims: int) -> None:
    """Memory per claim of a whole report: the growth over a one-claim report (which loads
    the model too when the cache is cold)."""
    factcheck = [sys.executable, "-m", "factcheck", "report", "--format", "json", "--quiet"]
    tiny = work / "tiny.txt"
    tiny.write_text("Prices rose 5% this week.\n", "utf-8")
    dense = work / "report-dense.txt"
    build_dense(dense, claims * 17)  # about one claim per 17 bytes
    counted = (
        subprocess.run(
            [sys.executable, "-m", "factcheck", "claims", str(dense), "--format", "csv"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout.count("\n")
        - 1
    )
    out = ["--output", str(work / "report.json")]
    for cache in ("cold", "warm"):  # the first runs fill the cache, the second read it
        _, baseline = measure([*factcheck, str(tiny), *out], env)
        seconds, peak = measure([*factcheck, str(dense), *out], env)
        print(
            f"  report, {counted:,} claims ({cache} cache) {seconds:8.1f} s  "
            f"peak {peak / 2**20:6.0f} MiB; one-claim report {baseline / 2**20:.0f} MiB; "
            f"{(peak - baseline) / counted / 1024:.1f} KiB per claim"
        )


if __name__ == "__main__":
    main()
