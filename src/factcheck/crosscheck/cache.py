"""Remember embeddings on disk, so a second run over the same texts loads no model.

One SQLite file keyed by (model identity and weights digest, sha256 of the text)
holds float32 vectors.
SQLite is the store because it is in the standard library, survives crashes, and
lets several processes share one file: WAL mode lets readers run while one
writer writes, and a busy timeout makes concurrent writers wait instead of fail.

The cache is an optimisation, never a reason to fail a run: a damaged file is
moved aside and rebuilt, and a folder that cannot be written means no cache;
both are logged as warnings.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from factcheck.crosscheck.embed import DEFAULT_BACKEND, Embedder, LoadsModel, make_embedder
from factcheck.progress import NullProgress, Progress
from factcheck.settings import Settings

__all__ = [
    "CACHE_FILE",
    "CachedEmbedder",
    "EmbeddingCache",
    "embed_texts",
    "get_embedder",
    "open_cache",
    "resolve_cache_dir",
    "text_digest",
]

log = logging.getLogger(__name__)

CACHE_FILE = "embeddings.sqlite3"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 30.0
# SQLite's historical limit on bound parameters is 999; stay well below it.
MAX_PARAMS = 500
_COLUMNS = ("model", "digest", "dim", "vector")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS embeddings (
    model  TEXT    NOT NULL,
    digest BLOB    NOT NULL,
    dim    INTEGER NOT NULL,
    vector BLOB    NOT NULL,
    PRIMARY KEY (model, digest)
) WITHOUT ROWID
"""


class CacheDamagedError(Exception):
    """The cache file is not a database of the expected schema."""


def resolve_cache_dir(settings: Settings) -> Path:
    """The cache folder: the setting, else ``$FACTCHECK_CACHE_DIR``, else the user cache dir.

    The user cache dir follows the platform's convention (``$XDG_CACHE_HOME/factcheck``
    or ``~/.cache/factcheck`` on Linux).
    """
    if settings.cache_dir is not None:
        return Path(settings.cache_dir).expanduser()
    from_env = os.environ.get("FACTCHECK_CACHE_DIR")
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs  # only needed when no folder was given

    return Path(platformdirs.user_cache_dir("factcheck"))


