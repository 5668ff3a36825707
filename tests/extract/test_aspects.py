"""What a claim measures, of whom and when: measure, entity, period and attribution."""

from __future__ import annotations

import pytest

from factcheck.extract import extract_claims
from factcheck.extract.aspects import (
    contrastive,
    entities_compatible,
    measures_compatible,
    periods_compatible,
)
from factcheck.models import Frame


def _frame(text: str, number: str) -> Frame:
    [claim] = [c for c in extract_claims(text) if c.citation.quote == number]
    return claim.frame


@pytest.mark.parametrize(
    ("text", "number", "measure"),
    [
        ("The quake killed 1,602 people in Syria.", "1,602", "deaths"),
        ("At least 15,384 people were injured.", "15,384", "injured"),
        ("The quake struck at a depth of 17.9 km.", "17.9 km", "depth"),
        ("The epicentre was 33 km from Gaziantep.", "33 km", "distance"),
        ("Ian made landfall with winds of 150 mph.", "150 mph", "speed"),
        ("It was a magnitude 7.8 earthquake.", "7.8", "magnitude"),
        ("Apple shipped 80.5 million units.", "80.5 million", "shipments"),
        ("Samsung took a 16.3% market share.", "16.3%", "share"),
        ("Turnout reached 84.7 percent.", "84.7 percent", "turnout"),
        ("Chelsea paid a fee of £106.8m for him.", "£106.8m", "fee"),
        ("He will earn £250,000 a week.", "£250,000", "wage"),
        ("His release clause was set at €120m.", "€120m", "release clause"),
        ("Shipments grew 8.5% in the quarter.", "8.5%", "growth:shipments"),
        ("Revenue rose 7% in the quarter.", "7%", "growth:revenue"),
    ],
)
def test_measure_is_the_nearest_cue_that_fits_the_quantity(
    text: str, number: str, measure: str
) -> None:
    assert _frame(text, number).measure == measure


def test_a_cue_that_does_not_fit_the_quantity_is_passed_over() -> None:
    # "killed" names a count of people, never a percentage: the percentage is a change.
    measure = _frame("Prices rose 12% after the storm killed crops.", "12%").measure
    assert measure is not None
    assert measure.partition(":")[0] == "growth"


@pytest.mark.parametrize(
    ("text", "number", "entity"),
    [
        ("Apple shipped 80.5 million units.", "80.5 million", "Apple"),
        ("In Syria, 1,602 people were killed.", "1,602", "Syria"),
        ("Shipments rose 8% in Asia while Samsung fell 2%.", "2%", "Samsung"),
        (
            "Xiaomi, Oppo and Transsion held 13%, 9% and 8% shares, respectively.",
            "9%",
            "Oppo",
        ),
        (
            "Transsion (parent of Infinix and Tecno) shipped 94.9 million units.",
            "94.9 million",
            "Transsion",
        ),
        ("China dominates processing, where it produces 90% of the supply.", "90%", "China"),
    ],
)
def test_entity_is_the_nearest_name_of_the_clause(text: str, number: str, entity: str) -> None:
    assert _frame(text, number).entity == entity


def test_a_name_that_reports_the_figure_is_its_attribution_not_its_entity() -> None:
    frame = _frame("Shipments fell 3.2%, according to IDC, as shipments of tablets slowed.", "3.2%")
    assert frame.entity is None
    assert frame.attribution == "IDC"


def test_a_sentence_opening_word_is_a_name_only_if_the_source_never_writes_it_lower() -> None:
    text = "Shipments rose 8% this year. Xiaomi shipped 40 million. Rising shipments helped."
    assert _frame(text, "8%").entity is None
    assert _frame(text, "40 million").entity == "Xiaomi"


def test_the_quantitys_own_unit_is_no_name() -> None:
    assert _frame("The plant carries 1.2 GW of capacity.", "1.2 GW").entity is None


@pytest.mark.parametrize(
    ("text", "number", "period"),
    [
        (
            "Apple shipped 80.5 million units in the fourth quarter of 2023.",
            "80.5 million",
            "2023-Q4",
        ),
        ("Apple shipped 50 million units in Q1 2024.", "50 million", "2024-Q1"),
        ("For the full year, 1.14 billion phones were shipped.", "1.14 billion", "FY"),
        ("Shipments fell 4% from 2022.", "4%", None),
        ("Erdogan won 49.5% in the first round.", "49.5%", "R1"),
        ("Erdogan won 52.2% in the runoff.", "52.2%", "R2"),
    ],
)
def test_period_is_the_year_and_part_the_sentence_names(
    text: str, number: str, period: str | None
) -> None:
    assert _frame(text, number).period == period


def test_periods_that_name_different_years_or_parts_are_apart() -> None:
    assert not periods_compatible("2023", "2022")
    assert not periods_compatible("2023-Q4", "2023-Q1")
    assert periods_compatible("2023-Q4", None)
    assert periods_compatible("2023", "2023-Q4")
    # A quarter against a year named alone (the whole year) only if the values agree.
    assert not periods_compatible("2023", "2023-Q4", strict=True)
    assert periods_compatible("2023-Q4", "Q4", strict=True)


def test_entities_share_a_word_or_differ() -> None:
    assert entities_compatible("Recep Tayyip Erdogan", "Erdogan", strict=True)
    assert entities_compatible("APPLE", "Apple", strict=True)
    assert not entities_compatible("apple", "samsung", strict=False)
    assert entities_compatible("apple", None, strict=False)
    assert not entities_compatible("apple", None, strict=True)
    assert entities_compatible(None, None, strict=True)


def test_measures_of_changes_name_what_changed() -> None:
    assert measures_compatible("growth:shipments", "growth", strict=True)
    assert not measures_compatible("growth:shipments", "growth:revenue", strict=True)
    assert not measures_compatible("share", None, strict=True)
    assert measures_compatible("share", None, strict=False)
    assert measures_compatible("length", "depth", strict=False)
    assert not measures_compatible("length", "depth", strict=True)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "Argentina earned nearly [NUM] from wheat sales last year.",
            "Argentina earned up to [NUM] from nickel sales last year.",
            True,
        ),
        (
            "Italy expects semiconductors output to grow by [NUM] this year.",
            "Argentina expects semiconductors output to grow by at least [NUM] this year.",
            True,
        ),
        ("The quake struck at a depth of [NUM]", "The quake hit at a depth of [NUM]", False),
        ("Apple shipped [NUM] units in Q4", "Apple shipped [NUM] units in Q4, Canalys said", False),
    ],
)
def test_minimal_pairs_name_two_facts(a: str, b: str, expected: bool) -> None:
    assert contrastive(a, b) is expected
