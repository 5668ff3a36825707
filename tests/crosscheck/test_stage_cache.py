"""Stage results on disk: a warm run reads what did not change, and nothing stale."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from factcheck.crosscheck import pipeline
from factcheck.crosscheck.cluster import comparable_blocks
from factcheck.crosscheck.pipeline import report
from factcheck.crosscheck.stage_cache import STAGES_FOLDER, StageCache
from factcheck.models import Claim, Source
from factcheck.settings import Settings

SOURCES = [
    Source(id="a.txt", text="Exports of wheat rose 12% in May, the ministry said. 40 ships left."),
    Source(id="b.txt", text="Exports of wheat rose 15% in May, traders said. 40 ships left port."),
    Source(id="c.txt", text="The city had 2.1 million residents in 2020, the census found."),
]


@pytest.fixture
def extracted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the sources extraction really ran on."""
    seen: list[str] = []
    real = pipeline.iter_claims

    def counting(source: Source, settings: Settings) -> Iterator[Claim]:
        seen.append(source.id)
        return real(source, settings)

    monkeypatch.setattr(pipeline, "iter_claims", counting)
    return seen


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes of the blocks really clustered."""
    seen: list[int] = []
    real = pipeline.check_block

    def counting(*args: object, **kwargs: object) -> object:
        seen.append(len(args[0]))  # type: ignore[arg-type]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "check_block", counting)
    return seen


@pytest.mark.usefixtures("hashing_model")
def test_a_warm_run_reads_every_stage(
    tmp_path: Path, extracted: list[str], checked: list[int]
) -> None:
    settings = Settings(cache_dir=tmp_path)
    cold = report(SOURCES, settings)
    assert sorted(extracted) == ["a.txt", "b.txt", "c.txt"]
    assert checked
    assert cold.findings
    extracted.clear()
    checked.clear()
    warm = report(SOURCES, settings)
    assert warm == cold
    assert extracted == []
    assert checked == []


@pytest.mark.usefixtures("hashing_model")
def test_only_what_changed_is_computed_again(
    tmp_path: Path, extracted: list[str], checked: list[int]
) -> None:
    settings = Settings(cache_dir=tmp_path)
    report(SOURCES, settings)
    extracted.clear()
    checked.clear()
    changed = [
        *SOURCES[:2],
        SOURCES[2].model_copy(update={"text": "The city had 3 parks in 2020, the census found."}),
    ]
    again = report(changed, settings)
    assert extracted == ["c.txt"]
    # The percent block (a and b) and the story's year are unchanged: read, not clustered.
    blocks = comparable_blocks(again.claims)
    assert 0 < len(checked) < len(blocks)
    assert again == report(changed, Settings(use_cache=False))


@pytest.mark.usefixtures("hashing_model")
def test_other_settings_are_other_entries(tmp_path: Path, extracted: list[str]) -> None:
    report(SOURCES, Settings(cache_dir=tmp_path))
    extracted.clear()
    report(SOURCES, Settings(cache_dir=tmp_path, approximate_margin=0.2))
    assert sorted(extracted) == ["a.txt", "b.txt", "c.txt"]
    extracted.clear()
    report(SOURCES, Settings(cache_dir=tmp_path, batch_size=8))  # changes no result
    assert extracted == []


@pytest.mark.usefixtures("hashing_model")
def test_a_damaged_entry_is_a_miss_with_a_warning(
    tmp_path: Path, extracted: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(cache_dir=tmp_path)
    cold = report(SOURCES, settings)
    entries = sorted((tmp_path / STAGES_FOLDER / "claims").rglob("*"))
    damaged = next(path for path in entries if path.is_file())
    data = bytearray(damaged.read_bytes())
    data[-2] ^= 0x20  # one flipped bit in the payload, the JSON still parses
    damaged.write_bytes(bytes(data))
    extracted.clear()
    with caplog.at_level(logging.WARNING):
        warm = report(SOURCES, settings)
    assert warm == cold
    assert len(extracted) == 1
    assert "damaged" in caplog.text


def test_a_folder_that_cannot_be_written_stores_nothing_and_fails_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / STAGES_FOLDER).write_text("a file where the folder should be")
    cache = StageCache(tmp_path, Settings())
    place, known = cache.claims_of(SOURCES[0])
    assert known is None
    with caplog.at_level(logging.WARNING):
        cache.keep_claims(place, [])
        cache.keep_claims(place, [])
    assert not cache.writable
    assert caplog.text.count("cannot be written") == 1


def test_no_cache_means_no_stage_cache(tmp_path: Path) -> None:
    assert pipeline.open_stage_cache(Settings(cache_dir=tmp_path, use_cache=False)) is None
    assert pipeline.open_stage_cache(Settings(cache_dir=tmp_path)) is not None


def test_concurrent_writers_and_readers_see_an_entry_whole(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    claims = list(pipeline.iter_claims(SOURCES[0], Settings()))
    assert claims
    errors: list[BaseException] = []

    def write() -> None:
        cache = StageCache(tmp_path, Settings())
        place, _ = cache.claims_of(SOURCES[0])
        for _ in range(30):
            cache.keep_claims(place, claims)

    def read() -> None:
        cache = StageCache(tmp_path, Settings())
        for _ in range(60):
            _, known = cache.claims_of(SOURCES[0])
            if known is not None and known != claims:
                errors.append(AssertionError("a partial or wrong entry was read"))

    with caplog.at_level(logging.WARNING):
        workers = [threading.Thread(target=work) for work in (write, write, read, read)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
    assert errors == []
    assert "damaged" not in caplog.text
    assert len(list((tmp_path / STAGES_FOLDER / "claims").rglob("*"))) == 2  # a folder, a file
