"""Small builders of model objects for unit tests."""

from __future__ import annotations

from factcheck.extract.frame import describe
from factcheck.extract.parse import parse_sentences, read_parts, with_parts
from factcheck.models import Citation, Claim, Kind, Qualifier, Quantity, Sentence, Source


def quantity(
    value: float | str,
    kind: Kind = Kind.PERCENT,
    *,
    unit: str = "%",
    qualifier: Qualifier = Qualifier.EXACT,
    low: float | str | None = None,
    high: float | str | None = None,
) -> Quantity:
    """A quantity; an exact one defaults to the interval [value, value]."""
    if qualifier is Qualifier.EXACT and low is None and high is None:
        low = high = value
    return Quantity(kind=kind, value=value, unit=unit, qualifier=qualifier, low=low, high=high)


def claim(
    sentence: str,
    number_text: str,
    q: Quantity,
    *,
    source: str = "a.txt",
    offset: int = 0,
) -> Claim:
    """A claim for the first occurrence of ``number_text`` in ``sentence``.

    ``offset`` places the sentence in a source text padded with newlines, so that
    claims built from different sentences of one source do not share a sentence.
    """
    text = "\n" * offset + sentence
    src = Source(id=source, text=text)
    start = text.index(number_text)
    end = start + len(number_text)
    sent = Sentence(source=source, start=offset, end=len(text), text=sentence, line=offset + 1)
    frame, context = describe(sentence, (start - offset, end - offset), q.kind)
    parts = read_parts(
        next(parse_sentences([sentence])),
        (start - offset, end - offset),
        date_like=q.kind in (Kind.DATE, Kind.YEAR),
        relative=q.kind in (Kind.PERCENT, Kind.PERCENTAGE_POINTS),
    )
    frame = with_parts(frame, parts)
    return Claim(
        id=Claim.make_id(source, start, end),
        quantity=q,
        citation=Citation.from_span(src, start, end, sent),
        frame=frame,
        context=context,
    )
