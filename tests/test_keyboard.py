"""A keyboard user, on every page in every language, at the widths of a small phone (320 px, also a
1280 px window zoomed to 400 %), a phone, a tablet, a small laptop and a desktop: every Tab stop
can be seen and has a name, as a new visitor (the cookie banner shown) and after a choice; the
menu (below 1220 px), search (below 960 px) and the list of languages open with Enter or Space
and close with Escape, the focus back on their button; nothing closed can be reached.

One browser page per site page walks all five widths: the window is resized as a reader zooms.
After a choice only the top of the page changes (the banner's confirmation): that walk is made at
the narrowest and the widest window. Space opens each panel at the narrowest, Enter at every width.
The browser runs with reduced motion, so that panels are where they end up at once (a panel
that slides is checked where it stops, not half-way)."""

from __future__ import annotations

import json
from contextlib import contextmanager
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page

from conftest import shared_tab, site_pages, visit
from tab_walk import Keyboard, problems

# Width and height of each window: a small phone, a phone, a tablet upright, a tablet on its side
# or small laptop, a desktop.
WINDOWS = [(320, 568), (375, 667), (768, 1024), (1024, 768), (1280, 800)]
MENU_BELOW = 1220    # Material shows the menu as a drawer below 76.25em
SEARCH_BELOW = 960   # and search as an overlay below 60em
MENU, SEARCH, LANGUAGES = "[data-site-menu-button]", "[data-site-search-button]", "[data-site-languages-button]"
QUERY = "[data-md-component=search-query]"

# Where the focus is, relative to a button and the panel it opens (and a part of the panel); and
# what in the panel a Tab could still reach (something that can be seen, so not hidden, in an
# inert part or closed). With `focus`, the button gets the focus first.
PANEL_STATE = """([button, panel, part, focus]) => {
  const b = document.querySelector(button);
  if (focus && b) b.focus();
  const a = document.activeElement;
  const reachable = [...document.querySelectorAll(panel + ' :is(a[href], button, input:not([type=hidden]), ' +
      'select, textarea, [tabindex]:not([tabindex="-1"]))')]
    .filter(el => el.checkVisibility({visibilityProperty: true}) && !el.closest('[inert]'))
    .map(el => el.tagName.toLowerCase() + ' "' + (el.textContent || el.value || '').trim().slice(0, 40) + '"');
  return {expanded: b ? b.getAttribute('aria-expanded') : null, onButton: a === b, reachable,
          inPanel: !!(a && a.closest(panel)), inPart: !!(a && a.closest(part || panel))};
}"""


tab = shared_tab(reduced_motion="reduce")


@pytest.fixture(scope="module")
def tab_keyboard(tab: Page) -> Keyboard:
    return Keyboard(tab)


@contextmanager
def no_script_errors(page: Page) -> Iterator[None]:
    """The page's scripts fail nowhere while the test runs."""
    errors: list[str] = []
    record = lambda error: errors.append(str(error))  # noqa: E731
    page.on("pageerror", record)
    yield
    page.remove_listener("pageerror", record)
    assert errors == [], f"the page's scripts failed: {errors}"


@pytest.fixture
def keyboard(tab_keyboard: Keyboard):
    """A keyboard in the module's tab; the test opens its page with visit(), as a new visitor."""
    with no_script_errors(tab_keyboard.page):
        yield tab_keyboard


@pytest.fixture
def fresh_keyboard(browser: Browser):
    """A keyboard in a browser tab of its own, for a test that holds back what the page downloads."""
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    try:
        with no_script_errors(page):
            yield Keyboard(page)
    finally:
        context.close()


def state(keyboard: Keyboard, button: str, panel: str, part: str | None = None, focus: bool = False) -> dict:
    return keyboard.run(f"({PANEL_STATE})({json.dumps([button, panel, part, focus])})")


