"""Quantities found in English sentences: kinds, values, units, qualifiers, intervals, spans."""

from __future__ import annotations

from datetime import date

import pytest

from factcheck.extract import extract_claims, iter_claims
from factcheck.models import Claim, Kind, Qualifier, Source
from factcheck.settings import Settings

REFERENCE = Settings(reference_date=date(2025, 10, 25))


def only(text: str, settings: Settings = REFERENCE) -> Claim:
    claims = extract_claims(text, settings)
    assert len(claims) == 1, [c.citation.quote for c in claims]
    return claims[0]


def quotes(text: str) -> list[str]:
    return [c.citation.quote for c in extract_claims(text, REFERENCE)]


@pytest.mark.parametrize(
    ("text", "quote", "kind", "value", "unit"),
    [
        ("Inflation was 3.2% in May.", "3.2%", Kind.PERCENT, 3.2, "%"),
        ("Support fell to 41 percent.", "41 percent", Kind.PERCENT, 41, "%"),
        ("Rates rose 5 percentage points.", "5 percentage points", Kind.PERCENTAGE_POINTS, 5, "pp"),
        ("The bank cut by 25 basis points.", "25 basis points", Kind.PERCENTAGE_POINTS, 0.25, "pp"),
        ("It cost $6 million.", "$6 million", Kind.MONEY, 6e6, "USD"),
        ("It cost $6M.", "$6M", Kind.MONEY, 6e6, "USD"),
        ("Revenue hit €6bn.", "€6bn", Kind.MONEY, 6e9, "EUR"),
        ("A fine of £2.5 billion was set.", "£2.5 billion", Kind.MONEY, 2.5e9, "GBP"),
        ("They paid US$1.2 billion.", "US$1.2 billion", Kind.MONEY, 1.2e9, "USD"),
        ("Sales of A$300 million.", "A$300 million", Kind.MONEY, 3e8, "AUD"),
        ("It raised HK$5 billion.", "HK$5 billion", Kind.MONEY, 5e9, "HKD"),
        ("It earned 3 billion yuan.", "3 billion yuan", Kind.MONEY, 3e9, "CNY"),
        ("It earned 500 million yen.", "500 million yen", Kind.MONEY, 5e8, "JPY"),
        ("The deal is worth EUR 40 million.", "EUR 40 million", Kind.MONEY, 4e7, "EUR"),
        ("They spent 40 million dollars.", "40 million dollars", Kind.MONEY, 4e7, "USD"),
        ("A loan of 20,000 rupees.", "20,000 rupees", Kind.MONEY, 2e4, "INR"),
        ("He saw 15,200 victims.", "15,200", Kind.COUNT, 15200, ""),
        ("Two sources confirmed it.", "Two", Kind.COUNT, 2, ""),
        ("A dozen eggs broke.", "A dozen", Kind.COUNT, 12, ""),
        ("About 1.4 billion people live there.", "1.4 billion", Kind.COUNT, 1.4e9, ""),
        ("We hired 15k workers.", "15k", Kind.COUNT, 15000, ""),
        ("Their first in six years.", "six years", Kind.DURATION, 6, "year"),
        ("A 90-day truce held.", "90-day", Kind.DURATION, 90, "day"),
        ("A one-year reprieve.", "one-year", Kind.DURATION, 1, "year"),
        ("It took two decades.", "two decades", Kind.DURATION, 2, "decade"),
        ("The worst selloff in six months.", "six months", Kind.DURATION, 6, "month"),
        ("The 2018 trade war hurt.", "2018", Kind.YEAR, 2018, "year"),
        ("A third of voters agreed.", "A third", Kind.PERCENT, 100 / 3, "%"),
        ("Two-thirds of them left.", "Two-thirds", Kind.PERCENT, 200 / 3, "%"),
        ("One in five adults smoke.", "One in five", Kind.PERCENT, 20, "%"),
        ("Prices fell −4.70% today.", "−4.70%", Kind.PERCENT, -4.7, "%"),
        ("The population is 67.1 million.", "67.1 million", Kind.COUNT, 67.1e6, ""),
        ("I want 2 liters of wine.", "2 liters", Kind.COUNT, 2, "l"),
        ("The car weighs 1,500 kg.", "1,500 kg", Kind.COUNT, 1500, "kg"),
        ("It goes 200 km/h.", "200 km/h", Kind.COUNT, 200, "km/h"),
        ("Temperatures hit 45°C.", "45°C", Kind.COUNT, 45, "°C"),
        ("A 300-mile trip.", "300-mile", Kind.COUNT, 300, "mi"),
        ("It earned 35 cents a share.", "35 cents", Kind.MONEY, 0.35, "USD"),
        ("Output of 1.5 trillion won.", "1.5 trillion won", Kind.MONEY, 1.5e12, "KRW"),
    ],
)
def test_kinds_values_units(text: str, quote: str, kind: Kind, value: float, unit: str) -> None:
    claims = [c for c in extract_claims(text, REFERENCE) if c.citation.quote == quote]
    assert len(claims) == 1, quotes(text)
    quantity = claims[0].quantity
    assert (quantity.kind, quantity.unit) == (kind, unit)
    assert quantity.value == pytest.approx(value, rel=1e-15)


