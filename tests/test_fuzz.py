"""Fuzz campaign over the parts of factcheck that read hostile text (issue 7).

Hypothesis feeds the extractor (``extract_claims``/``iter_claims``), the sentence
segmenter, the fact-sheet parsers (YAML, CSV, ``parse_expected``) and the byte
decoder of sources with arbitrary Unicode text, with text built from number-like
fragments (Unicode digits, fullwidth percent, currency signs, scale words, months,
qualifiers, no-break and thin spaces, NUL, dashes, ranges, long digit runs), and
with valid fact sheets that are then broken (wrong types, unknown fields,
duplicate ids, deep nesting, anchors and aliases, huge numbers, odd characters,
cut or spliced text). Each target must either succeed with its invariants intact
(a citation quotes ``text[start:end]`` exactly, sentences are ordered spans that
lose no words, a loaded sheet knows its file and lines) or raise the one error
class meant for bad input, naming the file; never anything else.

The normal suite runs a small, derandomized number of examples per test. With
``FACTCHECK_FUZZ=1`` the same tests run the long campaign, 131,000 generated
inputs in all (``make fuzz``, that is
``FACTCHECK_FUZZ=1 .venv/bin/python -m pytest -q -m fuzz tests/test_fuzz.py``:
one process, about 14 minutes on one busy core), and write the inputs counted
per target and the failures to ``FACTCHECK_FUZZ_REPORT`` (default
``out/fuzz-report.json``, not committed); ``FACTCHECK_FUZZ_SCALE`` multiplies
the campaign's example counts.
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
import os
import platform
import re
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factcheck.atomic import write_atomic
from factcheck.errors import FactSheetError, InputError, SourceError
from factcheck.extract import extract_claims, iter_claims
from factcheck.extract.segment import MAX_SENTENCE_CHARS, split_sentences
from factcheck.factsheet.csv_loader import COLUMNS, parse_csv_factsheet
from factcheck.factsheet.models import FactSheet, parse_expected
from factcheck.factsheet.yaml_loader import parse_yaml_factsheet
from factcheck.models import Claim, Quantity, Source
from factcheck.settings import Settings
from factcheck.sources import load_sources
from factcheck.sources.decode import decode_bytes
from factcheck.sources.normalise import normalise_text
from factcheck.sources.read import read_source

pytestmark = pytest.mark.fuzz  # the same tests run in both modes; the marker only selects

ROOT = Path(__file__).resolve().parents[1]
CAMPAIGN = os.environ.get("FACTCHECK_FUZZ") == "1"
SCALE = float(os.environ.get("FACTCHECK_FUZZ_SCALE", "1"))  # sizes a campaign up or down
REFERENCE = Settings(reference_date=date(2025, 10, 25))
SHEET_PATH = "fuzz/sheet ü.yaml"  # odd on purpose: errors must still name it
CSV_PATH = "fuzz/sheet ü.csv"


def budget(normal: int, campaign: int) -> settings:
    """Hypothesis settings: a few derandomized examples normally, many in the campaign."""
    chosen = settings(
        max_examples=max(1, round(campaign * SCALE)) if CAMPAIGN else normal,
        deadline=None,
        derandomize=not CAMPAIGN,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.large_base_example,
        ],
    )
    # The campaign keeps failing examples in .hypothesis/ to replay; CI keeps nothing.
    return chosen if CAMPAIGN else settings(chosen, database=None)


# --------------------------------------------------------------------------- tally


class Tally:
    """Inputs run and failures seen per target, written as the campaign's report."""

    def __init__(self) -> None:
        self.inputs: Counter[str] = Counter()
        self.failing_inputs: Counter[str] = Counter()
        self.failure_kinds: dict[str, set[str]] = {}
        self.seconds: defaultdict[str, float] = defaultdict(float)

    @contextmanager
    def run(self, target: str) -> Iterator[None]:
        """Count one input of ``target``; record what it raised, if anything, and re-raise."""
        self.inputs[target] += 1
        began = time.perf_counter()
        try:
            yield
        except Exception as exc:
            self.failing_inputs[target] += 1
            where = exc.__traceback__
            while where is not None and where.tb_next is not None:
                where = where.tb_next
            place = (
                f"{Path(where.tb_frame.f_code.co_filename).name}:{where.tb_lineno}"
                if where is not None
                else "?"
            )
            self.failure_kinds.setdefault(target, set()).add(f"{type(exc).__name__} at {place}")
            raise
        finally:
            self.seconds[target] += time.perf_counter() - began

    def summary(self) -> dict[str, Any]:
        targets = sorted(self.inputs)
        return {
            "mode": "campaign" if CAMPAIGN else "normal",
            "hypothesis": hypothesis.__version__,
            "python": platform.python_version(),
            "targets": {
                name: {
                    "inputs": self.inputs[name],
                    "failing_inputs": self.failing_inputs[name],
                    "failures": sorted(self.failure_kinds.get(name, ())),
                    "seconds_in_target": round(self.seconds[name], 1),
                }
                for name in targets
            },
            "total_inputs": sum(self.inputs.values()),
            "total_failing_inputs": sum(self.failing_inputs.values()),
        }


