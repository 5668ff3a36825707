"""Bytes to text: UTF-8 and BOM-marked encodings first, a detector for the rest.

Offsets point into the decoded text, so nothing is normalised here: line
endings, no-break spaces and all other characters stay as they are.
"""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

from factcheck.errors import SourceError

__all__ = ["MAX_BYTES", "decode_bytes"]

logger = logging.getLogger(__name__)

MAX_BYTES = 256 * 1024 * 1024
"""Largest source file read (256 MiB): beyond this a file is refused, not half-read."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"PK\x03\x04", "ZIP"),
    (b"\x1f\x8b", "gzip"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"\x7fELF", "ELF"),
)
_SNIFF = 8192


def _binary_kind(data: bytes) -> str | None:
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    head = data[:_SNIFF]
    if b"\x00" in head:
        return "NUL bytes"
    return None


def decode_bytes(data: bytes, path: str | Path) -> str:
    """Decode a source file's bytes, or raise SourceError naming the file and the problem."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                bad = exc.start + len(bom)
                raise SourceError(
                    f"not valid {encoding}: byte {bad} (0x{data[bad]:02x})", path=path
                ) from exc
    kind = _binary_kind(data)
    if kind is not None:
        raise SourceError(f"binary file ({kind}), not text", path=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        # Windows-1252 is by far the most common non-UTF-8 encoding of English text (and a
        # superset of Latin-1's printable range); short samples fool statistical detectors.
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        logger.warning("%s: not UTF-8; decoded as Windows-1252", path)
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        bad = utf8_error.start
        raise SourceError(
            f"cannot decode: not UTF-8 (byte {bad}, 0x{data[bad]:02x}) and no other encoding fits",
            path=path,
        )
    encoding = best.encoding
    logger.warning("%s: not UTF-8; decoded as %s", path, encoding)
    return data.decode(encoding)