def open_and_close(keyboard: Keyboard, button: str, panel: str, lands_in: str | None, where: str,
                   keys: tuple[str, ...] = ("Enter", " ")) -> list[str]:
    """Enter and Space open the panel and the focus goes into it (at once, into `lands_in`, or
    with the next Tab when the panel follows its button), where it can be seen; Escape closes
    it, with the focus back on the button and nothing of the panel reachable."""
    failures = []
    for key in keys:
        name = "Space" if key == " " else key
        if state(keyboard, button, panel, focus=True)["expanded"] != "false":
            failures.append(f"{where}: {button} does not say it is closed (aria-expanded) before {name}")
        keyboard.press(key)
        if lands_in is None:
            keyboard.press("Tab")
        opened = state(keyboard, button, panel, lands_in)
        stop = keyboard.stop()
        if opened["expanded"] != "true":
            failures.append(f"{where}: {name} on {button} does not open it (aria-expanded)")
        if not opened["inPart"]:
            failures.append(f"{where}: after {name} on {button} the focus is not in {lands_in or panel} but on {stop}")
        elif stop is None or stop.problems:
            failures.append(f"{where}: after {name} on {button} the focus is on {stop}: {stop and stop.problems}")
        keyboard.press("Escape")
        closed = state(keyboard, button, panel)
        if not closed["onButton"]:
            failures.append(f"{where}: Escape does not put the focus back on {button}")
        if closed["expanded"] != "false":
            failures.append(f"{where}: Escape does not close {button}'s panel (aria-expanded)")
        if closed["reachable"]:
            failures.append(f"{where}: {panel} is closed but Tab still reaches {closed['reachable'][:3]}")
    return failures


def tab_through_the_menu(keyboard: Keyboard, where: str) -> list[str]:
    """Open the menu; every stop in it can be seen; Tab out of it closes it."""
    state(keyboard, MENU, "#site-navigation", focus=True)
    keyboard.press("Enter")
    stops = [keyboard.stop()]
    while state(keyboard, MENU, "#site-navigation")["inPanel"]:
        keyboard.press("Tab")
        stop = keyboard.stop()
        if stop is None or not state(keyboard, MENU, "#site-navigation")["inPanel"]:
            break
        stops.append(stop)
    failures = [f"{where}, menu open: {problem}" for problem in problems([s for s in stops if s])]
    if len(stops) < 2:
        failures.append(f"{where}: the open menu has fewer than two stops: {[str(s) for s in stops]}")
    closed = state(keyboard, MENU, "#site-navigation")
    if closed["expanded"] != "false" or closed["reachable"]:
        failures.append(f"{where}: Tab out of the menu leaves it open")
    return failures


# Which of the header's panels the page has: Material's menu (hidden on the print pages) and
# search (which print-site's script removes from the print pages).
PANELS = """({menu: !!document.querySelector('.md-sidebar--primary:not([hidden])'),
  search: !!document.querySelector('.md-search:not([style*="none"])'),
  buttons: [MENU, SEARCH, LANGUAGES].map(selector => !!document.querySelector(selector))})"""


def check_the_headers_buttons(keyboard: Keyboard, width: int, where: str, keys: tuple[str, ...] = ("Enter", " ")) -> list[str]:
    failures = []
    panels = keyboard.run(PANELS.replace("[MENU, SEARCH, LANGUAGES]", json.dumps([MENU, SEARCH, LANGUAGES])))
    has_menu, has_search, has_languages = panels["buttons"]
    if width < MENU_BELOW and panels["menu"]:
        if not has_menu:
            failures.append(f"{where}: the page has a menu but no menu button ({MENU})")
        else:
            failures += open_and_close(keyboard, MENU, "#site-navigation", "#site-navigation", where, keys)
            failures += tab_through_the_menu(keyboard, where)
    if width < SEARCH_BELOW and panels["search"]:
        if not has_search:
            failures.append(f"{where}: the page has search but no search button ({SEARCH})")
        else:
            failures += open_and_close(keyboard, SEARCH, "#site-search", QUERY, where, keys)
    if not has_languages:
        return failures + [f"{where}: no button opens the list of languages ({LANGUAGES})"]
    # The list of languages does not open on focus, only when its button is pressed.
    if state(keyboard, LANGUAGES, "#site-languages", focus=True)["reachable"]:
        failures.append(f"{where}: the list of languages opens when its button gets focus")
    failures += open_and_close(keyboard, LANGUAGES, "#site-languages", None, where, keys)
    return failures


