"""Shared fixtures: the real site, built once with `mkdocs build --strict`, served on localhost,
and opened in Debian's Chromium through Playwright."""

from __future__ import annotations

import functools
import http.server
import importlib
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LANGUAGES = ["en", "pl", "ro", "ur"]


def build_site(destination: Path, extra_env: dict[str, str] | None = None, config: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real strict build; return the finished process (the caller checks it)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(destination)]
    if config is not None:
        command += ["-f", str(config)]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)


@functools.cache
def site_dir() -> Path:
    """The site, built once per test run into a temporary folder."""
    destination = Path(tempfile.mkdtemp(prefix="coproduction-site-")) / "site"
    result = build_site(destination)
    if result.returncode != 0:
        pytest.exit(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}", returncode=1)
    return destination


def site_pages() -> list[str]:
    """Every HTML page of the built site, as a URL path ("/", "/pl/cookies/", "/404.html")."""
    paths = []
    for html in sorted(site_dir().rglob("*.html")):
        relative = html.relative_to(site_dir()).as_posix()
        if relative.endswith("index.html"):
            paths.append("/" + relative[: -len("index.html")])
        else:
            paths.append("/" + relative)
    return paths


def page_file(path: str, site: Path | None = None) -> Path:
    """The built file of a URL path from site_pages() ("/pl/" → pl/index.html)."""
    return (site or site_dir()) / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))


def hook(name: str):
    """A hook of the project (hooks/<name>.py), imported by name as MkDocs imports it."""
    folder = str(ROOT / "hooks")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module(name)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature from the base class
        pass


@pytest.fixture(scope="session")
def built_site() -> Path:
    return site_dir()


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> str:
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not Path(CHROMIUM).exists():
        pytest.exit(f"{CHROMIUM} is missing: run `make test` (as root it installs it) "
                    "or `sudo apt-get install chromium`.", returncode=1)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Page:
    """A new visitor: a fresh browser context with no cookies or storage."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
