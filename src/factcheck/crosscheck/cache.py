"""Remember embeddings on disk, so a second run over the same texts loads no model.

One SQLite file keyed by (model identity and weights digest, sha256 of the text)
holds float32 vectors, each with a checksum over its key and bytes: a vector
changed on disk (bit rot, a bad copy, a hand edit) is a miss with a warning,
never a wrong vector.
SQLite is the store because it is in the standard library, survives crashes, and
lets several processes share one file: WAL mode lets readers run while one
writer writes, and a busy timeout makes concurrent writers wait instead of fail.

The cache is an optimisation, never a reason to fail a run: a damaged file is
moved aside and rebuilt (with a warning); a cache that cannot be written (a
read-only file or folder) is read without writing; a folder that cannot be used
at all means no cache (with a warning).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sqlite3
import time
import urllib.parse
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from factcheck.crosscheck.embed import Embedder, LoadsModel, make_embedder
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
    "vector_checksum",
]

log = logging.getLogger(__name__)

CACHE_FILE = "embeddings.sqlite3"
SCHEMA_VERSION = 2  # 2: a checksum per vector
_OUTDATED_VERSIONS = (1,)  # dropped and recreated empty: a cache holds nothing precious
_OUTDATED_COLUMNS = ("model", "digest", "dim", "vector")
BUSY_TIMEOUT_S = 30.0
# SQLite's historical limit on bound parameters is 999; stay well below it.
MAX_PARAMS = 500
_COLUMNS = ("model", "digest", "dim", "vector", "checksum")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS embeddings (
    model    TEXT    NOT NULL,
    digest   BLOB    NOT NULL,
    dim      INTEGER NOT NULL,
    vector   BLOB    NOT NULL,
    checksum BLOB    NOT NULL,
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


def vector_checksum(model: str, digest: bytes, blob: bytes) -> bytes:
    """The checksum stored with a vector: over its key and its bytes, so that a vector
    changed on disk, or moved to another key, no longer matches."""
    check = hashlib.blake2b(digest_size=16)
    for part in (model.encode("utf-8"), digest, blob):
        check.update(len(part).to_bytes(8, "little"))
        check.update(part)
    return check.digest()


def _writable(path: Path) -> bool:
    """Whether the cache file (and its folder, for SQLite's journal files) can be written."""
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)


