"""The whole check against bare ``model.encode``, with a cold and a warm embedding cache.

The seed corpus is repeated until it holds at least ``--claims`` claims (5,000 by
default). Copies are made textually distinct: copy *k* gets a made-up word of its
own (letters only, e.g. ``zqab``) inserted after every plain word of even length,
except next to digits or words that carry a number's meaning (units, scales,
qualifiers), so each copy yields the same claims while nearly every claim context
differs from the other copies'. The script counts the distinct contexts and measures (a) over
exactly that set: the texts the check itself has to embed (it deduplicates).

Printed side by side:

- load: loading the model (imports + weights), measured once, included in none
  of (a), (b), (c): the check reuses the model already loaded in this process;
- (a) ``model.encode`` alone on the bare SentenceTransformer, batch size as the
  pipeline uses, over the distinct claim contexts;
- (b) the whole ``factcheck.report`` (extract, embed, cluster, compare) with a
  fresh, empty cache folder;
- (c) the same check again over the same cache folder (warm);
- ratios (b)/(a) (target <= 1.3) and (a)/(c) (target >= 10).

(a), (b) and (c) run back to back in each of ``--rounds`` rounds (3 by default)
and the medians count, so a burst of load from other processes skews one round,
not the figures.

    .venv/bin/python benchmarks/pipeline.py [--claims 5000] [--seeds seeds] [--rounds 3]
"""

from __future__ import annotations

import argparse
import math
import re
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from factcheck.crosscheck.cache import get_embedder
from factcheck.crosscheck.embed import Embedder, SentenceTransformerEmbedder
from factcheck.crosscheck.pipeline import claims as stream_claims
from factcheck.crosscheck.pipeline import report
from factcheck.models import Source
from factcheck.settings import Settings

T = TypeVar("T")

# Words a tag must not touch: a tag beside them could change what is extracted.
_KEEP_TOGETHER = set(
    "about around roughly nearly almost approximately over under above below more less than "
    "least most up to from between and or by at in on of per cent percent percentage points "
    "point hundred thousand million billion trillion bn mn dozen half quarter dollars euros "
    "pounds yuan yen years year months month weeks week days day hours times fold".split()
)
_PLAIN_WORD = re.compile(r"[A-Za-z]+")


def copy_tag(copy: int) -> str:
    """A letters-only pseudo-word unique to one copy: zqaa, zqab, ..."""
    letters = ""
    for _ in range(2):
        copy, digit = divmod(copy, 26)
        letters = chr(ord("a") + digit) + letters
    return f"zq{letters}"


def distinct_copy(source: Source, copy: int) -> Source:
    """``source`` with this copy's tag after plain words of even length (see the docstring).

    Where a tag goes depends only on the word and its neighbour, never on its
    position, so a sentence the source repeats stays a verbatim repeat.
    """
    tag = copy_tag(copy)
    words = source.text.split(" ")
    out: list[str] = []
    for word, after in zip(words, [*words[1:], ""], strict=True):
        out.append(word)
        if len(word) % 2 == 0 and all(
            _PLAIN_WORD.fullmatch(w) and w.lower() not in _KEEP_TOGETHER for w in (word, after)
        ):
            out.append(tag)
    return Source(id=f"{tag}-{source.id}", text=" ".join(out), published=source.published)