@pytest.fixture(scope="module")
def tally() -> Iterator[Tally]:
    counts = Tally()
    began = time.perf_counter()
    yield counts
    wanted = os.environ.get("FACTCHECK_FUZZ_REPORT")
    if not (CAMPAIGN or wanted):
        return
    report = ROOT / "out" / "fuzz-report.json" if not wanted else Path(wanted)
    report.parent.mkdir(parents=True, exist_ok=True)
    summary = counts.summary() | {"wall_seconds": round(time.perf_counter() - began, 1)}
    write_atomic(report, json.dumps(summary, indent=2) + "\n")


# ------------------------------------------------------------------ number-ish text

_DIGITS = (
    "0123456789"
    "٠١٢٣٤٥٦٧٨٩"  # Arabic-Indic
    "۰۱۲۳۴۵۶۷۸۹"  # Extended Arabic-Indic
    "０１２３４５６７８９"  # fullwidth
    "०१२३४५६७८९"  # Devanagari
    "²³¹½¼¾⅓①Ⅻ"  # digits that are not decimal digits
)
_FRAGMENTS = [
    # separators, spaces, breaks
    " ", "  ", "\n", "\n\n", "\r\n", "\t", ". ", ", ", "; ", ": ", "\u00a0", "\u2009", "\u202f",
    "\u200b", "\x00", "\ufeff", "\u2028", "\x85", "\u2007", "\u200a", "\u2009days",
    "\u202fdays", "\u00a0%", "\u2009million", "\u202fkm", "\u2009000", "\u2007000",
    # signs and dashes
    "-", "–", "—", "‒", "−", "‐", "+", "±", "~", "≈", "<", ">", "≥", "≤", ".", ",", "'", "’",
    # percent and currency
    "%", "％", "‰", " percent", " per cent", " percentage points", " pp", " bps",
    "$", "US$", "C$", "€", "£", "¥", "₹", "₩", "₽", "¢", "USD ", " EUR", " yuan", " dollars",
    # scale words
    " thousand", " million", " billion", " trillion", "k", "m", "M", "bn", "tn", "B", "K",
    # numbers as written
    "1", "23", "6.28", "1,234", "1,234,567.89", "1.234,5", "0.5", ".5", "00", "-0", "1e5",
    "1 000 000", "2025", "1990s", "'90s", "mid-2025", "FY2025", "Q3", "1st", "21st", "3rd",
    "six", "twenty-five", "a dozen", "a third", "two-thirds", "half", "one in five",
    "one-year", "90-day", "hundreds", "zero",
    # dates and times
    "January", "Feb.", "Nov. 1", "Oct 9", "September 19", "November", " 10", "in April",
    "2025/10/12", "2025-11-10", "10/12/2025", "2025-13-45", "Dec. 32", "23:15", "4 min read",
    "starting November 1", "by 2030", "since 2023",
    # qualifiers and ranges
    "about ", "around ", "roughly ", "nearly ", "almost ", "more than ", "over ", "above ",
    "well beyond ", "at least ", "up to ", "as high as ", "as much as ", "at most ",
    "less than ", "under ", "below ", "between ", " and ", " to ", "-", "from ",
    # words around numbers
    " years", " year", " months", "-day", " days", " weeks", " of", " the", "No. ", "COVID-19",
    "U.S.", "Dr.", "e.g.", "“", "”", "\"", "(", ")", "[…]", "•", "1. ", "(a) ", "|",
    "http://x.io/2025/10/12/a", "a@b.c",
]  # fmt: skip

