"""Peak memory and time on a 50 MB text file, against the file's size.

The seed corpus is repeated to ``--megabytes`` (50 by default), each copy made
textually distinct so that repeated-sentence folding does not shrink the work.
Each command runs in a fresh process; its peak resident set size is read from
``getrusage(RUSAGE_CHILDREN)`` of a wrapper process that has no other child.
Target (issue "hostile inputs"): peak under 10 times the file size.

- ``factcheck claims FILE --format json --output OUT``: reading, decoding,
  segmentation and extraction, streamed to the output file;
- with ``--report``, also ``factcheck report FILE --format json`` with a cold
  and then a warm embedding cache (minutes on a CPU: every claim is embedded).

    .venv/bin/python benchmarks/robustness.py [--megabytes 50] [--report]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_PEAK_RSS = (
    "import resource, subprocess, sys; "
    "code = subprocess.run(sys.argv[1:]).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)"
)


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


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--megabytes", type=int, default=50)
    options.add_argument("--report", action="store_true", help="also time factcheck report")
    args = options.parse_args()
    factcheck = [sys.executable, "-m", "factcheck"]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {**os.environ, "FACTCHECK_CACHE_DIR": str(work / "cache")}
        corpus = work / "big.txt"
        size = build_corpus(corpus, args.megabytes * 1024 * 1024)
        claims = [*factcheck, "claims", str(corpus), "--format", "json"]
        runs = {"claims --format json -o": [*claims, "--output", str(work / "claims.json")]}
        if args.report:
            report = [*factcheck, "report", str(corpus), "--format", "json", "--quiet"]
            report += ["--output", str(work / "report.json")]
            runs["report (cold cache)"] = report
            runs["report (warm cache)"] = report
        print(f"file: {size / 2**20:.1f} MiB ({size:,} bytes); target: peak < 10 x file size")
        for label, command in runs.items():
            seconds, peak = measure(command, env)
            print(
                f"  {label:26} {seconds:8.1f} s  peak {peak / 2**20:7.0f} MiB  "
                f"= {peak / size:5.1f} x file  {size / 2**20 / seconds:6.2f} MiB/s"
            )


if __name__ == "__main__":
    main()
