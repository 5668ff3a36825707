"""PDF sources: the text of each page, read with pypdf, and where each page starts.

The pages' texts are joined with a blank line; ``Source.pages`` keeps the offset at
which each page begins, so that every citation names its page. pypdf is imported on
first use. A PDF that cannot be parsed, is encrypted, or holds no text (a scan) is a
:class:`~factcheck.errors.SourceError` naming the file.
"""

from __future__ import annotations

import io
from pathlib import Path

from factcheck.errors import SourceError
from factcheck.models import Source
from factcheck.sources.normalise import new_source, normalise_text
from factcheck.sources.published import find_publication_date

__all__ = ["looks_like_pdf", "read_pdf"]

_SEPARATOR = "\n\n"


def looks_like_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


def read_pdf(data: bytes, name: str, path: Path | None = None, url: str | None = None) -> Source:
    """One Source of a PDF's text, page by page."""
    import pypdf

    where = path or name
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise SourceError("encrypted PDF: factcheck reads no protected text", path=where)
        texts = [(page.extract_text() or "").strip() for page in reader.pages]
        metadata = reader.metadata
        title = str(metadata.title).strip() if metadata and metadata.title else None
    except SourceError:
        raise
    except (pypdf.errors.PyPdfError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise SourceError(f"cannot read this PDF: {str(exc)[:120]}", path=where) from exc
    starts: list[int] = []
    pieces: list[str] = []
    offset = 0
    for text in texts:
        page = normalise_text(text)  # first: the pages' offsets are the normalised text's
        starts.append(offset)
        pieces.append(page)
        offset += len(page) + len(_SEPARATOR)
    whole = _SEPARATOR.join(pieces)
    if not whole.strip():
        raise SourceError("no text in this PDF (a scan? factcheck does no OCR)", path=where)
    return new_source(
        id=name,
        path=str(path) if path else None,
        format="pdf",
        title=title or None,
        url=url,
        published=find_publication_date(whole),
        text=whole,
        pages=tuple(starts),
    )