_LONG_DIGIT_RUN = st.builds(
    lambda digit, length, tail: digit * length + tail,
    st.sampled_from("9０٩1"),
    st.integers(16, 6000),
    st.sampled_from(["", "%", " million", " years", ".5", "-" + "9" * 30]),
)
_FORMATTED_NUMBER = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.integers(0, 10**15).map(lambda n: f"{n:,}"),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.floats(0, 1e6, allow_nan=False).map(lambda x: f"{x:,.2f}"),
)
_NUMBERISH_PIECE = st.one_of(
    st.sampled_from(_FRAGMENTS),
    st.text(alphabet=_DIGITS, min_size=1, max_size=12),
    _FORMATTED_NUMBER,
    st.text(max_size=3),
)
_TYPESETTERS_SPACES = st.sampled_from(["\u2009", "\u202f", "\u00a0", "\u2007", "\u200a"])
"""Thin, narrow no-break, no-break, figure and hair spaces: how real pages set "90 days"."""
_INVISIBLE_OR_SPACING = st.sampled_from(
    [
        "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f", "\ufe0f",
        "\u200e", "\u200f", "\u202a", "\u202e", "\u202c", "\u2066", "\u2069", "\u061c",
        "\u2003", "\u2002", "\u3000", "\u205f", "\u1680", "\u2028",
    ]
)  # fmt: skip
"""What a reader removes or replaces (invisible characters, other spaces), and U+2028,
which it keeps: set between the pieces of number-like text."""
_LONE_SURROGATES = st.sampled_from(["\ud800", "\udce9", "\udfff"])
"""Never in a decoded file, but in JSON Lines as escapes (\\ud800): for the readers only."""
NUMBERISH_TEXT = st.one_of(
    st.lists(_NUMBERISH_PIECE, max_size=40).map("".join),
    st.tuples(st.lists(_NUMBERISH_PIECE, max_size=40), _INVISIBLE_OR_SPACING).map(
        lambda pair: pair[1].join(pair[0])
    ),
    st.tuples(st.lists(_NUMBERISH_PIECE, max_size=40).map("".join), _TYPESETTERS_SPACES).map(
        lambda pair: pair[0].replace(" ", pair[1])
    ),
    st.tuples(
        st.lists(_NUMBERISH_PIECE, max_size=10).map("".join),
        _LONG_DIGIT_RUN,
        st.lists(_NUMBERISH_PIECE, max_size=10).map("".join),
    ).map("".join),
)
ANY_TEXT = st.text(max_size=400)


# ------------------------------------------------------------------------ checks


def _as_date(value: object) -> date | None:
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return date.fromisoformat(value)
    return None


def check_interval(quantity: Quantity) -> None:
    """``low <= value <= high`` where they are numbers or full dates; no NaN anywhere."""
    value, low, high = quantity.value, quantity.low, quantity.high
    if isinstance(value, float):
        assert not math.isnan(value)
        for bound in (low, high):
            assert bound is None or (isinstance(bound, float) and not math.isnan(bound))
        assert low is None or low <= value  # type: ignore[operator]
        assert high is None or value <= high  # type: ignore[operator]
        return
    assert isinstance(value, str)
    day = _as_date(value)
    if day is not None:
        low_day, high_day = _as_date(low), _as_date(high)
        assert low_day is None or low_day <= day
        assert high_day is None or day <= high_day


def check_claims(source: Source, claims: list[Claim]) -> None:
    """Every citation quotes the source exactly, inside its sentence, on the right line."""
    text = source.text
    previous_sentence = 0
    for claim in claims:
        cite = claim.citation
        assert cite.source == source.id
        assert 0 <= cite.sentence_start <= cite.start < cite.end <= cite.sentence_end <= len(text)
        assert text[cite.start : cite.end] == cite.quote
        assert text[cite.sentence_start : cite.sentence_end] == cite.sentence
        assert cite.line == text.count("\n", 0, cite.start) + 1
        assert cite.sentence_start >= previous_sentence  # document order
        previous_sentence = cite.sentence_start
        assert claim.id == Claim.make_id(source.id, cite.start, cite.end)
        assert claim.occurrences >= 1
        check_interval(claim.quantity)


_MARKER = re.compile(r"(?m)^[\s]*\(?(?:\d{1,2}|[a-z])[.)]")


