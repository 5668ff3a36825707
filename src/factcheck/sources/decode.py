"""Bytes to text: UTF-8 and BOM-marked encodings first, a detector for the rest.

Offsets point into the decoded text, so nothing is normalised here: line
endings, no-break spaces and all other characters stay as they are.
"""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

from factcheck.errors import SourceError

__all__ = ["MAX_BYTES", "decode_bytes", "not_text_reason"]

logger = logging.getLogger(__name__)

MAX_BYTES = 256 * 1024 * 1024
"""Largest source file read (256 MiB): beyond this a file is refused, not half-read."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
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
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
)
_SNIFF = 8192  # NUL bytes among the first 8 KiB mark a binary file, as git and grep judge
_LAST_LATIN = 0x24F  # end of Latin Extended-B


def _binary_kind(data: bytes) -> str | None:
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if b"\x00" in data[:_SNIFF]:
        return "NUL bytes"
    return None


def not_text_reason(data: bytes) -> str | None:
    """Why these bytes are no text source at all (empty, binary), or None if they may be."""
    if not data or data.isspace():
        return "empty file" if not data else "empty file (only whitespace)"
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    kind = _binary_kind(data)
    if kind is not None and _utf16_without_bom(data) is None:
        return f"binary file ({kind}), not text"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII-heavy text has a NUL in every other byte, on one side."""
    head = data[:_SNIFF]
    if len(data) % 2 or len(head) < 4:
        return None
    for encoding, nul_side in (("utf-16-le", 1), ("utf-16-be", 0)):
        if head[nul_side::2].count(0) >= len(head) // 4 and 0 not in head[1 - nul_side :: 2]:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            if "\x00" not in text:
                return encoding
    return None


def _first_bad_byte(data: bytes, error: UnicodeDecodeError) -> str:
    return f"byte {error.start}, 0x{data[error.start]:02x}"


def _detected(data: bytes) -> str | None:
    """The encoding to use for bytes that are not UTF-8, or None when nothing fits.

    Windows-1252 first: it is by far the most common legacy encoding of English,
    and short Western texts fool statistical detectors (Latin-1 read as cp1250).
    The detector wins when what it decodes is in another script (Cyrillic, Greek).
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guess = best.encoding if best is not None else None
    if guess is not None and best is not None:
        other_script = any(c.isalpha() and ord(c) > _LAST_LATIN for c in str(best))
        if other_script:
            return guess
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return guess
    return "cp1252"


def decode_bytes(data: bytes, path: str | Path) -> str:
    """Decode a source file's bytes, or raise SourceError naming the file and the problem."""
    for bom, marked in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(marked)
            except UnicodeDecodeError as exc:
                bad = exc.start + len(bom)
                raise SourceError(
                    f"not valid {marked} after its BOM: byte {bad}, 0x{data[bad]:02x}",
                    path=path,
                ) from exc
    if (utf16 := _utf16_without_bom(data)) is not None:
        logger.warning("%s: no byte order mark; decoded as %s", path, utf16)
        return data.decode(utf16)
    kind = _binary_kind(data)
    if kind is not None:
        raise SourceError(f"binary file ({kind}), not text", path=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    encoding = _detected(data)
    if encoding is None:
        raise SourceError(
            f"cannot decode: not UTF-8 ({_first_bad_byte(data, utf8_error)}) "
            "and no other encoding fits",
            path=path,
        )
    logger.warning("%s: not UTF-8; decoded as %s", path, encoding)
    return data.decode(encoding)
