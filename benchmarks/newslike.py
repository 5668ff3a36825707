"""A synthetic news-like corpus of any size, for the scale benchmarks.

Short articles state facts drawn from a pool that grows with the corpus (about six
statements per fact): money, percentages, counts and measures of made-up companies,
places and agencies, for quarters, months and years, in a dozen phrasings; most state
the fact's value, some round it, some give another value (a conflict to find). The
names are made up from syllables so that the number of entities grows with the corpus,
as an archive's does, and blocks grow with it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from factcheck.models import Source

_SYLLABLES = (
    "bra cor dun el fen gal hol ist kar lem mor nal orv pel quin ras sol tev ul var wen xan yor zel"
).split()
_COMPANY_ENDINGS = ("Corp", "Group", "Holdings", "Systems", "Motors", "Foods", "Energy", "Bank")
_OUTLETS = ("analysts", "the company", "officials", "a spokesperson", "the ministry", "traders")
_MONEY_MEASURES = ("revenue", "net profit", "operating income", "capital spending", "sales")
_PERCENT_MEASURES = (
    "unemployment rate",
    "inflation rate",
    "market share",
    "turnout",
    "vacancy rate",
)
_COUNT_MEASURES = ("population", "workforce", "passenger numbers", "visitors", "new homes")
_MEASURE_UNITS = (("pipeline", "kilometres"), ("bridge", "metres"), ("shipment", "tonnes"))
_MONTHS = "January February March April May June July August September October November December"


@dataclass(frozen=True)
class _Fact:
    kind: str
    name: str
    measure: str
    period: str
    value: float


def _name(rng: random.Random, words: int) -> str:
    return " ".join(
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        for _ in range(words)
    )


def _period(rng: random.Random) -> str:
    year = rng.randint(2015, 2024)
    roll = rng.random()
    if roll < 0.4:
        return f"in {year}"
    if roll < 0.7:
        return f"in the {rng.choice(('first', 'second', 'third', 'fourth'))} quarter of {year}"
    return f"in {rng.choice(_MONTHS.split())} {year}"


def _fact(rng: random.Random, names: list[str], places: list[str]) -> _Fact:
    roll = rng.random()
    if roll < 0.35:
        value = round(rng.uniform(0.5, 90.0), 1)
        return _Fact("money", rng.choice(names), rng.choice(_MONEY_MEASURES), _period(rng), value)
    if roll < 0.65:
        value = round(rng.uniform(1.0, 30.0), 1)
        return _Fact(
            "percent", rng.choice(places), rng.choice(_PERCENT_MEASURES), _period(rng), value
        )
    if roll < 0.9:
        value = float(rng.randint(2, 900) * 1000)
        return _Fact("count", rng.choice(places), rng.choice(_COUNT_MEASURES), _period(rng), value)
    thing, unit = rng.choice(_MEASURE_UNITS)
    return _Fact(unit, rng.choice(places), thing, "", float(rng.randint(12, 4000)))


def _stated(rng: random.Random, value: float) -> float:
    roll = rng.random()
    if roll < 0.12:  # another value: a conflict
        return round(value * rng.choice((0.7, 0.8, 1.25, 1.5)), 1)
    return value


def _sentence(rng: random.Random, fact: _Fact) -> str:
    value = _stated(rng, fact.value)
    said = rng.choice(_OUTLETS)
    if fact.kind == "money":
        amount = f"${value:g} billion"
        return rng.choice(
            (
                f"{fact.name}'s {fact.measure} rose to {amount} {fact.period}, {said} said.",
                f"{fact.name} reported {fact.measure} of {amount} {fact.period}.",
                f"{fact.period.capitalize()}, {fact.name} posted {fact.measure} of about {amount}.",
            )
        )
    if fact.kind == "percent":
        return rng.choice(
            (
                f"The {fact.measure} in {fact.name} stood at {value:g}% {fact.period}, "
                f"{said} said.",
                f"{fact.name}'s {fact.measure} reached {value:g}% {fact.period}.",
                f"{fact.period.capitalize()}, the {fact.measure} of {fact.name} was "
                f"{value:g} percent.",
            )
        )
    if fact.kind == "count":
        count = f"{int(value):,}"
        return rng.choice(
            (
                f"The {fact.measure} of {fact.name} reached {count} {fact.period}, {said} said.",
                f"{fact.name} counted {count} {fact.measure} {fact.period}.",
                f"{fact.period.capitalize()}, {fact.name} had about {count} {fact.measure}.",
            )
        )
    return rng.choice(
        (
            f"The {fact.name} {fact.measure} is {int(value):,} {fact.kind} long, {said} said.",
            f"Engineers said the {fact.measure} near {fact.name} spans {int(value):,} {fact.kind}.",
        )
    )


def newslike_corpus(claims: int, seed: int = 0) -> list[Source]:
    """Sources holding about ``claims`` claims once copies are folded: eight statements per
    article, each giving about two claims (its value, and the year or date of its period)."""
    rng = random.Random(seed)
    articles = max(1, claims // 11)  # copies (a repeated year, a restated fact) fold away
    facts_count = max(8, claims // 12)
    names = [
        f"{_name(rng, 1)} {rng.choice(_COMPANY_ENDINGS)}" for _ in range(max(4, facts_count // 20))
    ]
    places = [_name(rng, 1) for _ in range(max(4, facts_count // 20))]
    facts = [_fact(rng, names, places) for _ in range(facts_count)]
    sources = []
    for number in range(articles):
        text = " ".join(_sentence(rng, rng.choice(facts)) for _ in range(8))
        year = rng.randint(2016, 2025)
        sources.append(Source(id=f"article-{number:07d}.txt", text=text, published=f"{year}-06-30"))
    return sources