def check_sentences(text: str) -> None:
    """Ordered, non-overlapping, stripped spans on the right lines, losing no words."""
    sentences = split_sentences(Source(id="s", text=text))
    previous_end, previous_line = 0, 1
    gaps = []
    for sentence in sentences:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text == sentence.text.strip()
        assert len(sentence.text) <= MAX_SENTENCE_CHARS
        assert sentence.line >= previous_line >= 1
        assert sentence.line == text.count("\n", 0, sentence.start) + 1
        gaps.append(text[previous_end : sentence.start])
        previous_end, previous_line = sentence.end, sentence.line
    gaps.append(text[previous_end:])
    for gap in gaps:
        # Only list markers ("1.", "(a)") opening a line may be left out of every sentence.
        lost = [ch for ch in _MARKER.sub("", gap) if ch.isalnum()]
        assert not lost, f"characters in no sentence: {lost!r} in {gap!r}"


_LINE_BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")
"""What the parsers count as line breaks: CSV also bare CR, YAML also NEL and U+2028/9."""


def last_line(text: str) -> int:
    """The highest line number a message about ``text`` may name (one past its end)."""
    return len(_LINE_BREAK.findall(text)) + 2


def check_error(error: InputError, path: str, text: str) -> None:
    """One line that starts with the file's name, and a line number inside the text."""
    assert error.path == path
    assert str(error).startswith(path)
    assert error.message
    assert error.line is None or 1 <= error.line <= last_line(text)
    assert "\n" not in str(error), f"a message of several lines: {str(error)!r}"


def sheet_or_error(
    parse: Callable[[str, str], FactSheet], text: str, path: str
) -> FactSheet | None:
    """A valid sheet that knows its file and lines, or a one-line FactSheetError naming the file."""
    try:
        sheet = parse(text, path)
    except FactSheetError as error:
        check_error(error, path, text)
        return None
    assert isinstance(sheet, FactSheet)
    assert sheet.path == path
    assert sheet.facts
    assert len({fact.id for fact in sheet.facts}) == len(sheet.facts)
    for fact in sheet.facts:
        line = sheet.line_of(fact.id)
        assert line is not None
        assert 1 <= line <= last_line(text)
        check_interval(fact.quantity(REFERENCE))
    return sheet


# ---------------------------------------------------------------- extractor, segmenter


@budget(normal=150, campaign=16_000)
@given(text=ANY_TEXT)
def test_extraction_of_any_text(tally: Tally, text: str) -> None:
    with tally.run("extract: any text"):
        source = Source(id="any", text=text)
        check_claims(source, list(iter_claims(source, REFERENCE)))


@budget(normal=200, campaign=26_000)
@given(text=NUMBERISH_TEXT, published=st.one_of(st.none(), st.dates()))
@example(text="9" * 5000 + "%", published=None)
@example(text="~" + "9" * 309, published=None)  # inf - inf made the interval's low end NaN
@example(text="1" + "0" * 308 + " to 15" + "0" * 307 + " years", published=None)  # midpoint inf
@example(text="between 1 and " + "9" * 400, published=None)
@example(text="between ٩٩٩ and ９９９％ of\u00a0the\x00 1,000,000 bn", published=None)
def test_extraction_of_number_like_text(tally: Tally, text: str, published: date | None) -> None:
    with tally.run("extract: number-like text"):
        source = Source(id="numbers", text=text, published=published)
        check_claims(source, extract_claims(source, REFERENCE))


@budget(normal=120, campaign=16_000)
@given(
    text=st.one_of(
        ANY_TEXT,
        NUMBERISH_TEXT,
        st.tuples(st.lists(_NUMBERISH_PIECE, max_size=20), _LONE_SURROGATES).map(
            lambda pair: pair[1].join(pair[0])
        ),
    ),
    fmt=st.sampled_from(["text", "markdown", "html", "jsonl"]),
)
@example(text="We counted 1\u200b000 cars, \u202e%05\u202c of them red.", fmt="html")
@example(text="Up 7\u00a0000 and 12\u202f500 and 1\u00ad000\ud800.", fmt="jsonl")
def test_reading_text_with_invisible_and_spacing_characters(
    tally: Tally, text: str, fmt: str
) -> None:
    """Every reader normalises once, the same way: no invisible character or lone surrogate
    reaches a source, normalising again changes nothing, citations stay exact."""
    with tally.run("sources: read and normalise"):
        if fmt == "html":
            data = f"<html><body><p>{html.escape(text)}</p></body></html>"
        elif fmt == "jsonl":
            data = json.dumps({"text": text or "-"})
        else:
            data = text
        try:
            sources = read_source(data.encode("utf-8", "surrogatepass"), "fuzz ü", None, fmt)
        except SourceError as error:  # empty, only whitespace, no readable text
            check_error(error, "fuzz ü", "")
            return
        for source in sources:
            assert normalise_text(source.text) == source.text
            assert not _UNSEEN.search(source.text)
            check_claims(source, extract_claims(source, REFERENCE))


