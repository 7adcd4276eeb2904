"""Page weight as a reader pays for it: the built site served with gzip, as a CDN would, and a
count of every byte the server sends while a new visitor opens one page.

Used by tests/test_page_weight.py (the budget, in `make test`) and benchmarks/bench.py
(`make bench`, which writes the figures to benchmarks/RESULTS.md)."""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser

# The budget from issue 8: a first view, banner shown, at most 80 kB on the wire.
BUDGET_BYTES = 80_000
# Text types a CDN compresses (images such as PNG are already compressed and are sent as they are).
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml",
                "image/svg+xml", "application/manifest+json")
GZIP_LEVEL = 6  # zlib's default, what nginx/CDNs typically use for on-the-fly gzip


@dataclass
class Transfer:
    """What the server sent for one request: its path and the bytes on the wire (headers included)."""
    path: str
    status: int
    wire_bytes: int


@dataclass
class TransferLog:
    """Every response the server sent, in order; reset before each page is measured."""
    transfers: list[Transfer] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, transfer: Transfer) -> None:
        with self.lock:
            self.transfers.append(transfer)

    def take(self) -> list[Transfer]:
        with self.lock:
            taken, self.transfers = self.transfers, []
        return taken


class _CountingWriter:
    """Wraps the socket's write side and counts what goes through it."""

    def __init__(self, raw) -> None:
        self.raw, self.count = raw, 0

    def write(self, data: bytes) -> int:
        self.count += len(data)
        return self.raw.write(data)

    def flush(self) -> None:
        self.raw.flush()

    def __getattr__(self, name: str):
        return getattr(self.raw, name)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site the way a CDN would: gzip for text when the browser accepts it."""

    log: TransferLog  # set by serve()

    def setup(self) -> None:
        super().setup()
        self.wfile = _CountingWriter(self.wfile)
        self._status = 0

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = code
        super().send_response(code, message)

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the standard redirect to "…/"
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and wants_gzip and ctype.startswith(COMPRESSIBLE)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self._gzip_body = body
        return None

    def do_GET(self) -> None:
        self._gzip_body = None
        try:
            super().do_GET()
            if self._gzip_body is not None:
                self.wfile.write(self._gzip_body)
        finally:
            self.wfile.flush()
            self.log.add(Transfer(self.path, self._status, self.wfile.count))

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature from the base class
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, TransferLog]:
    """Serve `directory` with gzip on a free localhost port; returns the server and its log."""
    log = TransferLog()
    handler = type("Handler", (GzipHandler,), {"log": log})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, log


def first_view(browser: Browser, base_url: str, path: str, log: TransferLog,
               block_other_hosts: bool = False) -> list[Transfer]:
    """Open `path` as a new visitor (empty cache, no cookies) and return every response it cost.
    `block_other_hosts` refuses requests to other hosts (the plain Material baseline links Google
    Fonts, which an offline machine cannot reach)."""
    log.take()
    context = browser.new_context()
    try:
        if block_other_hosts:
            context.route(lambda url: not url.startswith(base_url), lambda route: route.abort())
        page = context.new_page()
        page.goto(base_url + path, wait_until="networkidle")
        page.wait_for_timeout(300)  # anything started late (a worker, a lazy script) is counted too
    finally:
        context.close()
    return log.take()


def total(transfers: list[Transfer]) -> int:
    return sum(t.wire_bytes for t in transfers)
