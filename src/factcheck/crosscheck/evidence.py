"""What may be compared: the evidence that two claims state one fact, and the decision.

The one home of the comparability rules. Extraction only describes claims (measure,
entity, period, attribution: :mod:`factcheck.extract.parse`); here each candidate pair
gets a handful of general features, and a small logistic model, fitted on hand-read
development stories by ``benchmarks/train_pairs.py`` and shipped as data
(``pair_model.json``, with the digest of the gold it came from), turns them into the
probability that the two claims state one fact. Nothing here knows a topic: measures are
compared by meaning (embedding similarity of their phrases) and by shared lemmas.

A pair may share a cluster when that probability reaches the model's threshold for its
case: values that agree need less than values that differ (a false conflict costs more
than a missed agreement), and differing values must come from different sources.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from importlib import resources
from typing import Any

from factcheck.extract.frame import modalities_compatible
from factcheck.models import Claim, Kind, Qualifier
from factcheck.units import dimension_key, to_base

__all__ = [
    "FEATURES",
    "PairModel",
    "contrastive",
    "entities_match",
    "load_pair_model",
    "measure_swap",
    "pair_features",
    "period_fit",
]

FEATURES = (
    "context_similarity",
    "measure_similarity",
    "measure_overlap",
    "measure_missing",
    "subject_match",
    "entity_same",
    "entity_clash",
    "period_same",
    "period_clash",
    "period_old",
    "attribution_differs",
    "log_ratio",
    "values_agree",
    "nearby",
    "minimal_pair",
    "measure_swap",
    "modality_differs",
    "change_vs_level",
    "loose_vs_precise",
)
"""The features of a candidate pair, in the order the model's weights are stored."""

_EXPLAINED = {
    "context_similarity": "their clauses read alike",
    "measure_similarity": "they measure things of like meaning",
    "measure_overlap": "their measures share words",
    "measure_missing": "one measure is unknown",
    "subject_match": "their subjects share words",
    "entity_same": "the same entity",
    "entity_clash": "different entities",
    "period_same": "the same period",
    "period_clash": "different periods",
    "period_old": "one names a past year, the other none",
    "attribution_differs": "credited to different reporters",
    "log_ratio": "their values are far apart",
    "values_agree": "their values agree",
    "nearby": "one source restating a figure close by",
    "minimal_pair": "the wording differs by one swapped name or thing",
    "measure_swap": "their measures differ by one swapped word",
    "modality_differs": "one is a forecast or threat",
    "change_vs_level": "a change against a level",
    "loose_vs_precise": "a loose round figure against a precise one",
}
"""How each feature reads in an explanation."""

_MAX_LOG_RATIO = 5.0
NEARBY_CHARS = 800
"""Claims of one source this close restate one figure more often than not (a headline
and its story, a summary and its detail)."""


@dataclass(frozen=True)
class PairModel:
    """Logistic weights over :data:`FEATURES` and the thresholds that decide a link."""

    weights: tuple[float, ...]
    bias: float
    link_agreeing: float
    """Probability of one fact above which claims whose values agree share a cluster."""
    link_differing: float
    """Probability of one fact above which claims whose values differ share a cluster."""
    provenance: Mapping[str, Any]

    def probability(self, features: Sequence[float]) -> float:
        score = self.bias + sum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, score))))

    def contributions(self, features: Sequence[float]) -> list[tuple[str, float]]:
        """Each feature's share of the score, largest effect first."""
        parts = [(name, w * x) for name, w, x in zip(FEATURES, self.weights, features, strict=True)]
        return sorted((p for p in parts if p[1] != 0.0), key=lambda p: -abs(p[1]))

    def explain(self, features: Sequence[float], top: int = 3) -> str:
        """The features that decided, in words: "for: the same entity; against: ..."."""
        parts = self.contributions(features)[:top]
        pros = [_EXPLAINED[n] for n, c in parts if c > 0]
        cons = [_EXPLAINED[n] for n, c in parts if c < 0]
        said = []
        if pros:
            said.append("for: " + ", ".join(pros))
        if cons:
            said.append("against: " + ", ".join(cons))
        return "; ".join(said)


