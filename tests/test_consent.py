"""Cookie consent: a reader is asked before any optional cookie, can say no as easily as yes,
can change their mind, and gets exactly the cookies the registry declares."""

from __future__ import annotations

import hashlib
import json
import re
import time
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
import yaml
from mkdocs.exceptions import PluginError
from playwright.sync_api import Browser, Page

from axe import violations
from conftest import CHROMIUM, CHROMIUM_ARGS, LANGUAGES, ROOT, hook, language_root, shared_tab, site_pages, visit
from servers import served
from sites import site
from video_stand_in import keep_on_machine

VENDOR = ROOT / "docs/assets/vendor/cookieconsent"
VENDORED = {
    "cookieconsent.umd.js": "bc6e2f2e6381fc025b27a6b0afb5a0e1fc689c6f9fc40a78708adb2054ef4575",
    "cookieconsent.css": "ca046b8b1b1094107205988e7096a687b241c8ef5f3fefe5e543ed28d26646c1",
    "LICENSE": "e3cf4e09e007ffede1a8a50aa006b489a5eafd466a2094551a0ac2b308230bfd",
}
CATEGORIES = ["necessary", "functional", "performance", "analytics", "advertisement", "others"]
REGISTRY = yaml.safe_load((ROOT / "docs/_data/cookies.yml").read_text(encoding="utf-8"))
CONSENT_COOKIE = REGISTRY["consent_cookie"]
STRINGS = yaml.safe_load((ROOT / "docs/_data/strings/consent.yml").read_text(encoding="utf-8"))
BANNER = "[data-consent-banner]"
DAY = 24 * 60 * 60
# A tab for the checks of what the banner and the settings show (axe); what consent does to
# cookies, storage and requests is checked in a fresh browser context each time (the page fixture).
tab = shared_tab()


def consent_record(page: Page) -> dict:
    cookie = next(c for c in page.context.cookies() if c["name"] == CONSENT_COOKIE)
    return json.loads(unquote(cookie["value"]))


# The consent settings the page was built with (hooks/consent.py, as JSON in the page).
def site_settings(page: Page) -> dict:
    return json.loads(page.locator("#site-consent-config").text_content())


