"""A claim's frame decides what it may be compared with (issues 13 and 19).

These run the whole cross-check (extraction, frames, clustering, comparison) with the
deterministic test embedder, so that what is tested is the frame rule, not the model's
similarity; the real model runs on the seed gold and on benchmarks/accuracy.py.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.crosscheck.copies import collapse_copies
from factcheck.crosscheck.pipeline import report
from factcheck.extract import extract_claims
from factcheck.models import Report, Source, Verdict
from factcheck.settings import Settings
from tests.doubles import HashingEmbedder


def _check(
    *texts: str, published: date | None = None, dates: tuple[date, ...] | None = None
) -> Report:
    sources = [
        Source(id=f"s{i}.txt", text=text, published=dates[i] if dates is not None else published)
        for i, text in enumerate(texts)
    ]
    return report(sources, Settings(), embedder=HashingEmbedder())


def _verdicts(result: Report) -> list[tuple[Verdict, tuple[str, ...]]]:
    quote = {c.id: c.citation.quote for c in result.claims}
    return sorted(
        (f.verdict, tuple(sorted(quote[cid] for cid in f.claim_ids))) for f in result.findings
    )


def test_one_measure_of_one_entity_in_two_sources_conflicts() -> None:
    result = _check(
        "Apple shipped 80.5 million smartphones in the fourth quarter of 2023.",
        "Apple shipped 78.1 million smartphones in the fourth quarter of 2023.",
    )
    conflicts = [v for v in _verdicts(result) if v[0] is Verdict.CONFLICT]
    assert conflicts == [(Verdict.CONFLICT, ("78.1 million", "80.5 million"))]


def test_different_entities_speak_against_one_fact() -> None:
    from factcheck.crosscheck.cluster import pair_evidence

    def evidence(second: str) -> float:
        [a, _] = extract_claims(
            Source(id="s0.txt", text="Apple shipped 80.5 million smartphones in 2023.")
        )
        [b, _] = extract_claims(Source(id="s1.txt", text=second))
        return pair_evidence(a, b, 0.9, Settings(), measure_similarity=1.0).probability

    same = evidence("Apple shipped 78.1 million smartphones in 2023.")
    other = evidence("Samsung shipped 78.1 million smartphones in 2023.")
    assert other < same


def test_a_quarter_and_the_whole_year_never_conflict() -> None:
    result = _check(
        "Apple shipped 80.5 million smartphones in the fourth quarter of 2023.",
        "Apple shipped 234.6 million smartphones in 2023.",
    )
    assert not result.conflicts


def test_a_named_year_keeps_an_old_figure_apart() -> None:
    # Reported in 2023: the quake "in 1999" is another quake, the unnamed one is this one.
    result = _check(
        "The earthquake had a magnitude of 7.8, officials said.",
        "The earthquake in 1999 had a magnitude of 7.6, officials said.",
        published=date(2023, 2, 7),
    )
    assert not result.conflicts


def test_a_count_reported_on_different_days_is_changed_over_time_not_a_conflict() -> None:
    texts = (
        "The earthquake in Turkey killed 1,602 people, officials said.",
        "The earthquake in Turkey killed 5,800 people, officials said.",
    )
    later = _check(*texts, dates=(date(2023, 2, 6), date(2023, 2, 8)))
    assert [v for v, _ in _verdicts(later)] == [Verdict.CHANGED]
    assert "changed over time" in later.findings[0].explanation
    # The same two counts on the same day are a contradiction: nothing says one is later.
    same_day = _check(*texts, published=date(2023, 2, 8))
    assert [v for v, _ in _verdicts(same_day)] == [Verdict.CONFLICT]


def test_rival_attributed_figures_are_a_conflict_labelled_with_their_sources() -> None:
    result = _check(
        "Apple shipped 80.5 million smartphones in the fourth quarter, according to IDC.",
        "Apple shipped 78.1 million smartphones in the fourth quarter, according to Canalys.",
    )
    [finding] = result.conflicts
    assert "IDC" in finding.explanation
    assert "Canalys" in finding.explanation


def test_two_open_bounds_make_no_agreement() -> None:
    result = _check(
        "Hurricane Ian killed more than 6,000 cattle in Florida, officials said.",
        "Hurricane Ian killed at least 4,645 cattle in Florida, officials said.",
    )
    assert not result.findings


def test_figures_of_one_source_never_conflict_with_each_other() -> None:
    result = _check(
        "Apple shipped 80.5 million smartphones in the quarter. "
        "Elsewhere in the report, Apple shipped 78.1 million smartphones in the quarter."
    )
    assert not result.conflicts


def test_values_compare_at_the_precision_written() -> None:
    agree = _check("Samsung held a 20% market share.", "Samsung held a 20.1% market share.")
    assert [v for v, _ in _verdicts(agree)] == [Verdict.AGREE]
    conflict = _check("Samsung held an 8% market share.", "Samsung held an 8.5% market share.")
    assert [v for v, _ in _verdicts(conflict)] == [Verdict.CONFLICT]


def test_headings_and_explanations_say_what_is_measured() -> None:
    result = _check(
        "Apple shipped 80.5 million smartphones in the fourth quarter of 2023.",
        "Apple shipped 78.1 million smartphones in the fourth quarter of 2023.",
    )
    [finding] = result.conflicts
    [cluster] = [c for c in result.clusters if c.id == finding.cluster_id]
    assert cluster.subject == "Apple ship smartphone, 2023-Q4"
    assert "the same measure (ship smartphone) of Apple for 2023-Q4" in finding.explanation


def test_copies_collapse_into_the_first_source_and_are_counted() -> None:
    text = "Apple shipped 80.5 million smartphones in the fourth quarter of 2023."
    claims = [
        claim for i in range(4) for claim in extract_claims(Source(id=f"s{i}.txt", text=text))
    ]
    [kept] = [c for c in collapse_copies(claims) if c.citation.quote == "80.5 million"]
    assert kept.source == "s0.txt"
    assert kept.copies == ("s1.txt", "s2.txt", "s3.txt")


STORY = [
    "China accounts for about 70% of the global supply of rare earths, officials said.",
    "Beijing dominates processing, an area where China produces more than 90% of the global "
    "supply of rare earths.",
    "Apple shipped 80.5 million smartphones in the fourth quarter of 2023, according to IDC.",
    "Apple shipped 78.1 million smartphones in the fourth quarter of 2023, according to Canalys.",
    "The earthquake in Turkey killed 1,602 people. It struck at a depth of 17.9 km.",
    "The earthquake struck at a depth of 24.1 km, the agency said.",
]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(copies=st.lists(st.integers(0, 3), min_size=len(STORY), max_size=len(STORY)))
def test_adding_exact_copies_of_sources_changes_no_verdict(copies: list[int]) -> None:
    alone = _verdicts(_check(*STORY))
    texts = [text for text, k in zip(STORY, copies, strict=True) for _ in range(k + 1)]
    assert _verdicts(_check(*texts)) == alone


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(index=st.integers(0, len(STORY) - 1))
def test_a_source_checked_against_a_copy_of_itself_yields_no_conflict(index: int) -> None:
    text = " ".join(STORY)
    assert not _check(text, text).conflicts
    assert not _check(STORY[index], STORY[index]).conflicts