class TimedEmbedder:
    """Passes through to the run's embedder, adding up the time spent embedding."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.seconds = 0.0

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        started = time.perf_counter()
        try:
            return self.inner.embed(texts)
        finally:
            self.seconds += time.perf_counter() - started


def read_seeds(folder: Path) -> list[Source]:
    return [
        Source(id=path.name, path=str(path), text=path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.txt"))
    ]


def timed(step: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = step()
    return time.perf_counter() - started, result


def one_round(
    model: Any, distinct: list[str], sources: list[Source], batch_size: int
) -> tuple[dict[str, float], bool]:
    """(a), then (b) with a fresh cache folder, then (c) over it; and whether b and c agree."""
    encode_s, _ = timed(
        lambda: model.encode(
            distinct,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
    )
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-cache-") as folder:
        run_settings = Settings(cache_dir=Path(folder), batch_size=batch_size)
        # What report() does with embedder=None, made visible to time the embedding share.
        cold_embedder = TimedEmbedder(get_embedder(run_settings))
        cold_s, cold = timed(lambda: report(sources, run_settings, embedder=cold_embedder))
        warm_embedder = TimedEmbedder(get_embedder(run_settings))
        warm_s, warm = timed(lambda: report(sources, run_settings, embedder=warm_embedder))
    figures = {
        "a": encode_s,
        "b": cold_s,
        "b_embed": cold_embedder.seconds,
        "c": warm_s,
        "c_embed": warm_embedder.seconds,
    }
    return figures, cold == warm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=5000, help="at least this many claims")
    parser.add_argument("--seeds", type=Path, default=Path("seeds"))
    parser.add_argument("--rounds", type=int, default=3, help="a/b/c rounds; medians count")
    args = parser.parse_args()

    settings = Settings()
    seeds = read_seeds(args.seeds)
    per_copy = len(list(stream_claims(seeds, settings)))
    copies = math.ceil(args.claims / per_copy)
    sources = [distinct_copy(source, k) for k in range(copies) for source in seeds]
    extract_s, claims = timed(lambda: list(stream_claims(sources, settings)))
    contexts = [claim.context for claim in claims]
    distinct = list(dict.fromkeys(contexts))
    print(f"corpus: {len(seeds)} seed sources x {copies} textually distinct copies")
    if len(claims) != copies * per_copy:
        print(f"note: tagged copies yield {len(claims)} claims, not {copies} x {per_copy}")
    print(
        f"claims: {len(claims)} ({per_copy} per original copy); distinct contexts: "
        f"{len(distinct)}; (a) encodes exactly these {len(distinct)} texts"
    )

    embedder = SentenceTransformerEmbedder(settings.model, batch_size=settings.batch_size)
    load_s, model = timed(lambda: embedder.model)
    device = str(getattr(model, "device", "?"))
    model.encode(["warm-up"] * 8, batch_size=settings.batch_size)  # first-call set-up, untimed

    rounds: list[dict[str, float]] = []
    same = True
    for _ in range(args.rounds):  # a, b, c back to back: load from other processes hits all
        figures, reports_equal = one_round(model, distinct, sources, settings.batch_size)
        rounds.append(figures)
        same = same and reports_equal

    def median(key: str) -> float:
        return statistics.median(r[key] for r in rounds)

    rows = [
        ("model load (imports + weights; in none of a/b/c)", load_s),
        ("extraction alone (part of b and c)", extract_s),
        ("(a) model.encode alone, distinct contexts", median("a")),
        ("(b) check, cold cache", median("b")),
        ("    of which embedding (model + cache writes)", median("b_embed")),
        ("(c) check, warm cache", median("c")),
        ("    of which embedding (cache reads only)", median("c_embed")),
    ]
    print(f"device: {device}; batch size {settings.batch_size}; medians of {args.rounds} rounds")
    for label, seconds in rows:
        print(f"  {label:52} {seconds:8.2f} s")
    print(f"  (b)/(a) = {median('b') / median('a'):6.2f}   target <= 1.3")
    print(f"  (a)/(c) = {median('a') / median('c'):6.2f}   target >= 10")
    for n, r in enumerate(rounds, 1):
        print(f"  round {n}: a {r['a']:.2f} s, b {r['b']:.2f} s, c {r['c']:.2f} s")
    print(f"  cold and warm reports identical: {same}")
    print(f"  encode throughput: {len(distinct) / median('a'):.0f} texts/s")


if __name__ == "__main__":
    main()
