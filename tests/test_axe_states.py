"""axe-core finds nothing on any page, in any language, in the states a reader brings about: the
cookie settings open, after accepting cookies (the banner's confirmation), the menu open on a
phone, and search open on a phone with results. In each state axe looks at what the state
changes (the dialog, the banner, the header and the menu, search): the whole page, a new
visitor's with the banner shown, is checked by test_site_is_accessible.py."""

from __future__ import annotations

import pytest

from axe import violations
from conftest import search_for, site_pages, visit

QUERY = {"ur": "کو"}  # a query with results in each language; "co" elsewhere


@pytest.mark.parametrize("path", site_pages())
def test_axe_finds_nothing_in_any_state(quiet_tab, base_url: str, path: str) -> None:
    page = quiet_tab
    found = []
    page.set_viewport_size({"width": 1280, "height": 800})
    visit(page, base_url + path)
    page.click("[data-consent-choose]")
    page.wait_for_selector("#cc-main .pm", state="visible")
    page.wait_for_function("getComputedStyle(document.querySelector('#cc-main .pm')).opacity === '1'")
    found += [f"settings open: {v}" for v in violations(page, "#cc-main")]
    page.keyboard.press("Escape")
    page.wait_for_function("getComputedStyle(document.querySelector('#cc-main .pm')).visibility === 'hidden'")
    page.click("[data-consent-accept]")
    page.wait_for_selector("[data-consent-hide]", state="visible")
    found += [f"after consent: {v}" for v in violations(page, "[data-consent-banner]")]
    page.set_viewport_size({"width": 375, "height": 667})
    if page.locator("[data-site-menu-button]").count():
        page.click("[data-site-menu-button]")
        page.wait_for_function("document.querySelector('#site-navigation').checkVisibility({visibilityProperty: true})")
        found += [f"375 px, menu open: {v}" for v in violations(page, ".md-header", "#site-navigation")]
        page.keyboard.press("Escape")
    if page.locator("[data-site-search-button]").count():
        page.click("[data-site-search-button]")
        search_for(page, QUERY.get(page.evaluate("document.documentElement.lang"), "co"))
        page.wait_for_selector(".md-search-result__item", state="visible")
        found += [f"375 px, search open with results: {v}" for v in violations(page, "#site-search")]
    assert found == [], f"{path}:\n" + "\n".join(found)
