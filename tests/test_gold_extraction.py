"""Every claim quoted in tests/data/gold_seeds.yaml is extracted with its value and qualifier."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck.extract import extract_claims
from factcheck.models import Claim, Qualifier, Source
from factcheck.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
GOLD = yaml.safe_load((Path(__file__).parent / "data" / "gold_seeds.yaml").read_text("utf-8"))

# What the pipeline passes: the publication date a dateline or dated URL gives
# (2025/10/12 byline of 000, the 2025-10-25 URL of 004), and for the others the
# run's reference date, by default the latest publication date among sources.
PUBLISHED = {"000_40b7379e913e0d47.txt": date(2025, 10, 12), "004_89daeb4646ad122d.txt": date(2025, 10, 25)}  # fmt: skip
REFERENCE = Settings(reference_date=date(2025, 10, 25))

_QUALIFIER_WORDS = {
    "about": Qualifier.APPROXIMATE,
    "more than": Qualifier.MORE_THAN,
    "at least": Qualifier.AT_LEAST,
    "up to": Qualifier.AT_MOST,
    "as high as": Qualifier.AT_MOST,
    "less than": Qualifier.LESS_THAN,
}
_CURRENCY_CODE = re.compile(r"^(?P<number>[\d.]+) (?P<code>[A-Z]{3})$")


def parse_gold_value(text: str) -> tuple[Qualifier, float | str, str]:
    """'about 70%' -> (APPROXIMATE, 70.0, '%'); '2025-11-01' -> (EXACT, '2025-11-01', 'date')."""
    qualifier = Qualifier.EXACT
    for words, meaning in _QUALIFIER_WORDS.items():
        if text.startswith(words + " "):
            qualifier, text = meaning, text[len(words) + 1 :]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return qualifier, text, "date"
    if text.endswith("%"):
        return qualifier, float(text[:-1]), "%"
    money = _CURRENCY_CODE.match(text)
    if money:
        return qualifier, float(money["number"]), money["code"]
    number, unit = text.split(" ")
    return qualifier, float(number), unit.rstrip("s")


@cache
def claims_of(name: str) -> tuple[str, tuple[Claim, ...]]:
    path = ROOT / "seeds" / name
    text = path.read_bytes().decode("utf-8")
    source = Source(id=name, path=str(path), text=text, published=PUBLISHED.get(name))
    return text, tuple(extract_claims(source, REFERENCE))


def gold_claims() -> list[dict[str, Any]]:
    claims = []
    for section in ("conflicts", "agreements"):
        for group in GOLD[section]:
            claims.extend(group["claims"])
    return claims


def test_gold_file_lists_claims() -> None:
    assert len(gold_claims()) >= 10


@pytest.mark.parametrize(
    "gold", gold_claims(), ids=lambda g: f"{g['source'][:3]}:{g['quote'][:30]}"
)
def test_gold_claim_is_extracted(gold: dict[str, Any]) -> None:
    text, claims = claims_of(gold["source"])
    quote_start = text.find(gold["quote"])
    assert quote_start >= 0, "the quote must occur in its source"
    quote_end = quote_start + len(gold["quote"])
    qualifier, value, unit = parse_gold_value(gold["value"])
    inside = [c for c in claims if quote_start <= c.citation.start < c.citation.end <= quote_end]
    matching = [
        c
        for c in inside
        if c.quantity.value == pytest.approx(value)
        and c.quantity.qualifier is qualifier
        and c.quantity.unit == unit
    ]
    assert matching, f"no claim {gold['value']!r} in {gold['quote']!r}: {inside}"
    for claim in matching:
        assert claim.citation.quote == text[claim.citation.start : claim.citation.end]
