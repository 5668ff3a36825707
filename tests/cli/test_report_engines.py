"""`factcheck report --workers/--scheduler/--parquet`: Dask when asked, Parquet next to the report."""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factcheck.cli import main

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _run(args: list[str]) -> int:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    code = exit_info.value.code
    return code if isinstance(code, int) else 0


@pytest.mark.usefixtures("hashing_model")
def test_parquet_tables_are_written_next_to_the_report(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    target = tmp_path / "out.json"
    args = ["report", str(SEEDS), "--format", "json", "-o", str(target), "-q"]
    assert _run([*args, "--no-cache", "--parquet"]) == 0
    document = json.loads(target.read_text("utf-8"))
    findings = pd.read_parquet(tmp_path / "out.findings.parquet")
    claims = pd.read_parquet(tmp_path / "out.claims.parquet")
    clusters = pd.read_parquet(tmp_path / "out.clusters.parquet")
    assert sorted(clusters["id"]) == sorted(c["id"] for c in document["clusters"])
    assert len(findings) == len(document["clusters"])
    assert len(claims) == len(document["claims"])


def test_parquet_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["report", str(SEEDS), "--parquet", "--no-cache", "-q"]) == 2
    assert "--output" in capsys.readouterr().err


@pytest.mark.usefixtures("hashing_model")
def test_workers_run_on_a_local_dask_cluster(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed")
    from factcheck.crosscheck import distributed

    started: list[int | None] = []
    real = distributed.dask_engine

    @contextlib.contextmanager
    def threaded(scheduler: str | None, workers: int | None, **kwargs: Any) -> Iterator[Any]:
        # Worker threads in this process see the stand-in embedder the fixture installs.
        started.append(workers)
        with functools.partial(real, processes=False)(scheduler, workers, **kwargs) as engine:
            yield engine

    monkeypatch.setattr(distributed, "dask_engine", threaded)
    on_dask, here = tmp_path / "dask.json", tmp_path / "here.json"
    common = ["report", str(SEEDS), "--format", "json", "-q", "--no-cache"]
    assert _run([*common, "--workers", "2", "-o", str(on_dask)]) == 0
    assert _run([*common, "-o", str(here)]) == 0
    assert started == [2]
    assert json.loads(on_dask.read_text("utf-8")) == json.loads(here.read_text("utf-8"))
    assert (tmp_path / "dask.findings.parquet").is_file()  # a Dask run writes its tables
    assert not (tmp_path / "here.findings.parquet").exists()
