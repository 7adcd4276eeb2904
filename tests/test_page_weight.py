"""A reader on a phone and a slow connection: the first view of every page, in every language,
costs at most 80 kB on the wire when the site is served with gzip as a CDN would. Search is
only downloaded when the reader goes to search, and then it works, by mouse and by keyboard.
Material's script is downloaded at the reader's first action on the page, not in the first view."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from conftest import page_file, search_for, site_pages
from page_weight import BUDGET_BYTES, first_view, total
from servers import serve

SEARCH_FILES = ("search_index.json", "/workers/search.", "/lunr/")
MATERIAL_SCRIPT = re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")


@pytest.fixture(scope="module")
def gzip_site(built_site: Path):
    """The built site on a gzip-serving server that counts every byte it sends."""
    server = serve(built_site)
    yield server.url, server.log
    server.close()


@pytest.mark.parametrize("path", site_pages())
def test_a_new_visitor_downloads_at_most_80_kB(browser: Browser, gzip_site, path: str) -> None:
    base_url, log = gzip_site
    transfers = first_view(browser, base_url, path, log)
    listing = "\n".join(f"  {t.wire_bytes:>7,} B  {t.status}  {t.path}" for t in transfers)
    assert transfers and transfers[0].status == 200, f"{path} was not served:\n{listing}"
    assert total(transfers) <= BUDGET_BYTES, (
        f"{path}: the first view costs {total(transfers):,} bytes, over the budget of "
        f"{BUDGET_BYTES:,}:\n{listing}")
    search = [t.path for t in transfers if any(name in t.path for name in SEARCH_FILES)]
    assert search == [], f"{path} downloaded search before the reader asked for it: {search}"
    material = [t.path for t in transfers if MATERIAL_SCRIPT.search(t.path)]
    assert material == [], f"{path} downloaded Material's script before the reader did anything: {material}"
    failed = [f"{t.status} {t.path}" for t in transfers if t.status >= 400 and t.path != path]
    assert failed == [], f"{path} made requests that failed: {failed}"


def test_no_script_in_the_page_before_its_text_lets_the_browser_paint_the_banner_alone(built_site: Path) -> None:
    """A script between the cookie banner and the text (Material's palette script, which the site
    does not need: overrides/partials/javascripts/palette.html) lets the browser paint the banner
    first and the text later."""
    pages = [path for path in site_pages() if "print_page" not in path]
    for path in pages:
        text = page_file(path, built_site).read_text(encoding="utf-8")
        banner, main = text.index("data-consent-banner"), text.index("<main")
        assert "<script>" not in text[banner:main].replace('<script type="application/json"', ""), path


@pytest.mark.parametrize("action", ["mouse", "touch", "key"])
def test_materials_script_starts_at_the_readers_first_action(browser: Browser, gzip_site, action: str) -> None:
    base_url, _ = gzip_site
    context = browser.new_context(has_touch=action == "touch", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    loaded: list[str] = []
    page.on("requestfinished", lambda request: MATERIAL_SCRIPT.search(request.url) and loaded.append(request.url))
    page.goto(base_url + "/", wait_until="networkidle")  # nothing asked for in half a second
    assert loaded == [] and page.evaluate("document.documentElement.className").split() == ["no-js", "site-js"]
    if action == "mouse":
        page.mouse.move(200, 300)
    elif action == "touch":
        page.touchscreen.tap(200, 600)
    else:
        page.keyboard.press("Tab")
    # Material is running: it swaps no-js for js and sets up its components (on a wide screen it
    # places the sidebars, which it does only once it has seen the document loaded).
    page.wait_for_function("document.documentElement.classList.contains('js')")
    page.wait_for_function("!!document.querySelector('.md-sidebar--primary').getAttribute('style')")
    assert len(loaded) == 1
    context.close()


def search_results(page: Page):
    return page.locator("[data-md-component=search-result] .md-search-result__item")


def requests_for_search(page: Page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: any(n in request.url for n in SEARCH_FILES) and requests.append(request.url))
    return requests


@pytest.mark.parametrize("language_root", ["/", "/pl/"])
def test_a_reader_on_a_phone_taps_search_and_finds_the_guide(page: Page, gzip_site, language_root: str) -> None:
    base_url, _ = gzip_site
    page.set_viewport_size({"width": 375, "height": 700})
    requests = requests_for_search(page)
    page.goto(base_url + language_root, wait_until="networkidle")
    assert requests == [], "search was downloaded before the reader opened it"
    page.locator("[data-site-search-button]").click()
    query = page.locator("[data-md-component=search-query]")
    expect(query).to_be_focused()
    # Typed key by key, as a reader does: Material searches on key-up (a value set in one go by
    # fill() is only picked up if the search index happens to arrive after it).
    query.press_sequentially("co-production")
    expect(search_results(page).first).to_be_visible(timeout=30_000)
    assert any("search_index.json" in url for url in requests)


def test_a_screen_reader_user_activates_the_search_button_and_lands_in_the_search_box(page: Page, gzip_site) -> None:
    """A screen reader activates a button with a click event alone (no pointer or key events)."""
    base_url, _ = gzip_site
    page.set_viewport_size({"width": 375, "height": 700})
    page.goto(base_url + "/ro/", wait_until="networkidle")
    page.evaluate("document.querySelector('[data-site-search-button]').click()")
    query = page.locator("[data-md-component=search-query]")
    expect(query).to_be_focused()
    search_for(page, "co")
    expect(search_results(page).first).to_be_visible(timeout=30_000)


def test_a_keyboard_user_opens_search_with_the_slash_key_and_reaches_a_result(page: Page, gzip_site) -> None:
    base_url, _ = gzip_site
    page.goto(base_url + "/cookies/", wait_until="networkidle")
    page.keyboard.press("/")
    query = page.locator("[data-md-component=search-query]")
    expect(query).to_be_focused()
    search_for(page, "accessibility")
    first = search_results(page).first
    expect(first).to_be_visible(timeout=30_000)
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"\d"))  # "3 matching documents"
    page.keyboard.press("ArrowDown")
    target = page.evaluate("document.activeElement.href")
    assert target, "the arrow key did not move focus to a result: " + page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    expect(page.locator("h1")).to_be_visible()


def test_a_keyboard_user_can_tab_to_the_search_box(page: Page, gzip_site) -> None:
    """On a wide screen the search box is in the header and reached with Tab."""
    base_url, _ = gzip_site
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base_url + "/", wait_until="networkidle")
    query = page.locator("[data-md-component=search-query]")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-md-component=search-query]')"):
            break
    expect(query).to_be_focused()
    search_for(page, "southend")
    expect(search_results(page).first).to_be_visible(timeout=30_000)
