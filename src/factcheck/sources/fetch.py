"""Sources given as ``http://`` or ``https://`` URLs, fetched with httpx.

A fetch is bounded every way a page can misbehave: a timeout for connecting and
for each read, at most :data:`MAX_REDIRECTS` redirects, at most
:data:`~factcheck.sources.decode.MAX_BYTES` bytes whatever the server announces,
and only content types that are read as sources (HTML, text, Markdown, JSON Lines,
PDF). Every failure is a :class:`~factcheck.errors.SourceError` naming the URL in
one line: offline, refused, timed out, HTTP 404, too large, not a page.
httpx is imported on first use.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.errors import SourceError
from factcheck.sources.decode import MAX_BYTES

__all__ = ["CONTENT_TYPES", "MAX_REDIRECTS", "TIMEOUT_SECONDS", "Fetched", "fetch", "is_url"]

TIMEOUT_SECONDS = 20.0
"""Seconds to connect, and to wait for each part of the answer."""

MAX_REDIRECTS = 5

CONTENT_TYPES: dict[str, str] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/pdf": "pdf",
}
"""The content types read as sources, and the format each is read as."""


@dataclass(frozen=True)
class Fetched:
    """A fetched page: its bytes, format, and the URL it came from after redirects."""

    data: bytes
    format: str
    url: str


def is_url(item: str) -> bool:
    """Whether a source argument is an http(s) URL rather than a path."""
    return item[:8].lower().startswith(("http://", "https://"))


def fetch(url: str, *, timeout: float = TIMEOUT_SECONDS) -> Fetched:
    """The page at ``url``, within the bounds above."""
    import httpx

    try:
        with (
            httpx.Client(
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                timeout=httpx.Timeout(timeout),
                headers={"User-Agent": "factcheck (numeric fact cross-checking)"},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                phrase = response.reason_phrase or "error"
                raise SourceError(f"HTTP {response.status_code} {phrase}", path=url)
            media = response.headers.get("content-type", "").split(";")[0].strip().lower()
            fmt = CONTENT_TYPES.get(media)
            if fmt is None:
                accepted = ", ".join(sorted(CONTENT_TYPES))
                raise SourceError(
                    f"not a page factcheck reads: content type {media or 'unknown'!r} "
                    f"(reads {accepted})",
                    path=url,
                )
            announced = response.headers.get("content-length", "")
            if announced.isdigit() and int(announced) > MAX_BYTES:
                raise SourceError(
                    f"too large: {int(announced):,} bytes (limit {MAX_BYTES:,})", path=url
                )
            parts: list[bytes] = []
            total = 0
            for chunk in response.iter_bytes():
                total += len(chunk)
                if total > MAX_BYTES:
                    raise SourceError(f"too large: more than {MAX_BYTES:,} bytes", path=url)
                parts.append(chunk)
            return Fetched(data=b"".join(parts), format=fmt, url=str(response.url))
    except httpx.TooManyRedirects as exc:
        raise SourceError(f"more than {MAX_REDIRECTS} redirects", path=url) from exc
    except httpx.TimeoutException as exc:
        raise SourceError(f"timed out after {timeout:g} seconds", path=url) from exc
    except httpx.ConnectError as exc:
        raise SourceError(
            f"cannot connect ({exc}); offline, or the address is wrong?", path=url
        ) from exc
    except httpx.InvalidURL as exc:
        raise SourceError(f"not a valid URL: {exc}", path=url) from exc
    except httpx.HTTPError as exc:
        raise SourceError(f"cannot fetch: {type(exc).__name__}: {exc}", path=url) from exc