def test_count_span_is_the_number_only() -> None:
    assert quotes("He saw 15,200 victims.") == ["15,200"]


@pytest.mark.parametrize(
    ("text", "qualifier", "quote"),
    [
        ("about 70% of supply", Qualifier.APPROXIMATE, "70%"),
        ("around 70% of supply", Qualifier.APPROXIMATE, "70%"),
        ("roughly 70% of supply", Qualifier.APPROXIMATE, "70%"),
        ("nearly 70% of supply", Qualifier.APPROXIMATE, "70%"),
        ("almost 70% of supply", Qualifier.APPROXIMATE, "70%"),
        ("approximately 70% of supply", Qualifier.APPROXIMATE, "70%"),
        ("an estimated 70% of supply", Qualifier.APPROXIMATE, "70%"),
        ("some 200 people", Qualifier.APPROXIMATE, "200"),
        ("more than 90% of supply", Qualifier.MORE_THAN, "90%"),
        ("over 90% of supply", Qualifier.MORE_THAN, "90%"),
        ("levels that rose well beyond 100%", Qualifier.MORE_THAN, "100%"),
        ("exceeding 90% of supply", Qualifier.MORE_THAN, "90%"),
        ("upwards of 90% of supply", Qualifier.MORE_THAN, "90%"),
        ("at least 90% of supply", Qualifier.AT_LEAST, "90%"),
        ("no less than 90% of supply", Qualifier.AT_LEAST, "90%"),
        ("15,000+ people", Qualifier.AT_LEAST, "15,000+"),
        ("up to 100% tariffs", Qualifier.AT_MOST, "100%"),
        ("tariffs as high as 145%", Qualifier.AT_MOST, "145%"),
        ("as much as $10", Qualifier.AT_MOST, "$10"),
        ("at most 3 days", Qualifier.AT_MOST, "3 days"),
        ("no more than 3 days", Qualifier.AT_MOST, "3 days"),
        ("less than 5% of them", Qualifier.LESS_THAN, "5%"),
        ("under 5% of them", Qualifier.LESS_THAN, "5%"),
        ("below 5% of them", Qualifier.LESS_THAN, "5%"),
        ("fewer than 300 people", Qualifier.LESS_THAN, "300"),
        ("a deal that capped tariffs at 145%", Qualifier.EXACT, "145%"),
        ("tariffs to 100%", Qualifier.EXACT, "100%"),
    ],
)
def test_qualifiers(text: str, qualifier: Qualifier, quote: str) -> None:
    claim = only(text)
    assert claim.quantity.qualifier is qualifier
    assert claim.citation.quote == quote


def test_intervals_follow_qualifier_and_precision() -> None:
    assert only("lost $6 million").quantity.low == pytest.approx(5.5e6)
    assert only("lost $6 million").quantity.high == pytest.approx(6.5e6)
    assert only("lost $6.28 million").quantity.low == pytest.approx(6.275e6)
    assert only("lost $6.28 million").quantity.high == pytest.approx(6.285e6)
    exact = only("tariffs of 145%").quantity
    assert (exact.low, exact.high) == (145, 145)
    near = only("about 70% of it").quantity
    assert [near.low, near.high] == pytest.approx([63, 77])
    more = only("more than $6 million").quantity
    assert (more.low, more.high) == (6e6, None)
    less = only("less than 5% of it").quantity
    assert (less.low, less.high) == (None, 5)


