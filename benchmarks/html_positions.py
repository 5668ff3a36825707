"""The cost of citing HTML in the file's own lines: the map of extracted text to markup
(``factcheck.sources.positions.file_positions``) against reading the page.

A synthetic page of ``--paragraphs`` article paragraphs, each after a navigation
block the reader leaves out, is read by the tag rules (``read_html``, without the
article extractor) and then mapped; both times and their ratio are printed. Target:
the map costs a small fraction of the read (under 0.2).

    .venv/bin/python benchmarks/html_positions.py [--paragraphs N]
"""

from __future__ import annotations

import argparse
import time

from factcheck.sources.html import read_html
from factcheck.sources.positions import file_positions

PARAGRAPH = (
    "<p>Shipping through the port fell by <b>40%</b> in May, the port authority said, "
    "and costs rose 3.2% over the year.</p>\n"
)
NAVIGATION = "<nav><a href='/x'>Home</a> <a href='/y'>World</a></nav>\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=5000)
    args = parser.parse_args()
    markup = (
        "<html><body><article>"
        + (NAVIGATION + PARAGRAPH) * args.paragraphs
        + "</article></body></html>"
    )
    started = time.perf_counter()
    document = read_html(markup, find_article=False)
    read = time.perf_counter() - started
    started = time.perf_counter()
    anchors = file_positions(document.text, markup)
    mapped = time.perf_counter() - started
    print(f"page: {len(markup) / 1e6:.2f} MB, {len(anchors) // 3:,} words anchored")
    print(f"{'read_html':>16} {'file_positions':>16} {'ratio':>8}")
    print(f"{read:>15.2f}s {mapped:>15.2f}s {mapped / read:>8.3f}")


if __name__ == "__main__":
    main()
