"""Running the command line inside a test: one helper for every CLI test that needs it."""

from __future__ import annotations

import pytest

from factcheck.cli import main


def run_cli(args: list[object], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Exit status, standard output and standard error of ``factcheck ARGS...``."""
    with pytest.raises(SystemExit) as exited:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 0), out, err
