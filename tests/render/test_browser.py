"""The HTML report in headless Chromium: readable, self-contained, and inert to hostile text.

Needs Debian's ``chromium`` (see :mod:`tests.browser`); hostile sources through the
real loaders are in ``test_browser_hostile.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from factcheck.render import render
from tests.browser import open_page
from tests.gold import GOLD, SEEDS
from tests.report_samples import hostile_report

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


@pytest.mark.model
def test_seed_report_shows_the_conflict_with_chart_and_links(
    browser: Browser, tmp_path: Path
) -> None:
    from factcheck.crosscheck.pipeline import report as cross_check

    report = cross_check(SEEDS)
    html_file = tmp_path / "seeds.html"
    html_file.write_text(render(report, "html"), "utf-8")
    stray: list[str] = []
    page = open_page(browser, html_file, stray)
    page.screenshot(path=str(tmp_path / "seeds.png"), full_page=True)

    for conflict in GOLD["conflicts"]:
        for claim in conflict["claims"]:
            cell = page.locator("#conflicts td.quote").filter(has_text=claim["quote"])
            assert cell.count() >= 1, f"quote not in the conflicts: {claim['quote']!r}"
            assert cell.first.is_visible()

    charts = page.locator("#conflicts img.chart")
    assert charts.count() == len(report.conflicts) >= 1
    for index in range(charts.count()):
        chart = charts.nth(index)
        box = chart.bounding_box()
        assert box is not None
        assert box["width"] > 100
        assert box["height"] > 50
        assert chart.evaluate("img => img.complete && img.naturalWidth > 0")

    # a citation leads to its sentence in the source view, quantity highlighted
    link = page.locator("#conflicts td a").first
    link.click()
    target = page.locator(":target")
    assert target.count() == 1
    assert target.locator("mark").count() >= 1
    assert target.is_visible()

    assert stray == []


def test_hostile_source_is_shown_as_text_and_never_run(browser: Browser, tmp_path: Path) -> None:
    html_file = tmp_path / "hostile.html"
    html_file.write_text(render(hostile_report(), "html"), "utf-8")
    stray: list[str] = []
    page = open_page(browser, html_file, stray)
    page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)

    text = page.locator("body").inner_text()
    assert "<script>window.__pwned=1</script>" in text
    assert '<img src=x onerror="window.__pwned=1">' in text
    assert "javascript:window.__pwned=1" in text
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("script").count() == 0
    assert page.locator("img:not(.chart)").count() == 0
    assert page.locator('a[href^="javascript:" i]').count() == 0
    # clicking every link keeps the page inert
    for index in range(page.locator("a").count()):
        page.locator("a").nth(index).click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert stray == []