@pytest.mark.parametrize("path", site_pages())
def test_every_tab_stop_can_be_seen_and_has_a_name_and_the_headers_buttons_work(keyboard: Keyboard, base_url: str, path: str) -> None:
    page = keyboard.page
    failures: list[str] = []
    page.set_viewport_size({"width": WINDOWS[0][0], "height": WINDOWS[0][1]})
    visit(page, base_url + path)
    page.wait_for_selector("[data-consent-banner]", state="visible")
    for width, height in WINDOWS:  # a new visitor: the cookie banner comes first
        page.set_viewport_size({"width": width, "height": height})
        keyboard.to_the_top()
        failures += [f"{width} px, new visitor: {problem}" for problem in problems(keyboard.walk())]
        keys = ("Enter", " ") if width == WINDOWS[0][0] else ("Enter",)
        failures += check_the_headers_buttons(keyboard, width, f"{width} px", keys)
    # After a choice: the banner confirms it, with a link to the settings and a button to hide it.
    page.click("[data-consent-reject]")
    page.wait_for_selector("[data-consent-hide]", state="visible")
    for width, height in (WINDOWS[0], WINDOWS[-1]):
        page.set_viewport_size({"width": width, "height": height})
        keyboard.to_the_top()
        failures += [f"{width} px, after a choice: {problem}" for problem in problems(keyboard.walk())]
    assert failures == [], f"{path}:\n" + "\n".join(failures)


def header_buttons_work(keyboard: Keyboard, width: int, where: str) -> list[str]:
    failures = check_the_headers_buttons(keyboard, width, where)
    # Material's keys for search ("/", "s", "f") open it on a phone too, into the search box.
    keyboard.to_the_top()
    keyboard.page.keyboard.press("/")
    if not keyboard.run(f"document.activeElement.matches({QUERY!r}) && document.activeElement.checkVisibility()"):
        failures.append(f"{where}: the / key does not put the focus in the search box")
    keyboard.press("Escape")
    return failures


@pytest.mark.parametrize("path", ["/", "/ur/cookies/"])
def test_the_headers_buttons_work_while_materials_script_is_still_loading_and_after(fresh_keyboard: Keyboard, base_url: str, path: str) -> None:
    """Material's script loads at the reader's first action: the first key press. Held back, it
    has not arrived while the reader uses the buttons; released, it has."""
    keyboard = fresh_keyboard
    page = keyboard.page
    held = []
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: held.append(route))
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(base_url + path)
    keyboard.press("Tab")
    failures = header_buttons_work(keyboard, 375, "before Material's script")
    assert held and not keyboard.run("document.documentElement.classList.contains('js')"), \
        "Material's script was asked for and has not started"
    held[0].continue_()
    page.wait_for_function("document.documentElement.classList.contains('js')")  # Material has started
    failures += header_buttons_work(keyboard, 375, "after Material's script")
    assert failures == [], f"{path}:\n" + "\n".join(failures)


@pytest.mark.parametrize("path", ["/", "/ur/"])
def test_without_javascript_the_menu_link_opens_the_menu(browser: Browser, base_url: str, path: str) -> None:
    context = browser.new_context(java_script_enabled=False, reduced_motion="reduce",
                                  viewport={"width": 375, "height": 667})
    keyboard = Keyboard(context.new_page())
    keyboard.page.goto(base_url + path)
    stops = keyboard.walk()
    assert problems(stops) == [], "\n".join(problems(stops))
    keyboard.to_the_top()
    for _ in range(10):  # the skip link, then the menu link
        keyboard.press("Tab")
        if keyboard.run("document.activeElement.matches('a[href=\"#site-navigation\"]')"):
            break
    else:
        raise AssertionError("Tab does not reach the menu link")
    keyboard.press("Enter")
    keyboard.press("Tab")
    in_menu = [keyboard.stop()]
    while keyboard.run("!!document.activeElement.closest('#site-navigation')"):
        keyboard.press("Tab")
        in_menu.append(keyboard.stop())
    after = in_menu.pop()
    assert len(in_menu) >= 3 and problems(in_menu) == [], f"the menu's links: {[str(s) for s in in_menu]} {problems(in_menu)}"
    assert after is None or not after.problems, f"after the menu: {after} {after.problems}"
    assert not keyboard.run("document.querySelector('#site-navigation a').checkVisibility({visibilityProperty: true})"), \
        "the menu stays open when the focus has left it"
    context.close()


