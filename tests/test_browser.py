"""The HTML report in headless Chromium: readable, self-contained, and inert to hostile text.

Needs Debian's ``chromium`` (``apt-get install chromium``; ``.ci/run`` installs it).
Without it the tests skip, except under CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from factcheck.render import render
from tests.gold import GOLD, SEEDS
from tests.report_samples import hostile_report

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (required under CI)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def _open(browser: Browser, html_file: Path, stray: list[str]) -> Page:
    """Open a local page, aborting and recording every request other than the file itself."""
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    own = html_file.resolve().as_uri()

    def guard(route: Any) -> None:
        url: str = route.request.url
        if url.split("#", 1)[0] == own or url.startswith("data:"):
            route.continue_()
        else:
            stray.append(url)
            route.abort()

    page.route("**/*", guard)
    page.on("request", lambda request: _note(request.url, own, stray))
    page.goto(own)
    page.wait_for_load_state("load")
    return page


def _note(url: str, own: str, stray: list[str]) -> None:
    if url.split("#", 1)[0] != own and not url.startswith("data:") and url not in stray:
        stray.append(url)


@pytest.mark.model
def test_seed_report_shows_the_conflict_with_chart_and_links(
    browser: Browser, tmp_path: Path
) -> None:
    from factcheck.pipeline import check

    report = check(SEEDS)
    html_file = tmp_path / "seeds.html"
    html_file.write_text(render(report, "html"), "utf-8")
    stray: list[str] = []
    page = _open(browser, html_file, stray)
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
    page = _open(browser, html_file, stray)
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