@functools.cache
def load_pair_model() -> PairModel:
    """The model shipped with the package (``crosscheck/pair_model.json``)."""
    text = resources.files("factcheck.crosscheck").joinpath("pair_model.json").read_text("utf-8")
    data = json.loads(text)
    if tuple(data["features"]) != FEATURES:
        raise ValueError("pair_model.json was fitted on other features: refit it")
    return PairModel(
        weights=tuple(float(w) for w in data["weights"]),
        bias=float(data["bias"]),
        link_agreeing=float(data["link_agreeing"]),
        link_differing=float(data["link_differing"]),
        provenance=data.get("provenance", {}),
    )


# --- entities ---------------------------------------------------------------------------

_NOT_LETTERS = re.compile(r"[^\w\s]")
_ARTICLES = frozenset({"the", "a", "an"})
_CONNECTIVES = frozenset({"of", "and", "for", "the", "&"})


@functools.lru_cache(maxsize=65_536)
def _name_words(name: str) -> tuple[str, ...]:
    cleaned = _NOT_LETTERS.sub("", name.replace("’s", "").replace("'s", "")).lower()
    return tuple(w for w in cleaned.split() if w not in _ARTICLES)


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w not in _CONNECTIVES)


def entities_match(a: str, b: str) -> bool:
    """Whether two names name one entity: equal, one inside the other, or initials.

    "the Bank of England" and "the Bank", "US" and "United States", "U.S." and "US",
    "Erdogan" and "Recep Tayyip Erdogan" meet; "Italy" and "Argentina" do not.
    """
    words_a, words_b = _name_words(a), _name_words(b)
    if not words_a or not words_b:
        return False
    if words_a == words_b:
        return True
    short, long_ = sorted((words_a, words_b), key=len)
    if len(short) == 1 and len(long_) > 1 and short[0] == _initials(long_):
        return True
    if set(short) <= set(long_) and short[0] in long_:
        # "Bank" in "Bank of England", "Erdogan" in "Recep Tayyip Erdogan".
        return not all(w in _CONNECTIVES for w in short)
    return False


# --- periods ----------------------------------------------------------------------------

_MONTHS_OF_PART = {
    "Q1": (1, 3),
    "Q2": (4, 6),
    "Q3": (7, 9),
    "Q4": (10, 12),
    "H1": (1, 6),
    "H2": (7, 12),
}


def _period_parts(period: str) -> tuple[int | None, str, int | None, int | None]:
    """(year, part of year, month, day) of a period string."""
    if period[:1].isdigit():
        head, _, rest = period.partition("-")
        year = int(head)
        if rest in _MONTHS_OF_PART or rest in ("FY",) or rest.startswith("R"):
            return year, rest, None, None
        fields = rest.split("-") if rest else []
        month = int(fields[0]) if fields and fields[0].isdigit() else None
        day = int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else None
        return year, "", month, day
    return None, period, None, None


def period_fit(a: str | None, b: str | None) -> int:
    """1 when two periods name the same time (or one holds the other), -1 when they
    cannot be one time, 0 when either is unknown."""
    if not a or not b:
        return 0
    year_a, part_a, month_a, day_a = _period_parts(a)
    year_b, part_b, month_b, day_b = _period_parts(b)
    if year_a is not None and year_b is not None and year_a != year_b:
        return -1
    if part_a and part_b and part_a != part_b:
        return -1
    # A year named alone is the whole year: a quarter or half of it is another figure.
    for part, other_year, other_part, other_month in (
        (part_a, year_b, part_b, month_b),
        (part_b, year_a, part_a, month_a),
    ):
        if (
            part in _MONTHS_OF_PART
            and other_year is not None
            and not other_part
            and other_month is None
        ):
            return -1
    for part, month in ((part_a, month_b), (part_b, month_a)):
        if part in _MONTHS_OF_PART and month is not None:
            low, high = _MONTHS_OF_PART[part]
            if not low <= month <= high:
                return -1
    if month_a is not None and month_b is not None and month_a != month_b:
        return -1
    if day_a is not None and day_b is not None and day_a != day_b:
        return -1
    return 1


