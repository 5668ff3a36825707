"""In headless Chromium: a citation of an HTML source leads to its passage, and says the
line of the page's markup where the passage stands."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from factcheck.crosscheck.pipeline import report
from factcheck.render import render
from factcheck.sources import load_sources
from tests.browser import open_page
from tests.doubles import HashingEmbedder

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

RIVAL = "Shipping through the port fell by 25% in May, the port authority said.\n"


def test_an_html_citation_leads_to_its_passage(browser: Browser, tmp_path: Path) -> None:
    page_file = tmp_path / "port.html"
    head = "<html><head><title>Port</title>\n" + "<meta name='x' content='y'>\n" * 300
    page_file.write_text(
        head + "</head><body><article><h1>Port strike</h1>\n"
        "<p>Shipping through the port fell by <b>40%</b> in May, the port authority said.</p>"
        "\n</article></body></html>\n",
        "utf-8",
    )
    (tmp_path / "wire.txt").write_text(RIVAL, "utf-8")
    sources = load_sources([page_file, tmp_path / "wire.txt"])
    result = report(sources, embedder=HashingEmbedder())
    (conflict,) = result.conflicts
    html_file = tmp_path / "report.html"
    html_file.write_text(render(result, "html"), "utf-8")
    stray: list[str] = []
    page = open_page(browser, html_file, stray)

    link = page.locator("#conflicts a.cite", has_text="port.html")
    assert link.count() == 1
    line = int(re.search(r"line (\d+)", link.inner_text()).group(1))  # type: ignore[union-attr]
    markup_line = page_file.read_text("utf-8").split("\n")[line - 1]
    assert "<b>40%</b>" in markup_line  # the line of the file, not of the extracted text
    link.click()
    target = page.locator(":target")
    assert target.count() == 1
    assert target.is_visible()
    assert target.locator("mark.conflict").inner_text() == "40%"
    assert "Shipping through the port fell by" in target.inner_text()
    assert conflict.cross_source
    assert stray == []
