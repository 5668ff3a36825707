"""The English function words and tense cues extraction and fact-sheet matching read,
written once.

Function words (articles, determiners, pronouns, prepositions, conjunctions,
auxiliaries) carry no topic: they are left out when words are compared, never taken
for a name, and may start a sentence. Each reader adds only what is its own (a
verb that may stand before a figure, a word that opens a sentence), never the
function words again. Number words live in :mod:`factcheck.extract.numbers`, month
and weekday names and time zones in :mod:`factcheck.sources.dates`, periods in
:mod:`factcheck.extract.dates`.
"""

from __future__ import annotations

import re

__all__ = [
    "CLAUSE_OPENERS",
    "FUNCTION_WORDS",
    "FUTURE_CUES",
    "PAST_CUES",
    "alternation",
    "capitalised",
]

FUNCTION_WORDS = frozenset(
    """a an the this that these those some any each every all both either neither another
    other such no not nor many much more most less least few fewer several
    i me my you your he him his she her it its we us our they them their there here
    what which who whom whose when where why how
    of to in on at for from by with into onto upon off per via between among through across
    within during since until till before after about around over under above below up down
    out than as
    and or but so yet if though although while whereas because unless then also just only
    even still very
    is are was were be been being am has have had do does did will would shall should can
    could may might must""".split()
)
"""Closed-class words, lower case."""

CLAUSE_OPENERS = frozenset(
    """while whereas but although though after before which when where who whom whose because
    since unless until compared despite amid including""".split()
)
"""Words that open another clause: what follows them is not said of what precedes."""

PAST_CUES = frozenset(
    """was were had did struck hit killed said told made took came went began fell rose won
    lost left saw gave found held met paid sold bought built brought ago""".split()
)
"""Words that put a sentence in the past ("the storm struck"); besides them, any verb in
-ed."""

FUTURE_CUES = frozenset(
    [
        *"""will would shall next upcoming scheduled slated due plan plans planned expected
        expects until from starting begin begins beginning through""".split(),
        "set to",
        "going to",
        "is to",
        "are to",
    ]
)
"""Words and phrases that point a sentence at what is still to come ("will", "set to");
besides them, "'ll"."""


def alternation(phrases: frozenset[str]) -> str:
    """A regular-expression alternation of words and phrases, longest first, any run of
    spaces inside a phrase matching."""
    ordered = sorted(phrases, key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


def capitalised(words: frozenset[str]) -> frozenset[str]:
    """The words as they stand at the start of a sentence ("The", "In")."""
    return frozenset(word[:1].upper() + word[1:] for word in words)