def text_digest(text: str) -> bytes:
    """The key of a text in the cache: sha256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).digest()


def _chunks(items: Sequence[bytes], size: int) -> Iterator[Sequence[bytes]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _roll_back(conn: sqlite3.Connection) -> None:
    """Undo an open transaction while another exception is on its way up.

    The original exception must win: a Ctrl-C that lands just after COMMIT leaves no
    transaction, and a failing ROLLBACK would replace the interrupt with a database
    error, which the cache treats as "continue uncached".
    """
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def _is_damage(exc: BaseException) -> bool:
    """Whether ``exc`` says the file itself is bad (not a lock, permission or usage problem).

    SQLite's "file is not a database" and "database disk image is malformed" arrive
    as the base DatabaseError; locks, permissions and full disks as OperationalError,
    misuse (a connection shared across threads) as ProgrammingError and the like.
    """
    return isinstance(exc, CacheDamagedError) or type(exc) is sqlite3.DatabaseError


class EmbeddingCache:
    """A SQLite file of embeddings, safe to share between processes.

    Opening validates the schema; a file that is not a database, or one with a
    different schema, is moved aside (``*.damaged-<time>``) and a fresh one is
    created.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.usable = True
        self._conn = self._connect_or_rebuild()

    # -- opening ---------------------------------------------------------------

    def _connect_or_rebuild(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except (CacheDamagedError, sqlite3.DatabaseError) as exc:
            if not _is_damage(exc):
                raise  # locked, unreadable folder...: not damage; open_cache decides
            self._move_aside(exc)
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        # isolation_level=None: we issue BEGIN IMMEDIATE ourselves, so a writer takes
        # its lock up front and waits on the busy timeout instead of failing on upgrade.
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            self._prepare(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _prepare(self, conn: sqlite3.Connection) -> None:
        # One read transaction, so another process creating the schema meanwhile is
        # seen either entirely or not at all.
        conn.execute("BEGIN")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.execute("COMMIT")
        if version not in (0, SCHEMA_VERSION) or (version == 0 and tables):
            raise CacheDamagedError(
                f"unexpected schema (version {version}, tables {sorted(tables)})"
            )
        if version == SCHEMA_VERSION:
            columns = tuple(row[1] for row in conn.execute("PRAGMA table_info(embeddings)"))
            if columns != _COLUMNS:
                raise CacheDamagedError(f"unexpected columns {columns}")
        self._retry_busy(lambda: conn.execute("PRAGMA journal_mode = WAL"))
        conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable enough for a cache
        if version == 0:
            self._retry_busy(lambda: self._create_schema(conn))

    @staticmethod
    def _create_schema(conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(_SCHEMA)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            _roll_back(conn)
            raise

    @staticmethod
    def _retry_busy(step: Callable[[], object]) -> None:
        # Switching to WAL needs an exclusive moment; SQLite may answer "locked" without
        # consulting the busy handler when another process is opening the same new file.
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                step()
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _move_aside(self, reason: BaseException) -> None:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        damaged = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{os.getpid()}")
        log.warning(
            "embedding cache %s is damaged (%s); moved to %s and rebuilt",
            self.path,
            reason,
            damaged.name,
        )
        self.path.replace(damaged)
        for suffix in (
            "-wal",
            "-shm",
        ):  # journal files of the damaged file would poison the new one
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                side.unlink()

    # -- reading and writing ---------------------------------------------------

    def get_many(self, model: str, digests: Sequence[bytes]) -> dict[bytes, NDArray[np.float32]]:
        """The cached vectors of ``digests`` under ``model``; missing ones are absent."""
        found: dict[bytes, NDArray[np.float32]] = {}
        if not self.usable:
            return found
        unique = list(dict.fromkeys(digests))
        try:
            for chunk in _chunks(unique, MAX_PARAMS - 1):
                marks = ",".join("?" * len(chunk))
                rows = self._conn.execute(
                    f"SELECT digest, dim, vector FROM embeddings "
                    f"WHERE model = ? AND digest IN ({marks})",
                    (model, *chunk),
                )
                for digest, dim, blob in rows:
                    if len(blob) != dim * 4:  # a torn row is a miss, not a wrong answer
                        continue
                    found[bytes(digest)] = np.frombuffer(blob, dtype="<f4").astype(np.float32)
        except sqlite3.DatabaseError as exc:
            self._on_error("read", exc)
            return {}
        return found

    def put_many(self, model: str, vectors: Mapping[bytes, NDArray[np.float32]]) -> None:
        """Store ``vectors`` (digest -> 1-d float32) under ``model``; existing keys are kept."""
        if not self.usable or not vectors:
            return
        rows = [
            (model, digest, int(vector.shape[0]), np.asarray(vector, dtype="<f4").tobytes())
            for digest, vector in vectors.items()
        ]
        per_chunk = MAX_PARAMS // len(_COLUMNS)
        try:
            for start in range(0, len(rows), per_chunk):
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    self._conn.executemany(
                        "INSERT OR IGNORE INTO embeddings VALUES (?, ?, ?, ?)",
                        rows[start : start + per_chunk],
                    )
                    self._conn.execute("COMMIT")
                except BaseException:
                    _roll_back(self._conn)
                    raise
        except sqlite3.DatabaseError as exc:
            self._on_error("write", exc)

    def _on_error(self, action: str, exc: sqlite3.DatabaseError) -> None:
        if _is_damage(exc):
            try:
                self._conn.close()
                self._move_aside(exc)
                self._conn = self._connect()
                return
            except (OSError, sqlite3.Error) as again:
                exc = sqlite3.OperationalError(f"{exc}; rebuilding failed: {again}")
        # Locked past the timeout, read-only file, full disk: keep running uncached.
        log.warning(
            "embedding cache %s: cannot %s (%s); continuing without it", self.path, action, exc
        )
        self.usable = False

    def count(self, model: str | None = None) -> int:
        """How many vectors are stored (for ``model`` only, if given)."""
        if model is None:
            row = self._conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()
        else:
            row = self._conn.execute(
                "SELECT COUNT(*) FROM embeddings WHERE model = ?", (model,)
            ).fetchone()
        return int(row[0])

    def close(self) -> None:
        self._conn.close()


def open_cache(settings: Settings) -> EmbeddingCache | None:
    """The cache for ``settings``, or None (with a warning) when its folder is unusable."""
    folder = resolve_cache_dir(settings)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return EmbeddingCache(folder / CACHE_FILE)
    except (OSError, sqlite3.Error) as exc:
        log.warning(
            "embedding cache folder %s is not usable (%s); running without a cache", folder, exc
        )
        return None


class CachedEmbedder:
    """An :class:`~factcheck.crosscheck.embed.Embedder` asking ``inner`` only for new texts."""

    def __init__(self, inner: Embedder, cache: EmbeddingCache, chunk_size: int = 2048) -> None:
        self.inner = inner
        self.cache = cache
        self.chunk_size = chunk_size
        self.name = inner.name  # read once: a weights digest is not recomputed per call
        self.hits = 0
        self.misses = 0

    def embed(
        self,
        texts: Sequence[str],
        *,
        batch_size: int | None = None,
        progress: Progress | None = None,
    ) -> NDArray[np.float32]:
        """Vectors of ``texts``: cached ones read, the others computed and stored.

        With ``batch_size``, new texts go to the model that many at a time and
        ``progress`` hears of each batch (and of the model's load, when it has one).
        """
        digests = [text_digest(text) for text in texts]
        known = self.cache.get_many(self.name, digests)
        missing: dict[bytes, str] = {}
        for digest, text in zip(digests, texts, strict=True):
            if digest not in known:
                missing.setdefault(digest, text)
        pending = list(missing.items())
        unstored: dict[bytes, NDArray[np.float32]] = {}

        def keep(done: Sequence[tuple[bytes, str]], vectors: NDArray[np.float32]) -> None:
            # Stored chunk by chunk: an interrupted long run keeps what it embedded.
            new = dict(zip((digest for digest, _ in done), vectors, strict=True))
            known.update(new)
            unstored.update(new)
            if len(unstored) >= self.chunk_size:
                self.cache.put_many(self.name, unstored)
                unstored.clear()

        if pending:
            _in_batches(
                self.inner,
                pending,
                batch_size or self.chunk_size,
                progress or NullProgress(),
                keep,
                cached=len(set(digests)) - len(pending),
            )
        self.cache.put_many(self.name, unstored)
        self.misses += len(missing)
        self.hits += len(set(digests)) - len(missing)
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([known[digest] for digest in digests]).astype(np.float32, copy=False)


def _in_batches(
    embedder: Embedder,
    items: Sequence[tuple[bytes, str]],
    batch_size: int,
    progress: Progress,
    keep: Callable[[Sequence[tuple[bytes, str]], NDArray[np.float32]], None],
    *,
    cached: int = 0,
) -> None:
    """Embed ``(key, text)`` items ``batch_size`` at a time, longest texts first (as the
    model batches them itself), announcing the model's load and each batch."""
    if isinstance(embedder, LoadsModel) and not embedder.loaded:
        progress.start("loading the embedding model")
        embedder.load()
        progress.finish()
    label = "embedding claims" + (f" ({cached:,} cached)" if cached else "")
    progress.start(label, len(items))
    ordered = sorted(items, key=lambda item: -len(item[1]))
    for start in range(0, len(ordered), batch_size):
        batch = ordered[start : start + batch_size]
        keep(batch, embedder.embed([text for _, text in batch]))
        progress.advance(len(batch))
    progress.finish()


def embed_texts(
    embedder: Embedder,
    texts: Sequence[str],
    *,
    batch_size: int = 64,
    progress: Progress | None = None,
) -> NDArray[np.float32]:
    """``embedder.embed(texts)``, batch by batch so that ``progress`` moves with each batch.

    Identical texts are embedded once; a :class:`CachedEmbedder` computes only what
    its cache lacks. The model's load, when the embedder has one to do, is a stage.
    """
    progress = progress or NullProgress()
    if isinstance(embedder, CachedEmbedder):
        return embedder.embed(texts, batch_size=batch_size, progress=progress)
    unique = list(dict.fromkeys(texts))
    if not unique:
        return np.zeros((0, 0), dtype=np.float32)
    vectors: dict[str, NDArray[np.float32]] = {}

    def keep(done: Sequence[tuple[bytes, str]], found: NDArray[np.float32]) -> None:
        vectors.update(zip((text for _, text in done), found, strict=True))

    _in_batches(embedder, [(b"", text) for text in unique], batch_size, progress, keep)
    return np.stack([vectors[text] for text in texts]).astype(np.float32, copy=False)


def get_embedder(settings: Settings, backend: str = DEFAULT_BACKEND) -> Embedder:
    """The embedder a run with ``settings`` uses: the named backend behind the on-disk cache.

    With ``settings.use_cache`` False, or when the cache folder is unusable (a
    warning is logged), the bare backend is returned.
    """
    model = make_embedder(settings, backend)
    if not settings.use_cache:
        return model
    cache = open_cache(settings)
    return model if cache is None else CachedEmbedder(model, cache)