def _read_only_failure(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and (
        "readonly" in text or "read-only" in text or "unable to open" in text
    )


def _columns(conn: sqlite3.Connection) -> tuple[str, ...]:
    return tuple(row[1] for row in conn.execute("PRAGMA table_info(embeddings)"))


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
    created. A file or folder that cannot be written is opened read-only: vectors
    are read from it and nothing is stored (``read_only`` says so).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.usable = True
        self.read_only = not _writable(self.path)
        if not self.read_only:
            try:
                self._conn = self._connect_or_rebuild()
                return
            except sqlite3.OperationalError as exc:
                if not _read_only_failure(exc):
                    raise
                self.read_only = True
        self._conn = self._connect_read_only()
        log.info("embedding cache %s is read-only: reading it, storing nothing", self.path)

    # -- opening ---------------------------------------------------------------

    def _connect_or_rebuild(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except (CacheDamagedError, sqlite3.DatabaseError) as exc:
            if not _is_damage(exc):
                raise  # locked, unreadable folder...: not damage; open_cache decides
            self._move_aside(exc)
            return self._connect()

    def _connect_read_only(self) -> sqlite3.Connection:
        """The file opened for reading only: ``mode=ro``, else ``immutable=1`` (a WAL
        database in a read-only folder cannot create its shared-memory file)."""
        if not self.path.is_file():
            raise sqlite3.OperationalError("unable to open database file (read-only folder)")
        failure: sqlite3.Error | None = None
        location = urllib.parse.quote(str(self.path.resolve()))
        for option in ("mode=ro", "immutable=1"):
            conn = sqlite3.connect(
                f"file:{location}?{option}", uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None
            )
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                columns = _columns(conn)
            except sqlite3.Error as exc:
                conn.close()
                failure = exc
                continue
            if version != SCHEMA_VERSION or columns != _COLUMNS:
                conn.close()
                raise CacheDamagedError(
                    f"read-only and of another format (version {version}); not used"
                )
            return conn
        assert failure is not None
        raise failure

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
        if version in _OUTDATED_VERSIONS and _columns(conn) == _OUTDATED_COLUMNS:
            self._retry_busy(lambda: self._drop_outdated(conn, version))
            version = 0
        elif version not in (0, SCHEMA_VERSION) or (version == 0 and tables):
            raise CacheDamagedError(
                f"unexpected schema (version {version}, tables {sorted(tables)})"
            )
        if version == SCHEMA_VERSION:
            columns = _columns(conn)
            if columns != _COLUMNS:
                raise CacheDamagedError(f"unexpected columns {columns}")
        self._retry_busy(lambda: conn.execute("PRAGMA journal_mode = WAL"))
        conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable enough for a cache
        if version == 0:
            self._retry_busy(lambda: self._create_schema(conn))

    def _drop_outdated(self, conn: sqlite3.Connection, version: int) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0] == version:
                conn.execute("DROP TABLE IF EXISTS embeddings")
                conn.execute("PRAGMA user_version = 0")
            conn.execute("COMMIT")
        except BaseException:
            _roll_back(conn)
            raise
        log.info("embedding cache %s: format %d is outdated; emptied", self.path, version)

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
        mismatched = 0
        try:
            for chunk in _chunks(unique, MAX_PARAMS - 1):
                marks = ",".join("?" * len(chunk))
                rows = self._conn.execute(
                    f"SELECT digest, dim, vector, checksum FROM embeddings "
                    f"WHERE model = ? AND digest IN ({marks})",
                    (model, *chunk),
                )
                for digest, dim, blob, checksum in rows:
                    # A torn row or a changed vector is a miss, never a wrong answer.
                    if len(blob) != dim * 4:
                        continue
                    if vector_checksum(model, bytes(digest), bytes(blob)) != bytes(checksum):
                        mismatched += 1
                        continue
                    found[bytes(digest)] = np.frombuffer(blob, dtype="<f4").astype(np.float32)
        except sqlite3.DatabaseError as exc:
            self._on_error("read", exc)
            return {}
        if mismatched:
            log.warning(
                "embedding cache %s: %d stored vectors do not match their checksum; "
                "computing them again",
                self.path,
                mismatched,
            )
        return found

    def put_many(self, model: str, vectors: Mapping[bytes, NDArray[np.float32]]) -> None:
        """Store ``vectors`` (digest -> 1-d float32) under ``model``, each with its checksum.

        A key already stored is overwritten: it is only ever stored again after it was
        a miss, i.e. torn or damaged. A read-only cache stores nothing.
        """
        if not self.usable or self.read_only or not vectors:
            return
        rows = []
        for digest, vector in vectors.items():
            blob = np.asarray(vector, dtype="<f4").tobytes()
            checksum = vector_checksum(model, digest, blob)
            rows.append((model, digest, int(vector.shape[0]), blob, checksum))
        per_chunk = MAX_PARAMS // len(_COLUMNS)
        try:
            for start in range(0, len(rows), per_chunk):
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    self._conn.executemany(
                        "INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?, ?, ?)",
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
    except (OSError, sqlite3.Error, CacheDamagedError) as exc:
        log.warning(
            "embedding cache folder %s is not usable (%s); running without a cache", folder, exc
        )
        return None


def _unit_length(
    vectors: dict[bytes, NDArray[np.float32]], where: Path
) -> dict[bytes, NDArray[np.float32]]:
    """The vectors of unit length (an embedder's are; an empty text's may be zero): a
    second, cheap check after the checksum. The others are misses, stored again."""
    wrong = [
        digest
        for digest, vector in vectors.items()
        if not (
            np.isfinite(norm := float(np.linalg.norm(vector)))
            and (abs(norm - 1.0) <= 1e-3 or norm == 0.0)
        )
    ]
    for digest in wrong:
        del vectors[digest]
    if wrong:
        log.warning(
            "embedding cache %s: %d stored vectors are not of unit length; computing them again",
            where,
            len(wrong),
        )
    return vectors


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
        known = _unit_length(self.cache.get_many(self.name, digests), self.cache.path)
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
    # A model placed on a GPU takes larger batches than asked (see embed.placement).
    batch_size = max(batch_size, getattr(embedder, "batch_size", batch_size))
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


def get_embedder(settings: Settings) -> Embedder:
    """The embedder a run with ``settings`` uses: the backend ``settings.embedder`` names,
    behind the on-disk cache.

    With ``settings.use_cache`` False, or when the cache folder is unusable (a
    warning is logged), the bare backend is returned.
    """
    model = make_embedder(settings)
    if not settings.use_cache:
        return model
    cache = open_cache(settings)
    return model if cache is None else CachedEmbedder(model, cache)
