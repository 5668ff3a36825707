"""docs/cli.md is generated from every command's --help and must be current."""

from __future__ import annotations

from pathlib import Path

from factcheck.cli import cli
from factcheck.cli.docs import cli_reference, main

CLI_MD = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_committed_cli_reference_is_current() -> None:
    assert CLI_MD.read_text("utf-8") == cli_reference(), "run: python -m factcheck.cli.docs"


def test_reference_covers_every_command_and_option() -> None:
    text = cli_reference()
    for name, command in cli.commands.items():
        assert f"## factcheck {name}\n" in text
        for param in command.params:
            for flag in getattr(param, "opts", []):
                if flag.startswith("-"):
                    assert flag in text, f"{name}: {flag} missing"


def test_main_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "cli.md"
    assert main([str(target)]) == 0
    assert target.read_text("utf-8") == cli_reference()
