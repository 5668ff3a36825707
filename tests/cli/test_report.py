"""`factcheck report`: formats, atomic --output, exit codes, progress and quiet."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from factcheck.cli import main
from factcheck.crosscheck import pipeline
from factcheck.models import Report
from factcheck.settings import Settings
from tests.report_samples import sample_report


def _run(args: list[str]) -> int:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    code = exit_info.value.code
    return code if isinstance(code, int) else 0


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replace the pipeline with the sample report; record what the CLI passed it."""
    seen: list[dict[str, Any]] = []

    def fake_check(
        sources: Any, settings: Settings, *, progress: Any = None, engine: Any = None
    ) -> Report:
        seen.append(
            {"sources": sources, "settings": settings, "progress": progress, "engine": engine}
        )
        return sample_report()

    monkeypatch.setattr(pipeline, "report", fake_check)
    return seen


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("The plant employs about 70 workers.\n", "utf-8")
    (folder / "b.txt").write_text("The plant employs more than 90 workers.\n", "utf-8")
    return folder


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [
        ("md", "# Factcheck report"),
        ("html", "<!DOCTYPE html>"),
        ("json", '"schema_version"'),
        ("csv", "id,source,start,end"),
    ],
)
def test_each_format_goes_to_stdout(
    fmt: str,
    marker: str,
    calls: list[dict[str, Any]],
    corpus: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _run(["report", str(corpus), "--format", fmt, "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith(marker) or marker in out[:200]
    assert err == ""
    assert [s.id for s in calls[0]["sources"]] == ["a.txt", "b.txt"]


def test_settings_options_reach_the_pipeline(
    calls: list[dict[str, Any]], corpus: Path, tmp_path: Path
) -> None:
    args = [
        "report",
        str(corpus),
        "--threshold",
        "0.7",
        "--tolerance",
        "0.05",
        "--reference-date",
        "2024-03-01",
        "--cache-dir",
        str(tmp_path / "cache"),
        "--no-cache",
        "--model",
        "some/model",
        "--approximate-margin",
        "0.2",
        "--neighbours",
        "7",
        "--batch-size",
        "8",
        "-q",
    ]
    assert _run(args) == 0
    settings = calls[0]["settings"]
    assert settings.approximate_margin == 0.2
    assert settings.neighbours == 7
    assert settings.batch_size == 8
    assert settings.similarity_threshold == 0.7
    assert settings.tolerance == 0.05
    assert settings.reference_date.isoformat() == "2024-03-01"
    assert settings.cache_dir == tmp_path / "cache"
    assert settings.use_cache is False
    assert settings.model == "some/model"


def test_output_file_is_written_atomically(
    calls: list[dict[str, Any]],
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    target.write_text("old report", "utf-8")
    renames: list[tuple[str, str]] = []
    real_replace = __import__("os").replace

    def spy_replace(src: str, dst: str) -> None:
        renames.append((str(src), str(dst)))
        real_replace(src, dst)

    monkeypatch.setattr("factcheck.atomic.os.replace", spy_replace)
    assert _run(["report", str(corpus), "--format", "json", "-o", str(target)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert json.loads(target.read_text("utf-8"))["summary"]["conflicts"] == 1
    assert renames == [(renames[0][0], str(target))]
    assert Path(renames[0][0]).parent == target.parent
    assert list(target.parent.iterdir()) == [target]  # no temporary file left behind
    assert "3 sources, 7 claims, 1 conflict, 2 agreements ->" in err  # stderr, since not -q


def test_unwritable_output_exits_2_and_keeps_nothing(
    calls: list[dict[str, Any]],
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "missing-folder" / "report.md"
    assert _run(["report", str(corpus), "-o", str(target), "-q"]) == 2
    assert "factcheck: error:" in capsys.readouterr().err
    assert not target.exists()


def test_fail_on_conflict_exits_1_only_when_a_conflict_is_found(
    calls: list[dict[str, Any]],
    corpus: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _run(["report", str(corpus), "-q"]) == 0
    assert _run(["report", str(corpus), "-q", "--fail-on-conflict"]) == 1
    report = sample_report()
    calm = report.model_copy(
        update={"findings": report.findings[1:], "clusters": report.clusters[1:]}
    )
    monkeypatch.setattr(pipeline, "report", lambda *a, **k: calm)
    assert _run(["report", str(corpus), "-q", "--fail-on-conflict"]) == 0
    capsys.readouterr()


def test_bad_option_and_missing_source_exit_2(
    calls: list[dict[str, Any]],
    corpus: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _run(["report", str(corpus), "--format", "pdf"]) == 2
    assert _run(["report", str(corpus), "--threshold", "3"]) == 2
    assert _run(["report", str(tmp_path / "nope.txt")]) == 2
    assert calls == []
    capsys.readouterr()


def test_progress_is_silent_when_stderr_is_not_a_terminal(
    calls: list[dict[str, Any]], corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from factcheck.progress import NullProgress

    assert _run(["report", str(corpus)]) == 0
    assert isinstance(calls[0]["progress"], NullProgress)
    err = capsys.readouterr().err
    assert "\x1b" not in err


@pytest.mark.usefixtures("hashing_model")
def test_real_pipeline_end_to_end(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The whole command on the real pipeline, with the test embedder instead of the model."""
    target = tmp_path / "report.csv"
    args = ["report", str(corpus), "--format", "csv", "-o", str(target), "-q", "--no-cache"]
    assert _run(args) == 0
    import csv

    rows = target.read_text("utf-8").splitlines()
    assert rows[0].startswith("id,source,start,end,")
    quotes = {row["quote"] for row in csv.DictReader(rows)}
    assert {"about 70", "more than 90"} <= quotes or {"70", "90"} <= quotes


def test_rich_progress_draws_each_stage_to_completion() -> None:
    import io

    from rich.console import Console
    from rich.progress import Progress as Bar

    from factcheck.cli.progress import RichProgress, _columns

    screen = io.StringIO()
    bar = Bar(*_columns(), console=Console(file=screen, force_terminal=True, width=100))
    with bar:
        progress = RichProgress(bar)
        progress.start("extracting claims", 3)
        progress.advance(2)
        progress.start("embedding claims", None)
        progress.advance()
        progress.finish()
    assert [task.description for task in bar.tasks] == ["extracting claims", "embedding claims"]
    assert bar.tasks[0].completed == 3  # a new stage completes the one before
    assert "extracting claims" in screen.getvalue()


def test_progress_shows_counts_elapsed_time_and_time_left() -> None:
    import io

    from rich.console import Console
    from rich.progress import Progress as Bar

    from factcheck.cli.progress import _columns

    bar = Bar(*_columns(), console=Console(file=io.StringIO(), width=100), auto_refresh=False)
    task = bar.add_task("embedding claims", total=3600)
    bar.update(task, completed=1024)
    state = bar.tasks[0]
    cells = [str(column(state)) for column in bar.columns if not isinstance(column, str)]
    assert "1,024/3,600" in cells
    times = cells[-1]
    assert times.startswith("0:0")
    spinner = bar.add_task("clustering claims", total=None)
    cells = [
        str(column(bar.tasks[spinner])) for column in bar.columns if not isinstance(column, str)
    ]
    assert "0/?" not in cells
    assert "left" not in cells[-1]


def test_progress_bar_draws_on_a_terminal_unless_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from factcheck.cli.progress import RichProgress, progress_bar
    from factcheck.progress import NullProgress

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with progress_bar(quiet=False) as progress:
        assert isinstance(progress, RichProgress)
    with progress_bar(quiet=True) as progress:
        assert isinstance(progress, NullProgress)


@pytest.mark.parametrize("quiet", [False, True])
def test_rendering_is_a_stage_and_the_summary_is_worded(
    calls: list[dict[str, Any]],
    corpus: Path,
    tmp_path: Path,
    quiet: bool,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from factcheck.cli import report as report_cli

    stages: list[str] = []

    class Recording:
        def start(self, stage: str, total: int | None = None) -> None:
            stages.append(stage)

        def advance(self, steps: int = 1) -> None:
            return None

        def finish(self) -> None:
            return None

    def bar(quiet: bool = False) -> Any:
        from contextlib import nullcontext

        from factcheck.progress import NullProgress

        return nullcontext(NullProgress() if quiet else Recording())

    monkeypatch.setattr(report_cli, "progress_bar", bar)
    args = ["report", str(corpus), "--format", "html", "-o", str(tmp_path / "r.html")]
    assert _run([*args, "-q"] if quiet else args) == 0
    err = capsys.readouterr().err
    if quiet:
        assert err == ""
        assert stages == []
    else:
        assert stages == ["writing the HTML report"]
        assert err.splitlines() == [
            f"factcheck: 3 sources, 7 claims, 1 conflict, 2 agreements -> {tmp_path / 'r.html'}"
        ]


def test_cli_offers_exactly_the_renderer_formats() -> None:
    from factcheck.cli import report as report_cli
    from factcheck.render import FORMATS

    assert report_cli.FORMATS == FORMATS


def test_the_format_choices_are_the_renderers_table() -> None:
    import click

    from factcheck.cli import cli
    from factcheck.render import REPORT_FORMATS
    from factcheck.render.claims import CLAIM_FORMATS

    def choices(command: str) -> tuple[str, ...]:
        (option,) = [p for p in cli.commands[command].params if p.name == "fmt"]
        assert isinstance(option.type, click.Choice)
        return tuple(option.type.choices)

    assert choices("report") == tuple(REPORT_FORMATS)
    assert choices("claims") == CLAIM_FORMATS
