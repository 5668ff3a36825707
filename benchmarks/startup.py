"""CLI start-up: ``factcheck --help`` against ``python -c "import torch"``, in one run.

Each command runs in a fresh process, several times, alternating between the
two so that load from other processes hits both alike; the median counts (the
minimum is printed too). ``factcheck`` is the console script installed next to
this interpreter, else ``python -m factcheck.cli``. Target: ``factcheck --help``
takes under a quarter of the time of ``import torch``.

    .venv/bin/python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path


def help_command() -> list[str]:
    script = Path(sys.executable).with_name("factcheck")
    if script.exists():
        return [str(script), "--help"]
    return [sys.executable, "-c", "from factcheck.cli import main; main(['--help'])"]


def run_once(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each command")
    args = parser.parse_args()
    commands = {
        "factcheck --help": help_command(),
        "import torch": [sys.executable, "-c", "import torch"],
    }
    for command in commands.values():
        run_once(command)  # untimed: warms the file cache for both alike
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(run_once(command))

    print(f"{'command':18} {'median':>9} {'min':>9}   ({args.runs} runs each)")
    for name, seconds in times.items():
        print(f"{name:18} {statistics.median(seconds) * 1000:7.0f}ms {min(seconds) * 1000:7.0f}ms")
    print(f"  -> {' '.join(commands['factcheck --help'])}")
    ratio = statistics.median(times["factcheck --help"]) / statistics.median(times["import torch"])
    print(f"ratio (medians)    {ratio:9.3f}   target < 0.25")


if __name__ == "__main__":
    main()
