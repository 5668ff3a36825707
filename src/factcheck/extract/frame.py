"""What a quantity measures: its clause, subject, time and modality.

Later stages compare frames, not sentences: two quantities in one long
sentence often state different facts, so each claim gets the clause around
its own quantity (with the quantity masked: the proposition, not the number),
the content words nearest to it (its subject), the time phrase its clause
gives, and whether the clause asserts, forecasts, threatens or looks back.
"""

from __future__ import annotations

import re

from factcheck.extract.periods import period_in
from factcheck.extract.qualifiers import QUALIFIER_WORDS
from factcheck.extract.words import CLAUSE_OPENERS, FUNCTION_WORDS, FUTURE_CUES
from factcheck.models import Frame, Kind, Modality
from factcheck.sources.dates import MONTHS

__all__ = ["MASK", "context_words", "describe", "modalities_compatible", "times_compatible"]

MASK = "[NUM]"

_TOKEN = re.compile(r"\[NUM\]|[^\W_][\w’'.\-]*[\w%$]|[^\W_]|[^\w\s]")
_SPACE_RUN = re.compile(r"\s+")
_HARD_BOUNDARY = frozenset(';:—–()[]“”"|•')
_MAX_LEFT, _MAX_RIGHT, _MIN_LEFT, _MIN_RIGHT, _MIN_TOTAL = 14, 10, 4, 3, 6
_WINDOW, _WINDOW_ABOVE = 400, 1200  # characters around a quantity looked at in long sentences
_HEAD_BELOW, _HEAD_WORDS = 8, 6  # clauses shorter than 8 words get the sentence head

STOPWORDS = FUNCTION_WORDS | frozenset(
    """it's one's s said says say according roughly nearly almost approximately""".split()
)
"""Words that say nothing of what a claim measures: the function words, reporting words
and the qualifiers' own."""

_THREAT_CUES = frozenset(
    """threaten threatens threatened threatening threat threats warn warns warned warning vow
    vows vowed pledge pledged propose proposes proposed proposal
    consider considers considering mull mulls mulled could would might may prevent avert
    ultimatum""".split()
) | frozenset(c for c in FUTURE_CUES if c.startswith("plan"))
_FORECAST_CUES = frozenset(
    """forecast forecasts forecasted expect expectation projected projects
    projection projections predict predicts predicted prediction predictions target targets
    targeted goal goals outlook potential""".split()
) | frozenset(c for c in FUTURE_CUES if c.startswith("expect"))
_PAST_CUES = frozenset(
    """last previous previously former formerly earlier ago once had used height""".split()
)

_MONTHS = "|".join(sorted(MONTHS, key=len, reverse=True))
_TIME_PHRASE = re.compile(
    rf"""\b(?:in|since|by|until|till|through|from|starting|beginning|during|as\ of|effective
        |before|after|on|for)\s+
        (?:(?:early|mid|late|the\ end\ of|the\ start\ of)[\s-]+)?
        (?:(?:{_MONTHS})\.?(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}})?|\d{{4}}|q[1-4](?:\s+\d{{4}})?)\b
        |\b(?:last|next|this|earlier\ this|later\ this)\s+(?:year|month|week|quarter|decade)\b
        |\b(?:yesterday|today|tomorrow)\b""",
    re.IGNORECASE | re.VERBOSE,
)


def _is_word(token: str) -> bool:
    return token[0].isalnum() or token == MASK


def context_words(text: str) -> list[str]:
    """Lower-cased content words of a claim's context (no stop words, numbers or masks)."""
    words = []
    for match in _TOKEN.finditer(text):
        token = match.group().lower().removesuffix("’s").removesuffix("'s").strip(".-")
        if token and token[0].isalpha() and token not in STOPWORDS:
            words.append(token)
    return words


def _clause_bounds(texts: list[str], first: int, last: int) -> tuple[int, int]:
    """Token range [lo, hi] of the clause around tokens first..last (``texts``: the tokens)."""

    def walk(step: int, max_words: int, min_words: int, start: int, stop: int) -> int:
        words, edge, i = 0, start, start + step
        while i != stop:
            token = texts[i]
            if token in _HARD_BOUNDARY:
                break
            if (token == "," or token.lower() in CLAUSE_OPENERS) and words >= min_words:
                # A connector opens the next clause: it belongs to the right-hand side.
                break
            if _is_word(token):
                words += 1
                if words > max_words:
                    break
            edge = i
            i += step
        return edge

    lo = walk(-1, _MAX_LEFT, _MIN_LEFT, first, -1)
    hi = walk(1, _MAX_RIGHT, _MIN_RIGHT, last, len(texts))
    return lo, hi


def _subject(before: list[str], after: list[str]) -> str:
    """The content words that say what is measured, nearest the quantity."""
    if after and after[0] == "of":
        picked = [w for w in after[1:6] if w.lower() not in STOPWORDS]
        if picked:
            return " ".join(picked[:4])
    following = []
    for word in after[:4]:
        if word.lower() in STOPWORDS:
            break
        following.append(word)
    if following:
        return " ".join(following[:3])
    preceding = [w for w in before[-6:] if w.lower() not in STOPWORDS | QUALIFIER_WORDS]
    return " ".join(preceding[-3:])


