"""The report's tables as Parquet files (claims, clusters, findings), for engines that read
columns (Dask, Spark, DuckDB). Needs pyarrow (``pip install 'factcheck[dask]'``).

The columns are those of :mod:`factcheck.render.tables`. Each file is written whole or
not at all (:func:`factcheck.atomic.replace_atomic`).
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

from factcheck.atomic import replace_atomic
from factcheck.errors import SettingsError
from factcheck.models import Report
from factcheck.render.tables import claims_frame, clusters_frame, findings_frame

__all__ = ["PARQUET_TABLES", "parquet_paths", "write_parquet"]

PARQUET_TABLES = ("claims", "clusters", "findings")
_FRAMES = {"claims": claims_frame, "clusters": clusters_frame, "findings": findings_frame}


def parquet_paths(report_path: Path) -> dict[str, Path]:
    """The Parquet files next to a report file: ``report.html`` -> ``report.claims.parquet``..."""
    return {
        table: report_path.with_name(f"{report_path.stem}.{table}.parquet")
        for table in PARQUET_TABLES
    }


def write_parquet(report: Report, report_path: Path) -> list[Path]:
    """Write the claims, clusters and findings of ``report`` next to ``report_path``."""
    if importlib.util.find_spec("pyarrow") is None:  # pandas writes Parquet with it
        raise SettingsError(
            "writing Parquet needs pyarrow: pip install 'factcheck[dask]'", field="--parquet"
        )
    written = []
    for table, path in parquet_paths(report_path).items():
        frame = _FRAMES[table](report)
        written.append(replace_atomic(path, functools.partial(frame.to_parquet, index=False)))
    return written