def open_fresh(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(BANNER, state="visible")


# A returning reader's page, once consent.js has read their record (and shown the banner if the
# record needs renewing).
def open_checked(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("html[data-site-consent=checked]", state="attached")


def open_settings(page: Page, opener: str = "[data-consent-choose]") -> None:
    page.click(opener)
    page.wait_for_selector("#cc-main .pm", state="visible")
    page.wait_for_function("document.activeElement && !!document.activeElement.closest('#cc-main')")


# The registry's declared names, by kind, as regular expressions.
def declared(kind: str) -> list[re.Pattern]:
    patterns = []
    for entry in REGISTRY["cookies"]:
        if entry["type"] != kind:
            continue
        name = entry["name"]
        patterns.append(re.compile(name[1:-1]) if name.startswith("/") and name.endswith("/") else re.compile(re.escape(name) + "$"))
    return patterns


def undeclared(page: Page) -> list[str]:
    found = []
    for cookie in page.context.cookies():
        if not any(p.match(cookie["name"]) for p in declared("cookie")):
            found.append(f"cookie {cookie['name']} ({cookie['domain']})")
    for frame in page.frames:  # the page and any embedded player
        for kind in ("localStorage", "sessionStorage"):
            # (a browser that denies a third-party frame its storage stores nothing there)
            for key in frame.evaluate(f"(() => {{ try {{ return Object.keys({kind}); }} catch (e) {{ return []; }} }})()"):
                if not any(p.match(key) for p in declared(kind)):
                    found.append(f"{kind} {key} ({urlsplit(frame.url).netloc})")
    return found


# --- The vendored library -------------------------------------------------------------------

def test_vendored_library_is_the_recorded_release() -> None:
    notes = (VENDOR / "VENDOR.md").read_text(encoding="utf-8")
    for name, expected in VENDORED.items():
        actual = hashlib.sha256((VENDOR / name).read_bytes()).hexdigest()
        assert actual == expected, f"{name} was changed: vendor files are copied unchanged from npm"
        assert expected in notes, f"VENDOR.md does not record the sha256 of {name}"
    assert "3.1.0" in notes and "MIT" in (VENDOR / "LICENSE").read_text(encoding="utf-8")


# --- The registry -----------------------------------------------------------------------------

def test_registry_lists_the_six_documented_categories() -> None:
    assert list(REGISTRY["categories"]) == CATEGORIES
    assert REGISTRY["consent_days"] == 335, "the documented duration is 11 months"


BROKEN_REGISTRIES = [
    ("category: advertisement\n    service: youtube\n    provider: &youtube", "category: advertising\n    service: youtube\n    provider: &youtube",
     "cookie 'YSC' has the unknown category 'advertising'"),
    ("  - name: VISITOR_PRIVACY_METADATA\n    type: cookie\n", "  - name: VISITOR_PRIVACY_METADATA\n",
     "cookie 'VISITOR_PRIVACY_METADATA' has no 'type'"),
    ("  - name: VISITOR_PRIVACY_METADATA\n", "  - name: YSC\n", "cookie 'YSC' is listed twice"),
    ("      en: Necessary\n", "", "category 'necessary' field 'title' has no text for en"),
]


# Each mistake, checked by the function the build uses to read the registry (the build itself
# reports one of them: tests/editor_mistakes/unknown_cookie_category; a text missing in a
# translation: test_translations.py).
@pytest.mark.parametrize("old, new, message", BROKEN_REGISTRIES, ids=["unknown category", "missing field", "duplicate", "missing English text"])
def test_a_registry_mistake_is_one_line_naming_file_line_and_entry(tmp_path: Path, old: str, new: str, message: str) -> None:
    registry = tmp_path / "cookies.yml"
    text = (ROOT / "docs/_data/cookies.yml").read_text(encoding="utf-8")
    assert old in text, "the registry changed: update the test"
    registry.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(PluginError) as error:
        hook("consent").read_registry(registry, LANGUAGES)
    assert re.match(r"docs/_data/cookies\.yml:\d+: ", str(error.value)), error.value
    assert message in str(error.value) and "\n" not in str(error.value)


def test_the_cookies_page_table_comes_from_the_registry(built_site: Path) -> None:
    for language in LANGUAGES:
        html = (built_site / language_root(language).lstrip("/") / "cookies/index.html").read_text(encoding="utf-8")
        for entry in REGISTRY["cookies"]:
            if entry.get("only_with"):  # analytics cookies appear only when analytics is on
                assert entry["purpose"][language] not in html
            else:
                assert entry["purpose"][language].replace("'", "&#x27;") in html, (language, entry["name"])
        for category in REGISTRY["categories"].values():
            assert category["title"][language] in html


def test_analytics_is_off_unless_the_operator_turns_it_on(built_site: Path) -> None:
    for html in built_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert 'data-category="analytics"' not in text, html
        assert "googletagmanager" not in text and "plausible.io" not in text, html


# --- Before any choice ------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/ur/cookies/"])
def test_the_banner_is_there_from_the_first_paint_and_moves_nothing(browser: Browser, base_url: str, path: str) -> None:
    """A new visitor sees the banner before any script file has run (it is not added later, pushing
    the page down); a returning reader with a consent record does not, while consent.js checks it."""
    context = browser.new_context()
    page = context.new_page()
    page.route("**/assets/javascripts/**", lambda route: route.abort())  # no script file runs at all
    page.add_init_script("""window.__shifts = 0; new PerformanceObserver(list => list.getEntries()
        .forEach(entry => { if (!entry.hadRecentInput) window.__shifts += entry.value; }))
        .observe({type: "layout-shift", buffered: true});""")
    page.goto(base_url + path)
    assert page.locator(BANNER).is_visible()
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    # A banner added by a script pushes the page down by about 0.5; 0.01 leaves room for the header
    # title's width settling by a few pixels (seen in Urdu), a hundredth of Lighthouse's "good" limit.
    assert page.evaluate("window.__shifts") < 0.01
    context.add_cookies([{"name": CONSENT_COOKIE, "value": "x", "url": base_url}])
    page.goto(base_url + path)
    assert not page.locator(BANNER).is_visible()
    context.close()


def test_first_layer_buttons_have_the_same_size_and_weight(browser: Browser, base_url: str) -> None:
    properties = ["font-size", "font-weight", "font-family", "padding-top", "padding-left", "background-color",
                  "color", "border-top-width", "border-top-color", "text-decoration-line"]
    for width in (1280, 320):
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        for language in LANGUAGES:
            open_fresh(page, base_url + language_root(language))
            accept, reject = page.locator("[data-consent-accept]"), page.locator("[data-consent-reject]")
            style = "(el, names) => names.map(n => getComputedStyle(el).getPropertyValue(n))"
            assert accept.evaluate(style, properties) == reject.evaluate(style, properties), (width, language)
            a, r = accept.bounding_box(), reject.bounding_box()
            assert (round(a["width"]), round(a["height"])) == (round(r["width"]), round(r["height"])), (width, language, a, r)
        context.close()


# --- Choices ---------------------------------------------------------------------------------

def test_a_reader_who_rejects_cookies_gets_only_the_consent_cookie_for_eleven_months(page: Page, base_url: str) -> None:
    open_fresh(page, base_url + "/")
    page.click("[data-consent-reject]")
    confirmation = page.locator("[data-consent-confirmation]")
    confirmation.wait_for(state="visible")
    assert "rejected" in confirmation.inner_text()
    assert page.evaluate("document.activeElement.hasAttribute('data-consent-confirmation')"), "the confirmation takes focus"
    cookies = page.context.cookies()
    assert [c["name"] for c in cookies] == [CONSENT_COOKIE]
    days = (cookies[0]["expires"] - time.time()) / DAY
    assert 334 <= days <= 336, f"the consent cookie lasts {days:.1f} days, not 11 months"
    assert consent_record(page)["categories"] == ["necessary"]
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0
    page.click("[data-consent-hide]")
    assert page.locator(BANNER).is_hidden()
    for path in ("/", "/pl/cookies/"):
        open_checked(page, base_url + path)
        assert page.locator(BANNER).is_hidden(), "a reader who chose is not asked again"
    assert [c["name"] for c in page.context.cookies()] == [CONSENT_COOKIE]


def test_a_reader_who_accepts_all_is_recorded_for_all_six_categories(page: Page, base_url: str) -> None:
    open_fresh(page, base_url + "/ur/")
    page.click("[data-consent-accept]")
    page.locator("[data-consent-confirmation]").wait_for(state="visible")
    record = consent_record(page)
    assert sorted(record["categories"]) == sorted(CATEGORIES)
    assert record["services"] == {"advertisement": ["youtube"]}
    assert record["revision"] == site_settings(page)["revision"]


def test_a_new_revision_asks_everyone_again(page: Page, base_url: str) -> None:
    open_fresh(page, base_url + "/")
    page.click("[data-consent-accept]")
    page.locator("[data-consent-confirmation]").wait_for(state="visible")  # the record is written
    cookie = next(c for c in page.context.cookies() if c["name"] == CONSENT_COOKIE)
    record = json.loads(unquote(cookie["value"]))
    record["revision"] = site_settings(page)["revision"] - 1  # as if the reader chose before the last change
    page.context.add_cookies([{**cookie, "value": json.dumps(record)}])
    page.goto(base_url + "/")
    page.wait_for_selector(BANNER, state="visible")


def test_settings_open_from_the_banner_close_with_escape_and_focus_returns(page: Page, base_url: str) -> None:
    open_fresh(page, base_url + "/")
    page.focus("[data-consent-choose]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#cc-main .pm", state="visible")
    page.wait_for_function("!!document.activeElement.closest('#cc-main')")
    # All six categories, each with its description, and none switched on but Necessary.
    titles = page.locator("#cc-main .pm__section--toggle .pm__section-title").all_inner_texts()
    assert [t.split("\n")[0].strip() for t in titles] == [REGISTRY["categories"][c]["title"]["en"] for c in CATEGORIES]
    assert page.locator("#cc-main input.section__toggle:checked").count() == 1
    page.keyboard.press("Escape")
    page.wait_for_selector("#cc-main .pm", state="hidden")
    assert page.evaluate("document.activeElement.hasAttribute('data-consent-choose')")
    assert page.context.cookies() == [], "closing the settings is not a choice"


def test_saving_choices_in_the_settings_confirms_in_the_banner(page: Page, base_url: str) -> None:
    open_fresh(page, base_url + "/pl/")
    open_settings(page)
    page.click("#cc-main .pm__btn[data-role=save]")
    page.locator("[data-consent-confirmation]").wait_for(state="visible")
    page.wait_for_function("document.activeElement.hasAttribute('data-consent-confirmation')")
    assert consent_record(page)["categories"] == ["necessary"]


def test_the_footer_link_reopens_the_settings_on_every_page(page: Page, base_url: str) -> None:
    open_fresh(page, base_url + "/")
    page.click("[data-consent-reject]")
    page.locator("[data-consent-confirmation]").wait_for(state="visible")  # the record is written
    for language in LANGUAGES:
        page.goto(base_url + language_root(language) + "accessibility/")
        link = page.locator("footer [data-consent-open]")
        assert urlsplit(link.get_attribute("href")).path.rstrip("/").endswith("cookies")
        open_settings(page, "footer [data-consent-open]")
        page.keyboard.press("Escape")
        page.wait_for_selector("#cc-main .pm", state="hidden")
        assert page.evaluate("document.activeElement.hasAttribute('data-consent-open')")


def test_the_footer_takes_its_clicks_while_the_navigation_column_catches_up(page: Page, base_url: str) -> None:
    # Material sets the navigation column's height from the scroll position a frame after the page
    # jumps (End key, a click far down); in that frame the column, still as tall as the window,
    # reached over the footer and a click on "Cookie settings" went to the column.
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(base_url + "/")
    page.mouse.move(300, 300)  # the first action starts Material
    page.wait_for_function("!!document.querySelector('.md-sidebar--primary').getAttribute('style')")
    at_link = page.evaluate("""() => {
        scrollTo(0, document.documentElement.scrollHeight);
        document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap').style.height = innerHeight + 'px';
        const link = document.querySelector('footer [data-consent-open]');
        const box = link.getBoundingClientRect();
        const column = document.querySelector('.md-sidebar--primary').getBoundingClientRect();
        return [box.left < column.right, link.contains(document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2))];
    }""")
    assert at_link == [True, True], "[the link lies under the column, the link takes the click]"


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_nothing_with_the_banner_the_confirmation_or_the_settings(tab: Page, base_url: str, language: str) -> None:
    page = tab
    visit(page, base_url + language_root(language) + "cookies/")
    page.wait_for_selector(BANNER, state="visible")
    assert violations(page) == []
    open_settings(page)
    for section in page.locator("#cc-main .pm__section--expandable .pm__section-title").all():
        section.click()  # open every category, so its table is checked too
    assert violations(page) == []
    page.keyboard.press("Escape")
    page.click("[data-consent-accept]")
    page.locator("[data-consent-confirmation]").wait_for(state="visible")
    assert violations(page) == []


def test_settings_are_laid_out_right_to_left_in_urdu(page: Page, base_url: str) -> None:
    open_fresh(page, base_url + "/ur/")
    assert page.evaluate(f"getComputedStyle(document.querySelector('{BANNER}')).direction") == "rtl"
    open_settings(page)
    assert page.evaluate("document.getElementById('cc-main').classList.contains('cc--rtl')")
    close, title = page.locator("#cc-main .pm__close-btn").bounding_box(), page.locator("#cc-main .pm__title").bounding_box()
    assert close["x"] < title["x"], "the close button sits on the left in a right-to-left dialog"


# --- Without JavaScript ------------------------------------------------------------------------

def test_without_javascript_the_cookies_page_explains_and_no_cookie_is_set(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for language in LANGUAGES:
        page.goto(base_url + language_root(language) + "cookies/")
        assert page.locator(".site-consent-nojs").is_visible()
        assert page.locator(".site-consent-nojs").inner_text() == STRINGS["consent_nojs"][language]
        assert page.locator("[data-consent-settings]").is_hidden()
        assert page.locator(BANNER).is_hidden()
        href = page.locator("footer [data-consent-open]").get_attribute("href")
        page.click("footer [data-consent-open]")
        assert urlsplit(page.url).path.endswith("/cookies/"), href
    assert context.cookies() == []
    context.close()


# --- Analytics, the audit, withdrawal and migration (a variant with analytics on) -------------------

@pytest.fixture(scope="module")
def sample_url() -> str:
    return served(site("sample"))


def test_switched_on_analytics_waits_for_consent(page: Page, sample_url: str) -> None:
    open_fresh(page, sample_url + "/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.standInAnalyticsRan === undefined")
    assert page.context.cookies() == []
    page.click("[data-consent-reject]")
    page.locator("[data-consent-confirmation]").wait_for(state="visible")  # the record is written
    open_checked(page, sample_url + "/cookies/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.standInAnalyticsRan === undefined"), "rejected analytics never runs"
    assert "Google Analytics" in page.locator("article").inner_text(), "the cookies page lists the analytics cookies once on"


def test_cookie_audit_every_cookie_and_storage_key_is_declared(page: Page, sample_url: str) -> None:
    outside = keep_on_machine(page, sample_url)  # YouTube's player is answered by a local stand-in
    open_fresh(page, sample_url + "/")
    page.click("[data-consent-accept]")
    page.wait_for_function("window.standInAnalyticsRan === true")
    played = 0
    for path in site_pages():
        page.goto(sample_url + path, wait_until="networkidle")
        for button in page.locator("[data-video-play]").all():  # play every video there is
            button.click()
            player = page.locator("figure[data-video-id] iframe").first
            player.wait_for()
            # The player's frame has loaded (its cookie and storage are set by then). Not
            # "networkidle": the click also starts Material's script, and Playwright then sometimes
            # never reports the page idle although every request has finished.
            player.element_handle().content_frame().wait_for_load_state("load")
            played += 1
        assert undeclared(page) == [], path
    assert played >= 4, "the guide's video was played in every language"
    names = {c["name"] for c in page.context.cookies()}
    assert {CONSENT_COOKIE, "_ga", "_ga_TEST1", "YSC"} <= names, "the audit saw the analytics and player cookies"
    assert {urlsplit(u).netloc for u in outside} == {"www.youtube-nocookie.com"}


def test_withdrawing_analytics_removes_its_cookies(page: Page, sample_url: str) -> None:
    open_fresh(page, sample_url + "/cookies/")
    page.click("[data-consent-accept]")
    page.wait_for_function("document.cookie.includes('_ga=')")
    page.click("[data-consent-hide]")
    open_settings(page, "article [data-consent-open]")
    page.locator("#cc-main input.section__toggle[value=analytics]").click(force=True)
    page.click("#cc-main .pm__btn[data-role=save]")
    page.wait_for_selector("#cc-main .pm", state="hidden")
    names = {c["name"] for c in page.context.cookies()}
    assert "_ga" not in names and "_ga_TEST1" not in names
    assert "analytics" not in consent_record(page)["categories"]
    assert "advertisement" in consent_record(page)["categories"]


def legacy_cookies(url: str, functional: str, analytics: str) -> list[dict]:
    host = urlsplit(url).hostname
    values = {"viewed_cookie_policy": "yes", "cookielawinfo-checkbox-necessary": "yes",
              "cookielawinfo-checkbox-functional": functional, "cookielawinfo-checkbox-analytics": analytics,
              "cookielawinfo-checkbox-performance": "no", "cookielawinfo-checkbox-advertisement": "no",
              "cookielawinfo-checkbox-others": "no"}
    return [{"name": name, "value": value, "domain": host, "path": "/"} for name, value in values.items()]


def test_the_old_sites_refusals_are_honoured_and_its_cookies_removed(page: Page, sample_url: str) -> None:
    page.context.add_cookies(legacy_cookies(sample_url, functional="no", analytics="yes"))
    page.goto(sample_url + "/")
    page.wait_for_selector("[data-consent-confirmation]", state="visible")
    assert page.locator("[data-consent-question]").is_hidden(), "a reader who refused before is not asked again"
    said = page.locator("[data-consent-message]").inner_text()
    assert said == STRINGS["consent_confirm_migrated_not_kept"]["en"].replace("[", "").replace("]", ""), \
        "analytics accepted there is not carried over, and the confirmation does not say the choice was kept"
    assert [c["name"] for c in page.context.cookies()] == [CONSENT_COOKIE], "the old plugin's cookies are removed"
    assert consent_record(page)["categories"] == ["necessary"], "acceptances are not carried over by default"
    assert page.evaluate("window.standInAnalyticsRan === undefined")


def test_a_setting_carries_the_old_sites_acceptances_over(page: Page) -> None:
    url = served(site("sample_carrying_old_choices"))
    page.context.add_cookies(legacy_cookies(url, functional="no", analytics="yes"))
    page.goto(url + "/")
    page.wait_for_function("window.standInAnalyticsRan === true")
    assert sorted(consent_record(page)["categories"]) == ["analytics", "necessary"], "the refusal of Functional is kept"
    assert not any(c["name"].startswith(("cookielawinfo", "viewed_cookie")) for c in page.context.cookies())


# --- The consent record: what it holds, records the site did not write, a library that fails ---

def cookie_of(page: Page) -> dict:
    return next(c for c in page.context.cookies() if c["name"] == CONSENT_COOKIE)


def test_the_consent_cookie_holds_only_what_the_site_reads_in_the_sites_own_scope(page: Page, base_url: str) -> None:
    open_fresh(page, base_url + "/pl/")
    page.click("[data-consent-accept]")
    page.locator("[data-consent-confirmation]").wait_for(state="visible")
    cookie = cookie_of(page)
    record = consent_record(page)
    assert set(record) == {"categories", "revision", "consentId", "consentTimestamp", "lastConsentTimestamp", "services"}
    assert record["consentId"] == site_settings(page)["cookie"]["path"] == cookie["path"] == "/", \
        "the record's mark is the site's base path (no random identifier)"
    assert not cookie["domain"].startswith("."), "host-only: no Domain"
    size = len(cookie["name"]) + 1 + len(cookie["value"])
    assert size <= 400, f"the consent cookie is {size} bytes, sent with every request"
    open_checked(page, base_url + "/")
    assert page.locator(BANNER).is_hidden(), "the compact record is read back as a valid choice"


def stale_records(revision: int) -> dict[str, str]:
    good = {"categories": ["necessary"], "revision": revision, "consentId": "/", "consentTimestamp": "2026-01-01",
            "lastConsentTimestamp": "2026-01-01", "services": {}}
    return {
        "unreadable": "{not json",
        "categories not a list": json.dumps({**good, "categories": "necessary"}),
        "an older revision": json.dumps({**good, "revision": revision - 1}),
        "written by an older version of the site": json.dumps(
            {**good, "consentId": "3f1c2a9e-8b7d-4c6e-a5f4-1234567890ab", "data": None, "languageCode": "en"}),
    }


@pytest.mark.parametrize("kind", ["unreadable", "categories not a list", "an older revision",
                                  "written by an older version of the site"])
def test_a_record_the_site_did_not_write_is_removed_and_the_reader_asked_once(page: Page, base_url: str, kind: str) -> None:
    page.goto(base_url + "/")
    revision = site_settings(page)["revision"]
    host = urlsplit(base_url).hostname
    page.context.add_cookies([{"name": CONSENT_COOKIE, "value": quote(stale_records(revision)[kind]), "domain": host, "path": "/"}])
    page.goto(base_url + "/cookies/")
    page.wait_for_selector(BANNER, state="visible")
    assert not any(c["name"] == CONSENT_COOKIE for c in page.context.cookies()), "the record is removed"
    page.click("[data-consent-reject]")
    page.locator("[data-consent-confirmation]").wait_for(state="visible")
    assert consent_record(page)["categories"] == ["necessary"]
    open_checked(page, base_url + "/pl/")
    assert page.locator(BANNER).is_hidden(), "asked once"


def test_a_record_in_another_path_is_removed_from_it(page: Page, base_url: str) -> None:
    # A record the browser keeps for a narrower path than the site's (left by an older version
    # of the site, or by another site on the same host) is read first on the pages under it.
    page.goto(base_url + "/")
    old = json.loads(stale_records(site_settings(page)["revision"])["an older revision"])
    host = urlsplit(base_url).hostname
    page.context.add_cookies([{"name": CONSENT_COOKIE, "value": quote(json.dumps(old)), "domain": host, "path": "/cookies/"}])
    page.goto(base_url + "/cookies/")
    page.wait_for_selector(BANNER, state="visible")
    page.click("[data-consent-accept]")
    page.locator("[data-consent-confirmation]").wait_for(state="visible")
    assert [c["path"] for c in page.context.cookies() if c["name"] == CONSENT_COOKIE] == ["/"]
    open_checked(page, base_url + "/cookies/")
    assert page.locator(BANNER).is_hidden(), "the reader's choice is the one read on every page"


def test_a_record_for_a_parent_domain_is_removed_from_it(browser: Browser, base_url: str) -> None:
    # The site at guide.example.test (mapped to this machine) while the browser keeps a record
    # for the whole example.test domain (left by an older version of the site, or by another site
    # of the organisation): the reader is asked, and the record the site writes is its own.
    port = urlsplit(base_url).port
    site_address = f"http://guide.example.test:{port}"
    mapped = browser.browser_type.launch(executable_path=CHROMIUM,
                                         args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP guide.example.test 127.0.0.1"])
    try:
        context = mapped.new_context(bypass_csp=True)
        page = context.new_page()
        page.goto(site_address + "/")
        old = json.loads(stale_records(site_settings(page)["revision"])["an older revision"])
        context.add_cookies([{"name": CONSENT_COOKIE, "value": quote(json.dumps(old)), "domain": ".example.test", "path": "/"}])
        assert [c["domain"] for c in context.cookies() if c["name"] == CONSENT_COOKIE] == [".example.test"]
        page.goto(site_address + "/cookies/")
        page.wait_for_selector(BANNER, state="visible")
        assert not any(c["name"] == CONSENT_COOKIE for c in context.cookies()), "the parent domain's record is removed"
        page.click("[data-consent-accept]")
        page.locator("[data-consent-confirmation]").wait_for(state="visible")
        assert [c["domain"] for c in context.cookies() if c["name"] == CONSENT_COOKIE] == ["guide.example.test"]
        open_checked(page, site_address + "/pl/")
        assert page.locator(BANNER).is_hidden(), "asked once"
    finally:
        mapped.close()


def test_when_the_consent_library_cannot_load_the_buttons_lead_to_the_cookies_page(page: Page, base_url: str) -> None:
    page.route("**/vendor/cookieconsent/**", lambda route: route.abort())
    open_fresh(page, base_url + "/pl/")
    page.click("[data-consent-accept]")
    page.wait_for_url(base_url + "/pl/cookies/")
    page.wait_for_selector(BANNER, state="visible")
    page.click("[data-consent-reject]")
    page.locator("[data-consent-unavailable]").wait_for(state="visible")
    assert page.locator("[data-consent-settings]").is_hidden()
    assert not any(c["name"] == CONSENT_COOKIE for c in page.context.cookies())


def test_a_reader_who_accepted_before_analytics_was_switched_on_is_asked_again(page: Page, base_url: str, sample_url: str) -> None:
    # The same host (cookies do not depend on the port): the site without analytics, then the
    # same site with analytics switched on.
    open_fresh(page, base_url + "/")
    page.click("[data-consent-accept]")
    page.locator("[data-consent-confirmation]").wait_for(state="visible")
    page.goto(sample_url + "/")
    page.wait_for_selector(BANNER, state="visible")
    page.wait_for_selector("html[data-site-consent]", state="attached")
    assert page.evaluate("window.standInAnalyticsRan === undefined"), "analytics runs only after a new yes"


def policy_of(built: Path, path: str = "index.html") -> dict[str, list[str]]:
    html = (built / path).read_text(encoding="utf-8")
    content = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)[1]
    return {part.split()[0]: part.split()[1:] for part in content.split(";") if part.strip()}


GA4_HOSTS = ["https://*.google-analytics.com", "https://*.analytics.google.com", "https://*.googletagmanager.com"]


def test_the_policy_allows_exactly_the_switched_on_analytics_hosts(built_site: Path) -> None:
    off = policy_of(built_site)
    assert off["connect-src"] == ["'self'"] and off["img-src"] == ["'self'", "data:"]
    assert [v for v in off["script-src"] if not v.startswith("'sha256-")] == ["'self'"]
    on = policy_of(site("sample"))  # GA4, its script served by the site itself (the stand-in)
    assert on["connect-src"] == ["'self'", *GA4_HOSTS]
    assert [v for v in on["script-src"] if not v.startswith("'sha256-")] == ["'self'"]
    hosts = hook("security_headers").analytics_hosts
    settings = lambda **analytics: type("Config", (), {"extra": {"site_analytics": analytics}})()  # noqa: E731
    assert hosts(settings(provider="ga4", id="G-ABC123"))["scripts"] == ["https://www.googletagmanager.com"]
    plausible = hosts(settings(provider="plausible", id="example.org", src="https://stats.example.org/js/script.js"))
    assert plausible == {"scripts": ["https://stats.example.org"], "images": [], "connections": ["https://stats.example.org"]}
    assert hosts(settings(provider="", id="")) == {"scripts": [], "images": [], "connections": []}


def test_the_cookies_page_says_what_youtube_does(built_site: Path) -> None:
    youtube = [entry for entry in REGISTRY["cookies"] if entry.get("service") == "youtube"]
    assert {entry["category"] for entry in youtube} == {"advertisement"}, "YouTube's identifiers are tracking, not functional"
    assert {"cookie", "localStorage", "IndexedDB"} <= {entry["type"] for entry in youtube}
    for language in LANGUAGES:
        html = (built_site / language_root(language).lstrip("/") / "cookies/index.html").read_text(encoding="utf-8")
        tracking = html.split('id="cookies-advertisement"')[1].split("<h3")[0]
        for name in ("YSC", "VISITOR_INFO1_LIVE", "__Secure-YEC", "__Secure-ROLLOUT_TOKEN", "__Secure-3PSIDCC"):
            assert f"<code>{name}" in tracking or f", {name}" in tracking, (language, name)
    english = (built_site / "cookies/index.html").read_text(encoding="utf-8")
    assert "does not use advertising or tracking cookies" not in english
    ask = yaml.safe_load((ROOT / "docs/_data/strings/video.yml").read_text(encoding="utf-8"))["video_ask"]["en"]
    assert "Google" in ask and "track" in ask