def test_approximate_margin_is_a_setting() -> None:
    wide = Settings(reference_date=date(2025, 10, 25), approximate_margin=0.2)
    claim = only("about 50% of it", wide)
    assert [claim.quantity.low, claim.quantity.high] == pytest.approx([40, 60])


@pytest.mark.parametrize(
    ("text", "quote", "kind", "low", "high", "unit"),
    [
        ("perhaps five to seven years away", "five to seven years", Kind.DURATION, 5, 7, "year"),
        ("Price Prediction 2026–2030 report", "2026–2030", Kind.YEAR, 2026, 2030, "year"),
        ("a rise of 5-7% this year", "5-7%", Kind.PERCENT, 5, 7, "%"),
        ("a $5-7 billion deal", "$5-7 billion", Kind.MONEY, 5e9, 7e9, "USD"),
        ("between 3 and 4 million people", "3 and 4 million", Kind.COUNT, 3e6, 4e6, ""),
        (
            "costing $5 billion to $7 billion",
            "$5 billion to $7 billion",
            Kind.MONEY,
            5e9,
            7e9,
            "USD",
        ),
        ("growth in the 1990s", "1990s", Kind.YEAR, 1990, 1999, "year"),
    ],
)
def test_ranges(text: str, quote: str, kind: Kind, low: float, high: float, unit: str) -> None:
    claim = only(text)
    quantity = claim.quantity
    assert claim.citation.quote == quote
    assert (quantity.kind, quantity.unit, quantity.qualifier) == (kind, unit, Qualifier.RANGE)
    assert [quantity.low, quantity.high] == pytest.approx([low, high])
    assert quantity.value == pytest.approx((low + high) / 2)


@pytest.mark.parametrize(
    "text",
    [
        "rates fell from 145% to 30%",
        "the score was 3-2 at the end",
        "the population grew by 2.3 million to 67.1 million",
    ],
)
def test_changes_and_scores_are_not_ranges(text: str) -> None:
    assert all(c.quantity.qualifier is not Qualifier.RANGE for c in extract_claims(text, REFERENCE))


@pytest.mark.parametrize(
    ("text", "quote", "value", "low", "high", "inferred"),
    [
        ("slated for Nov. 1, days later", "Nov. 1", "2025-11-01", "2025-11-01", "2025-11-01", True),
        ("due to expire on November 10", "November 10", "2025-11-10", None, None, True),
        ("the port on Oct 9", "Oct 9", "2025-10-09", None, None, True),
        ("signed on 10 November 2025", "10 November 2025", "2025-11-10", None, None, False),
        ("released 2025/10/12 to press", "2025/10/12", "2025-10-12", None, None, False),
        ("released 2025-10-12 to press", "2025-10-12", "2025-10-12", None, None, False),
        ("on September 19, they spoke", "September 19", "2025-09-19", None, None, True),
        ("signed on Jan. 3, 2024", "Jan. 3, 2024", "2024-01-03", None, None, False),
        ("tariffs imposed in April", "April", "2025-04", "2025-04-01", "2025-04-30", True),
        ("talks in March 2024", "March 2024", "2024-03", "2024-03-01", "2024-03-31", False),
        (
            "a downturn in early October",
            "early October",
            "2025-10",
            "2025-10-01",
            "2025-10-10",
            True,
        ),
        ("a truce in May", "May", "2025-05", "2025-05-01", "2025-05-31", True),
    ],
)
def test_dates(
    text: str, quote: str, value: str, low: str | None, high: str | None, inferred: bool
) -> None:
    claim = only(text, Settings(reference_date=date(2025, 10, 1)))
    quantity = claim.quantity
    assert claim.citation.quote == quote
    assert (quantity.kind, quantity.value, quantity.year_inferred) == (Kind.DATE, value, inferred)
    assert quantity.low == (low or value)
    assert quantity.high == (high or value)


def test_year_comes_from_publication_date_before_reference() -> None:
    source = Source(id="s", text="It ends on January 5.", published=date(2025, 12, 20))
    claim = extract_claims(source, Settings(reference_date=date(2020, 6, 1)))[0]
    assert claim.quantity.value == "2026-01-05"


def test_year_stays_unknown_without_reference() -> None:
    claim = only("It ends on November 10.", Settings())
    assert claim.quantity.value == "--11-10"
    assert claim.quantity.year_inferred is False


