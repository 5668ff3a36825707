"""Properties of extraction on arbitrary text: total, exact citations, deterministic."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import extract_claims
from factcheck.extract.segment import split_sentences
from factcheck.models import Source
from factcheck.settings import Settings

REFERENCE = Settings(reference_date=date(2025, 10, 25))

# Text that is mostly the stuff quantities are made of, so that the properties
# are exercised on many claims, not only on text without any.
_PIECES = st.sampled_from(
    [
        " ", "\n", "\n\n", ". ", "$", "€", "US$", "%", " percent", "-", "–", " to ", " and ",
        "between ", "about ", "more than ", "up to ", "1", "23", "6.28", "1,234", "2025",
        " million", "bn", "M", " years", "-day", "six", "twenty-five", "a third", "half",
        "one in five", "Nov. 1", "November", " 10", "in April", "2025/10/12", "23:15",
        "U.S.", "Dr.", "“", "”", "[…]", "•", "COVID-19", "\u00a0", "١٢٣", "−",
    ]
)  # fmt: skip
_NUMERIC_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=40).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises_on_any_unicode(text: str) -> None:
    extract_claims(text, REFERENCE)


@settings(max_examples=200, deadline=None)
@given(_NUMERIC_TEXT, st.one_of(st.none(), st.dates()))
def test_citations_quote_their_source_exactly(text: str, published: date | None) -> None:
    source = Source(id="s", text=text, published=published)
    for claim in extract_claims(source, REFERENCE):
        citation = claim.citation
        assert text[citation.start : citation.end] == citation.quote
        assert citation.quote
        assert text[citation.sentence_start : citation.sentence_end] == citation.sentence
        assert citation.sentence_start <= citation.start < citation.end <= citation.sentence_end
        assert citation.line == text.count("\n", 0, citation.start) + 1
        low, high = claim.quantity.low, claim.quantity.high
        if isinstance(claim.quantity.value, float):
            assert low is None or low <= claim.quantity.value  # type: ignore[operator]
            assert high is None or claim.quantity.value <= high  # type: ignore[operator]


@settings(max_examples=100, deadline=None)
@given(_NUMERIC_TEXT)
def test_extraction_is_deterministic(text: str) -> None:
    assert extract_claims(text, REFERENCE) == extract_claims(text, REFERENCE)


@settings(max_examples=200, deadline=None)
@given(_NUMERIC_TEXT)
def test_sentences_are_stripped_spans_in_order(text: str) -> None:
    sentences = split_sentences(Source(id="s", text=text))
    previous_end = 0
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text == sentence.text.strip()
        assert sentence.start >= previous_end
        previous_end = sentence.end
