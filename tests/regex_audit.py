"""Regular-expression complexity audit: every pattern the readers use, fed pathological text.

Collects every compiled pattern (``re.Pattern``) that the source readers, the
segmenter and the extractor define at module level, and builds pathological
inputs from each pattern's own structure:

- runs of what each unbounded repeat repeats ("....", "monmonmon", "1,000,000,"),
- alternations of two such units ("a,\\nb a,\\nb"),
- repeated prefixes of a near-match of the whole pattern ("http://http://http://"),

each followed by nothing or by a character that makes a full match fail. Each
input is matched the ways the code matches (``finditer`` over the whole text,
``fullmatch``) at 2 KB and 20 KB (a quadratic pattern already takes seconds there);
time must grow linearly (10 x the input, < 30 x the time). The slowest combinations
are run again at 10 KB, 100 KB and 1 MB.

Run as a module it prints one JSON line per measurement, so that a caller can
put a time limit on it (an exponential pattern never returns from C code):

    python -m tests.regex_audit            # the screen, JSON lines
    python -m tests.regex_audit --worst 3  # and the 3 slowest again up to 1 MB
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import json
import re
import re._constants as sre_c
import re._parser as sre_p
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

MODULES = (
    "factcheck.sources",
    "factcheck.sources.article",
    "factcheck.sources.dates",
    "factcheck.sources.decode",
    "factcheck.sources.html",
    "factcheck.sources.jsonl",
    "factcheck.sources.lines",
    "factcheck.sources.markdown",
    "factcheck.sources.markup",
    "factcheck.sources.normalise",
    "factcheck.sources.published",
    "factcheck.sources.read",
    "factcheck.extract",
    "factcheck.extract.dates",
    "factcheck.extract.frame",
    "factcheck.extract.numbers",
    "factcheck.extract.parse",
    "factcheck.extract.patterns",
    "factcheck.extract.periods",
    "factcheck.extract.qualifiers",
    "factcheck.extract.quantities",
    "factcheck.extract.segment",
    "factcheck.crosscheck.evidence",
    "factcheck.units",
    "factcheck.escape",
)
"""The readers, segmenter and extractor: every module-level pattern of these is audited."""

SMALL, BIG = 2_000, 20_000  # the screen: every input at both sizes
SCALES = (10_000, 100_000, 1_000_000)  # the worst inputs found, again
RATIO_LIMIT = 30.0  # 10 x the input may cost at most 30 x the time
# Below this at the big size a ratio is timer noise, not a trend: every quadratic pattern
# found took 0.5 s or more at 20 KB, and a loaded machine can make 2 KB look 5 x faster.
NOISE_FLOOR_S = 0.2

_POOL = [chr(c) for c in range(0x20, 0x7F)] + list(
    "\n\t\r\x00\u00a0\u2009\u202f…–—−’‘“”«»•·▪€£¥₹₩₽₺％٪．١٫٬²°éÄ"
)


def collect_patterns(modules: Iterable[str] = MODULES) -> dict[str, re.Pattern[str]]:
    """Every compiled pattern defined at module level (also inside lists, tuples, dicts)."""
    found: dict[str, re.Pattern[str]] = {}
    seen: set[int] = set()

    def visit(name: str, value: object) -> None:
        if isinstance(value, re.Pattern):
            if id(value) not in seen and isinstance(value.pattern, str):
                seen.add(id(value))
                found[name] = value
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                visit(f"{name}[{index}]", item)
        elif isinstance(value, dict):
            for key, item in value.items():
                visit(f"{name}[{key!r}]", item)

    for module_name in modules:
        module = importlib.import_module(module_name)
        for attribute, value in vars(module).items():
            visit(f"{module_name}.{attribute}", value)
    return found


# -- what a pattern's pieces can match ------------------------------------------------------


def _category(code: Any, ch: str) -> bool:
    name = str(code)
    if "NOT_DIGIT" in name:
        return not ch.isdecimal()
    if "DIGIT" in name:
        return ch.isdecimal()
    if "NOT_SPACE" in name:
        return not ch.isspace()
    if "SPACE" in name:
        return ch.isspace()
    if "NOT_WORD" in name:
        return not (ch.isalnum() or ch == "_")
    if "WORD" in name:
        return ch.isalnum() or ch == "_"
    if "NOT_LINEBREAK" in name:
        return ch != "\n"
    return ch == "\n"


def _in_class(items: list[tuple[Any, Any]], ch: str, ignore_case: bool) -> bool:
    variants = {ch, ch.lower(), ch.upper()} if ignore_case else {ch}
    negate = bool(items) and items[0][0] is sre_c.NEGATE
    hit = False
    for op, arg in items:
        if op is sre_c.LITERAL:
            hit = chr(arg) in variants
        elif op is sre_c.RANGE:
            hit = any(arg[0] <= ord(v) <= arg[1] for v in variants)
        elif op is sre_c.CATEGORY:
            hit = _category(arg, ch)
        else:
            continue
        if hit:
            break
    return hit != negate


def _diverse(chars: list[str], limit: int = 4) -> list[str]:
    """A few characters of different kinds (letter, digit, space, punctuation, other)."""
    picked: list[str] = []
    kinds: set[str] = set()
    for ch in chars:
        kind = (
            "alpha" if ch.isalpha() and ch.isascii()
            else "digit" if ch.isdecimal() and ch.isascii()
            else "space" if ch.isspace()
            else "punct" if ch.isascii()
            else "other"
        )  # fmt: skip
        if kind not in kinds:
            kinds.add(kind)
            picked.append(ch)
    for ch in chars:
        if len(picked) >= limit:
            break
        if ch not in picked:
            picked.append(ch)
    return picked[:limit]


@dataclass
class _Walker:
    pool: list[str]
    limit: int = 8
    repeats: list[list[str]] | None = None

    def sequence(self, nodes: Iterable[tuple[Any, Any]], ignore_case: bool) -> list[str]:
        results = [""]
        shortest = ""
        for node in nodes:
            options = self.node(node, ignore_case) or [""]
            # The first option everywhere, then each further option of each node in turn,
            # and the shortest option everywhere (optional parts left out).
            combined = [head + options[0] for head in results]
            combined += [results[0] + option for option in options[1:]]
            results = list(dict.fromkeys(combined))[: self.limit]
            shortest += min(options, key=len)
        return list(dict.fromkeys([*results, shortest]))

    def node(self, node: tuple[Any, Any], ignore_case: bool) -> list[str]:
        op, arg = node
        if op is sre_c.LITERAL:
            return [chr(arg)]
        if op is sre_c.NOT_LITERAL:
            return [c for c in "a 1." if c != chr(arg)][:2]
        if op is sre_c.ANY:
            return ["a", " ", "."]
        if op is sre_c.IN:
            return _diverse([c for c in self.pool if _in_class(arg, c, ignore_case)])
        if op is sre_c.BRANCH:
            samples = [self.sequence(alternative, ignore_case) for alternative in arg[1]]
            firsts = [s[0] for s in samples if s]
            seconds = [s[1] for s in samples if len(s) > 1]
            return list(dict.fromkeys(firsts + seconds))[: self.limit * 4]
        if op is sre_c.SUBPATTERN:
            _, add, remove, body = arg
            case = (ignore_case or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
            return self.sequence(body, case)
        if op is sre_c.ATOMIC_GROUP:
            return self.sequence(arg, ignore_case)
        if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            low, high, body = arg
            units = self.sequence(body, ignore_case)
            if self.repeats is not None and (high is sre_c.MAXREPEAT or high >= 16):
                self.repeats.append([u for u in units if u])
            count = low if low else 1
            out = [unit * count for unit in units]
            return [*out, ""] if low == 0 else out
        if op is sre_c.GROUPREF_EXISTS:
            return self.sequence(arg[1], ignore_case)
        return [""]  # anchors, lookarounds, group references: no text of their own


def pathological_units(pattern: re.Pattern[str], limit: int = 120) -> list[str]:
    """Short strings that, repeated, make a backtracking matcher work hardest on ``pattern``."""
    pool = list(dict.fromkeys(_POOL + [c for c in pattern.pattern if not c.isascii()]))
    ignore_case = bool(pattern.flags & re.IGNORECASE)
    walker = _Walker(pool, repeats=[])
    tree = sre_p.parse(pattern.pattern, pattern.flags)
    wholes = walker.sequence(list(tree), ignore_case)
    assert walker.repeats is not None
    units: list[str] = []
    for group in walker.repeats:
        units += group
    for group in walker.repeats:
        units += [a + b for a, b in itertools.combinations(group[:3], 2)]
    for a_group, b_group in itertools.combinations(walker.repeats[:12], 2):
        if a_group and b_group:
            units.append(a_group[0] + b_group[0])
    for whole in wholes:
        lengths = sorted({*range(1, min(len(whole), 10) + 1), *range(10, len(whole) + 1, 5)})
        units += [whole[:length] for length in lengths]
    return [u for u in dict.fromkeys(units) if u][:limit]


# -- timing ---------------------------------------------------------------------------------


def _finditer(pattern: re.Pattern[str], text: str) -> None:
    for _ in pattern.finditer(text):
        pass


def _fullmatch_fails(pattern: re.Pattern[str], text: str) -> None:
    pattern.fullmatch(text + "\x00")


def _fullmatch(pattern: re.Pattern[str], text: str) -> None:
    pattern.fullmatch(text)


MODES: dict[str, Callable[[re.Pattern[str], str], None]] = {
    "finditer": _finditer,
    "fullmatch": _fullmatch,
    "fullmatch+NUL": _fullmatch_fails,
}


def repeated(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def seconds(
    run: Callable[[re.Pattern[str], str], None], pattern: re.Pattern[str], text: str
) -> float:
    best = float("inf")
    for _ in range(2 if len(text) <= 10_000 else 1):
        started = time.perf_counter()
        run(pattern, text)
        best = min(best, time.perf_counter() - started)
    return best


@dataclass(frozen=True)
class Measurement:
    pattern: str
    unit: str
    mode: str
    small_s: float
    big_s: float

    @property
    def ratio(self) -> float:
        return self.big_s / max(self.small_s, 1e-7)

    @property
    def superlinear(self) -> bool:
        return self.ratio > RATIO_LIMIT and self.big_s > NOISE_FLOOR_S


def screen(patterns: dict[str, re.Pattern[str]]) -> Iterator[Measurement | str]:
    """A measurement per (pattern, unit, mode); a pattern's name is yielded before its runs."""
    for name, pattern in patterns.items():
        yield name
        for unit in pathological_units(pattern):
            small, big = repeated(unit, SMALL), repeated(unit, BIG)
            for mode, run in MODES.items():
                item = Measurement(
                    name, unit, mode, seconds(run, pattern, small), seconds(run, pattern, big)
                )
                if item.superlinear:  # a pause of the machine is no trend: measure again
                    item = Measurement(
                        name,
                        unit,
                        mode,
                        min(seconds(run, pattern, small) for _ in range(5)),
                        min(seconds(run, pattern, big) for _ in range(5)),
                    )
                yield item