@pytest.mark.parametrize(
    "text",
    [
        "2025/10/12 23:15",
        "4 min read",
        "The meeting starts at 23:15 sharp.",
        "It opens at 9 a.m. daily.",
        "The COVID-19 pandemic spread.",
        "Leaders met at the G7 summit.",
        "The F-35 jet flew.",
        "A Boeing 737 landed.",
        "Tariffs under Section 232 apply.",
        "The iPhone 15 sold well.",
        "The Phase One deal failed.",
        "See https://example.com/2025/10/12/story-100 for more.",
        "Write to desk2025@example.com today.",
        "He ranked No. 5 overall.",
        "One of them left.",
        "On Sunday, they met.",
        "Coinstats2026/02/23 04:29",
        "Ticker $0.001236$0.001236",
        "The first half of 2025 was slow.",
    ],
)
def test_not_claims(text: str) -> None:
    found = [c for c in extract_claims(text, REFERENCE) if c.quantity.kind is not Kind.YEAR]
    assert found == [], [c.citation.quote for c in found]


def test_list_numbering_is_not_a_claim() -> None:
    assert quotes("1. Tariffs rose 10%\n2. Exports fell") == ["10%"]


def test_repeated_sentences_yield_one_claim_with_occurrences() -> None:
    text = "Tariffs rose to 100% today.\nOther news.\nTariffs rose to 100% today.\n"
    claims = extract_claims(text, REFERENCE)
    assert len(claims) == 1
    assert claims[0].occurrences == 2


def test_repeats_differing_in_whitespace_keep_the_first_occurrence() -> None:
    text = "Lead  sentence has 5% here.\nOther one.\nLead sentence has 5% here.\n"
    claims = extract_claims(text, REFERENCE)
    assert [(c.citation.line, c.occurrences) for c in claims] == [(1, 2)]


def test_streaming_and_listing_agree() -> None:
    text = "Tariffs rose 10% in May. Exports fell $3 billion.\nTariffs rose 10% in May.\n"
    assert list(iter_claims(text, REFERENCE)) == extract_claims(text, REFERENCE)


