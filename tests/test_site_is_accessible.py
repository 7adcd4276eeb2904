"""A new visitor on any page: met by the cookie banner first, nothing sent to another website or
stored before they choose, no axe-core violation, and nothing to scroll sideways on a 320-pixel
screen. Keyboard users reach the skip link, see where the focus is, and nothing moves for readers
who asked for less motion."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from axe import violations
from conftest import shared_tab, site_pages, visit

BANNER = "[data-consent-banner]"


# One tab for every page, each opened as a new visitor (no cookies, nothing stored). The tab keeps
# only what the site itself sent: a request to another website gets no answer on this machine,
# so nothing of one is kept to hide it on the next page.
tab = shared_tab()


@pytest.mark.parametrize("path", site_pages())
def test_a_new_visitor(tab: Page, base_url: str, path: str) -> None:
    page = tab
    problems: list[str] = []
    own = urlsplit(base_url).netloc  # not even the published address (site_url) may be contacted
    elsewhere: list[str] = []

    def note(request) -> None:
        if urlsplit(request.url).netloc not in ("", own) and not request.url.startswith("data:"):
            elsewhere.append(request.url)

    page.on("request", note)
    try:
        visit(page, base_url + path)
        page.wait_for_selector(BANNER, state="visible")
        problems += what_a_new_visitor_meets(page, elsewhere)
    finally:
        page.remove_listener("request", note)
    assert problems == [], f"{path}:\n" + "\n".join(problems)


def what_a_new_visitor_meets(page: Page, elsewhere: list[str]) -> list[str]:
    """What is wrong with the page as a new visitor finds it (the banner shown)."""
    problems: list[str] = []

    # The cookie banner: a region with a heading, in the page's flow before the skip link, and
    # the first thing the keyboard reaches. No pre-ticked boxes anywhere.
    banner = page.locator(BANNER)
    if not (banner.get_attribute("role") == "region" and banner.get_attribute("aria-label")
            and banner.locator("h2").count() == 1):
        problems.append("the banner is not a named region with one heading")
    if page.evaluate(f"getComputedStyle(document.querySelector('{BANNER}')).position") != "static":
        problems.append("the banner is laid over the content instead of being in the page's flow")
    if not page.evaluate(f"""!!(document.querySelector('{BANNER}').compareDocumentPosition(
            document.querySelector('.site-skip-link') || document.querySelector('.md-header'))
            & Node.DOCUMENT_POSITION_FOLLOWING)"""):
        problems.append("the banner does not come before the skip link and the header")
    if page.locator("input[type=checkbox]:checked:not([disabled])").count():
        problems.append("a box is ticked before the reader chose")
    problems += [f"axe: {violation}" for violation in violations(page)]
    page.keyboard.press("Tab")
    if not page.evaluate(f"!!document.activeElement.closest('{BANNER}')"):
        problems.append("the first Tab does not reach the cookie banner")

    # Hovering and focusing every link and button fetches nothing and stores nothing.
    # (In one script: the events are the ones Playwright's dispatch_event sends, element by element.)
    page.evaluate("""() => new Promise(done => {
      for (const element of document.querySelectorAll('a, button, [tabindex]')) {
        for (const type of ['pointerover', 'mouseover', 'mouseenter', 'pointerenter'])
          element.dispatchEvent(new (type.startsWith('pointer') ? PointerEvent : MouseEvent)(type, {bubbles: true, cancelable: true, composed: true}));
        element.focus();
      }
      requestAnimationFrame(() => requestAnimationFrame(done));
    })""")
    if elsewhere:
        problems.append(f"requests to other websites: {elsewhere}")
    if page.context.cookies():
        problems.append(f"cookies before a choice: {[c['name'] for c in page.context.cookies()]}")
    stored = page.evaluate("Object.keys(localStorage).concat(Object.keys(sessionStorage))")
    if stored:
        problems.append(f"browser storage before a choice: {stored}")

    # 320 CSS pixels is a 1280-pixel window zoomed to 400 % (WCAG 1.4.10).
    page.set_viewport_size({"width": 320, "height": 640})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        problems.append(f"scrolls sideways by {overflow}px at 320px wide")
    return problems


def reject_cookies(page: Page, base_url: str) -> None:
    """Answer the cookie banner (a reader who has chosen no longer sees it)."""
    page.goto(base_url + "/")
    page.click("[data-consent-reject]")
    page.wait_for_selector("[data-consent-confirmation]", state="visible")


@pytest.mark.parametrize("path", ["/", "/accessibility/"])
def test_keyboard_reaches_the_banner_then_the_skip_link(page: Page, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    page.wait_for_selector(BANNER, state="visible")
    page.keyboard.press("Tab")
    assert page.evaluate(f"!!document.activeElement.closest('{BANNER}')"), "the cookie banner comes first"
    for _ in range(10):  # through the banner's buttons
        page.keyboard.press("Tab")
        if not page.evaluate(f"!!document.activeElement.closest('{BANNER}')"):
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


def test_reduced_motion_is_honoured(browser: Browser, base_url: str) -> None:
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(base_url + "/")
    durations = page.evaluate("""() => [...document.querySelectorAll('*')]
        .flatMap(el => getComputedStyle(el).transitionDuration.split(','))
        .map(d => parseFloat(d)).filter(d => d > 0.001)""")
    context.close()
    assert durations == []