# --- wording ----------------------------------------------------------------------------

_CONTENT = re.compile(r"[^\W\d_][\w’'\-]*")
_FILLER = frozenset(
    """a an the of to in on at for from by with and or as is are was were be been has have
    had its it this that their his her about around roughly nearly almost approximately some
    over above under below up more less than least most just only estimated""".split()
)
_MINIMAL_PAIR = 0.75
"""How alike (difflib ratio of content words) two contexts must read to be a minimal pair."""
_THING_SLOT = re.compile(r"\b(?:of|in|for|on|from|at|into)\s+(?:the\s+)?([\w’'\-]+)", re.I)


def contrastive(a: str, b: str) -> bool:
    """Whether two contexts read alike but for one swapped name or thing.

    "Italy expects ..." against "Argentina expects ...", "... tonnes of wheat" against
    "... tonnes of nickel": such minimal pairs name two facts. A paraphrase of one fact
    differs by more than one substitution, or swaps a word that names nothing ("struck"
    for "hit").
    """
    words_a = [w.lower() for w in _CONTENT.findall(a) if w.lower() not in _FILLER]
    words_b = [w.lower() for w in _CONTENT.findall(b) if w.lower() not in _FILLER]
    matcher = SequenceMatcher(None, words_a, words_b, autojunk=False)
    if matcher.ratio() < _MINIMAL_PAIR:
        return False
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if len(changes) != 1:
        return False
    tag, i1, i2, j1, j2 = changes[0]
    if tag != "replace" or i2 - i1 > 2 or j2 - j1 > 2:
        return False
    return _names_a_thing(words_a[i1:i2], a) and _names_a_thing(words_b[j1:j2], b)


def _names_a_thing(words: list[str], text: str) -> bool:
    """A swapped word names a thing: written as a name, or after a preposition ("of wheat")."""
    after_slot = {m.group(1).lower() for m in _THING_SLOT.finditer(text)}
    for word in words:
        if word in after_slot:
            return True
        if re.search(rf"\b{re.escape(word[:1].upper() + word[1:])}\b", text):
            return True
    return False


# --- values -----------------------------------------------------------------------------

_POINTS_IN_TIME = frozenset({Kind.DATE, Kind.YEAR})
_LOOSE_QUALIFIERS = frozenset({Qualifier.APPROXIMATE, Qualifier.MORE_THAN, Qualifier.AT_LEAST})


def _magnitude(claim: Claim) -> float | None:
    value = claim.quantity.value
    if isinstance(value, (int, float)) and math.isfinite(value):
        return abs(float(value))
    return None


def _significant_digits(value: float) -> int:
    if value == 0:
        return 1
    digits = f"{value:.12g}".replace(".", "").replace("-", "").lstrip("0").rstrip("0")
    return max(1, len(digits))


def _loose(claim: Claim) -> bool:
    """A loose round figure: one significant digit, or written as an estimate."""
    magnitude = _magnitude(claim)
    if magnitude is None:
        return False
    return _significant_digits(magnitude) == 1 or claim.quantity.qualifier in _LOOSE_QUALIFIERS


