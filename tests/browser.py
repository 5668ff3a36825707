"""Headless Chromium for the browser tests: launch it, and open a local page under guard.

Needs Debian's ``chromium`` (``apt-get install chromium``; ``.ci/run`` installs it).
Without it the tests skip, except under CI (``CI=true``), where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "launch_chromium", "open_page"]

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


@contextmanager
def launch_chromium() -> Iterator[Browser]:
    """The system's Chromium through playwright; skips (fails under CI) without it."""
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


def open_page(browser: Browser, html_file: Path, stray: list[str]) -> Page:
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
