"""Frames: the clause, subject, time and modality of a quantity."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.extract.frame import MASK, describe, modalities_compatible, times_compatible
from factcheck.models import Kind, Modality


def _describe(sentence: str, number: str, kind: Kind = Kind.PERCENT) -> tuple[object, str]:
    start = sentence.index(number)
    return describe(sentence, (start, start + len(number)), kind)


def test_context_is_the_clause_with_the_quantity_masked() -> None:
    frame, context = _describe(
        "The agency reported that the country makes up just 0.1% of global shipbuilding "
        "compared to its rival's 53.3% share.",
        "0.1%",
    )
    assert MASK in context
    assert "0.1%" not in context
    assert "53.3%" not in context  # "compared to" opens another clause
    assert frame.subject == "global shipbuilding"  # type: ignore[attr-defined]


def test_a_short_clause_gets_the_sentence_head() -> None:
    _, context = _describe(
        "That agreement, brokered by three officials, was due to expire on November 10.",
        "November 10",
        Kind.DATE,
    )
    assert context.startswith("That agreement")
    assert context.endswith(f"expire on {MASK}.")


@pytest.mark.parametrize(
    ("sentence", "number", "modality"),
    [
        ("The president threatened to impose 100% tariffs on cars.", "100%", Modality.THREATENED),
        (
            "He warned that he could impose tariffs of up to 100% on cars.",
            "100%",
            Modality.THREATENED,
        ),
        ("Analysts expect prices to reach $10 by 2030.", "$10", Modality.FORECAST),
        ("Some placed long-term targets as high as $10.", "$10", Modality.FORECAST),
        (
            "The token is trading at $0.90 with a market cap of $32 billion.",
            "$0.90",
            Modality.STATED,
        ),
        ("Their last deal capped tariffs at 145%.", "145%", Modality.PAST),
        ("The company accounts for about 70% of the global supply.", "70%", Modality.STATED),
    ],
)
def test_modality_follows_the_nearest_cue(sentence: str, number: str, modality: Modality) -> None:
    frame, _ = _describe(sentence, number, Kind.MONEY if "$" in number else Kind.PERCENT)
    assert frame.modality is modality  # type: ignore[attr-defined]


def test_time_phrase_of_the_clause_is_kept() -> None:
    frame, _ = _describe(
        "After officials hit imports with 145% tariffs in April, trade fell.", "145%"
    )
    assert frame.time == "in april"  # type: ignore[attr-defined]
    frame, _ = _describe("They will impose 100% tariffs starting November 1.", "100%")
    assert frame.time == "starting november 1"  # type: ignore[attr-defined]


def test_compatibility_of_modalities_and_times() -> None:
    assert modalities_compatible(Modality.STATED, Modality.PAST)
    assert not modalities_compatible(Modality.STATED, Modality.THREATENED)
    assert not modalities_compatible(Modality.FORECAST, Modality.THREATENED)
    assert times_compatible(None, "in april")
    assert not times_compatible("in april", "in may")


@given(st.text(max_size=200), st.data())
def test_describe_never_raises_and_masks_the_span(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    frame, context = describe(text, (start, end), Kind.COUNT)
    assert isinstance(frame.subject, str)
    assert isinstance(context, str)
