"""Fixtures shared by the test folders (one folder per subpackage of factcheck)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.browser import launch_chromium
from tests.doubles import HashingEmbedder

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium for one test module (skips the test where it is not installed)."""
    with launch_chromium() as launched:
        yield launched


@pytest.fixture
def hashing_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs that build their own embedder get the hashing test double, not the real model."""
    monkeypatch.setattr(
        "factcheck.crosscheck.cache.get_embedder", lambda *args, **kwargs: HashingEmbedder()
    )
