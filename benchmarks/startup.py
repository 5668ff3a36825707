"""CLI start-up: `factcheck --help` against `import torch`, measured in one run.

Each is a fresh interpreter, timed over several runs (the best run counts, the
least disturbed by other processes). The target: `factcheck --help` takes under
a quarter of the time of `import torch`.

    .venv/bin/python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

COMMANDS = {
    "factcheck --help": [sys.executable, "-c", "from factcheck.cli import main; main(['--help'])"],
    "import torch": [sys.executable, "-c", "import torch"],
}


def best_time(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    figures = {name: best_time(command, args.runs) for name, command in COMMANDS.items()}
    for name, seconds in figures.items():
        print(f"{name:18} {seconds * 1000:8.0f} ms")
    ratio = figures["factcheck --help"] / figures["import torch"]
    print(f"ratio              {ratio:8.2f}  (target < 0.25)")


if __name__ == "__main__":
    main()