_UNSEEN = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ud800-\udfff]")


@budget(normal=40, campaign=3_000)
@given(name=st.binary(min_size=1, max_size=12))
@example(name=b"caf\xe9")
@example(name=b"\xff\xfe\x80")
def test_a_folder_of_files_with_names_that_are_not_utf8(tally: Tally, name: bytes) -> None:
    """A file name in any bytes is an id every output can write (undecodable bytes as \\xe9)."""
    name = name.replace(b"/", b"_").replace(b"\x00", b"_").lstrip(b".") or b"x"
    with tally.run("sources: file names in any bytes"), tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(os.fsencode(folder), name + b".txt"), "wb") as handle:
            handle.write(b"Sales rose 5% in 2024.")
        (source,) = load_sources(folder)
        source.id.encode("utf-8")  # what an output needs: raises for a lone surrogate
        assert source.path is not None
        source.path.encode("utf-8")
        assert [claim.citation.quote for claim in extract_claims(source)] == ["5%", "2024"]
        json.dumps(source.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")


@budget(normal=100, campaign=10_000)
@given(text=ANY_TEXT)
def test_segmentation_of_any_text(tally: Tally, text: str) -> None:
    with tally.run("segment: any text"):
        check_sentences(text)


@budget(normal=150, campaign=12_000)
@given(text=NUMBERISH_TEXT)
def test_segmentation_of_number_like_text(tally: Tally, text: str) -> None:
    with tally.run("segment: number-like text"):
        check_sentences(text)


@budget(normal=100, campaign=8_000)
@given(text=st.one_of(ANY_TEXT, NUMBERISH_TEXT))
def test_parse_expected_reads_one_value_or_says_why_not(tally: Tally, text: str) -> None:
    with tally.run("factsheet: parse_expected"):
        try:
            quantity = parse_expected(text, REFERENCE)
        except ValueError as error:
            message = str(error)
            assert message.startswith("cannot read a value from") or "give exactly one" in message
            return
        check_interval(quantity)


# ---------------------------------------------------------------------- fact sheets

_IDS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,15}", fullmatch=True)
_WORDS = st.text(min_size=1, max_size=30).filter(lambda s: bool(s.strip()))
_GOOD_EXPECTED = [
    "about 70%", "more than 90%", "$8.5 billion", "2025-11-10", "5-7 years", "660", "1,234",
    "€3 million", "at least 12", "up to 40%", "November 10", "six years", "a third", "£2.5bn",
    "between 3 and 4 million", "nearly 1.5 trillion yuan", "5 percentage points",
    "less than 0.1%", "90 days", "2030", "US$6M", "-3.5%", "١٢٣", "１２３％", "7\u00a0000",
    "one in five",
]  # fmt: skip
_EXPECTED = st.one_of(
    st.sampled_from(_GOOD_EXPECTED),
    st.integers(0, 10**9).map(lambda n: f"{n:,}"),
    st.integers(0, 1000).map(lambda n: f"{n}%"),
)
_CITATION = st.fixed_dictionaries({"source": _WORDS, "quote": _WORDS})
_TOLERANCE = st.one_of(st.floats(0, 1), st.integers(0, 50).map(lambda n: f"{n}%"))


