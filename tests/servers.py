"""The one web server of the tests (and of `make bench`): a built site served on 127.0.0.1 the way
a CDN would serve it – gzip for text when the browser accepts it – counting every byte it sends,
and, when asked, with the headers of the site's `_headers` file (as Netlify or Cloudflare Pages
apply them). Without them it serves as GitHub Pages does: no security headers at all."""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

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


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site the way a CDN would: gzip for text when the browser accepts it."""

    log: TransferLog  # set by serve()
    rules: list[tuple[re.Pattern, list[tuple[str, str]]]] = []  # the _headers rules, if applied

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        for pattern, headers in self.rules:
            if pattern.match(path):
                for name, value in headers:
                    self.send_header(name, value)
        super().end_headers()

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


class Server(http.server.ThreadingHTTPServer):
    """A browser that leaves a page, or stops a download, drops the connection in the middle of a
    response: that is no error of the site, so nothing is printed for it."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@dataclass
class Served:
    url: str  # "http://127.0.0.1:<port>", without a trailing slash
    log: TransferLog
    server: Server

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def serve(directory: Path, *, headers: bool = False) -> Served:
    """Serve `directory` on a free localhost port (with its `_headers` applied if `headers`)."""
    log = TransferLog()
    rules = read_headers_file(directory / "_headers") if headers else []
    handler = type("Handler", (SiteHandler,), {"log": log, "rules": rules})
    server = Server(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return Served(f"http://127.0.0.1:{server.server_port}", log, server)


@functools.cache
def served(directory: Path, headers: bool = False) -> str:
    """The address of `directory` served for the rest of this test process (one server each)."""
    return serve(directory, headers=headers).url




def read_headers_file(path: Path) -> list[tuple[re.Pattern, list[tuple[str, str]]]]:
    """The rules of a `_headers` file: (path pattern, [(header, value), …]) in file order.

    A line at the start of a line is a path ("/*", "/pl/*", "/:lang/cookies/"); the indented
    "Name: value" lines below it are its headers. "*" matches anything, ":name" one segment.
    """
    rules: list[tuple[re.Pattern, list[tuple[str, str]]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            pattern = "".join(".*" if part == "*" else "[^/]+" if part.startswith(":") else re.escape(part)
                              for part in re.split(r"(\*|:[A-Za-z_]+)", line.strip()))
            rules.append((re.compile(f"^{pattern}$"), []))
        elif rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules
