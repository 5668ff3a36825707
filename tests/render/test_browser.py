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
    from playwright.sync_api import Browser, Locator, Page

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
            cell = page.locator("#conflicts .statement").filter(has_text=claim["quote"])
            assert cell.count() >= 1, f"quote not in the conflicts: {claim['quote']!r}"
            assert cell.first.is_visible()

    charts = page.locator("#conflicts svg.chart")
    assert charts.count() == len(report.conflicts) >= 1
    for index in range(charts.count()):
        box = charts.nth(index).bounding_box()
        assert box is not None
        assert box["width"] > 100
        assert box["height"] > 50

    # A citation opens its sentence in the source, the source's title in view, and a
    # way back to the finding.
    link = page.locator("#conflicts a.cite").first
    card_id = link.evaluate("a => a.closest('.finding').id")
    link.click()
    target = page.locator(":target")
    assert target.count() == 1
    assert target.locator("mark").count() >= 1
    assert target.is_visible()
    assert _in_view(page, target)
    title = page.locator("article.source", has=page.locator(":target")).locator("h3")
    assert _in_view(page, title)
    back = page.locator("#back a")
    assert back.is_visible()
    back.click()
    assert page.evaluate("location.hash") == f"#{card_id}"
    assert _in_view(page, page.locator(f"#{card_id} h3"))
    assert not page.locator("#back").is_visible()

    # The filter narrows the findings as one types.
    page.fill("#q", "no such words anywhere")
    page.wait_for_timeout(300)
    assert page.locator("#conflicts .items > .finding").count() == 0
    assert page.locator("#found").inner_text() == "0 findings match"
    page.fill("#q", "")
    page.wait_for_timeout(300)
    assert page.locator("#conflicts .items > .finding").count() == len(report.conflicts)

    assert stray == []


def _in_view(page: Page, locator: Locator) -> bool:
    box = locator.first.bounding_box()
    height = page.viewport_size["height"] if page.viewport_size else 900
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


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
    assert page.locator("script:not(#fc-js):not([type='application/json'])").count() == 0
    assert page.locator("img").count() == 0
    assert page.locator('a[href^="javascript:" i]').count() == 0
    # clicking every link keeps the page inert
    for index in range(page.locator("a").count()):
        page.locator("a").nth(index).click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert stray == []
