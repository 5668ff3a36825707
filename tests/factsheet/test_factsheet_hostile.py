"""Fact sheets built to exhaust a YAML parser are refused fast, with bounded memory."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest
import yaml

from factcheck.errors import FactSheetError
from factcheck.factsheet import load_factsheet, yaml_loader
from factcheck.factsheet.problems import MAX_SHEET_BYTES


def _billion_laughs() -> str:
    lines = ['lol0: &lol0 "lol"']
    for level in range(1, 10):
        previous = ", ".join([f"*lol{level - 1}"] * 10)
        lines.append(f"lol{level}: &lol{level} [{previous}]")
    lines.append("facts: *lol9")
    return "\n".join(lines) + "\n"


def _refuse(path: Path) -> tuple[FactSheetError, float, int]:
    tracemalloc.start()
    began = time.perf_counter()
    try:
        with pytest.raises(FactSheetError) as caught:
            load_factsheet(path)
        elapsed = time.perf_counter() - began
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return caught.value, elapsed, peak


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(_billion_laughs(), encoding="utf-8")
    error, elapsed, peak = _refuse(path)
    assert "anchors and aliases" in error.message
    assert error.line == 1
    assert elapsed < 5.0  # generous: it takes milliseconds; expansion would take forever
    assert peak < 20 * 1024 * 1024


@pytest.mark.parametrize(
    "text",
    [
        "facts: " + "[" * 10_000 + "]" * 10_000 + "\n",
        "facts: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n",
        "facts:\n" + "- " * 10_000 + "x\n",
    ],
    ids=["flow-sequences", "flow-mappings", "block-sequences"],
)
def test_deep_nesting_is_refused_without_recursion_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    error, elapsed, peak = _refuse(path)
    assert "nested deeper than 50 levels" in error.message
    assert error.line is not None
    assert elapsed < 5.0
    assert peak < 50 * 1024 * 1024


class _EarlyRefusingLoader(yaml.SafeLoader):
    """A YAML layer that refuses shallow flow nesting first, in wording of its own."""

    def fetch_flow_collection_start(self, token_class: type) -> None:  # type: ignore[override]
        if self.flow_level >= 3:
            raise yaml.scanner.ScannerError(None, None, "some other wording", self.get_mark())
        super().fetch_flow_collection_start(token_class)  # type: ignore[misc]


def test_nesting_error_is_in_the_projects_words_whichever_layer_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yaml_loader, "_Loader", _EarlyRefusingLoader)
    path = tmp_path / "deep.yaml"
    path.write_text("facts: " + "[" * 100 + "]" * 100 + "\n", encoding="utf-8")
    error, _, _ = _refuse(path)
    assert error.message == "nested deeper than 50 levels"
    assert error.line == 1


def test_a_syntax_error_under_the_nesting_limit_stays_a_syntax_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yaml_loader, "_Loader", _EarlyRefusingLoader)
    path = tmp_path / "shallow.yaml"
    path.write_text("facts: [[[[x]]]]\n", encoding="utf-8")
    error, _, _ = _refuse(path)
    assert error.message.startswith("invalid YAML")


def test_a_huge_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("title: x\nfacts:\n")
        handle.write("# padding\n" * (MAX_SHEET_BYTES // 10 + 10))
    error, elapsed, peak = _refuse(path)
    assert "larger than 5 MB" in error.message
    assert peak < 2 * MAX_SHEET_BYTES
    assert elapsed < 5.0
