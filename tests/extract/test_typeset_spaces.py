"""Typesetters' spaces (thin, narrow no-break, no-break, figure, hair) read as spaces everywhere.

Real pages set "90 days", "1 000" and "45 %" with these; no command may crash on them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.extract import extract_claims
from factcheck.models import Kind
from factcheck.settings import Settings

SPACES = ["\u2009", "\u202f", "\u00a0", "\u2007", "\u200a"]
REFERENCE = Settings(reference_date=date(2025, 10, 25))
ARTICLE = (
    "The truce lasted 90 days. It cost $5 million, about 1 000 000 people and 45 %. "
    "Prices rose from 21.7 to 19.4 percent in mid October. "
    "Five to seven years later, on Nov. 1, 2025, a 300 km trip took 4 hours.\n"
)


def _typeset(text: str, space: str) -> str:
    return text.replace(" ", space)


@pytest.mark.parametrize("space", SPACES, ids=[f"U+{ord(s):04X}" for s in SPACES])
@pytest.mark.parametrize(
    ("text", "quote", "kind", "value", "unit"),
    [
        ("It lasted 90 days.", "90 days", Kind.DURATION, 90, "day"),
        ("It lasted 90-day.", "90-day", Kind.DURATION, 90, "day"),
        ("A 300 km trip.", "300 km", Kind.COUNT, 300, "km"),
        ("Some 1 000 000 people.", "1 000 000", Kind.COUNT, 1e6, ""),
        ("It was 45 %.", "45 %", Kind.PERCENT, 45, "%"),
        ("It was 45 percent.", "45 percent", Kind.PERCENT, 45, "%"),
        ("It cost $5 million.", "$5 million", Kind.MONEY, 5e6, "USD"),
        ("It cost EUR 40 million.", "EUR 40 million", Kind.MONEY, 4e7, "EUR"),
        ("It took five to seven years.", "five to seven years", Kind.DURATION, 6, "year"),
        ("It held on Nov. 1 2025.", "Nov. 1 2025", Kind.DATE, "2025-11-01", "date"),
    ],
)
def test_typesetters_spaces_read_as_spaces(
    space: str, text: str, quote: str, kind: Kind, value: float | str, unit: str
) -> None:
    typeset = _typeset(text, space)
    claims = [
        c for c in extract_claims(typeset, REFERENCE) if c.citation.quote == _typeset(quote, space)
    ]
    assert len(claims) == 1, [c.citation.quote for c in extract_claims(typeset, REFERENCE)]
    quantity = claims[0].quantity
    assert (quantity.kind, quantity.unit) == (kind, unit)
    assert quantity.value == (value if isinstance(value, str) else pytest.approx(value))


@pytest.mark.parametrize("space", SPACES, ids=[f"U+{ord(s):04X}" for s in SPACES])
@pytest.mark.usefixtures("hashing_model")
def test_no_command_crashes_on_typesetters_spaces(
    space: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a.txt", "b.md"):
        (corpus / name).write_text(_typeset(ARTICLE, space), "utf-8")
    html = f"<html><body><article><p>{_typeset(ARTICLE, space)}</p></article></body></html>"
    (corpus / "c.html").write_text(html, "utf-8")
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(
        "title: spaces\nfacts:\n  - id: truce\n    statement: the truce length\n"
        f"    expected: {_typeset('90 days', space)}\n",
        "utf-8",
    )
    commands = [
        ["claims", str(corpus), "--format", "json"],
        ["claims", str(corpus)],
        ["report", str(corpus), "--format", "json", "--no-cache", "-q"],
        ["report", str(corpus), "--format", "md", "--no-cache", "-q"],
        ["report", str(corpus), "--format", "html", "--no-cache", "-q"],
        ["validate", str(sheet), "--sources", str(corpus)],
    ]
    for args in commands:
        with pytest.raises(SystemExit) as exited:
            main(args)
        _, err = capsys.readouterr()
        assert "internal error" not in err, (args, err)
        assert exited.value.code in (0, 1, None), (args, err)


def test_an_internal_error_names_the_source_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object) -> list[object]:
        raise KeyError("\u2009days")

    monkeypatch.setattr("factcheck.extract.find_quantities", broken)
    source = tmp_path / "story.txt"
    source.write_text("Title\n\nIt lasted 90 days.\n", "utf-8")
    with pytest.raises(SystemExit) as exited:
        main(["claims", str(source)])
    err = capsys.readouterr().err
    assert exited.value.code == 3
    assert "internal error: KeyError" in err
    assert "story.txt, line 1" in err
