"""One home for each piece of knowledge: a table written a second time fails here.

Each table of words or signs has one module. Any other module whose string literals
(docstrings and comments aside: examples in prose are fine) name several members of a
table is writing the table again, and the copies drift: that is what these tests refuse.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import factcheck
from factcheck import units
from factcheck.extract import numbers, words
from factcheck.sources import dates as calendar
from factcheck.sources.markdown import markdown_meta
from factcheck.sources.yaml_screen import MAX_DEPTH

SRC = Path(factcheck.__file__).resolve().parent

# The lead rewrites these two for issue 19 (their topic tables are going away); until then
# they still hold their own copies. Remove an entry when its file reads the shared tables.
PENDING: set[str] = set()

# table: (its members, whether case is folded, the one module that writes it, how many
# distinct members a string literal elsewhere may name before it is a second copy)
TABLES: dict[str, tuple[frozenset[str], bool, str, int]] = {
    "currency codes": (frozenset(units.currency_codes()), False, "units.py", 2),
    "month names": (frozenset(calendar.MONTHS), True, "sources/dates.py", 3),
    "weekday names": (frozenset(calendar.WEEKDAYS), True, "sources/dates.py", 2),
    "time zones": (
        frozenset(z for z in calendar.TIME_ZONES if len(z) > 1),
        False,
        "sources/dates.py",
        2,
    ),
    "cardinal number words": (frozenset(numbers.CARDINALS), True, "extract/numbers.py", 4),
    "ordinal words": (frozenset(numbers.ORDINALS), True, "extract/numbers.py", 4),
    "fraction words": (frozenset(numbers.FRACTIONS), True, "extract/numbers.py", 4),
    "function words": (words.FUNCTION_WORDS, True, "extract/words.py", 50),
    "past-tense cues": (
        words.PAST_CUES - words.FUNCTION_WORDS,
        True,
        "extract/words.py",
        6,
    ),
    "future cues": (
        frozenset(c for c in words.FUTURE_CUES if " " not in c) - words.FUNCTION_WORDS,
        True,
        "extract/words.py",
        5,
    ),
}


def _string_literals(path: Path) -> str:
    """Every string literal of a module but its docstrings, joined."""
    tree = ast.parse(path.read_text("utf-8"))
    prose: set[int] = set()
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            for statement in block if isinstance(block, list) else []:
                if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                    prose.add(id(statement.value))
    return " ".join(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose
    )


def _modules() -> list[tuple[str, str]]:
    return [
        (path.relative_to(SRC).as_posix(), _string_literals(path))
        for path in sorted(SRC.rglob("*.py"))
    ]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_each_table_of_words_is_written_in_one_module(table: str) -> None:
    members, fold, home, most = TABLES[table]
    copies = {}
    for name, text in _modules():
        if name == home or name in PENDING:
            continue
        found = {w.lower() if fold else w for w in re.findall(r"[A-Za-z]+", text)} & members
        if len(found) > most:
            copies[name] = sorted(found)
    assert not copies, f"{table} written again outside {home}: {copies}"


def test_every_currency_sign_is_written_in_units_only() -> None:
    signs = set(units.CURRENCY_SIGNS) - {"$"}  # "$" also ends regular expressions
    elsewhere = {
        name: sorted(signs & set(text))
        for name, text in _modules()
        if name != "units.py" and name not in PENDING and signs & set(text)
    }
    assert not elsewhere, f"currency signs outside units.py: {elsewhere}"


def test_the_tables_of_the_homes_are_not_empty() -> None:
    # The tests above pass trivially on an empty table: each home still holds its table.
    for members, _, home, most in TABLES.values():
        assert len(members) > most, home


@pytest.mark.parametrize(("prefix", "code"), sorted(units.CURRENCY_PREFIXES.items()))
def test_every_currency_prefix_of_the_table_is_read(prefix: str, code: str) -> None:
    (claim,) = factcheck.extract_claims(f"The fund paid {prefix}25 to each member.")
    assert (claim.quantity.unit, claim.quantity.value) == (code, 25.0)


@pytest.mark.parametrize("word", units.currency_words())
def test_every_currency_word_of_the_table_is_read(word: str) -> None:
    (claim,) = factcheck.extract_claims(f"The fund paid 25 {word} to each member.")
    code = units.CURRENCY_WORDS[word]
    assert (claim.quantity.unit, claim.quantity.value) == (code, 25.0)


def _nested(depth: int) -> str:
    return "title: x\nitems: " + "[" * depth + "]" * depth


@pytest.mark.parametrize(("depth", "read"), [(MAX_DEPTH - 1, True), (MAX_DEPTH, False)])
def test_front_matter_and_fact_sheets_share_one_yaml_screen(depth: int, read: bool) -> None:
    from factcheck.errors import FactSheetError
    from factcheck.factsheet.yaml_loader import parse_yaml_factsheet

    # "items" is one collection deep already: depth + 1 in all.
    title, _ = markdown_meta(f"---\n{_nested(depth)}\n---\nBody.\n", "a.md")
    assert (title == "x") is read
    try:
        parse_yaml_factsheet(_nested(depth))
    except FactSheetError as error:
        refused = "nested deeper than" in error.message
    else:
        refused = False
    assert refused is not read
