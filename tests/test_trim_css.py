"""Trimming Material's stylesheet (hooks/trim_css.py) changes nothing a reader sees: every element
(and its ::before/::after) has the same computed style as with Material's stylesheet as shipped,
on a phone and a wide screen, left-to-right and right-to-left, with search results open."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from conftest import search_for, shared_tab, visit
from servers import served
from sites import site

# Every element's computed style (and its pseudo-elements'), keyed by its place in the document:
# all of it (`details`), or a 32-bit FNV-1a hash of it, which is enough to compare two pages.
STYLES = """(details) => {
  const out = {};
  const hash = text => { let h = 0x811c9dc5; for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619); } return h >>> 0; };
  document.querySelectorAll("*").forEach((el, i) => {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(el, pseudo);
      if (pseudo && style.content === "none") continue;  // a pseudo-element that is not drawn
      const values = [];
      for (let j = 0; j < style.length; j++) values.push(style[j] + ":" + style.getPropertyValue(style[j]));
      const key = i + " " + el.tagName + (typeof el.className === "string" && el.className ? "." + el.className : "") + (pseudo || "");
      const text = values.sort().join("\u0001");
      out[key] = details ? text : hash(text);
    }
  });
  return out;
}"""


@pytest.fixture(scope="module")
def untrimmed_url() -> str:
    """The same site built with Material's stylesheet as shipped (TRIM_CSS=0)."""
    return served(site("untrimmed"))


def test_the_site_ships_the_trimmed_stylesheet_only(built_site: Path) -> None:
    stylesheets = sorted(p.name for p in (built_site / "assets/stylesheets").glob("main.*.css"))
    assert len(stylesheets) == 1 and ".trimmed." in stylesheets[0], stylesheets
    for html in built_site.rglob("*.html"):
        assert not re.search(r"main\.[0-9a-f]{8}\.min\.css", html.read_text(encoding="utf-8")), html  # Material's, untrimmed


# The page at `url` in a tab, as a new visitor sees it, in the state to compare.
def opened(page: Page, url: str, width: int, search: str | None) -> Page:
    page.set_viewport_size({"width": width, "height": 800})
    visit(page, url, wait_until="networkidle")
    if search:
        # Material's script first (it loads at the reader's first action: here the mouse moving),
        # so that both pages reach the same state the same way (its focus-visible marking depends
        # on the order).
        page.mouse.move(2, 2)
        page.mouse.move(1, 1)
        page.wait_for_function("document.documentElement.classList.contains('js')")
        page.keyboard.press("/")
        search_for(page, search)
        page.locator(".md-search-result__item").first.wait_for()
        # On a phone Material locks the page's scrolling 400 ms after search opens; wait for it
        # on both pages, or one may be compared locked and the other not yet.
        page.wait_for_function("matchMedia('(min-width: 960px)').matches"
                               " || document.body.hasAttribute('data-md-scrolllock')")
        # The results are counted ("2 matching documents"), and the browser has drawn them.
        page.wait_for_function("/\\d/.test(document.querySelector('.md-search-result__meta').textContent)")
        page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    return page


# A tab for each site, animations reduced.
trimmed_tab = shared_tab(reduced_motion="reduce")
shipped_tab = shared_tab(reduced_motion="reduce")


@pytest.mark.parametrize("path, width, search", [
    ("/", 375, None), ("/", 1280, None), ("/ur/", 375, None), ("/ur/", 1280, None),
    ("/accessibility/", 1280, "cookies"), ("/pl/cookies/", 375, "co"),
])
def test_trimming_changes_no_computed_style(trimmed_tab: Page, shipped_tab: Page, base_url: str, untrimmed_url: str,
                                            path: str, width: int, search: str | None) -> None:
    trimmed_page = opened(trimmed_tab, base_url + path, width, search)
    shipped_page = opened(shipped_tab, untrimmed_url + path, width, search)
    trimmed, shipped = trimmed_page.evaluate(STYLES, False), shipped_page.evaluate(STYLES, False)
    assert trimmed.keys() == shipped.keys()
    different = [key for key in shipped if trimmed[key] != shipped[key]]
    if different:
        trimmed, shipped = trimmed_page.evaluate(STYLES, True), shipped_page.evaluate(STYLES, True)
    details = []
    for key in different[:5]:
        a, b = (dict(v.split(":", 1) for v in side[key].split("\u0001")) for side in (shipped, trimmed))
        details.append(f"{key}: " + ", ".join(f"{p}: {a.get(p)!r:.80} → {b.get(p)!r:.80}" for p in sorted(a.keys() | b.keys()) if a.get(p) != b.get(p)))
    assert different == [], f"{len(different)} elements look different on {path}:\n" + "\n".join(details)
