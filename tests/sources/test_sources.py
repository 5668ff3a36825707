"""Reading sources: formats, encodings, folders, stdin, ids and publication dates."""

from __future__ import annotations

import io
import json
import time
from datetime import date
from pathlib import Path

import pytest

from factcheck.errors import SourceError
from factcheck.sources import load_sources
from factcheck.sources.published import find_publication_date
from tests.gold import SEEDS


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def test_plain_text_is_kept_verbatim_with_crlf(tmp_path: Path) -> None:
    text = "Headline\r\n\r\nPrices rose 5% in May.\r\n"
    (source,) = load_sources(_write(tmp_path / "a.txt", text))
    assert source.text == text
    assert source.id == "a.txt"
    assert source.title == "Headline"
    assert source.format == "text"


def test_html_keeps_main_text_and_drops_scripts_styles_nav_comments_cdata(tmp_path: Path) -> None:
    markup = """<!doctype html><html><head><title>T</title>
    <meta property="article:published_time" content="2025-10-12T08:00:00Z">
    <link rel="canonical" href="https://example.org/a"><style>p{color:red}</style></head>
    <body><nav>Home 99%</nav><header>Menu</header>
    <main><h1>Big news</h1><p>Sales rose 12% this year.</p><!-- hidden 77% -->
    <script>var x = "33%";</script><p><![CDATA[ 44% cdata ]]>Costs fell.</p></main>
    <footer>Copyright 2025</footer></body></html>"""
    (source,) = load_sources(_write(tmp_path / "page.html", markup))
    assert "Sales rose 12% this year." in source.text
    assert "Big news" in source.text
    for hidden in ("99%", "Menu", "77%", "33%", "color", "Copyright", "44%"):
        assert hidden not in source.text
    assert source.title == "Big news"  # the headline: a page's <title> often adds the site name
    assert source.published == date(2025, 10, 12)
    assert source.url == "https://example.org/a"


def test_markdown_front_matter_gives_title_and_date(tmp_path: Path) -> None:
    text = "---\ntitle: Report\ndate: 2024-03-01\n---\n# Heading\n\nIt grew 3%.\n"
    (source,) = load_sources(_write(tmp_path / "notes.md", text))
    assert source.text == text
    assert (source.title, source.published, source.format) == (
        "Report",
        date(2024, 3, 1),
        "markdown",
    )


def test_json_lines_give_one_source_per_line(tmp_path: Path) -> None:
    lines = [
        {"id": "one", "text": "Up 5%.", "title": "A", "url": "https://x.org", "date": "2025-01-02"},
        {"text": "Down 3%."},
    ]
    path = _write(tmp_path / "docs.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    first, second = load_sources(path)
    assert (first.id, first.title, first.published) == ("one", "A", date(2025, 1, 2))
    assert second.id == "docs.jsonl#2"
    assert second.text == "Down 3%."


def test_bad_json_line_names_file_line_and_field(tmp_path: Path) -> None:
    path = _write(tmp_path / "docs.jsonl", '{"text": "ok"}\n{"title": "no text"}\n')
    with pytest.raises(SourceError) as info:
        load_sources(path)
    assert info.value.line == 2
    assert info.value.field == "text"
    assert "docs.jsonl:2: text:" in str(info.value)


def test_folders_are_read_recursively_sorted_with_relative_ids(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt", "Two 2%.")
    _write(tmp_path / "a.txt", "One 1%.")
    _write(tmp_path / "sub" / "a.txt", "Three 3%.")
    _write(tmp_path / ".hidden" / "x.txt", "Hidden 4%.")
    _write(tmp_path / "image.png", b"\x89PNG\r\n\x1a\nxx")
    ids = [s.id for s in load_sources(tmp_path)]
    assert ids == ["a.txt", "b.txt", "sub/a.txt"]


def test_duplicate_ids_are_an_error(tmp_path: Path) -> None:
    a = _write(tmp_path / "x" / "same.txt", "One 1%.")
    b = _write(tmp_path / "y" / "same.txt", "Two 2%.")
    with pytest.raises(SourceError, match="have the id"):
        load_sources([a, b])


def test_stdin_is_sniffed(tmp_path: Path) -> None:
    (text,) = load_sources("-", stdin=io.BytesIO(b"Plain 5%."))
    assert (text.id, text.format) == ("<stdin>", "text")
    (html,) = load_sources("-", stdin=io.BytesIO(b"<html><body><p>Up 5%.</p></body></html>"))
    assert html.format == "html"
    assert html.text == "Up 5%."


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("latin-1", b""), ("cp1252", b""), ("utf-16-le", b"\xff\xfe"), ("utf-8", b"\xef\xbb\xbf")],
)
def test_common_encodings_decode(tmp_path: Path, encoding: str, bom: bytes) -> None:
    text = "Café prices rose 5% — “quite” a jump, said Zoë, costing €3 more."
    if encoding == "latin-1":
        text = "Café prices rose 5%, said Zoë."
    (source,) = load_sources(_write(tmp_path / "a.txt", bom + text.encode(encoding)))
    assert source.text == text


