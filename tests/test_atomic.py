"""Atomic output files: whole or absent, with the permissions users expect."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from factcheck.atomic import open_atomic, write_atomic
from factcheck.errors import OutputError


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_new_file_gets_permissions_from_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        target = write_atomic(tmp_path / "report.md", "# report\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8") == "# report\n"


def test_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o604)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o604
    assert target.read_text(encoding="utf-8") == "new"


@pytest.mark.parametrize("failure", [RuntimeError("boom"), KeyboardInterrupt()])
def test_failure_inside_the_block_keeps_the_old_file_and_no_temporary(
    tmp_path: Path, failure: BaseException
) -> None:
    target = tmp_path / "report.json"
    target.write_text("old report", encoding="utf-8")

    def write_half_then_fail() -> None:
        with open_atomic(target) as handle:
            handle.write("half of a new rep")
            raise failure

    with pytest.raises(type(failure)):
        write_half_then_fail()
    assert target.read_text(encoding="utf-8") == "old report"
    assert leftovers(tmp_path) == []


def test_missing_folder_is_an_output_error_naming_the_path(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="missing"):
        write_atomic(tmp_path / "missing" / "report.md", "x")
