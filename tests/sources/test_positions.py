"""Citations give the line and column in the original file, HTML pages included."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from factcheck.extract import extract_claims
from factcheck.models import Source
from factcheck.sources import load_sources

PAGES = Path(__file__).resolve().parent.parent / "data" / "html"


def _at(path: Path, line: int, column: int, length: int) -> str:
    """What the file shows a reader at (line, column): character references decoded."""
    text = path.read_text("utf-8").split("\n")[line - 1][column - 1 :]
    return html.unescape(text[: length + 40]).replace("\xa0", " ")


@pytest.mark.parametrize("page", sorted(PAGES.glob("*.html")), ids=lambda p: p.stem)
def test_each_html_citation_points_at_its_quote_in_the_markup(page: Path) -> None:
    (source,) = load_sources(page)
    claims = extract_claims(source)
    assert claims
    for claim in claims:
        citation = claim.citation
        assert citation.column is not None
        assert _at(page, citation.line, citation.column, len(citation.quote)).startswith(
            citation.quote
        ), claim


def test_a_sentence_deep_in_a_page_is_cited_on_its_line_of_the_file(tmp_path: Path) -> None:
    head = "<html><head><title>Port</title>\n" + "<script>var x = 1;</script>\n" * 1000
    body = "</head><body><article>\n<h1>Port strike</h1>\n<p>Shipping fell\n    by <b>40%</b> in May.</p>"
    page = tmp_path / "deep.html"
    page.write_text(head + body + "\n</article></body></html>\n", "utf-8")
    (source,) = load_sources(page)
    (claim, *_) = (c for c in extract_claims(source) if c.quote == "40%")
    assert source.line_of(claim.citation.start) < 10  # the extracted text's line
    assert (claim.citation.line, claim.citation.column) == (1005, 11)


def test_text_citations_give_line_and_column_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Title\r\n\r\nSales rose 5% in 2024,\r\n  and prices 3%.\r\n", "utf-8")
    (source,) = load_sources(path)
    found = {(c.quote, c.citation.line, c.citation.column) for c in extract_claims(source)}
    assert found >= {("5%", 3, 12), ("3%", 4, 14)}


def test_a_source_built_in_code_counts_columns_in_its_text() -> None:
    source = Source.from_text("One.\nSales rose 5%.")
    assert source.position_of(source.text.index("5%")) == (2, 12)


@pytest.mark.parametrize("placeholder", ["0001-01-01", "9999-12-31T00:00:00Z"])
def test_a_placeholder_publication_date_is_ignored(tmp_path: Path, placeholder: str) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><script type="application/ld+json">'
        f'{{"@type": "NewsArticle", "datePublished": "{placeholder}"}}</script></head>'
        "<body><article><p>Shipping fell by 40% in May, the port said.</p>"
        '<time datetime="2024-06-02">2 June 2024</time></article></body></html>',
        "utf-8",
    )
    (source,) = load_sources(page)
    assert source.published is not None
    assert source.published.year == 2024
