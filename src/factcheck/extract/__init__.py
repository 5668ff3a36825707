"""Extraction: every numeric claim of a text, one claim per stated quantity.

Owns segmentation (``segment``), numbers, dates, units as written (``patterns``,
``quantities``, read through ``factcheck.units``), qualifiers and frames. May import
``factcheck.models``, ``units``, ``settings``, ``errors`` and ``factcheck.sources``
(its calendar); never a later stage.

Sentences are split with their offsets, repeated sentences are read once
(their claims record how often they occur), and each quantity found in a
sentence becomes a :class:`Claim` whose citation span is the quantity's own
text ("$6 million", "Nov. 1", "five to seven years"), never its qualifier.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import date

from factcheck.extract.frame import describe
from factcheck.extract.numbers import past_digit_bound
from factcheck.extract.parse import read_frames
from factcheck.extract.quantities import Found, find_quantities, is_dateline
from factcheck.extract.segment import collapse_whitespace, iter_sentences, split_sentences
from factcheck.models import Citation, Claim, Sentence, Source
from factcheck.settings import Settings
from factcheck.sources.normalise import new_source

__all__ = ["extract_claims", "iter_claims", "split_sentences"]

_TEXT_SOURCE_ID = "<text>"
_SEGMENT_TWICE_ABOVE = 64_000  # characters; below, the sentences are held (2 MB at most)


def _claims_of(
    source: Source, sentence: Sentence, reference: date | None, margin: float
) -> list[Claim]:
    found: list[Found] = [
        item
        for item in find_quantities(sentence.text, reference, margin)
        if not past_digit_bound(source.text, sentence.start + item.start, sentence.start + item.end)
    ]
    if not found or is_dateline(sentence.text, found):
        return []
    claims = []
    for item in found:
        span = (item.start, item.end)
        frame, context = describe(sentence.text, span, item.quantity.kind)
        start, end = sentence.start + item.start, sentence.start + item.end
        claims.append(
            Claim(
                id=Claim.make_id(source.id, start, end),
                quantity=item.quantity,
                citation=Citation.from_span(source, start, end, sentence),
                frame=frame,
                context=context,
                occurrences=sentence.occurrences,
            )
        )
    return claims


def _digest(sentence_text: str) -> bytes:
    # 128-bit digests: collisions are negligible, and huge sources keep no copy of their text.
    return hashlib.blake2b(collapse_whitespace(sentence_text).encode(), digest_size=16).digest()


def _source_of(text_or_source: str | Source) -> Source:
    if isinstance(text_or_source, str):  # a text is read as a reader would read it
        return new_source(id=_TEXT_SOURCE_ID, path=None, format="text", text=text_or_source)
    return text_or_source


def iter_claims(text_or_source: str | Source, settings: Settings | None = None) -> Iterator[Claim]:
    """The numeric claims of a text or source one at a time, in document order.

    Streaming keeps memory flat on huge sources. A repeated sentence is read once:
    a first pass counts each sentence's occurrences (as digests, not text), so the
    claims of its first occurrence can say how often it occurs.
    """
    source = _source_of(text_or_source)
    settings = settings or Settings()
    reference = source.published or settings.reference_date
    counts: Mapping[bytes, int]
    if len(source.text) > _SEGMENT_TWICE_ABOVE:
        # Segmented twice rather than held as sentences: memory stays flat (16 bytes
        # per sentence, and a count only for the sentences that repeat).
        counts = _repeated(_digest(s.text) for s in iter_sentences(source))
        keyed: Iterable[tuple[bytes, Sentence]] = (
            (_digest(s.text), s) for s in iter_sentences(source)
        )
    else:
        keyed = [(_digest(s.text), s) for s in iter_sentences(source)]
        counts = Counter(key for key, _ in keyed)
    found = _found_claims(source, keyed, counts, reference, settings.approximate_margin)
    if settings.parse:
        yield from read_frames(found, reference)
    else:
        for _, claims in found:
            yield from claims


def _found_claims(
    source: Source,
    keyed: Iterable[tuple[bytes, Sentence]],
    counts: Mapping[bytes, int],
    reference: date | None,
    margin: float,
) -> Iterator[tuple[Sentence, list[Claim]]]:
    """Each sentence that holds claims with its claims, a repeated sentence once."""
    seen: set[bytes] = set()
    for key, sentence in keyed:
        count = counts.get(key, 1)
        if count > 1:
            if key in seen:
                continue
            seen.add(key)
            sentence = sentence.model_copy(update={"occurrences": count})
        try:
            claims = _claims_of(source, sentence, reference, margin)
        except Exception as error:  # a bug: say where, so the report names the file and line
            error.add_note(f"while reading {source.id}, line {sentence.line}")
            raise
        if claims:
            yield sentence, claims


def _repeated(digests: Iterable[bytes]) -> dict[bytes, int]:
    """How often each digest occurs, for the digests that occur more than once."""
    import numpy as np

    packed = bytearray()
    for digest in digests:
        packed += digest
    if not packed:
        return {}
    unique, counts = np.unique(np.frombuffer(bytes(packed), dtype="V16"), return_counts=True)
    del packed
    return {
        bytes(digest): int(count)
        for digest, count in zip(unique[counts > 1], counts[counts > 1], strict=True)
    }


def extract_claims(text_or_source: str | Source, settings: Settings | None = None) -> list[Claim]:
    """Every numeric claim of a text or source, in document order.

    A missing year is completed from ``source.published``, else from
    ``settings.reference_date``; without either it stays unknown.
    """
    return list(iter_claims(text_or_source, settings))