def scale(pattern: re.Pattern[str], unit: str, mode: str) -> dict[int, float]:
    """Seconds at 10 KB, 100 KB and 1 MB of ``unit`` repeated."""
    return {size: seconds(MODES[mode], pattern, repeated(unit, size)) for size in SCALES}


def main() -> None:
    options = argparse.ArgumentParser(description="regex complexity audit, JSON lines")
    options.add_argument("--worst", type=int, default=0, help="rerun the N slowest up to 1 MB")
    args = options.parse_args()
    patterns = collect_patterns()
    print(json.dumps({"patterns": len(patterns)}), flush=True)
    measurements: list[Measurement] = []
    for item in screen(patterns):
        if isinstance(item, str):
            print(json.dumps({"start": item}), flush=True)
            continue
        measurements.append(item)
        if item.superlinear:
            print(json.dumps({"superlinear": item.__dict__, "ratio": item.ratio}), flush=True)
    worst = sorted(measurements, key=lambda m: m.big_s, reverse=True)[: args.worst]
    for item in worst:
        times = scale(patterns[item.pattern], item.unit, item.mode)
        print(
            json.dumps(
                {"worst": item.pattern, "unit": item.unit, "mode": item.mode,
                 "seconds": {str(k): v for k, v in times.items()}}
            ),
            flush=True,
        )  # fmt: skip
    print(json.dumps({"done": len(measurements)}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