@st.composite
def valid_sheets(draw: st.DrawFn) -> dict[str, Any]:
    """A fact sheet (as data) that both loaders must accept."""
    facts = []
    for fact_id in draw(st.lists(_IDS, min_size=1, max_size=5, unique=True)):
        fact: dict[str, Any] = {"id": fact_id, "statement": draw(_WORDS)}
        fact["expected"] = draw(_EXPECTED)
        if draw(st.booleans()):
            fact["tolerance"] = draw(_TOLERANCE)
        if draw(st.booleans()):
            fact["citations"] = draw(st.lists(_CITATION, min_size=1, max_size=3))
        if draw(st.booleans()):
            fact["accepted"] = {"reason": draw(_WORDS)}
        facts.append(fact)
    sheet: dict[str, Any] = {"facts": facts}
    if draw(st.booleans()):
        sheet["title"] = draw(_WORDS)
    return sheet


_ODD_VALUES: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(10**100, 10**1000),
    st.floats(),
    st.dates(),
    st.datetimes(),
    st.binary(max_size=8),
    st.text(max_size=20),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.dictionaries(st.integers(), st.text(max_size=3), min_size=1, max_size=2),
)
_FIELDS = ["id", "statement", "expected", "tolerance", "citations", "accepted"]


@st.composite
def broken_sheet_data(draw: st.DrawFn) -> Any:
    """A valid sheet with one to three data-level faults."""
    sheet = draw(valid_sheets())
    for _ in range(draw(st.integers(1, 3))):
        facts = sheet.get("facts") if isinstance(sheet, dict) else None
        if not isinstance(facts, list) or not facts or not isinstance(facts[0], dict):
            break
        fact = facts[draw(st.integers(0, len(facts) - 1))]
        if not isinstance(fact, dict):
            break
        fault = draw(st.sampled_from(["type", "unknown", "duplicate", "drop", "facts", "top"]))
        if fault == "type":
            fact[draw(st.sampled_from(_FIELDS))] = draw(_ODD_VALUES)
        elif fault == "unknown":
            fact[draw(st.text(min_size=1, max_size=10))] = draw(_ODD_VALUES)
        elif fault == "duplicate":
            facts.append(dict(fact))
        elif fault == "drop":
            fact.pop(draw(st.sampled_from(_FIELDS)), None)
        elif fault == "facts":
            sheet["facts"] = draw(st.one_of(_ODD_VALUES, st.lists(_ODD_VALUES, max_size=3)))
        else:
            sheet = draw(st.one_of(_ODD_VALUES, st.just([sheet])))
    return sheet


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


_YAML_PIECES = [
    "&a ", "*a", "&a x", "<<: *a\n", "<<: {x: 1}\n", "!!int ", "!!float ", "!!binary ",
    "!!timestamp ", "!!bool ", "!!set ", "!!omap ", "!!python/object:os.system ", "!custom ",
    "---\n", "...\n", "%YAML 1.1\n---\n", "%TAG ! tag:x,2025:\n---\n", "2025-13-45",
    "2025-02-30", "2025-01-01 25:61:61", "2025-01-01 00:00:00 +99:00", "1e99999", ".nan",
    ".inf", "0x", "0b", "0o", "190:20:30", "? [a, b]\n: 1\n", "{a: 1}: 2\n", "~", "null",
    "yes", "\t", "'", '"', "\\", "#", "|\n", ">-\n", "- ", ": ", "? ", "[", "]", "{", "}",
]  # fmt: skip
_YAML_SNIPPETS = st.one_of(
    st.sampled_from(_YAML_PIECES),
    st.builds(lambda d: "[" * d + "]" * d, st.integers(1, 3000)),
    st.builds(lambda d: "{a: " * d + "1" + "}" * d, st.integers(1, 3000)),
    st.builds(lambda d: "- " * d + "x", st.integers(1, 200)),
    st.builds(lambda n: "9" * n, st.integers(300, 6000)),
    st.builds(lambda n: "0x" + "f" * n, st.integers(300, 6000)),
    st.text(max_size=10),
)


@st.composite
def broken_text(draw: st.DrawFn, text: str, snippets: st.SearchStrategy[str]) -> str:
    """``text`` with one to three text-level faults: inserted, cut, repeated or replaced pieces."""
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        to = draw(st.integers(at, min(len(text), at + 40)))
        fault = draw(st.sampled_from(["insert", "replace", "delete", "repeat", "truncate"]))
        if fault == "insert":
            text = text[:at] + draw(snippets) + text[at:]
        elif fault == "replace":
            text = text[:at] + draw(snippets) + text[to:]
        elif fault == "delete":
            text = text[:at] + text[to:]
        elif fault == "repeat":
            text = text[:to] + text[at:to] + text[to:]
        else:
            text = text[:at]
    return text