def _modality(words_before: list[str], words_after: list[str], time: str | None) -> Modality:
    """The cue nearest before the quantity wins; a past-time phrase marks the past."""
    for word in reversed(words_before):
        lower = word.lower()
        if lower in _THREAT_CUES:
            return Modality.THREATENED
        if lower in _FORECAST_CUES:
            return Modality.FORECAST
        if lower in _PAST_CUES:
            return Modality.PAST
    for word in words_after[:4]:
        lower = word.lower()
        if lower in _FORECAST_CUES:
            return Modality.FORECAST
        if lower in _PAST_CUES:
            return Modality.PAST
    if time is not None and time.lower().startswith(("last", "earlier", "yesterday")):
        return Modality.PAST
    return Modality.STATED


def _normalise_time(phrase: str) -> str:
    return _SPACE_RUN.sub(" ", phrase.strip().lower())


def _with_head(
    text: str, tokens: list[re.Match[str]], words: list[bool], lo: int, hi: int, clause: str
) -> str:
    """Prefix a short clause with the sentence's opening phrase, its likely subject.

    "That agreement, brokered by ..., was due to expire on [NUM]" is about the
    agreement: the clause alone ("was due to expire on [NUM]") does not say so.
    """
    if lo == 0 or sum(words[lo : hi + 1]) >= _HEAD_BELOW:
        return clause
    head_end = 0
    for i, token in enumerate(tokens[:lo]):
        if token.group() in _HARD_BOUNDARY or token.group() == "," or i >= _HEAD_WORDS:
            break
        head_end = token.end()
    return f"{text[:head_end]} {clause}" if head_end else clause


def describe(
    sentence: str,
    span: tuple[int, int],
    kind: Kind,
) -> tuple[Frame, str]:
    """Frame and masked clause context of the quantity at ``span`` (offsets in ``sentence``).

    Only what the words around the quantity tell: the measure, entity, attribution and a
    finer period are read from the sentence's parse (:mod:`factcheck.extract.parse`).

    The sentence's other quantities stay in the context as written (they are part of
    what the clause says); a time phrase is never taken from inside the quantity itself.
    """
    start, end = span
    original, _original_span = sentence, span
    if len(sentence) > _WINDOW_ABOVE:
        # A clause never reaches further than this; tokenising only the window keeps a
        # sentence with thousands of numbers linear instead of quadratic.
        offset = max(0, start - _WINDOW)
        sentence = sentence[offset : end + _WINDOW]
        start, end = start - offset, end - offset
    masked = f"{sentence[:start]}{MASK}{sentence[end:]}"
    mask_start, mask_end = start, start + len(MASK)
    tokens = list(_TOKEN.finditer(masked))
    texts = [t.group() for t in tokens]
    words = [_is_word(t) for t in texts]
    index = next((i for i, t in enumerate(tokens) if t.start() >= mask_start), None)
    if index is None:  # defensive: a span at the very end after stripping
        return Frame(subject=""), MASK
    lo, hi = _clause_bounds(texts, index, index)
    # Modality and time come from the clause itself, before any widening: a cue in a
    # neighbouring clause ("threatening to cancel a planned meeting — their first in
    # six years") does not govern this quantity.
    clause_lo, clause_hi = lo, hi
    if sum(words[lo : hi + 1]) < _MIN_TOTAL:
        # Too little to say what is measured: widen across soft boundaries.
        lo = max(0, lo - _MIN_TOTAL)
        hi = min(len(tokens) - 1, hi + _MIN_TOTAL)
    clause = masked[tokens[lo].start() : tokens[hi].end()]
    context = _with_head(masked, tokens, words, lo, hi, clause).strip(" ,")

    def word_texts(first: int, stop: int) -> list[str]:
        return [texts[i] for i in range(first, stop) if words[i]]

    before, after = word_texts(lo, index), word_texts(index + 1, hi + 1)
    own_before, own_after = word_texts(clause_lo, index), word_texts(index + 1, clause_hi + 1)
    clause_start, clause_end = tokens[clause_lo].start(), tokens[clause_hi].end()

    time: str | None = None
    if kind not in (Kind.DATE, Kind.YEAR):
        for match in _TIME_PHRASE.finditer(masked, clause_start, clause_end):
            if match.start() < mask_end and match.end() > mask_start:
                continue
            time = _normalise_time(match.group())
            break
    subject = _subject(before, after)
    # A date or a year is when something happens: it has no period of its own. The parse
    # (factcheck.extract.parse) reads the rest of the frame, where it runs.
    period = None
    if kind not in (Kind.DATE, Kind.YEAR):
        offset = max(0, span[0] - _PERIOD_REACH)
        period = period_in(
            original[offset : span[1] + _PERIOD_REACH], (span[0] - offset, span[1] - offset)
        )
    frame = Frame(
        subject=subject,
        time=time,
        modality=_modality(own_before, own_after, time),
        period=period,
    )
    return frame, context


_PERIOD_REACH = 200  # characters either side of a quantity searched for its period


_MODAL_GROUP = {
    Modality.STATED: "assert",
    Modality.PAST: "assert",
    Modality.FORECAST: "forecast",
    Modality.THREATENED: "threat",
}


def modalities_compatible(a: Modality, b: Modality) -> bool:
    """Asserted and past statements can state one fact; forecasts and threats are apart."""
    return _MODAL_GROUP[a] == _MODAL_GROUP[b]


def times_compatible(a: str | None, b: str | None) -> bool:
    """Two claims' times can refer to one fact unless both are given and differ."""
    return a is None or b is None or a == b
