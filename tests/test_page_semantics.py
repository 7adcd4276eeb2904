"""What a screen reader, a browser tab or a translation tool reads from every page, in every
language: a window title that says what the page is; the page being read marked in the menu
(aria-current, and by more than colour) and the page's language in the list of languages; the
direction of the page on <html>; the English copyright line marked as English; no label that
points at nothing; no word doubled where the site's name is put into a sentence. And: the count
of search results is announced, the cookie settings' switches show in forced colours."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page

from conftest import LANGUAGES, search_for, shared_tab, site_pages, visit

PAGE_FACTS = """() => {
  const html = document.documentElement;
  const current = [...document.querySelectorAll('.md-nav--primary a[aria-current="page"]')];
  const menu = document.querySelector('#site-navigation');
  const copyright = [...document.querySelectorAll('.md-copyright *')].find(el =>
      [...el.childNodes].some(node => node.nodeType === 3 && node.textContent.includes('©')));
  const labels = [...document.querySelectorAll('label[for]')].filter(label => {
      const target = document.getElementById(label.htmlFor);
      return !target || !/^(INPUT|SELECT|TEXTAREA|BUTTON|METER|OUTPUT|PROGRESS)$/.test(target.tagName);
    }).map(label => label.outerHTML.slice(0, 100));
  return {
    title: document.title,
    lang: html.lang, htmlDir: html.getAttribute('dir'), bodyDir: document.body.getAttribute('dir'),
    menuShown: !!menu && !menu.hidden,
    current: current.map(a => new URL(a.href, location.href).pathname),
    languages: [...document.querySelectorAll('.md-select__link[aria-current="page"]')].map(a => a.hreflang),
    copyright: copyright ? {text: copyright.textContent.trim(), lang: copyright.closest('[lang]').lang,
                            dir: copyright.closest('[dir]').getAttribute('dir')} : null,
    labels,
    banner: (document.querySelector('.site-cookie-banner__heading') || {}).textContent || '',
  };
}"""


def doubled_words(text: str) -> list[str]:
    return [match.group(0) for match in re.finditer(r"(?<!\w)(\w+)\s+\1(?!\w)", text, re.IGNORECASE)]


tab = shared_tab(viewport={"width": 1280, "height": 800})


@pytest.mark.parametrize("path", site_pages())
def test_the_page_says_what_it_is_where_it_is_and_in_which_language(tab: Page, base_url: str, path: str) -> None:
    page = tab
    visit(page, base_url + path)
    facts = page.evaluate(PAGE_FACTS)
    failures = []
    parts = facts["title"].split(" - ")
    if any(a == b for a, b in zip(parts, parts[1:])):
        failures.append(f"the window title repeats itself: {facts['title']!r}")
    if path == "/404.html" and not facts["title"].startswith("Page not found - "):
        failures.append(f"the 404 page's window title is {facts['title']!r}")
    if facts["menuShown"] and path != "/404.html" and facts["current"] != [path]:
        failures.append(f"the menu marks {facts['current']} as the page being read (aria-current), not {path}")
    if facts["languages"] != [facts["lang"]]:
        failures.append(f"the list of languages marks {facts['languages']} as the page's language, not {facts['lang']}")
    direction = "rtl" if facts["lang"] == "ur" else "ltr"
    if facts["htmlDir"] != direction or facts["bodyDir"] != direction:
        failures.append(f"<html dir={facts['htmlDir']}>, <body dir={facts['bodyDir']}>: the page is {direction}")
    if not facts["copyright"] or facts["copyright"]["lang"] != "en" or facts["copyright"]["dir"] != "ltr":
        failures.append(f"the copyright line is not marked as English, left to right: {facts['copyright']}")
    if facts["labels"]:
        failures.append(f"labels that point at nothing: {facts['labels']}")
    if doubled_words(facts["banner"]):
        failures.append(f"the cookie banner's heading doubles a word: {facts['banner']!r} ({doubled_words(facts['banner'])})")
    assert failures == [], f"{path}:\n" + "\n".join(failures)


@pytest.mark.parametrize("path", ["/", "/cookies/", "/ur/accessibility/"])
def test_the_page_being_read_is_marked_by_more_than_colour(tab: Page, base_url: str, path: str) -> None:
    page = tab
    visit(page, base_url + path)
    looks = page.evaluate("""() => {
      const look = a => { const s = getComputedStyle(a);
        return [s.fontWeight, s.boxShadow, s.borderInlineStartWidth, s.textDecorationLine, s.backgroundColor].join('|'); };
      const current = document.querySelector('.md-nav--primary > .md-nav__list > .md-nav__item--active > a.md-nav__link');
      const other = document.querySelector('.md-nav--primary > .md-nav__list > .md-nav__item:not(.md-nav__item--active) > a');
      return [look(current), look(other)];
    }""")
    assert looks[0] != looks[1], f"{path}: the page being read looks like the other pages in the menu but for colour: {looks}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_number_of_search_results_is_announced(page: Page, base_url: str, language: str) -> None:
    """The count is in a status message: screen readers say it when it changes, without moving
    the reader from the search box."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base_url + ("/" if language == "en" else f"/{language}/"))
    page.locator("input.md-search__input").click()
    page.wait_for_function("""() => document.querySelector('.md-search-result__meta').textContent.trim() ===
        JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']""")
    search_for(page, "co")
    page.wait_for_function("/\\d/.test(document.querySelector('.md-search-result__meta').textContent)")
    live = page.evaluate("""() => { const meta = document.querySelector('.md-search-result__meta');
        const region = meta.closest('[role=status], [aria-live]');
        return region && (region.getAttribute('aria-live') || region.getAttribute('role')); }""")
    assert live in ("status", "polite"), f"the count of results is not in a status message ({live})"


