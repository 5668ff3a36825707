"""Reports at scale: the HTML report against the JSON one, and a huge report in a browser.

The reports are built directly as models (``tests.report_samples.synthetic_report``:
facts stated about six times each in sources of 20 claims, a third of the
statements copies of another source's sentence, about one fact in five disputed), so
no extraction or embedding is timed, only the renderers. Printed side by side:

1. JSON and HTML for ``--claims`` claims (5,000 by default): the time to render
   each (median of ``--rounds``), its size, and the ratios (targets: HTML within
   3 x the JSON's time, under 10 MB);
2. the HTML of ``--large`` claims (100,000 by default): render time and size, and the
   time until the DOM is ready in headless Chromium (``DOMContentLoaded``, median of
   ``--rounds`` loads; target under 5 s). Needs Debian's ``chromium``.

Run: ``.venv/bin/python benchmarks/report_scale.py [--claims 5000] [--large 100000]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.report_samples builds the synthetic reports

from factcheck.models import Report  # noqa: E402
from factcheck.render import render  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.report_samples import synthetic_report  # noqa: E402


def timed(step: Callable[[], str], rounds: int) -> tuple[float, str]:
    """Median seconds of ``rounds`` calls, and the last result."""
    times = []
    result = ""
    for _ in range(rounds):
        started = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def megabytes(text: str) -> float:
    return len(text.encode("utf-8")) / 1e6


def dom_ready(html_file: Path, rounds: int) -> tuple[float, float, int]:
    """Median DOMContentLoaded (s) and wall time of the load (s), and the elements in the DOM."""
    from playwright.sync_api import sync_playwright

    ready, wall = [], []
    elements = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for _ in range(rounds):
                page = browser.new_page(viewport={"width": 1100, "height": 900})
                started = time.perf_counter()
                page.goto(html_file.resolve().as_uri(), wait_until="domcontentloaded")
                wall.append(time.perf_counter() - started)
                ready.append(
                    page.evaluate(
                        "() => performance.getEntriesByType('navigation')[0]"
                        ".domContentLoadedEventEnd"
                    )
                    / 1000
                )
                elements = page.evaluate("() => document.getElementsByTagName('*').length")
                page.close()
        finally:
            browser.close()
    return statistics.median(ready), statistics.median(wall), elements


def describe(report: Report) -> str:
    return (
        f"{len(report.claims):,} claims, {len(report.sources):,} sources, "
        f"{len(report.conflicts):,} conflicts, {len(report.agreements):,} agreements"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=5000, help="claims compared as JSON/HTML")
    parser.add_argument("--large", type=int, default=100_000, help="claims opened in Chromium")
    parser.add_argument("--rounds", type=int, default=3, help="medians of this many runs")
    args = parser.parse_args()

    report = synthetic_report(args.claims)
    json_s, as_json = timed(lambda: render(report, "json"), args.rounds)
    html_s, as_html = timed(lambda: render(report, "html"), args.rounds)
    print(f"1. {describe(report)}")
    print(f"   {'':14}{'JSON':>10}{'HTML':>10}{'HTML/JSON':>12}   target")
    print(f"   {'render (s)':14}{json_s:>10.2f}{html_s:>10.2f}{html_s / json_s:>12.2f}   <= 3")
    print(
        f"   {'size (MB)':14}{megabytes(as_json):>10.2f}{megabytes(as_html):>10.2f}"
        f"{megabytes(as_html) / megabytes(as_json):>12.2f}   HTML < 10 MB"
    )

    large = synthetic_report(args.large)
    large_s, large_html = timed(lambda: render(large, "html"), 1)
    print(f"2. {describe(large)}")
    print(f"   HTML render {large_s:.1f} s, {megabytes(large_html):.1f} MB")
    if not CHROMIUM.exists():
        print(f"   DOM ready: not measured ({CHROMIUM} not installed)")
        return
    with tempfile.TemporaryDirectory(prefix="factcheck-scale-") as folder:
        html_file = Path(folder) / "large.html"
        html_file.write_text(large_html, "utf-8")
        ready_s, wall_s, elements = dom_ready(html_file, args.rounds)
    print(
        f"   DOM ready in headless Chromium: {ready_s:.2f} s (load call {wall_s:.2f} s, "
        f"{elements:,} elements)   target < 5 s"
    )


if __name__ == "__main__":
    main()