def test_huge_sources_stream_in_two_passes_to_the_same_claims(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "Tariffs rose 10% in May. Exports fell $3 billion.\nTariffs rose 10% in May.\n"
    in_memory = extract_claims(text, REFERENCE)
    monkeypatch.setattr("factcheck.extract._SEGMENT_TWICE_ABOVE", 0)
    assert extract_claims(text, REFERENCE) == in_memory
    assert [c.occurrences for c in in_memory] == [2, 2, 1]  # 10%, May, $3 billion


def test_citation_and_id() -> None:
    text = "Headline\n\nChina accounts for about 70% of the global supply."
    claim = only(text)
    citation = claim.citation
    assert text[citation.start : citation.end] == citation.quote == "70%"
    assert citation.line == 3
    assert citation.sentence == "China accounts for about 70% of the global supply."
    assert text[citation.sentence_start : citation.sentence_end] == citation.sentence
    assert claim.id == Claim.make_id("<text>", citation.start, citation.end)
    assert "70%" not in claim.context


def test_several_quantities_in_one_sentence() -> None:
    text = "Attackers stole $12.17 million from more than 15,200 victims in August, a 72% jump."
    assert quotes(text) == ["$12.17 million", "15,200", "August", "72%"]


# ------------------------------------------------- English as written (issue 14)


@pytest.mark.parametrize(
    ("text", "quote", "kind", "value", "unit"),
    [
        ("It is 3/4 done.", "3/4", Kind.COUNT, 0.75, ""),
        ("He ran 2 1/4 miles.", "2 1/4 miles", Kind.COUNT, 2.25, "mi"),
        ("The index moved -4/5.", "-4/5", Kind.COUNT, -0.8, ""),
        ("They walked one and a half miles.", "one and a half miles", Kind.COUNT, 1.5, "mi"),
        (
            "It took five and a quarter hours.",
            "five and a quarter hours",
            Kind.DURATION,
            5.25,
            "hour",
        ),
        ("They baked half a dozen cakes.", "half a dozen", Kind.COUNT, 6, ""),
        ("They baked 3 dozen cakes.", "3 dozen", Kind.COUNT, 36, ""),
        ("It had a hundred thousand fans.", "a hundred thousand", Kind.COUNT, 1e5, ""),
        ("The index rose two point five points.", "two point five", Kind.COUNT, 2.5, ""),
        ("Half a million people came.", "Half a million", Kind.COUNT, 5e5, ""),
        ("A quarter of a million people came.", "A quarter of a million", Kind.COUNT, 2.5e5, ""),
        ("We sold one and a half million units.", "one and a half million", Kind.COUNT, 1.5e6, ""),
        ("The sample held 1e10 cells.", "1e10", Kind.COUNT, 1e10, ""),
        ("It holds 1.2 x 10^9 bytes.", "1.2 x 10^9 bytes", Kind.COUNT, 1.2e9, "B"),
        ("It holds 1.2×10⁹ bytes.", "1.2×10⁹ bytes", Kind.COUNT, 1.2e9, "B"),
        ("We have 2.33k fans.", "2.33k", Kind.COUNT, 2330, ""),
        ("They raised 1.2b in bonds.", "1.2b", Kind.COUNT, 1.2e9, ""),
        ("The link carries 10G.", "10G", Kind.COUNT, 1e10, ""),
        ("It reaches 1.2m people.", "1.2m", Kind.COUNT, 1.2e6, ""),
        ("The state spent Rs 5 lakh crore.", "Rs 5 lakh crore", Kind.MONEY, 5e12, "INR"),
        ("The film earned 3 crore rupees.", "3 crore rupees", Kind.MONEY, 3e7, "INR"),
        ("The bill was 20 lakh.", "20 lakh", Kind.COUNT, 2e6, ""),
        ("It cost 115USD.", "115USD", Kind.MONEY, 115, "USD"),
        ("It cost USD50.", "USD50", Kind.MONEY, 50, "USD"),
        ("It cost NZ$15.", "NZ$15", Kind.MONEY, 15, "NZD"),
        ("It cost $ 139 billion.", "$ 139 billion", Kind.MONEY, 139e9, "USD"),
        ("It cost US $150 million.", "US $150 million", Kind.MONEY, 150e6, "USD"),
        ("They paid 30 MUSD.", "30 MUSD", Kind.MONEY, 30e6, "USD"),
        ("They paid 120 MEUR.", "120 MEUR", Kind.MONEY, 120e6, "EUR"),
        ("It cost 3 dollars 50 cents.", "3 dollars 50 cents", Kind.MONEY, 3.5, "USD"),
        ("The bid was 470 pence a share.", "470 pence", Kind.MONEY, 4.7, "GBP"),
        ("Shares fell one penny.", "one penny", Kind.MONEY, 0.01, "GBP"),
        ("Its one-yen bid failed.", "one-yen", Kind.MONEY, 1, "JPY"),
        ("It is 70 times higher.", "70 times", Kind.COUNT, 70, "×"),
        ("It rose 3-fold.", "3-fold", Kind.COUNT, 3, "×"),
        ("There were 14.3 deaths per 1,000 people.", "14.3", Kind.COUNT, 14.3, "per 1000"),
        ("There were 14.3 deaths per 1000 people.", "14.3", Kind.COUNT, 14.3, "per 1000"),
    ],
)
def test_english_as_written(text: str, quote: str, kind: Kind, value: float, unit: str) -> None:
    claims = [c for c in extract_claims(text, REFERENCE) if c.citation.quote == quote]
    assert len(claims) == 1, quotes(text)
    quantity = claims[0].quantity
    assert (quantity.kind, quantity.unit) == (kind, unit)
    assert quantity.value == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize(
    "text",
    [
        "The quake struck at 0830 UTC.",
        "The polls close at 4:30 pm.",
        "It ended at 3:05 p.m. sharp.",
        "The 4G network went down.",
        "The wall is 5m high.",
    ],
)
def test_times_and_networks_are_not_quantities(text: str) -> None:
    assert quotes(text) == []


def test_a_count_and_a_year_are_never_a_share() -> None:
    claims = extract_claims("The storm killed more than 1,400 in 1974.", REFERENCE)
    assert [(c.citation.quote, c.quantity.kind) for c in claims] == [
        ("1,400", Kind.COUNT),
        ("1974", Kind.YEAR),
    ]
    assert claims[0].quantity.qualifier is Qualifier.MORE_THAN


def test_the_denominator_of_a_rate_is_neither_a_claim_nor_a_year() -> None:
    assert quotes("There were 14.3 deaths per 1000 people.") == ["14.3"]


@pytest.mark.parametrize(
    ("text", "first", "second", "unit"),
    [
        ("Unemployment fell from 21.7 to 19.4 percent.", "21.7", "19.4 percent", "%"),
        ("The rate went from 2 to 3 percentage points.", "2", "3 percentage points", "pp"),
        ("The price rose from 5 to 7 dollars.", "5", "7 dollars", "USD"),
    ],
)
def test_the_first_figure_of_a_change_takes_the_unit_written_after_the_second(
    text: str, first: str, second: str, unit: str
) -> None:
    claims = extract_claims(text, REFERENCE)
    assert [c.citation.quote for c in claims] == [first, second]
    assert {c.quantity.unit for c in claims} == {unit}


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Deaths exceeded 5,000.", Qualifier.MORE_THAN),
        ("The toll could top 1,000.", Qualifier.MORE_THAN),
        ("Sales surpassed 300 units.", Qualifier.MORE_THAN),
        ("Revenue topped $5 million.", Qualifier.MORE_THAN),
        ("Fewer than 20 came.", Qualifier.LESS_THAN),
        ("The top 10 firms agreed.", Qualifier.EXACT),
    ],
)
def test_verbs_that_state_bounds(text: str, qualifier: Qualifier) -> None:
    assert only(text).quantity.qualifier is qualifier


