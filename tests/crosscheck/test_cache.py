"""The on-disk embedding cache: keys, location, damage recovery, concurrency, bypass."""

from __future__ import annotations

import logging
import multiprocessing
import sqlite3
import subprocess
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

import click
import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from factcheck.cli.options import settings_from_options, settings_options
from factcheck.crosscheck.cache import (
    CACHE_FILE,
    CachedEmbedder,
    EmbeddingCache,
    get_embedder,
    open_cache,
    resolve_cache_dir,
    text_digest,
)
from factcheck.crosscheck.embed import SentenceTransformerEmbedder
from factcheck.settings import DEFAULT_MODEL, Settings
from tests.doubles import HashingEmbedder

TEXTS = [
    "about [NUM] of the global supply",
    "more than [NUM] of the global supply",
    "[NUM] of global shipbuilding",
]


def cached(folder: Path, inner: HashingEmbedder | None = None) -> CachedEmbedder:
    return CachedEmbedder(inner or HashingEmbedder(), EmbeddingCache(folder / CACHE_FILE))


# -- hits and misses -----------------------------------------------------------


def test_first_run_misses_second_run_hits_and_embeds_nothing(tmp_path: Path) -> None:
    first_inner = HashingEmbedder()
    first = cached(tmp_path, first_inner).embed(TEXTS)
    assert first_inner.texts_embedded == len(TEXTS)

    # A new process-like start: fresh cache handle, fresh (counting) model.
    second_inner = HashingEmbedder()
    second_embedder = cached(tmp_path, second_inner)
    second = second_embedder.embed(TEXTS)
    assert second_inner.calls == 0
    assert (second_embedder.hits, second_embedder.misses) == (len(TEXTS), 0)
    np.testing.assert_array_equal(first, second)


def test_only_new_texts_are_embedded_and_order_is_kept(tmp_path: Path) -> None:
    cached(tmp_path).embed(TEXTS[:2])
    inner = HashingEmbedder()
    embedder = cached(tmp_path, inner)
    texts = [TEXTS[2], TEXTS[0], TEXTS[2], TEXTS[1]]
    vectors = embedder.embed(texts)
    assert inner.texts_embedded == 1  # only TEXTS[2], once despite the repeat
    np.testing.assert_allclose(vectors, HashingEmbedder().embed(texts), rtol=0, atol=1e-7)


class InterruptedEmbedder(HashingEmbedder):
    """Embeds ``calls_allowed`` batches, then behaves as if the user pressed Ctrl-C."""

    def __init__(self, calls_allowed: int) -> None:
        super().__init__()
        self.calls_allowed = calls_allowed

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        if self.calls >= self.calls_allowed:
            raise KeyboardInterrupt
        return super().embed(texts)


def test_an_interrupted_run_keeps_the_chunks_it_embedded(tmp_path: Path) -> None:
    texts = [f"claim number {i} about [NUM]" for i in range(7)]
    cache = EmbeddingCache(tmp_path / CACHE_FILE)
    with pytest.raises(KeyboardInterrupt):
        CachedEmbedder(InterruptedEmbedder(calls_allowed=2), cache, chunk_size=3).embed(texts)
    assert cache.count() == 6  # two whole chunks stored, the third never started
    inner = HashingEmbedder()
    CachedEmbedder(inner, EmbeddingCache(tmp_path / CACHE_FILE), chunk_size=3).embed(texts)
    assert inner.texts_embedded == 1


