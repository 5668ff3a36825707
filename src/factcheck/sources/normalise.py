"""The one normalisation of a source's text, shared by every reader, before extraction.

What a reader hands on as ``Source.text`` IS the normalised text: citations,
quotes and offsets point into it, so they stay exact. Three things change, and
nothing else (never line breaks, so line numbers are the file's):

- **invisible characters are removed**: the characters Unicode marks as
  default-ignorable (a renderer shows nothing for them): soft hyphens, zero-width
  spaces and joiners, the word joiner, byte order marks inside the text,
  bidirectional marks, embeddings, overrides and isolates, variation selectors.
  Inside a number they split it (``1\\u200b000`` read as 1 and 0); a
  right-to-left override makes a browser show "50%" for the text "%05". The text
  keeps its logical order. Columns (offsets) after a removed character are one
  less than in the file; lines are unchanged.
- **spacing characters that are ordinary breaking spaces in another width** (en
  and em quads and spaces, the punctuation space, the medium mathematical space,
  the ideographic and Ogham spaces) become a plain space, one for one. The spaces
  that say "do not break here" or separate digit groups are kept as written: the
  no-break space, the narrow no-break space, the figure, thin and hair spaces
  (``7\\u00a0000`` is 7,000; ``7 000`` is two numbers).
- **lone surrogates** (an escaped ``\\ud800`` in JSON, never a character) become
  U+FFFD, one for one: no output could encode them.

Names (file names, ids) are made printable differently: undecodable bytes of a
file name (``caf\\xe9.txt`` in a UTF-8 locale) are written as ``\\xe9``, lone
surrogates as ``\\ud800``, so an id names the file and any output can hold it.
"""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import Literal

from factcheck.models import Source
from factcheck.sources.dates import plausibly_published

__all__ = ["Format", "new_source", "normalise_text", "printable_name"]

Format = Literal["text", "markdown", "html", "jsonl", "pdf"]

logger = logging.getLogger(__name__)

# Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt), less the
# noncharacters it reserves: what a renderer shows as nothing.
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff]+"
)
# Breaking spaces of other widths. Kept: U+00A0, U+2007, U+2009, U+200A, U+202F, which
# mark digit groups ("12 500") or forbid a break.
_OTHER_SPACES = re.compile("[\u1680\u2000-\u2006\u2008\u205f\u3000]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNDECODABLE_BYTE = range(0xDC80, 0xDD00)  # os.fsdecode's surrogateescape of bytes 0x80-0xff


def normalise_text(text: str) -> str:
    """``text`` as a source holds it: invisible characters removed, other breaking spaces
    made plain spaces, lone surrogates made U+FFFD (see the module's description)."""
    if _INVISIBLE.search(text) is not None:
        text = _INVISIBLE.sub("", text)
    if _OTHER_SPACES.search(text) is not None:
        text = _OTHER_SPACES.sub(" ", text)
    if _SURROGATE.search(text) is not None:
        text = _SURROGATE.sub("\ufffd", text)
    return text


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if code in _UNDECODABLE_BYTE else f"\\u{code:04x}"


def printable_name(name: str) -> str:
    """A file name or id any output can hold: undecodable bytes as ``\\xe9``, lone
    surrogates as ``\\ud800``; every other character as it is."""
    return _SURROGATE.sub(_escaped, name) if _SURROGATE.search(name) is not None else name


def new_source(
    *,
    id: str,
    path: str | None,
    format: Format,
    title: str | None = None,
    url: str | None = None,
    published: date | None = None,
    text: str,
    positions: tuple[int, ...] = (),
    pages: tuple[int, ...] = (),
) -> Source:
    """A Source as every reader builds it: text, title and URL normalised, id and path
    printable, an implausible publication date (in the future, before 1800) left out
    with a warning. Normalising text that is normalised already only searches it.

    ``positions`` and ``pages`` (the map to the file's lines and columns, where each PDF
    page starts) are offsets into ``text`` as given: a reader that gives them gives
    normalised text."""
    if published is not None and not plausibly_published(published):
        logger.warning(
            "%s: publication date %s is implausible; ignored", printable_name(path or id), published
        )
        published = None
    return Source(
        id=printable_name(id),
        path=printable_name(path) if path is not None else None,
        format=format,
        title=normalise_text(title) if title is not None else None,
        url=normalise_text(url) if url is not None else None,
        published=published,
        text=normalise_text(text),
        positions=positions,
        pages=pages,
    )