_YAML_VALUE = re.compile(r"(?m)^(\s*(?:- )?(?:expected|tolerance|id|statement): ).*$")


@st.composite
def broken_yaml(draw: st.DrawFn) -> str:
    """A dumped sheet with a value replaced by a hostile snippet, then text-level faults."""
    text = _dump(draw(st.one_of(valid_sheets(), broken_sheet_data())))
    spots = list(_YAML_VALUE.finditer(text))
    replace: bool = draw(st.booleans())
    if spots and replace:
        spot = spots[draw(st.integers(0, len(spots) - 1))]
        text = text[: spot.end(1)] + draw(_YAML_SNIPPETS) + text[spot.end() :]
    if draw(st.booleans()):
        text = draw(broken_text(text, _YAML_SNIPPETS))
    return text


@budget(normal=100, campaign=8_000)
@given(text=st.one_of(ANY_TEXT, NUMBERISH_TEXT))
@example(text="\x1f")  # a reader error: two lines and no line number, before the fix
@example(text="title: x\nfacts:\n  - id: \x7f\n")
@example(text='"\u2028\u2028')  # YAML counts U+2028 as a line break
def test_yaml_parser_on_any_text(tally: Tally, text: str) -> None:
    with tally.run("factsheet: YAML, any text"):
        sheet_or_error(parse_yaml_factsheet, text, SHEET_PATH)


@budget(normal=60, campaign=4_000)
@given(sheet=valid_sheets())
def test_yaml_parser_loads_every_valid_sheet(tally: Tally, sheet: dict[str, Any]) -> None:
    with tally.run("factsheet: YAML, valid sheets"):
        loaded = sheet_or_error(parse_yaml_factsheet, _dump(sheet), SHEET_PATH)
        assert loaded is not None
        assert [fact.id for fact in loaded.facts] == [fact["id"] for fact in sheet["facts"]]


@budget(normal=150, campaign=20_000)
@given(text=broken_yaml())
@example(text="facts:\n- id: a\n  statement: s\n  expected: " + "9" * 5000 + "\n")
@example(text="facts:\n- id: a\n  statement: s\n  expected: 2025-13-45\n")
@example(text="facts:\n- id: a\n  statement: s\n  expected: !!int 12x\n")
@example(text="facts:\n- id: a\n  statement: s\n  expected: 2025-01-01 00:00:00 +99:00\n")
@example(text="facts:\n- id: !!int \n  statement: s\n  expected: 12\n")
@example(text="facts:\n- id: a\n  statement: !!bool x\n  expected: 12\n")
@example(text="facts:\n- id: a\n  statement: !!timestamp x\n  expected: 12\n")
@example(text="facts:\n- id: '0'\n  statement: '0'\n  expected: 1\n  ? '\n\n    '\n  : null\n")
def test_yaml_parser_on_broken_sheets(tally: Tally, text: str) -> None:
    with tally.run("factsheet: YAML, broken sheets"):
        sheet_or_error(parse_yaml_factsheet, text, SHEET_PATH)


def _csv_rows(sheet: dict[str, Any], columns: list[str]) -> list[list[str]]:
    rows = []
    for fact in sheet["facts"]:
        citation = (fact.get("citations") or [{}])[0]
        cells = {
            "id": fact["id"],
            "statement": fact["statement"],
            "expected": fact["expected"],
            "tolerance": str(fact.get("tolerance", "")),
            "source": citation.get("source", ""),
            "quote": citation.get("quote", ""),
            "accepted_reason": (fact.get("accepted") or {}).get("reason", ""),
        }
        rows.append([cells[column] for column in columns])
    return rows


