"""HTML main text: trafilatura (what ``load_sources`` reads) against the tag-rule reader.

For each page under ``tests/data/html/`` (``NAME.html``, its hand-made gold article
text ``NAME.txt`` and gold metadata in ``pages.json``), both readers extract the
main text, which is scored against the gold at token level: the tokens are the
lower-cased words and numbers, counted as a multiset, so precision is the share
of extracted tokens that are in the article and recall the share of the
article's tokens that were extracted. Totals are micro-averaged over all tokens.

It also prints, per reader, the claims extracted from the pages whose sentence
is not in the gold article (the cost of noise downstream), how many titles,
publication dates and URLs match the gold, and milliseconds per page.

    .venv/bin/python benchmarks/html_extraction.py [--pages DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.extract import extract_claims
from factcheck.models import Source
from factcheck.sources.html import HtmlDocument, read_html

PAGES = Path(__file__).resolve().parent.parent / "tests" / "data" / "html"
_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text.lower()))


@dataclass
class Score:
    extracted: int = 0
    gold: int = 0
    overlap: int = 0
    claims: int = 0
    stray_claims: int = 0
    metadata: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, text: str, gold: str) -> tuple[float, float, float]:
        got, want = tokens(text), tokens(gold)
        common = sum((got & want).values())
        self.extracted += sum(got.values())
        self.gold += sum(want.values())
        self.overlap += common
        return prf(common, sum(got.values()), sum(want.values()))

    def total(self) -> tuple[float, float, float]:
        return prf(self.overlap, self.extracted, self.gold)


def prf(common: int, extracted: int, gold: int) -> tuple[float, float, float]:
    precision = common / extracted if extracted else 0.0
    recall = common / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def stray_claims(document: HtmlDocument, gold: str, name: str) -> tuple[int, int]:
    """Claims extracted from the text, and those whose sentence is not in the gold article."""
    flat_gold = _SPACE.sub(" ", gold)
    source = Source(id=name, format="html", text=document.text)
    claims = extract_claims(source)
    stray = sum(_SPACE.sub(" ", c.citation.sentence) not in flat_gold for c in claims)
    return len(claims), stray


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=PAGES, help="folder of NAME.html + NAME.txt")
    args = parser.parse_args()
    meta = json.loads((args.pages / "pages.json").read_text("utf-8"))
    readers = {"trafilatura": True, "tag rules": False}
    scores = {name: Score() for name in readers}
    pages = sorted(args.pages.glob("*.html"))
    read_html("<html><body><p>Warm-up: imports load once.</p></body></html>")
    print(f"{'page':<16} {'reader':<12} {'P':>6} {'R':>6} {'F1':>6}")
    for page in pages:
        markup = page.read_text("utf-8")
        gold = page.with_suffix(".txt").read_text("utf-8")
        expected = meta.get(page.stem, {})
        for name, find_article in readers.items():
            score = scores[name]
            started = time.perf_counter()
            document = read_html(markup, find_article=find_article)
            score.seconds += time.perf_counter() - started
            precision, recall, f1 = score.add(document.text, gold)
            claims, stray = stray_claims(document, gold, page.name)
            score.claims += claims
            score.stray_claims += stray
            got = {
                "title": document.title,
                "published": document.published.isoformat() if document.published else None,
                "url": document.url,
            }
            score.metadata.update(key for key in got if got[key] == expected.get(key))
            print(f"{page.stem:<16} {name:<12} {precision:6.3f} {recall:6.3f} {f1:6.3f}")
    print()
    print(f"all {len(pages)} pages, tokens micro-averaged:")
    for name, score in scores.items():
        precision, recall, f1 = score.total()
        share = score.stray_claims / score.claims if score.claims else 0.0
        fields = ", ".join(f"{key} {score.metadata[key]}/{len(pages)}" for key in meta_keys())
        print(
            f"  {name:<12} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}  "
            f"claims outside the article {score.stray_claims}/{score.claims} ({share:.0%})  "
            f"{fields}  {1000 * score.seconds / max(1, len(pages)):.1f} ms/page"
        )


def meta_keys() -> tuple[str, ...]:
    return ("title", "published", "url")


if __name__ == "__main__":
    main()
