"""The English function words extraction and fact-sheet matching read, written once.

Function words (articles, determiners, pronouns, prepositions, conjunctions,
auxiliaries) carry no topic: they are left out when words are compared, never taken
for a name, and may start a sentence. Each reader adds only what is its own (a
verb that may stand before a figure, a word that opens a sentence), never the
function words again. Number words live in :mod:`factcheck.extract.numbers`, month
and weekday names and time zones in :mod:`factcheck.sources.dates`, periods in
:mod:`factcheck.extract.dates`.
"""

from __future__ import annotations

__all__ = ["FUNCTION_WORDS", "capitalised"]

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


def capitalised(words: frozenset[str]) -> frozenset[str]:
    """The words as they stand at the start of a sentence ("The", "In")."""
    return frozenset(word[:1].upper() + word[1:] for word in words)