def test_seed_publication_dates_come_from_dateline_and_dated_url() -> None:
    by_id = {s.id: s for s in load_sources(SEEDS)}
    assert by_id["000_40b7379e913e0d47.txt"].published == date(2025, 10, 12)
    assert by_id["004_89daeb4646ad122d.txt"].published == date(2025, 10, 25)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Title\n\nOct. 12, 2025\n\nBody.", date(2025, 10, 12)),
        ("Title\n12 October 2025 09:00\nBody.", date(2025, 10, 12)),
        ("Title\nPublished: 2025-10-12\nBody.", date(2025, 10, 12)),
        ("Body.\nSee https://news.example/world/2024/03/05/story for more.", date(2024, 3, 5)),
        ("No date here at all.", None),
        ("Title\n" + "Body line.\n" * 20 + "2025/10/12 23:15\n", None),
    ],
)
def test_publication_date_detection(text: str, expected: date | None) -> None:
    assert find_publication_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Storm hits coast\nPosted at 9:23 AM, Aug 04, 2014\nWinds of 90 mph.", date(2014, 8, 4)),
        ("Headline\nUpdated: Nov 3, 2025 4:05 PM ET\nBody.", date(2025, 11, 3)),
        ("Headline\nUpdated: Nov 3, 2025 ...\nBody.", date(2025, 11, 3)),
        ("Published 12 March 2024\n\nRates rose 0.25 points.", date(2024, 3, 12)),
        (
            "date 2018-05-29 Arsenal have signed a midfielder for £45m, the club said.",
            date(2018, 5, 29),
        ),
        ("Date: 2018-05-29\nBody.", date(2018, 5, 29)),
        ("By Jane Doe | Published 12 March 2024\nBody.", date(2024, 3, 12)),
        ("By Jane Doe · Posted Aug. 4, 2014\nBody.", date(2014, 8, 4)),
        ("Last updated on Tuesday 3 November 2025, 16:04 GMT\nBody.", date(2025, 11, 3)),
        (
            "PUBLISHED: 10:15 EST, 4 August 2014 | UPDATED: 11:02 EST, 5 August 2014",
            date(2014, 8, 4),
        ),
        ("Updated 4:06 PM EST, Mon November 3, 2025\nBody.", date(2025, 11, 3)),
        ("Posted: Aug 4, 2014 / 09:23 AM EDT\nBody.", date(2014, 8, 4)),
        ("*Posted on 08/04/2014 by admin*\n\nBody.", date(2014, 8, 4)),
        ("Posted on 25/12/2019\nBody.", date(2019, 12, 25)),
        ("First published on the 2nd of May 2021\nBody.", None),  # "the": not a time
        ("First published on 2nd of May 2021\nBody.", date(2021, 5, 2)),
        # "published" and "posted" win over "updated", and over a bare date line
        ("Title\nUpdated: Oct 14, 2025\nPublished Oct 10, 2025\nBody.", date(2025, 10, 10)),
        ("Title\nOct 10, 2025\nUpdated: Oct 14, 2025\nBody.", date(2025, 10, 10)),
        # a dateline word inside a sentence, or words between it and a date, is no dateline
        ("Updated figures released on 3 May 2024 show a rise of 4%.", None),
        ("The report was published on March 3, 2020, and cited 12 cases.", None),
        ("Last updated on .From the section Arsenal\nBody.", None),
        ("Posted at 9:23 AM, Aug 40, 2014\nBody.", None),  # no such day
        ("Headline\n" + "Body line.\n" * 20 + "Published 12 March 2024\n", None),  # too far down
    ],
)
def test_datelines_with_a_dateline_word(text: str, expected: date | None) -> None:
    assert find_publication_date(text) == expected


def test_markdown_dateline_dates_a_document_without_front_matter(tmp_path: Path) -> None:
    text = "# Storm hits coast\n\n*Posted at 9:23 AM, Aug 04, 2014*\n\nWinds reached 90 mph.\n"
    (source,) = load_sources(_write(tmp_path / "storm.md", text))
    assert source.published == date(2014, 8, 4)


@pytest.mark.parametrize(
    "line",
    [
        "Published " + "1 " * 200_000,
        "| posted " * 100_000,
        "date " + "May " * 100_000 + "!",
        "Updated: " + "12:30 " * 100_000,
        "2024 " + "mon" * 100_000 + "!",
        "Posted " + "/" * 300_000,
    ],
    ids=["numbers", "separators", "months", "times", "weekday-prefix", "slashes"],
)
def test_dateline_search_is_linear_on_long_lines(line: str) -> None:
    started = time.perf_counter()
    find_publication_date(line)
    assert time.perf_counter() - started < 2.0
