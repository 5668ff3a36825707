"""Sentence splitting keeps offsets and knows abbreviations, headlines and bullets."""

from __future__ import annotations

import pytest

from factcheck.extract.segment import split_sentences
from factcheck.models import Source


def texts(text: str) -> list[str]:
    source = Source(id="t", text=text)
    sentences = split_sentences(source)
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
    return [s.text for s in sentences]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. economy grew 2% in the quarter.",
        "The U.S.A. wants to help.",
        "Tariffs start Nov. 1 and end on Oct. 9 next year.",
        "It happened on Sept. 18 at noon.",
        "Dr. Smith and Mr. Jones met Inc. officials.",
        "Use tools, e.g. hammers, i.e. heavy ones.",
        "He finished No. 5 in the race.",
        "J. R. R. Tolkien wrote it.",
        "The whale lost $6.28 million last week.",
    ],
)
def test_abbreviations_and_decimals_do_not_end_a_sentence(text: str) -> None:
    assert texts(text) == [text]


def test_sentences_end_at_stops_and_closing_quotes() -> None:
    text = "He said, “We will not yield.” Then he left! Did he? Yes… Maybe."
    assert texts(text) == [
        "He said, “We will not yield.”",
        "Then he left!",
        "Did he?",
        "Yes…",
        "Maybe.",
    ]


def test_dotted_abbreviation_before_a_sentence_starter_ends_the_sentence() -> None:
    assert texts("They met in the U.S. The talks failed.") == [
        "They met in the U.S.",
        "The talks failed.",
    ]


def test_headlines_and_bullets_stand_alone() -> None:
    text = "Markets Fall Sharply\n\n  • Stocks lost 5%\n- Bonds rose\n* Oil fell\n1. First item"
    assert texts(text) == [
        "Markets Fall Sharply",
        "Stocks lost 5%",
        "Bonds rose",
        "Oil fell",
        "First item",
    ]


def test_bracketed_ellipsis_glued_to_a_capital_ends_a_sentence() -> None:
    assert texts("just weeks after they […]China has defended it.") == [
        "just weeks after they […]",
        "China has defended it.",
    ]


def test_a_wrapped_line_continues_its_sentence() -> None:
    assert texts("The tariff rose to\nten percent this year.") == [
        "The tariff rose to\nten percent this year."
    ]


def test_caption_credit_is_split_off() -> None:
    assert texts("A port in the east. | AFP-JIJI") == ["A port in the east.", "AFP-JIJI"]


def test_lines_are_one_based() -> None:
    source = Source(id="t", text="First line.\n\nThird line. Still third.\nFourth.")
    assert [s.line for s in split_sentences(source)] == [1, 3, 3, 4]


def test_empty_and_punctuation_only_text_has_no_sentences() -> None:
    assert texts("") == []
    assert texts("  \n • \n ... \n") == []


def test_a_megabyte_without_punctuation_is_cut_into_bounded_sentences() -> None:
    from factcheck.extract.segment import MAX_SENTENCE_CHARS

    text = "word " * 200_000 + "and 5% of things"
    sentences = split_sentences(Source(id="long.txt", text=text))
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE_CHARS
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert sentences[-1].text.endswith("5% of things")
