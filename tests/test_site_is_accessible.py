"""A reader using a screen reader, a keyboard or a small screen can use every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from axe import violations
from conftest import site_pages


@pytest.mark.parametrize("path", site_pages())
def test_axe_finds_no_violations(page: Page, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    assert violations(page) == []


@pytest.mark.parametrize("path", site_pages())
def test_page_reflows_at_320_pixels_without_scrolling_sideways(page: Page, base_url: str, path: str) -> None:
    # 320 CSS pixels is a 1280-pixel window zoomed to 400 % (WCAG 1.4.10).
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(base_url + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px wide"


def reject_cookies(page: Page, base_url: str) -> None:
    """Answer the cookie banner (a reader who has chosen no longer sees it)."""
    page.goto(base_url + "/")
    page.click("[data-consent-reject]")
    page.wait_for_selector("[data-consent-confirmation]", state="visible")


@pytest.mark.parametrize("path", ["/", "/accessibility/"])
def test_keyboard_reaches_cookie_banner_then_skip_link_before_anything_else(page: Page, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    page.wait_for_selector("[data-consent-banner]", state="visible")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('[data-consent-banner]')"), "the cookie banner comes first"
    for _ in range(10):  # through the banner's buttons and link
        page.keyboard.press("Tab")
        if not page.evaluate("!!document.activeElement.closest('[data-consent-banner]')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('site-skip-link')"), "then the skip link"


@pytest.mark.parametrize("path", ["/", "/accessibility/"])
def test_keyboard_reaches_skip_link_first_then_main_content(page: Page, base_url: str, path: str) -> None:
    reject_cookies(page, base_url)  # after a choice the banner is gone and the skip link is first
    page.goto(base_url + path)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className + '|' + document.activeElement.textContent.trim()")
    assert focused.split("|")[0].split()[0] == "site-skip-link", focused
    assert page.evaluate("getComputedStyle(document.activeElement).position") == "static", "the skip link stays hidden when focused"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # The next stop is after the page's heading: the header and navigation were skipped.
    after_heading = page.evaluate("""() => !!(document.querySelector('article h1')
        .compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING)""")
    assert after_heading, page.evaluate("document.activeElement.outerHTML")
    if path == "/accessibility/":  # this page has links in its text: the first one is next
        assert page.evaluate("!!document.activeElement.closest('main article')")


def test_focus_is_visible(page: Page, base_url: str) -> None:
    reject_cookies(page, base_url)
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    background = page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert background == "rgb(255, 221, 0)", background


def test_reduced_motion_is_honoured(browser, base_url: str) -> None:
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(base_url + "/")
    durations = page.evaluate("""() => [...document.querySelectorAll('*')]
        .flatMap(el => getComputedStyle(el).transitionDuration.split(','))
        .map(d => parseFloat(d)).filter(d => d > 0.001)""")
    context.close()
    assert durations == []
