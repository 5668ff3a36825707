"""Every command in the docs runs as written.

The shell lines of every ``sh`` code block in README.md and docs/*.md run in a
folder holding copies of ``seeds/``, ``examples/`` and README.md (and
``article.txt``, the guide's stand-in for an article of one's own), with the
installed ``factcheck``. Setup lines (``make``, ``pip``, ``.``) are not run. A
command exits 0, or 1 where it asks for findings to fail it (``--fail-on-conflict``,
``--strict``); never 2 or 3. Python blocks that are whole programs (they start with
``import factcheck``) run too. All share one embedding cache: the model loads once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SETUP = ("make ", "pip ", ". ", "source ")
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)

pytestmark = pytest.mark.model


def _blocks(language: str) -> list[tuple[str, int, str]]:
    """(file, line, text) of each code block in ``language``."""
    found = []
    for path in DOCS:
        text = path.read_text("utf-8")
        for match in _BLOCK.finditer(text):
            if match.group(1) == language:
                line = text.count("\n", 0, match.start()) + 2
                found.append((path.name, line, match.group(2)))
    return found


def shell_commands() -> list[tuple[str, str]]:
    """(where, command) for every command line of the docs' shell blocks."""
    commands = []
    for name, first, block in _blocks("sh"):
        for offset, line in enumerate(block.splitlines()):
            command = line.strip()
            if command and not command.startswith("#") and not command.startswith(SETUP):
                commands.append((f"{name}:{first + offset}", command))
    return commands


def python_programs() -> list[tuple[str, str]]:
    return [
        (f"{name}:{line}", block)
        for name, line, block in _blocks("python")
        if block.startswith("import factcheck")
    ]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("docs")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    shutil.copytree(ROOT / "examples", folder / "examples")
    shutil.copy(ROOT / "README.md", folder / "README.md")
    shutil.copy(ROOT / "seeds" / "003_4d9b220179b41c94.txt", folder / "article.txt")
    bin_dir = folder / ".bin"
    bin_dir.mkdir()
    shim = bin_dir / "factcheck"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m factcheck "$@"\n', "utf-8")
    shim.chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "FACTCHECK_CACHE_DIR": str(folder / ".cache"),
        "COLUMNS": "100",
    }
    env.pop("GITHUB_ACTIONS", None)
    # Fill the embedding cache once, so that the commands below load no model.
    warm = subprocess.run(
        [sys.executable, "-m", "factcheck", "report", "seeds/", "-q", "-o", "warm.md"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert warm.returncode == 0, warm.stderr
    return folder, env


def test_the_docs_have_commands_to_run() -> None:
    wheres = [where for where, _ in shell_commands()]
    assert any(where.startswith("guide.md") for where in wheres)
    assert any(where.startswith("README.md") for where in wheres)
    assert any(where.startswith("ci.md") for where in wheres)
    assert len(python_programs()) >= 3


@pytest.mark.parametrize(("where", "command"), shell_commands(), ids=lambda x: str(x))
def test_shell_command_runs_as_written(
    where: str, command: str, workdir: tuple[Path, dict[str, str]]
) -> None:
    folder, env = workdir
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    allowed = {0, 1} if ("--fail-on-conflict" in command or "--strict" in command) else {0}
    assert done.returncode in allowed, f"{where}: {command}\n{done.stderr}"
    assert "Traceback" not in done.stderr
    assert "error:" not in done.stderr


@pytest.mark.parametrize(("where", "program"), python_programs(), ids=lambda x: str(x)[:20])
def test_python_program_runs_as_written(
    where: str, program: str, workdir: tuple[Path, dict[str, str]]
) -> None:
    folder, env = workdir
    done = subprocess.run(
        [sys.executable, "-c", program],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"{where}\n{done.stderr}"


def test_the_readme_opens_with_two_strings_checked_in_two_lines(
    workdir: tuple[Path, dict[str, str]],
) -> None:
    """The README's first program checks two strings, with the real model, and prints
    the conflict between them."""
    where, program = python_programs()[0]
    assert where.startswith("README.md")
    assert "report_texts(" in program
    folder, env = workdir
    done = subprocess.run(
        [sys.executable, "-c", program],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "70%" in done.stdout
    assert "90%" in done.stdout
    assert "do not overlap" in done.stdout


_SUMMARY = re.compile(r"`(factcheck: \d+ sources?, [^`]*)`")


def test_the_summary_the_guide_quotes_is_what_the_seeds_run_prints(
    workdir: tuple[Path, dict[str, str]],
) -> None:
    """The guide's figures come from the run it shows: `factcheck report seeds/`."""
    text = " ".join((ROOT / "docs" / "guide.md").read_text("utf-8").split())
    quoted = _SUMMARY.findall(text)
    assert quoted, "the guide quotes the seeds run's summary line"
    folder, env = workdir
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", "report", "seeds/", "-o", "summary.md"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    printed = done.stderr.strip().removesuffix(" -> summary.md")
    assert set(quoted) == {printed}