@pytest.mark.parametrize("path", ["/", "/404.html", "/ur/cookies/"])
def test_the_skip_link_is_large_enough_and_leads_to_the_main_heading(keyboard: Keyboard, base_url: str, path: str) -> None:
    page = keyboard.page
    visit(page, base_url + path)
    page.click("[data-consent-reject]")
    page.wait_for_selector("[data-consent-hide]", state="visible")  # the choice is recorded
    page.reload()
    keyboard.press("Tab")
    link = keyboard.run("""(() => { const a = document.activeElement, r = a.getBoundingClientRect();
        return {skip: a.classList.contains('site-skip-link'), size: parseFloat(getComputedStyle(a).fontSize),
                height: r.height, target: a.getAttribute('href')}; })()""")
    assert link["skip"], "the first Tab stop of a reader who has chosen is the skip link"
    assert link["size"] >= 16 and link["height"] >= 24, f"the skip link is {link['size']} px text, {link['height']} px high"
    assert keyboard.run(f"document.querySelector('main h1') === document.getElementById(decodeURIComponent({link['target'][1:]!r}))"), \
        f"the skip link leads to {link['target']}, not to the page's main heading"


@pytest.mark.parametrize("language", ["en", "ur"])
def test_hide_this_message_puts_the_focus_on_what_comes_next_and_the_choice_is_announced(keyboard: Keyboard, base_url: str, language: str) -> None:
    page = keyboard.page
    visit(page, base_url + ("/" if language == "en" else f"/{language}/"))
    keyboard.focus("[data-consent-reject]")
    keyboard.press("Enter")
    page.wait_for_selector("[data-consent-hide]", state="visible")
    assert page.get_attribute("[data-consent-confirmation]", "role") == "status", \
        "the confirmation of the choice is a status message"
    keyboard.focus("[data-consent-hide]")
    keyboard.press("Enter")
    stop = keyboard.stop()
    assert stop is not None and stop.problems == [], f"after Hide this message the focus is on {stop}"
    assert keyboard.run("document.activeElement.matches('.site-skip-link')"), f"the focus is on {stop}, not the skip link"


@pytest.mark.parametrize("language", ["en", "ur"])
def test_the_cookie_settings_put_the_focus_on_a_control_that_can_be_seen(keyboard: Keyboard, base_url: str, language: str) -> None:
    page = keyboard.page
    visit(page, base_url + ("/" if language == "en" else f"/{language}/"))
    keyboard.focus("[data-consent-choose]")
    keyboard.press("Enter")
    page.wait_for_selector("#cc-main .pm", state="visible")
    page.wait_for_function("!!document.activeElement.closest('#cc-main .pm') && !document.activeElement.matches(':empty')")
    page.wait_for_function("getComputedStyle(document.querySelector('#cc-main .pm')).opacity === '1'")  # done opening
    stop = keyboard.stop()
    assert stop is not None and stop.problems == [], f"the settings dialog opens with the focus on {stop}: {stop and stop.problems}"
    outline = keyboard.run("(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.boxShadow; })()")
    assert outline.split()[0] != "none" or "rgb" in outline, f"the focus on {stop} is not visible: {outline}"
    keyboard.press("Tab", shift=True)
    assert keyboard.run("!!document.activeElement.closest('#cc-main .pm')"), "Shift+Tab leaves the dialog"
