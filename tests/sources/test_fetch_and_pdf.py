"""URL sources fetched from a local server (never the internet), and PDF sources."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from factcheck.errors import SourceError
from factcheck.extract import extract_claims
from factcheck.sources import load_sources
from factcheck.sources.decode import MAX_BYTES
from factcheck.sources.fetch import fetch

PAGE = (
    b"<html><head><title>Port news</title></head><body><article>"
    b"<h1>Port strike</h1><p>Shipping fell by 40% in May, the port authority said.</p>"
    b"</article></body></html>"
)


def make_pdf(pages: list[str]) -> bytes:
    """A minimal PDF with one line of Helvetica text per page."""
    objects: list[bytes] = []
    count = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode())
    font = 3 + 2 * count
    for index, text in enumerate(pages):
        content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * index} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


PDF = make_pdf(["Annual report 2024", "Revenue rose 12% in 2024.", "Costs fell 3% in 2024."])


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # quiet test output
        pass

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        if "Content_Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/page.html":
            self._send(200, PAGE, "text/html; charset=utf-8")
        elif self.path == "/report.pdf":
            self._send(200, PDF, "application/pdf")
        elif self.path == "/moved":
            self._send(302, b"", "text/plain", Location="/page.html")
        elif self.path.startswith("/loop"):
            self._send(302, b"", "text/plain", Location=f"/loop{len(self.path)}")
        elif self.path == "/image.png":
            self._send(200, b"\x89PNG\r\n\x1a\n", "image/png")
        elif self.path == "/huge":
            self._send(200, b"", "text/plain", Content_Length=str(MAX_BYTES + 1))
        elif self.path == "/slow":
            time.sleep(2)
            with contextlib.suppress(OSError):  # the client gave up waiting: as it should
                self._send(200, PAGE, "text/html")
        else:
            self._send(404, b"not here", "text/plain")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_an_html_url_is_a_source_named_by_its_url(server: str) -> None:
    url = f"{server}/page.html"
    (source,) = load_sources([url])
    assert (source.id, source.url, source.format) == (url, url, "html")
    assert "40%" in [claim.quote for claim in extract_claims(source)]


def test_a_redirect_is_followed_and_the_final_url_kept(server: str) -> None:
    (source,) = load_sources([f"{server}/moved"])
    assert source.url == f"{server}/page.html"


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/missing", "HTTP 404"),
        ("/loop", "more than 5 redirects"),
        ("/image.png", "content type 'image/png'"),
        ("/huge", "too large"),
    ],
)
def test_a_bad_url_is_one_line_naming_it(server: str, path: str, problem: str) -> None:
    with pytest.raises(SourceError) as caught:
        load_sources([f"{server}{path}"])
    message = str(caught.value)
    assert message.startswith(f"{server}{path}: ")
    assert problem in message
    assert "\n" not in message


def test_a_slow_server_times_out(server: str) -> None:
    with pytest.raises(SourceError, match=r"timed out after 0\.5 seconds"):
        fetch(f"{server}/slow", timeout=0.5)


def test_offline_says_it_cannot_connect() -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SourceError, match="cannot connect") as caught:
        load_sources([f"http://127.0.0.1:{port}/news"])
    assert "offline" in str(caught.value)


def test_a_pdf_url_and_file_give_each_citation_its_page(server: str, tmp_path: Path) -> None:
    path = tmp_path / "annual.pdf"
    path.write_bytes(PDF)
    for source in [*load_sources([f"{server}/report.pdf"]), *load_sources(path)]:
        assert source.format == "pdf"
        found = {(c.quote, c.citation.page) for c in extract_claims(source)}
        assert {("12%", 2), ("3%", 3)} <= found


def test_pdfs_in_a_folder_are_read(tmp_path: Path) -> None:
    (tmp_path / "annual.pdf").write_bytes(PDF)
    (tmp_path / "notes.txt").write_text("Sales rose 5% in 2024.\n", "utf-8")
    assert [s.id for s in load_sources(tmp_path)] == ["annual.pdf", "notes.txt"]


def test_a_broken_pdf_is_one_line_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nnot really a pdf")
    with pytest.raises(SourceError) as caught:
        load_sources(path)
    assert str(caught.value).startswith(f"{path}: ")


def test_files_of_other_formats_are_named_in_one_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "data.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / "notes.txt").write_text("Sales rose 5% in 2024.\n", "utf-8")
    with caplog.at_level("WARNING"):
        load_sources(tmp_path)
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1, lines
    assert "skipped 2 files" in lines[0]
    assert lines[0].endswith("chart.png, data.xlsx")


def test_a_url_is_never_read_as_a_path() -> None:
    with pytest.raises(SourceError) as caught:
        load_sources(["https://127.0.0.1:1/www.example.org/news"])
    assert "no such file" not in str(caught.value)
    assert str(caught.value).startswith("https://127.0.0.1:1/www.example.org/news: ")
