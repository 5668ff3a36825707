"""Bytes to text: UTF-8 and BOM-marked encodings first, a detector for the rest.

One rule decides between UTF-8 and a legacy encoding: bytes that are mostly UTF-8
are UTF-8. When some bytes are not valid UTF-8, the valid multi-byte sequences
(``\xe2\x82\xac`` for the euro sign) are counted against the invalid ones; if
the valid ones are at least as many, the text is UTF-8 with each bad byte read as
U+FFFD and one warning naming how many there are and where the first is. Only
text without such evidence of UTF-8 goes to Windows-1252 or the detector: one
stray byte in a UTF-8 file no longer turns "€5 million" into "â‚¬5 million".

Nothing is normalised here: line endings, spaces and all other characters stay
as they are (:mod:`factcheck.sources.normalise` comes next).
"""

from __future__ import annotations

import codecs
import logging
import re
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
# A well-formed UTF-8 sequence of two to four bytes (RFC 3629, no surrogates, no overlongs):
# legacy text almost never holds one by chance.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


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


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """The text and its number of bad sequences, when UTF-8 sequences are at least as
    many as the sequences that are not UTF-8; else None (a legacy encoding)."""
    valid = sum(1 for _ in _UTF8_SEQUENCE.finditer(data))
    if not valid:
        return None
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    return (text, bad) if valid >= bad else None


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
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        text, bad = mostly_utf8
        logger.warning(
            "%s: not valid UTF-8 at %s (first at %s); read as UTF-8 with U+FFFD there",
            path,
            f"{bad:,} places" if bad > 1 else "1 place",
            _first_bad_byte(data, utf8_error),
        )
        return text
    encoding = _detected(data)
    if encoding is None:
        raise SourceError(
            f"cannot decode: not UTF-8 ({_first_bad_byte(data, utf8_error)}) "
            "and no other encoding fits",
            path=path,
        )
    logger.warning("%s: not UTF-8; decoded as %s", path, encoding)
    return data.decode(encoding)
