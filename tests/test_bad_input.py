"""Bad input: a one-line error naming the file, exit code 2, never a traceback."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.errors import SourceError
from factcheck.sources.decode import decode_bytes


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "FACTCHECK_CACHE_DIR": str(cwd or Path.cwd())},
        timeout=120,
    )


def _assert_one_line_error(result: subprocess.CompletedProcess[str], name: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert name in lines[0]
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def _bad_files(tmp_path: Path) -> dict[str, bytes | None]:
    rng = random.Random(7)
    return {
        "missing.txt": None,
        "paper.pdf.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        "picture.png.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "noise.bin.txt": bytes(rng.getrandbits(8) for _ in range(4096)),
        "nul.txt": b"text with a NUL \x00 byte 5%",
        "empty.txt": b"",
        "blank.txt": b" \n\t\r\n  ",
    }


@pytest.mark.parametrize(
    "name",
    [
        "missing.txt",
        "paper.pdf.txt",
        "picture.png.txt",
        "noise.bin.txt",
        "nul.txt",
        "empty.txt",
        "blank.txt",
    ],
)
def test_unusable_source_file_is_one_line_exit_2(tmp_path: Path, name: str) -> None:
    data = _bad_files(tmp_path)[name]
    if data is not None:
        (tmp_path / name).write_bytes(data)
    for command in ("claims", "report"):
        _assert_one_line_error(_run(command, str(tmp_path / name), cwd=tmp_path), name)


def test_directory_with_nothing_readable(tmp_path: Path) -> None:
    folder = tmp_path / "pictures"
    folder.mkdir()
    (folder / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    _assert_one_line_error(_run("claims", str(folder), cwd=tmp_path), "pictures")


def test_undecodable_bytes_name_the_byte() -> None:
    with pytest.raises(SourceError, match=r"byte 127, 0x80"):
        decode_bytes(bytes(range(1, 256)) * 4, "odd.txt")


def test_unwritable_output_is_exit_2_and_leaves_nothing(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Prices rose 5% in May.", encoding="utf-8")
    target = tmp_path / "no-such-folder" / "out.json"
    result = _run("claims", str(source), "--format", "json", "--output", str(target), cwd=tmp_path)
    _assert_one_line_error(result, "out.json")
    assert not target.parent.exists()


def test_claims_json_output_is_written_atomically(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Prices rose 5% in May.", encoding="utf-8")
    target = tmp_path / "claims.json"
    result = _run("claims", str(source), "--format", "json", "--output", str(target), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert '"quote": "5%"' in target.read_text("utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