def _write_csv(rows: list[list[str]]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue()


_REQUIRED = ("id", "statement", "expected")
_CSV_COLUMNS = st.tuples(
    st.permutations(COLUMNS),
    st.sets(st.sampled_from(["tolerance", "citation", "accepted_reason"])),
).map(
    # Any order; a citation needs both of its columns.
    lambda drawn: [
        column
        for column in drawn[0]
        if column in _REQUIRED
        or column in drawn[1]
        or (column in ("source", "quote") and "citation" in drawn[1])
    ]
)
_CSV_PIECES = [
    ",", ",,", '"', '""', "\n", "\r", "\r\n", "\x00", "\ufeff", "id", "unknown", "expected",
    ",extra", "2025-13-45", "about", "%", "٩", "\\",
]  # fmt: skip
_CSV_SNIPPETS = st.one_of(
    st.sampled_from(_CSV_PIECES),
    st.builds(lambda n: "x" * n, st.integers(1000, 140_000)),
    st.builds(lambda n: "9" * n, st.integers(300, 6000)),
    st.text(max_size=10),
)


@st.composite
def broken_csv(draw: st.DrawFn) -> str:
    sheet = draw(valid_sheets())
    columns = draw(_CSV_COLUMNS)
    rows = [columns, *_csv_rows(sheet, columns)]
    fault = draw(st.sampled_from(["header", "cells", "duplicate", "blank", "none"]))
    if fault == "header":
        rows[0] = [*columns, draw(st.sampled_from([*COLUMNS, "unknown", "", " id "]))]
    elif fault == "cells":
        row = rows[draw(st.integers(1, len(rows) - 1))]
        row[draw(st.integers(0, len(row) - 1))] = draw(st.one_of(_CSV_SNIPPETS, _WORDS))
        if draw(st.booleans()):
            row.append(draw(_WORDS))
    elif fault == "duplicate":
        rows.append(list(rows[-1]))
    elif fault == "blank":
        rows.insert(draw(st.integers(1, len(rows))), [""] * len(columns))
    text = _write_csv(rows)
    if draw(st.booleans()):
        text = draw(broken_text(text, _CSV_SNIPPETS))
    return text


@budget(normal=80, campaign=6_000)
@given(text=st.one_of(ANY_TEXT, NUMBERISH_TEXT))
@example(text='"0\n0')  # a column name with a line break once split the message in two
def test_csv_parser_on_any_text(tally: Tally, text: str) -> None:
    with tally.run("factsheet: CSV, any text"):
        sheet_or_error(parse_csv_factsheet, text, CSV_PATH)


@budget(normal=60, campaign=3_000)
@given(sheet=valid_sheets(), columns=_CSV_COLUMNS)
def test_csv_parser_loads_every_valid_sheet(
    tally: Tally, sheet: dict[str, Any], columns: list[str]
) -> None:
    with tally.run("factsheet: CSV, valid sheets"):
        text = _write_csv([columns, *_csv_rows(sheet, columns)])
        loaded = sheet_or_error(parse_csv_factsheet, text, CSV_PATH)
        assert loaded is not None
        assert [fact.id for fact in loaded.facts] == [fact["id"] for fact in sheet["facts"]]


@budget(normal=120, campaign=12_000)
@given(text=broken_csv())
def test_csv_parser_on_broken_sheets(tally: Tally, text: str) -> None:
    with tally.run("factsheet: CSV, broken sheets"):
        sheet_or_error(parse_csv_factsheet, text, CSV_PATH)


# ------------------------------------------------------------------------- sources

_BOMS = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"]
_MAGIC = [b"", b"%PDF-", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"\x1f\x8b", b"GIF8", b"BZh"]
_ENCODINGS = ["utf-8", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1", "koi8-r", "cp437"]
SOURCE_BYTES = st.one_of(
    st.binary(max_size=600),
    st.builds(
        lambda prefix, text, encoding, cut: (prefix + text.encode(encoding, "replace"))[:cut],
        st.sampled_from(_BOMS + _MAGIC),
        st.one_of(ANY_TEXT, NUMBERISH_TEXT),
        st.sampled_from(_ENCODINGS),
        st.integers(0, 5000),
    ),
)


@budget(normal=80, campaign=6_000)
@given(data=SOURCE_BYTES)
def test_decoding_any_bytes(tally: Tally, data: bytes) -> None:
    with tally.run("sources: decode_bytes"):
        try:
            text = decode_bytes(data, "fuzz/source.bin")
        except SourceError as error:
            check_error(error, "fuzz/source.bin", "")
            return
        assert isinstance(text, str)
        if b"\x00" not in data and not any(data.startswith(m) for m in _MAGIC if m):
            try:
                plain = data.decode("utf-8")
            except UnicodeDecodeError:
                return
            # Valid UTF-8 without a BOM or a NUL is taken as it is.
            assert text == plain.removeprefix("\ufeff")
