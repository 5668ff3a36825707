"""Settings: one list of the settings that reports leave out."""

from __future__ import annotations

from pathlib import Path

from factcheck.crosscheck.pipeline import report
from factcheck.models import Source
from factcheck.render.document import to_document
from factcheck.settings import RUNTIME_ONLY, Settings
from tests.doubles import HashingEmbedder


def test_runtime_only_settings_are_left_out_of_reports(tmp_path: Path) -> None:
    assert {"cache_dir", "use_cache", "batch_size"} == RUNTIME_ONLY
    settings = Settings(cache_dir=tmp_path, batch_size=7, use_cache=False)
    reported = settings.reported()
    assert RUNTIME_ONLY.isdisjoint(reported)
    assert set(reported) == set(Settings.model_fields) - RUNTIME_ONLY
    sources = [Source(id="a.txt", text="The plant employs 70 workers.")]
    result = report(sources, settings, embedder=HashingEmbedder())
    assert result.settings == reported
    assert to_document(result).settings == reported
    # A report built by hand with every setting still publishes none of them.
    full = result.model_copy(update={"settings": settings.model_dump(mode="json")})
    assert to_document(full).settings == reported
