"""A small local web server that serves a built site the way Netlify or Cloudflare Pages would:
with the headers of the site's `_headers` file applied to each response by path pattern."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


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


class _HeadersHandler(http.server.SimpleHTTPRequestHandler):
    rules: list[tuple[re.Pattern, list[tuple[str, str]]]] = []

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        for pattern, headers in self.rules:
            if pattern.match(path):
                for name, value in headers:
                    self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature from the base class
        pass


@contextmanager
def serve_with_headers(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 with its `_headers` applied; yields the base URL."""
    handler_class = type("Handler", (_HeadersHandler,), {"rules": read_headers_file(site / "_headers")})
    handler = functools.partial(handler_class, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
