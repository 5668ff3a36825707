"""Hostile inputs, third round (issue 23): one test per numbered item.

As in the second round (tests/test_hostile2.py), time is never asserted against a
wall clock: an input is run at sizes ten (or four) times apart and the bigger may
cost at most proportionally more, with a floor below which timings are noise.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from factcheck import extract_claims
from factcheck.models import Kind, Source
from factcheck.sources import load_sources
from factcheck.sources.read import read_source

FACTCHECK = [sys.executable, "-m", "factcheck"]


def _run(args: list[str], tmp_path: Path, **options: Any) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FACTCHECK_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run(
        [*FACTCHECK, *args], capture_output=True, text=True, env=env, timeout=120, check=False,
        **options,
    )  # fmt: skip


def _rows(result: subprocess.CompletedProcess[str]) -> list[dict[str, str]]:
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def _quotes(source: Source | str) -> list[str]:
    return [claim.citation.quote for claim in extract_claims(source)]


def _values(source: Source | str) -> list[float | str]:
    return [claim.quantity.value for claim in extract_claims(source)]


def _exact(source: Source) -> None:
    """Every citation of ``source`` quotes its own text at its own offsets."""
    for claim in extract_claims(source):
        assert source.text[claim.citation.start : claim.citation.end] == claim.citation.quote


# -- 3: one stray byte ------------------------------------------------------------------

_CAFE = "the café chain’s revenue rose to €5 million in 2024, analysts said."


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("a.txt", "{text} stray {bad} byte."),
        ("a.html", '<html><head><meta charset="utf-8"></head><body><p>{text} stray {bad}.</p>'),
        ("a.jsonl", '{{"text": "{text} stray {bad} byte."}}'),
    ],
)
def test_03_one_stray_byte_keeps_the_file_utf8_and_names_the_byte(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, page: str
) -> None:
    path = tmp_path / name
    path.write_bytes(page.format(text=_CAFE, bad="@").encode("utf-8").replace(b"@", b"\xe9"))
    (source,) = load_sources(path)
    assert "€5 million" in source.text
    assert "café" in source.text
    assert "\ufffd" in source.text
    money = [c for c in extract_claims(source) if c.quantity.kind is Kind.MONEY]
    assert [(c.citation.quote, c.quantity.unit) for c in money] == [("€5 million", "EUR")]
    assert f"{name}: not valid UTF-8 at 1 place (first at byte" in caplog.text


def test_03_legacy_text_without_utf8_sequences_is_still_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Café prices rose 5%, said Zoë, costing €3 more.".encode("cp1252"))
    (source,) = load_sources(path)
    assert source.text == "Café prices rose 5%, said Zoë, costing €3 more."


# -- 4: names and strings no output can encode -------------------------------------------


def test_04_a_file_name_that_is_not_utf8_is_an_id_with_its_byte_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "b.txt").write_text("Costs fell 7% this week.", "utf-8")
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as handle:
        handle.write(b"Sales rose 5% in 2024.")
    for extra in ([], ["-o", str(tmp_path / "out.csv")]):
        result = _run(["claims", str(folder), "--format", "csv", *extra], tmp_path)
        assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout or "")))
    rows = rows or list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text("utf-8"))))
    assert sorted({row["source"] for row in rows}) == ["b.txt", "caf\\xe9.txt"]


def test_04_lone_surrogates_in_json_lines_become_printable(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": "a\\ud800", "title": "T\\udc00", "text": "Sales rose 5% in 2024 \\ud800."}\n',
        "utf-8",
    )
    result = _run(["report", str(feed), "--format", "json", "--no-cache"], tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    (source,) = document["sources"]
    assert source["id"] == "a\\ud800"
    assert source["title"] == "T\ufffd"
    assert "\ufffd" in document["claims"][0]["sentence"]


# -- 6: invisible characters ------------------------------------------------------------

_INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]


@pytest.mark.parametrize("mark", _INVISIBLE)
def test_06_invisible_characters_inside_numbers_are_removed_before_extraction(
    tmp_path: Path, mark: str
) -> None:
    for suffix, text in (
        (".txt", f"We counted 1{mark}000 cars and 2{mark}500 bikes."),
        (".html", f"<html><body><p>We counted 1{mark}000 cars and 2&#{ord(mark)};500 bikes.</p>"),
        (".jsonl", json.dumps({"text": f"We counted 1{mark}000 cars and 2{mark}500 bikes."})),
    ):
        path = tmp_path / f"a{suffix}"
        path.write_text(text, "utf-8")
        (source,) = load_sources(path)
        assert mark not in source.text
        assert _quotes(source) == ["1000", "2500"], suffix
        _exact(source)
    assert _quotes(f"We counted 1{mark}000 cars.") == ["1000"]


def test_06_a_right_to_left_override_never_reaches_a_title_or_report(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text(
        "<html><head><title>Rate \u202e%05\u202c</title></head>"
        "<body><p>The rate was \u202e%05\u202c in 2024, the agency said.</p></body></html>",
        "utf-8",
    )
    (source,) = load_sources(page)
    assert source.title == "Rate %05"
    assert "\u202e" not in source.text
    assert "\u202c" not in source.text
    result = _run(["report", str(page), "--format", "html", "--no-cache"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "\u202e" not in result.stdout


def test_06_other_breaking_spaces_become_plain_spaces_one_for_one() -> None:
    (source,) = read_source("Prices rose\u2003sharply.\u3000Then 5%\u2002fell.".encode(), "a.txt")
    assert source.text == "Prices rose sharply. Then 5% fell."