def covered(band: Image.Image, along: bool) -> float:
    """The share of a band's length (its width when `along`, else its height) with ink across it."""
    length = band.width if along else band.height
    marks = [band.crop((i, 0, i + 1, band.height) if along else (0, i, band.width, i + 1)).getbbox() for i in range(length)]
    return sum(1 for mark in marks if mark) / max(1, length)


@pytest.mark.parametrize("language", ["en", "ur"])
def test_the_cookie_settings_switches_show_in_forced_colours(browser: Browser, base_url: str, language: str) -> None:
    """Windows' contrast themes replace background colours: a switch drawn with them alone vanishes."""
    context = browser.new_context(forced_colors="active", reduced_motion="reduce", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(base_url + ("/" if language == "en" else f"/{language}/"))
    page.click("[data-consent-choose]")
    page.wait_for_selector("#cc-main .pm", state="visible")
    page.wait_for_function("getComputedStyle(document.querySelector('#cc-main .pm')).opacity === '1'")
    faint = []
    for switch in page.locator("#cc-main .pm__section-title-wrapper .toggle__icon").all():
        switch.evaluate("el => el.scrollIntoView({block: 'center'})")
        box = switch.bounding_box()
        pad = 4
        shot = page.screenshot(clip={"x": box["x"] - pad, "y": box["y"] - pad,
                                     "width": box["width"] + 2 * pad, "height": box["height"] + 2 * pad})
        image = Image.open(io.BytesIO(shot)).convert("L")
        counts = image.histogram()
        background = counts.index(max(counts))
        drawn = image.point(lambda value: 255 if abs(value - background) > 60 else 0)
        width, height = image.size
        # Each edge of the switch's track: the share of its length drawn within 3 px of it.
        edges = {"top": drawn.crop((pad, 0, width - pad, 2 * pad)), "bottom": drawn.crop((pad, height - 2 * pad, width - pad, height)),
                 "start": drawn.crop((0, pad, 2 * pad, height - pad)), "end": drawn.crop((width - 2 * pad, pad, width, height - pad))}
        shown = {side: covered(band, along=side in ("top", "bottom")) for side, band in edges.items()}
        if min(shown.values()) < 0.5:
            name = switch.evaluate("el => el.closest('.pm__section-title-wrapper').querySelector('.pm__section-title').textContent")
            faint.append(f"{name}: " + ", ".join(f"{side} edge {share:.0%} drawn" for side, share in shown.items()))
    context.close()
    assert faint == [], f"switches that vanish in forced colours: {faint}"


def test_in_urdu_the_copyright_sign_stays_before_the_organisations_name(page: Page, base_url: str) -> None:
    page.goto(base_url + "/ur/")
    order = page.evaluate("""() => {
      const el = [...document.querySelectorAll('.md-copyright *')].find(e => e.childNodes[0] &&
          e.childNodes[0].nodeType === 3 && e.childNodes[0].textContent.includes('©'));
      const text = el.childNodes[0], at = character => { const range = document.createRange();
        const i = text.textContent.indexOf(character); range.setStart(text, i); range.setEnd(text, i + 1);
        return range.getBoundingClientRect().left; };
      return [at('©'), at('A')];
    }""")
    assert order[0] < order[1], "in Urdu pages the copyright line reads \"A Better Start Southend ©\""