def _log_ratio(a: Claim, b: Claim) -> float:
    if a.quantity.kind is Kind.DATE or b.quantity.kind is Kind.DATE:
        return 0.0
    x, y = _magnitude(a), _magnitude(b)
    if x is None or y is None:
        return 0.0
    if x == 0 or y == 0:
        return 0.0 if x == y else _MAX_LOG_RATIO
    if dimension_key(a.quantity.unit) != dimension_key(b.quantity.unit):
        return 0.0
    # In one unit: 2.5 tonnes and 3,000 kg are near, not a thousand times apart.
    x, y = abs(to_base(x, a.quantity.unit)), abs(to_base(y, b.quantity.unit))
    if x == 0 or y == 0:
        return 0.0 if x == y else _MAX_LOG_RATIO
    return min(_MAX_LOG_RATIO, abs(math.log(x / y)))


_CHANGE_WORDS = frozenset({"change", "earlier"})


def _change_of(measure: str | None) -> bool:
    return measure is not None and not _CHANGE_WORDS.isdisjoint(measure.split())


def measure_swap(a: str | None, b: str | None) -> bool:
    """Two measures that read alike but for one swapped word name two things measured:
    "hold salmon reserve" and "hold cocoa reserve", "export rice" and "export battery"."""
    if not a or not b:
        return False
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b) or len(words_a) < 2:
        return False
    swapped = [(x, y) for x, y in zip(words_a, words_b, strict=True) if x != y]
    return len(swapped) == 1 and not _CHANGE_WORDS & set(swapped[0])


def _measure_overlap(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.0
    words_a, words_b = set(a.split()) - _CHANGE_WORDS, set(b.split()) - _CHANGE_WORDS
    union = words_a | words_b
    return len(words_a & words_b) / len(union) if union else 0.0


def _old_one_side(a: str | None, b: str | None, story_year: int | None) -> bool:
    """One claim names a year well before the story's, the other names no time at all.

    Reported in 2023, "the quake in 1999" is another quake than the unnamed one.
    """
    if story_year is None or (a and b) or not (a or b):
        return False
    year = _period_parts(a or b or "")[0]
    return year is not None and year < story_year - 1


def pair_features(
    a: Claim,
    b: Claim,
    *,
    context_similarity: float,
    measure_similarity: float,
    subject_match: float,
    values_agree: bool,
    story_year: int | None = None,
) -> tuple[float, ...]:
    """The features of a candidate pair, in the order of :data:`FEATURES`.

    ``story_year`` is the year of the run's reference date (the latest publication).
    """
    fa, fb = a.frame, b.frame
    dated = a.quantity.kind in _POINTS_IN_TIME
    both_named = bool(fa.entity and fb.entity)
    same_entity = both_named and entities_match(fa.entity or "", fb.entity or "")
    fit = period_fit(fa.period, fb.period)
    values = {
        "context_similarity": context_similarity,
        "measure_similarity": measure_similarity if fa.measure and fb.measure else 0.0,
        "measure_overlap": _measure_overlap(fa.measure, fb.measure),
        "measure_missing": float(not (fa.measure and fb.measure)),
        "subject_match": subject_match,
        "entity_same": float(same_entity),
        "entity_clash": float(both_named and not same_entity),
        "period_same": float(fit > 0),
        "period_clash": float(fit < 0),
        "period_old": float(_old_one_side(fa.period, fb.period, story_year)),
        "attribution_differs": float(
            bool(fa.attribution and fb.attribution)
            and not entities_match(fa.attribution or "", fb.attribution or "")
        ),
        "log_ratio": _log_ratio(a, b),
        "values_agree": float(values_agree),
        "nearby": float(
            a.source == b.source and abs(a.citation.start - b.citation.start) <= NEARBY_CHARS
        ),
        "minimal_pair": float(contrastive(a.context, b.context)),
        "measure_swap": float(measure_swap(fa.measure, fb.measure)),
        # A date is when something happens, whatever is said of the event.
        "modality_differs": float(
            not dated and not modalities_compatible(fa.modality, fb.modality)
        ),
        "change_vs_level": float(_change_of(fa.measure) != _change_of(fb.measure)),
        "loose_vs_precise": float(_loose(a) != _loose(b) and not values_agree),
    }
    return tuple(values[name] for name in FEATURES)