class InterruptAfterCommit:
    """A connection stand-in: Ctrl-C lands just after COMMIT, with no transaction open."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __getattr__(self, name: str) -> object:
        return getattr(self.conn, name)

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        cursor = self.conn.execute(sql, *args)
        if sql == "COMMIT":
            raise KeyboardInterrupt
        return cursor


def test_an_interrupt_just_after_commit_is_not_taken_for_a_database_error(
    tmp_path: Path,
) -> None:
    cache = EmbeddingCache(tmp_path / CACHE_FILE)
    cache._conn = InterruptAfterCommit(cache._conn)  # type: ignore[assignment]
    with pytest.raises(KeyboardInterrupt):
        cache.put_many("m", {text_digest("x"): np.ones(3, dtype=np.float32)})
    assert cache.usable  # the cache was not given up as broken
    assert EmbeddingCache(tmp_path / CACHE_FILE).count("m") == 1


def test_models_do_not_share_entries(tmp_path: Path) -> None:
    cached(tmp_path, HashingEmbedder(dim=64)).embed(TEXTS)
    other = HashingEmbedder(dim=32)
    vectors = cached(tmp_path, other).embed(TEXTS)
    assert other.texts_embedded == len(TEXTS)
    assert vectors.shape == (len(TEXTS), 32)


def test_more_keys_than_one_statement_takes(tmp_path: Path) -> None:
    texts = [f"claim context number {word}" for word in map(str, range(1300))]
    cached(tmp_path).embed(texts)
    inner = HashingEmbedder()
    again = cached(tmp_path, inner).embed(texts)
    assert inner.calls == 0
    assert again.shape == (1300, 256)


def test_empty_input_embeds_nothing(tmp_path: Path) -> None:
    inner = HashingEmbedder()
    assert cached(tmp_path, inner).embed([]).shape[0] == 0
    assert inner.calls == 0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([*TEXTS, "", "é ünïcödé", "x" * 300]), max_size=12))
def test_cached_vectors_equal_the_model_s(texts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        embedder = cached(Path(folder))
        expected = HashingEmbedder().embed(texts)
        for _ in range(2):  # cold, then warm
            got = embedder.embed(texts)
            assert got.shape[0] == len(texts)
            if texts:
                np.testing.assert_allclose(got, expected, rtol=0, atol=1e-7)
        embedder.cache.close()


# -- the model is not loaded when everything is cached ------------------------


def test_warm_run_through_get_embedder_never_imports_torch(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / CACHE_FILE)
    name = SentenceTransformerEmbedder(DEFAULT_MODEL).name
    fake = np.eye(3, 8, dtype=np.float32)
    cache.put_many(name, {text_digest(t): fake[i] for i, t in enumerate(TEXTS)})
    cache.close()
    script = f"""
import sys
from factcheck.crosscheck.cache import get_embedder
from factcheck.settings import Settings
vectors = get_embedder(Settings(cache_dir={str(tmp_path)!r})).embed({TEXTS!r})
assert vectors.shape == (3, 8), vectors.shape
assert "torch" not in sys.modules and "sentence_transformers" not in sys.modules
print("ok")
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


# -- where the cache lives -----------------------------------------------------


def test_location_follows_xdg_cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACTCHECK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert resolve_cache_dir(Settings()) == tmp_path / "xdg" / "factcheck"


def test_env_var_beats_xdg_and_setting_beats_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "env"))
    assert resolve_cache_dir(Settings()) == tmp_path / "env"
    assert resolve_cache_dir(Settings(cache_dir=tmp_path / "opt")) == tmp_path / "opt"


def test_cli_cache_options_reach_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Settings] = []

    @click.command()
    @settings_options("report")
    def probe(**options: object) -> None:
        seen.append(settings_from_options(**options))  # type: ignore[arg-type]

    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "env"))
    runner = CliRunner()
    assert runner.invoke(probe, ["--cache-dir", str(tmp_path / "opt")]).exit_code == 0
    assert runner.invoke(probe, []).exit_code == 0
    assert runner.invoke(probe, ["--no-cache"]).exit_code == 0
    assert resolve_cache_dir(seen[0]) == tmp_path / "opt"
    assert resolve_cache_dir(seen[1]) == tmp_path / "env"
    assert seen[2].use_cache is False


def test_get_embedder_writes_into_the_resolved_folder(tmp_path: Path) -> None:
    embedder = get_embedder(Settings(cache_dir=tmp_path / "c"))
    assert isinstance(embedder, CachedEmbedder)
    assert (tmp_path / "c" / CACHE_FILE).exists()


def test_no_cache_bypasses_the_cache(tmp_path: Path) -> None:
    embedder = get_embedder(Settings(cache_dir=tmp_path / "c", use_cache=False))
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert not (tmp_path / "c").exists()


def test_unusable_folder_means_no_cache_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings_ = Settings(cache_dir=blocker / "cache")
    with caplog.at_level(logging.WARNING, logger="factcheck.crosscheck.cache"):
        assert open_cache(settings_) is None
        assert isinstance(get_embedder(settings_), SentenceTransformerEmbedder)
    assert "not usable" in caplog.text


# -- damage --------------------------------------------------------------------


