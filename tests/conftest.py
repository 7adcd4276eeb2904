"""Shared fixtures: the real site, built once per test run with `mkdocs build --strict` (see
sites.py), served on localhost, and opened in Debian's Chromium through Playwright.

The languages and pages the tests go through come from mkdocs.yml and docs/, not from a list
written here: a language or a page an editor adds is tested like the others (and
test_page_structure.py checks that the built site has exactly these pages)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from servers import served
from shared.config_file import site_settings
from sites import RUN_DIR_VARIABLE, ROOT, site

TEMPLATE_CACHE_VARIABLE = "TEMPLATE_CACHE_DIR"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LANGUAGES, DOCS, EXCLUDED = site_settings(ROOT / "mkdocs.yml")


def language_root(language: str) -> str:
    """The URL path of a language's home page: "/" for the default language, "/pl/" for Polish."""
    return "/" if language == LANGUAGES[0] else f"/{language}/"


def direction(language: str) -> str:
    """"ltr" or "rtl", from docs/_data/languages.yml."""
    import yaml

    return yaml.safe_load((ROOT / "docs/_data/languages.yml").read_text(encoding="utf-8"))[language]["direction"]


def language_of(path: str) -> str:
    """The language of a URL path ("/pl/cookies/" -> "pl")."""
    first = path.split("/")[1]
    return first if first in LANGUAGES[1:] else LANGUAGES[0]


def english_pages() -> list[str]:
    """The default language's Markdown pages, relative to docs/ ("index.md", "cookies.md", …)."""
    from shared.languages import file_language

    return sorted(path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md")
                  if not file_language(path.name, LANGUAGES) and "_data" not in path.relative_to(DOCS).parts
                  and not EXCLUDED.match_file(path.relative_to(DOCS).as_posix()))


def page_url(name: str, language: str) -> str:
    """The URL path of a page in a language: ("cookies.md", "pl") -> "/pl/cookies/"."""
    stem = name[: -len(".md")]
    stem = "" if stem == "index" else stem[: -len("/index")] + "/" if stem.endswith("/index") else stem + "/"
    return language_root(language) + stem


def site_pages() -> list[str]:
    """Every HTML page of the site, as a URL path ("/", "/pl/cookies/", "/pl/print_page/",
    "/404.html"): every page in every language, each language's print page, the 404 page."""
    pages = [page_url(name, language) for language in LANGUAGES for name in english_pages()]
    pages += [language_root(language) + "print_page/" for language in LANGUAGES]
    return sorted(pages) + ["/404.html"]


def page_file(path: str, built: Path | None = None) -> Path:
    """The built file of a URL path from site_pages() ("/pl/" → pl/index.html)."""
    return (built or site()) / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))


def hook(name: str):
    """A hook of the project (hooks/<name>.py), loaded from its file as MkDocs loads it."""
    spec = importlib.util.spec_from_file_location(f"hooks/{name}.py", ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# One folder per test run for the sites it builds, shared by pytest-xdist's workers: made by the
# process that starts the run (the workers inherit the environment), removed when it ends. Every
# build of the run (the sites, each run of `make check`) keeps its compiled templates there
# (hooks/template_cache.py).
def pytest_configure(config: pytest.Config) -> None:
    if RUN_DIR_VARIABLE not in os.environ:
        os.environ[RUN_DIR_VARIABLE] = tempfile.mkdtemp(prefix="site-tests-")
        os.environ[TEMPLATE_CACHE_VARIABLE] = os.path.join(os.environ[RUN_DIR_VARIABLE], "templates")
        config._site_tests_run_dir = os.environ[RUN_DIR_VARIABLE]


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = getattr(config, "_site_tests_run_dir", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        del os.environ[RUN_DIR_VARIABLE], os.environ[TEMPLATE_CACHE_VARIABLE]


@pytest.fixture(scope="session")
def built_site() -> Path:
    return site()


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> str:
    return served(built_site)


class PolicyAsideBrowser:
    """Debian's Chromium whose new contexts set the pages' Content-Security-Policy aside unless a
    test asks for it with bypass_csp=False. Every page carries the policy in a <meta>, and the
    tests' own tools (an expression in wait_for_function, the accessibility checkers they add to
    a page) would break it; the site's own code under the policy is what test_security_headers.py
    checks, with the policy applied."""

    def __init__(self, browser: Browser) -> None:
        self._browser = browser

    def new_context(self, **options):
        options.setdefault("bypass_csp", True)
        return self._browser.new_context(**options)

    def __getattr__(self, name: str):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not Path(CHROMIUM).exists():
        pytest.exit(f"{CHROMIUM} is missing: run `make test` (as root it installs it) "
                    "or `sudo apt-get install chromium`.", returncode=1)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield PolicyAsideBrowser(browser)
        browser.close()


def shared_tab(**context_options):
    """A module's fixture: one browser tab that the module's tests take turns with, each opening
    its page with `visit()` as a new visitor. For tests of what a page shows, says and does (its
    accessibility, its keyboard stops, its print), not of what it downloads or sends: the tab keeps
    what the browser has already downloaded and compiled, as a returning reader's browser does, and
    a page opened in a tab that is already open costs a third of one opened in a new tab."""

    @pytest.fixture(scope="module")
    def tab(browser: Browser):
        context = browser.new_context(**context_options)
        page = context.new_page()
        TAB_WINDOWS[page] = page.viewport_size
        yield page
        del TAB_WINDOWS[page]
        context.close()

    return tab


TAB_WINDOWS: dict[Page, dict] = {}  # the window size of each shared tab


@pytest.fixture(autouse=True)
def shared_tabs_back_to_their_window_size():
    """Each test finds a shared tab at the window size it was opened with."""
    yield
    for page, window in TAB_WINDOWS.items():
        if page.viewport_size != window:
            page.set_viewport_size(window)


# Animations reduced, so that every state is reached at once.
quiet_tab = shared_tab(reduced_motion="reduce")


def search_for(page: Page, query: str) -> None:
    """Type a query into Material's search box (which has the focus) as one search. Material
    searches each time a key is let go: the letters go in at once, then the End key starts the
    search, so the results that show are the whole query's, never its first letters' (which the
    next results would replace under a test that has started to use them)."""
    page.keyboard.insert_text(query)
    page.keyboard.press("End")


def visit(page: Page, url: str, **goto_options) -> None:
    """Open `url` in `page` as a new visitor: no cookies, nothing in the site's browser storage."""
    page.context.clear_cookies()
    if page.url.startswith("http"):  # the storage of the site the tab shows (the one the tests use)
        page.evaluate("localStorage.clear(); sessionStorage.clear()")
    page.goto(url, **goto_options)


@pytest.fixture
def page(browser: Browser) -> Page:
    """A new visitor: a fresh browser context with no cookies or storage."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()

