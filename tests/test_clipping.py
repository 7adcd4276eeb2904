"""No letter is cut off, on any page in any language: not by a box that clips its overflow (see
clipping.py: the few pixels above and below each such box, as shown and with the overflow let
out), and not by lines set too close for Urdu's Nastaliq, whose letters rise and fall far beyond
a Latin line.

Looked at on a desktop (1280 px: the header, the menu and the contents beside the page, the
footer's "Previous" and "Next") and on a phone with the menu open (375 px: the menu's own layout,
with the page's sections in it), where Material shortens long titles with an ellipsis."""

from __future__ import annotations

import pytest

from clipping import cut_off_letters
from conftest import site_pages, visit

# Urdu text needs lines at least this many times its font size apart (translations.css sets 2.2
# for body text, 1.9 for headings, 2 for the interface); closer lines make letters collide.
URDU_LINE_HEIGHT = 1.8

# Elements that show Urdu text (text in Arabic script, not marked as another language), with
# lines closer than URDU_LINE_HEIGHT times their font size: "element: line height / font size".
CRAMPED_URDU = """(minimum) => {
  const found = [], seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (seen.has(el) || !/[\\u0600-\\u06ff]/.test(node.textContent)) continue;
    seen.add(el);
    if (el.closest('[lang]').lang !== 'ur' || !el.checkVisibility({visibilityProperty: true})) continue;
    const style = getComputedStyle(el);
    const ratio = parseFloat(style.lineHeight) / parseFloat(style.fontSize);
    if (!(ratio >= minimum))
      found.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${node.textContent.trim().slice(0, 30)}": ` +
                 `${style.lineHeight} / ${style.fontSize}`);
  }
  return found;
}"""


@pytest.mark.parametrize("path", site_pages())
def test_no_box_cuts_off_letters(quiet_tab, base_url: str, path: str) -> None:
    page = quiet_tab
    failures = []
    page.set_viewport_size({"width": 1280, "height": 800})
    visit(page, base_url + path)
    failures += [f"1280 px: {found}" for found in cut_off_letters(page)]
    page.set_viewport_size({"width": 375, "height": 667})
    menu = page.locator("[data-site-menu-button]")
    if menu.count():
        menu.click()
        page.wait_for_function("document.querySelector('#site-navigation').checkVisibility({visibilityProperty: true})")
        failures += [f"375 px, menu open: {found}" for found in cut_off_letters(page)]
    assert failures == [], f"{path}:\n" + "\n".join(failures)


@pytest.mark.parametrize("path", [path for path in site_pages() if path.startswith("/ur/")])
def test_urdu_lines_have_room_for_nastaliq(quiet_tab, base_url: str, path: str) -> None:
    page = quiet_tab
    failures = []
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        visit(page, base_url + path)
        page.wait_for_selector("[data-consent-banner]", state="visible")  # the banner's text too
        failures += [f"{width} px: {found}" for found in page.evaluate(CRAMPED_URDU, URDU_LINE_HEIGHT)]
        menu = page.locator("[data-site-menu-button]")
        if width < 1220 and menu.count():
            menu.click()
            failures += [f"{width} px, menu open: {found}" for found in page.evaluate(CRAMPED_URDU, URDU_LINE_HEIGHT)]
    assert failures == [], f"{path}:\n" + "\n".join(failures)