MAY_2025 = Settings(reference_date=date(2025, 5, 10))


@pytest.mark.parametrize(
    ("text", "quote", "value", "low", "high"),
    [
        ("The vote is on 11/20.", "11/20", "2024-11-20", "2024-11-20", "2024-11-20"),
        ("Results came on 22/04.", "22/04", "2025-04-22", "2025-04-22", "2025-04-22"),
        ("The deal closed 05-Aug-2016.", "05-Aug-2016", "2016-08-05", "2016-08-05", "2016-08-05"),
        ("It closed 2014-08-03.", "2014-08-03", "2014-08-03", "2014-08-03", "2014-08-03"),
        ("Bonds fall due Dec. 31, 1994, it said.", "Dec. 31, 1994", "1994-12-31", None, None),
        ("It closed on the 18th.", "18th", "2025-04-18", None, None),
        ("It opened on the second of August.", "second of August", "2024-08-02", None, None),
        ("It opened May twenty-nine.", "May twenty-nine", "2024-05-29", None, None),
        ("It will open May twenty-nine.", "May twenty-nine", "2025-05-29", None, None),
        ("Sales in Q4 2023 rose.", "Q4 2023", "2023-Q4", "2023-10-01", "2023-12-31"),
        ("Sales in Q3 '23 rose.", "Q3 '23", "2023-Q3", "2023-07-01", "2023-09-30"),
        ("Weak sales in H1 2024.", "H1 2024", "2024-H1", "2024-01-01", "2024-06-30"),
        ("FY2024 sales rose.", "FY2024", "FY2024", "2023-02-01", "2025-03-31"),
        (
            "In the first quarter of 2024 sales rose.",
            "first quarter of 2024",
            "2024-Q1",
            "2024-01-01",
            "2024-03-31",
        ),
        ("The storm struck on Sept. 20.", "Sept. 20", "2024-09-20", None, None),
        ("The vote will be on Sept. 20.", "Sept. 20", "2025-09-20", None, None),
    ],
)
def test_dates_as_written(
    text: str, quote: str, value: str, low: str | None, high: str | None
) -> None:
    claims = [c for c in extract_claims(text, MAY_2025) if c.citation.quote == quote]
    assert len(claims) == 1, [c.citation.quote for c in extract_claims(text, MAY_2025)]
    quantity = claims[0].quantity
    assert (quantity.kind, quantity.value) == (Kind.DATE, value)
    assert (quantity.low, quantity.high) == (low or value, high or value)


@pytest.mark.parametrize(
    "text",
    ["The 27th floor burned.", "Open 24/7 since then.", "Tickets for the 25th anniversary."],
)
def test_ordinals_and_idioms_are_not_dates(text: str) -> None:
    assert [c for c in extract_claims(text, MAY_2025) if c.quantity.kind is Kind.DATE] == []


def test_a_fraction_outside_a_date_context_stays_a_fraction() -> None:
    assert only("It is 3/4 done.", MAY_2025).quantity.value == 0.75
