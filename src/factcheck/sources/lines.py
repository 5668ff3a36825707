"""Lines of a text as the data model counts them: split at "\\n" only.

``str.splitlines`` also splits at form feeds, U+0085, U+2028 and U+2029,
which JSON strings may hold unescaped and which
:meth:`factcheck.models.Source.line_of` does not count; and it copies the
whole text. These generators do neither.
"""

from __future__ import annotations

from collections.abc import Iterator

__all__ = ["iter_lines"]


def iter_lines(text: str, limit: int | None = None) -> Iterator[str]:
    """The lines of ``text`` (without their "\\n"), at most ``limit`` of them."""
    start = 0
    count = 0
    while limit is None or count < limit:
        end = text.find("\n", start)
        if end < 0:
            if start < len(text):
                yield text[start:]
            return
        yield text[start:end]
        start = end + 1
        count += 1