def damaged_copies(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{CACHE_FILE}.damaged-*"))


def test_garbage_file_is_moved_aside_and_rebuilt(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / CACHE_FILE).write_bytes(b"\x00garbage\xff" * 1000)
    with caplog.at_level(logging.WARNING, logger="factcheck.crosscheck.cache"):
        embedder = cached(tmp_path)
        embedder.embed(TEXTS)
    assert "damaged" in caplog.text
    assert len(damaged_copies(tmp_path)) == 1
    inner = HashingEmbedder()
    cached(tmp_path, inner).embed(TEXTS)
    assert inner.calls == 0  # the rebuilt cache works


@pytest.mark.parametrize(
    "schema",
    [
        "CREATE TABLE other (x INTEGER)",
        "CREATE TABLE embeddings (model TEXT, digest BLOB); PRAGMA user_version = 1",
        "PRAGMA user_version = 99",
    ],
)
def test_wrong_schema_is_rebuilt(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, schema: str
) -> None:
    with sqlite3.connect(tmp_path / CACHE_FILE) as conn:
        conn.executescript(schema)
    conn.close()
    with caplog.at_level(logging.WARNING, logger="factcheck.crosscheck.cache"):
        vectors = cached(tmp_path).embed(TEXTS)
    assert vectors.shape == (3, 256)
    assert "damaged" in caplog.text
    assert len(damaged_copies(tmp_path)) == 1


def test_torn_vector_row_is_a_miss_not_a_wrong_answer(tmp_path: Path) -> None:
    cached(tmp_path).embed(TEXTS)
    with sqlite3.connect(tmp_path / CACHE_FILE) as conn:
        conn.execute("UPDATE embeddings SET vector = substr(vector, 1, 10)")
    conn.close()
    inner = HashingEmbedder()
    cached(tmp_path, inner).embed(TEXTS)
    assert inner.texts_embedded == len(TEXTS)


# -- concurrency ---------------------------------------------------------------

WRITERS = 4
ROWS_PER_WRITER = 1500


def vectors_for(keys: Sequence[int]) -> dict[bytes, NDArray[np.float32]]:
    return {text_digest(f"text {key}"): np.full(16, key, dtype=np.float32) for key in keys}


def write_in_parallel(folder: str, writer: int, start: object) -> None:
    start.wait()  # type: ignore[attr-defined]
    cache = EmbeddingCache(Path(folder) / CACHE_FILE)
    # Writers overlap by half, so they race on the same keys as well as the file.
    first = writer * ROWS_PER_WRITER // 2
    keys = list(range(first, first + ROWS_PER_WRITER))
    for batch in range(0, len(keys), 100):
        cache.put_many("model", vectors_for(keys[batch : batch + 100]))
    cache.close()


def test_concurrent_writers_leave_a_readable_complete_cache(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    start = context.Event()
    workers = [
        context.Process(target=write_in_parallel, args=(str(tmp_path), n, start))
        for n in range(WRITERS)
    ]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(timeout=120)
    assert [worker.exitcode for worker in workers] == [0] * WRITERS

    expected = range((WRITERS - 1) * ROWS_PER_WRITER // 2 + ROWS_PER_WRITER)
    with sqlite3.connect(tmp_path / CACHE_FILE) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    cache = EmbeddingCache(tmp_path / CACHE_FILE)
    assert cache.count() == len(expected)
    got = cache.get_many("model", list(vectors_for(expected)))
    assert len(got) == len(expected)
    assert all(float(got[text_digest(f"text {key}")][0]) == key for key in expected)
    assert not damaged_copies(tmp_path)


def test_misuse_is_not_mistaken_for_damage(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    embedder = cached(tmp_path)
    embedder.embed(TEXTS)
    errors: list[BaseException] = []

    def from_another_thread() -> None:  # sqlite3 connections refuse other threads
        try:
            embedder.embed(TEXTS)
        except BaseException as exc:
            errors.append(exc)

    with caplog.at_level(logging.WARNING, logger="factcheck.crosscheck.cache"):
        worker = threading.Thread(target=from_another_thread)
        worker.start()
        worker.join()
    assert errors == []  # degraded to uncached, not crashed
    assert "continuing without it" in caplog.text
    assert not damaged_copies(tmp_path)  # the good file is kept
    inner = HashingEmbedder()
    cached(tmp_path, inner).embed(TEXTS)
    assert inner.calls == 0
