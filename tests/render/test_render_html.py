"""The HTML report: self-contained, escaped, charts and per-source views built from offsets."""

from __future__ import annotations

import base64
import re
from html import unescape
from html.parser import HTMLParser

import pytest

from factcheck.render import render
from factcheck.render.charts import interval_chart
from factcheck.render.document import to_document
from tests.report_samples import hostile_report, sample_report


class _Collector(HTMLParser):
    """Every start tag with its attributes, and the ids seen."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Collector()
    parser.feed(html)
    return parser.tags


def test_page_is_self_contained() -> None:
    html = render(sample_report(), "html")
    for tag, attrs in _tags(html):
        assert tag not in ("script", "link", "iframe", "object", "embed")
        for name in ("src", "href"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith(("#", "data:")), (tag, name, value)
    assert "Content-Security-Policy" in html
    assert "@import" not in html
    assert "url(" not in html


def test_conflict_quotes_are_marked_and_linked_to_their_sentence() -> None:
    html = render(sample_report(), "html")
    ids = {attrs["id"] for _, attrs in _tags(html) if attrs.get("id")}
    links = [attrs["href"] for tag, attrs in _tags(html) if tag == "a" and attrs.get("href")]
    internal = [link for link in links if link and link.startswith("#")]
    assert internal
    for link in internal:
        assert link[1:] in ids, f"dangling link {link}"
    assert '<mark class="conflict">about 70%</mark>' in html
    assert '<mark class="conflict">more than 90%</mark>' in html


def test_per_source_view_reproduces_each_source_text() -> None:
    report = sample_report()
    html = render(report, "html")
    for source in report.sources:
        pattern = r'<article class="source" id="src\d+">.*?<div class="text">(.*?)</div>'
        views = re.findall(pattern, html, flags=re.S)
        plain = [re.sub(r"<[^>]+>", "", view) for view in views]
        assert source.text in [unescape(p) for p in plain]


def test_hostile_text_is_escaped_everywhere() -> None:
    html = render(hostile_report(), "html")
    tags = _tags(html)
    assert "script" not in {tag for tag, _ in tags}
    images = [attrs for tag, attrs in tags if tag == "img"]
    assert all((a.get("src") or "").startswith("data:image/svg+xml;base64,") for a in images)
    assert all("onerror" not in a for _, a in tags)
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt;" in html
    assert not any((a.get("href") or "").lower().startswith("javascript:") for _, a in tags)
    assert "<b>evil" not in html


def test_chart_is_an_svg_data_uri_and_deterministic() -> None:
    claims = to_document(sample_report()).conflicts[0].claims
    uri = interval_chart(claims)
    assert uri is not None
    assert uri == interval_chart(claims)
    svg = base64.b64decode(uri.split(",", 1)[1]).decode("utf-8")
    assert "<svg" in svg
    assert "dc:date" not in svg
    assert re.search(r"<path[^>]+d=", svg)


def test_chart_skips_dates_without_a_year() -> None:
    claims = to_document(sample_report()).agreements[1].claims
    assert interval_chart(claims) is not None  # full ISO dates can be placed
    yearless = [
        c.model_copy(update={"value": "--11-01", "low": None, "high": None}) for c in claims
    ]
    assert interval_chart(yearless) is None


@pytest.mark.parametrize("order", [1, -1])
def test_html_is_identical_whatever_the_input_order(order: int) -> None:
    assert render(sample_report(order), "html") == render(sample_report(), "html")
