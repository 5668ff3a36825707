"""Extract every numeric claim of a text, one claim per stated quantity.

Sentences are split with their offsets, repeated sentences are read once
(their claims record how often they occur), and each quantity found in a
sentence becomes a :class:`Claim` whose citation span is the quantity's own
text ("$6 million", "Nov. 1", "five to seven years"), never its qualifier.
"""

from __future__ import annotations

from datetime import date

from factcheck.frame import describe
from factcheck.models import Citation, Claim, Sentence, Source
from factcheck.quantities import Found, find_quantities, is_dateline
from factcheck.segment import split_sentences, unique_sentences
from factcheck.settings import Settings

__all__ = ["extract_claims"]

_TEXT_SOURCE_ID = "<text>"


def _claims_of(
    source: Source, sentence: Sentence, reference: date | None, margin: float
) -> list[Claim]:
    found: list[Found] = list(find_quantities(sentence.text, reference, margin))
    if not found or is_dateline(sentence.text, found):
        return []
    spans = [(f.start, f.end) for f in found]
    claims = []
    for index, item in enumerate(found):
        others = spans[:index] + spans[index + 1 :]
        frame, context = describe(sentence.text, spans[index], item.quantity.kind, others)
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


def extract_claims(text_or_source: str | Source, settings: Settings | None = None) -> list[Claim]:
    """Every numeric claim of a text or source, in document order.

    A missing year is completed from ``source.published``, else from
    ``settings.reference_date``; without either it stays unknown.
    """
    source = (
        Source(id=_TEXT_SOURCE_ID, text=text_or_source)
        if isinstance(text_or_source, str)
        else text_or_source
    )
    settings = settings or Settings()
    reference = source.published or settings.reference_date
    claims: list[Claim] = []
    for sentence in unique_sentences(split_sentences(source)):
        claims.extend(_claims_of(source, sentence, reference, settings.approximate_margin))
    return claims
