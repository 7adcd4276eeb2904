"""The video: nothing reaches Google or YouTube until the reader agrees; then the
privacy-enhanced player, named and focused. The shipped guide, whose address is still the
placeholder, says the video will be added, and the build tells the editor where."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import yaml
from mkdocs.exceptions import PluginError
from playwright.sync_api import Browser, Page

from axe import violations
from conftest import LANGUAGES, ROOT, hook, language_root
from servers import served
from sites import SAMPLE_VIDEO_ID, built, site
from video_stand_in import keep_on_machine

STRINGS = yaml.safe_load((ROOT / "docs/_data/strings/video.yml").read_text(encoding="utf-8"))
GOOGLE = re.compile(r"(youtube|youtu\.be|ytimg|google|gstatic|doubleclick|ggpht)", re.I)
FIGURE = "figure[data-video-id]"


def video_line(path: str = "docs/index.md") -> tuple[int, str]:
    """The line number and text of the video line in a page."""
    for number, line in enumerate((ROOT / path).read_text(encoding="utf-8").splitlines(), start=1):
        if "{ .video }" in line:
            return number, line
    raise AssertionError(f"{path} has no video line")


def title_of(language: str) -> str:
    path = "docs/index.md" if language == "en" else f"docs/index.{language}.md"
    if not (ROOT / path).exists():
        path = "docs/index.md"
    return re.match(r"\[([^\]]+)\]", video_line(path)[1]).group(1)


@pytest.fixture(scope="module")
def sample_url() -> str:
    return served(site("sample"))


def fresh(page: Page, url: str) -> list[str]:
    outside = keep_on_machine(page, url)
    page.goto(url)
    page.wait_for_selector("[data-consent-banner]", state="visible")
    return outside


# --- Editors ---------------------------------------------------------------------------------

def test_the_build_names_the_file_and_line_while_the_address_is_a_placeholder() -> None:
    notices = [line for line in built("shipped").output.splitlines() if "VIDEO_ID" in line]
    assert len(notices) == 1, notices
    number, _ = video_line()
    assert f"docs/index.md:{number}:" in notices[0]


# Each malformed address, checked by the function the build uses (the build itself reports one,
# with the page's line: tests/editor_mistakes/malformed_video_line).
@pytest.mark.parametrize("address, message", [
    ("https://vimeo.com/12345678", "is not a YouTube video address"),
    ("https://www.youtube.com/watch?v=tooShort", "is not a YouTube video ID"),
    ("ftp://www.youtube.com/watch?v=M7lc1UVf-VE", "must start with https://"),
])
def test_a_malformed_address_is_one_line_naming_file_and_line(address: str, message: str) -> None:
    with pytest.raises(PluginError) as error:
        hook("video").parse_video_address(address, "docs/index.md:27")
    assert str(error.value).startswith("docs/index.md:27: ") and message in str(error.value), error.value


@pytest.mark.parametrize("address", [f"https://youtu.be/{SAMPLE_VIDEO_ID}", f"https://www.youtube.com/watch?v={SAMPLE_VIDEO_ID}",
                                     f"https://m.youtube.com/watch?v={SAMPLE_VIDEO_ID}&t=10"])
def test_each_form_of_youtube_address_gives_the_video(address: str) -> None:
    assert hook("video").parse_video_address(address, "docs/index.md:27") == SAMPLE_VIDEO_ID


# --- The shipped guide (placeholder address) ------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_the_shipped_guide_says_the_video_will_be_added_never_a_broken_player(page: Page, base_url: str, language: str) -> None:
    page.goto(base_url + language_root(language))
    figure = page.locator("figure.site-video")
    assert figure.count() == 1
    assert figure.locator("figcaption").inner_text().strip() == title_of(language)
    assert STRINGS["video_coming"][language] in figure.inner_text()
    assert figure.locator("iframe, button, a").count() == 0


def test_the_accessibility_statement_lists_the_missing_transcript_and_captions(built_site) -> None:
    guide = (built_site / "index.html").read_text(encoding="utf-8")
    statement = (built_site / "accessibility/index.html").read_text(encoding="utf-8")
    if "site-video__transcript\"><a" not in guide:  # no transcript yet: the gap is listed
        assert re.search(r"video does not yet have captions or a transcript", statement)
        assert "1.2.2" in statement and "1.2.3" in statement


# --- A real address (sample site) -------------------------------------------------------------

@pytest.mark.parametrize("language", LANGUAGES)
def test_before_consent_a_placeholder_and_nothing_from_google(page: Page, sample_url: str, language: str) -> None:
    outside = fresh(page, sample_url + language_root(language))
    figure = page.locator(FIGURE)
    title = title_of(language)
    box = figure.locator("[data-video-frame]").bounding_box()
    assert abs(box["width"] / box["height"] - 16 / 9) < 0.02, "the placeholder has the video's size"
    assert title in figure.inner_text()
    assert "YouTube (Google)" in figure.inner_text() or "یوٹیوب (گوگل)" in figure.inner_text()
    play = figure.get_by_role("button", name=STRINGS["video_play"][language].replace("{title}", title))
    assert play.is_visible()
    link = figure.get_by_role("link", name=STRINGS["video_watch"][language])
    assert link.get_attribute("href") == f"https://www.youtube.com/watch?v={SAMPLE_VIDEO_ID}"
    page.locator("[data-video-play]").hover()  # a real pointer over the button and the link
    page.locator(f"{FIGURE} .site-video__link").hover()
    # (Every event on every element of every page: test_site_is_accessible.test_a_new_visitor.)
    page.wait_for_load_state("networkidle")
    assert outside == [] and not any(GOOGLE.search(u) for u in outside)
    assert page.context.cookies() == []
    assert page.locator("iframe").count() == 0


def test_play_asks_first_and_not_now_keeps_the_placeholder(page: Page, sample_url: str) -> None:
    outside = fresh(page, sample_url + "/")
    page.locator("[data-video-play]").click()
    ask = page.locator("[data-video-ask]")
    assert ask.is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-video-ask')")
    assert violations(page) == []
    page.locator("[data-video-cancel]").click()
    assert ask.is_hidden()
    assert page.evaluate("document.activeElement.hasAttribute('data-video-play')")
    assert page.locator("iframe").count() == 0 and outside == []
    assert page.context.cookies() == []


def test_after_consent_the_privacy_enhanced_player_is_named_and_focused(page: Page, sample_url: str) -> None:
    outside = fresh(page, sample_url + "/")
    assert violations(page) == []  # the placeholder state
    page.locator("[data-video-play]").click()
    page.locator("[data-video-allow]").click()
    iframe = page.locator(f"{FIGURE} iframe")
    iframe.wait_for()
    src = iframe.get_attribute("src")
    assert urlsplit(src).netloc == "www.youtube-nocookie.com" and SAMPLE_VIDEO_ID in src
    assert iframe.get_attribute("title") == STRINGS["video_frame_title"]["en"].replace("{title}", title_of("en"))
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    # The player's frame has loaded. Not "networkidle": the first click also starts Material's
    # script, and Playwright then sometimes never reports the page idle (as in test_consent.py).
    iframe.element_handle().content_frame().wait_for_load_state("load")
    assert all(urlsplit(u).netloc == "www.youtube-nocookie.com" for u in outside), outside
    assert violations(page) == []  # the loaded state
    # Consent for YouTube alone: the banner's question is answered with a confirmation.
    assert page.locator("[data-consent-question]").is_hidden()


def test_the_player_keeps_its_name_when_materials_script_starts_after_it(page: Page, sample_url: str) -> None:
    # Material's script starts at the reader's first action, which can be the tap on "Play video";
    # on a slow connection it arrives after the player is in. Its tooltips must not take the title.
    fresh(page, sample_url + "/")
    held = []  # Material's script, answered when the player is in
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: held.append(route))
    page.locator("[data-video-play]").click()
    page.locator("[data-video-allow]").click()
    iframe = page.locator(f"{FIGURE} iframe")
    iframe.wait_for()
    assert held, "the first action asks for Material's script"
    # A probe beside the player, with a title of its own: once Material's tooltips are running,
    # hovering it moves its title into a tooltip. The player keeps the focus all along.
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<span title=\"probe\">probe</span>')")
    held[0].continue_()
    page.wait_for_selector("html.js", state="attached")  # Material has started
    probe = page.locator("article span:text('probe')")
    for _ in range(100):  # until its tooltips are running (a pointer already over it is not an entry)
        page.mouse.move(0, 0)
        probe.hover()
        if probe.get_attribute("title") is None:
            break
    assert probe.get_attribute("title") is None, "Material's tooltips never started"
    probe.evaluate("el => { document.getElementById(el.getAttribute('aria-describedby'))?.remove(); el.remove(); }")
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    assert iframe.get_attribute("title") == STRINGS["video_frame_title"]["en"].replace("{title}", title_of("en"))
    assert iframe.get_attribute("aria-describedby") is None, "no tooltip over the player"
    assert iframe.get_attribute("allowfullscreen") is None, "fullscreen through allow alone (both: a console warning)"
    assert violations(page) == []


def test_a_reader_who_accepted_all_cookies_plays_at_once(page: Page, sample_url: str) -> None:
    fresh(page, sample_url + "/pl/")
    page.click("[data-consent-accept]")
    page.locator("[data-consent-confirmation]").wait_for(state="visible")  # the record is written
    page.locator("[data-video-play]").click()
    page.locator(f"{FIGURE} iframe").wait_for()
    assert page.locator("[data-video-ask]").is_hidden()
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"


def test_accept_then_play_at_once_plays_while_the_consent_library_is_still_downloading(page: Page, sample_url: str) -> None:
    # On a slow connection the consent library (downloaded at the first cookie button) can still
    # be on its way when the reader presses "Play video": the reader has just accepted, so the
    # video plays when the choice is recorded – no second question.
    fresh(page, sample_url + "/")
    held = []  # the library's request, answered when the test says so
    page.route("**/cookieconsent.umd.js", lambda route: held.append(route))
    with page.expect_request("**/cookieconsent.umd.js"):  # accepting asks for the consent library
        page.click("[data-consent-accept]")
    page.click("[data-video-play]")
    page.wait_for_function("true")  # a round trip to the page: the route handler has run
    assert held, "the library's request reached the test"
    assert page.locator("[data-video-ask]").is_hidden()
    held[0].continue_()
    page.locator(f"{FIGURE} iframe").wait_for()
    assert page.locator("[data-video-ask]").is_hidden()


def test_withdrawing_consent_puts_the_placeholder_back(page: Page, sample_url: str) -> None:
    fresh(page, sample_url + "/")
    page.click("[data-consent-accept]")
    page.locator("[data-video-play]").click()
    page.locator(f"{FIGURE} iframe").wait_for()
    page.click("[data-consent-hide]")
    page.click("footer [data-consent-open]")
    page.wait_for_selector("#cc-main .pm", state="visible")
    page.click("#cc-main .pm__btn[data-role=necessary]")
    page.wait_for_selector("#cc-main .pm", state="hidden")
    assert page.locator("iframe").count() == 0
    assert page.locator("[data-video-play]").is_visible()


def test_without_javascript_the_plain_link_to_the_video(browser: Browser, sample_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(sample_url + "/")
    figure = page.locator(FIGURE)
    assert figure.locator("button:visible").count() == 0
    assert figure.get_by_role("link", name=STRINGS["video_watch"]["en"]).is_visible()
    context.close()


def test_right_to_left_in_urdu_and_the_address_stays_left_to_right(page: Page, sample_url: str) -> None:
    fresh(page, sample_url + "/ur/")
    figure = page.locator(FIGURE)
    assert figure.evaluate("el => getComputedStyle(el).direction") == "rtl"
    play = figure.locator("[data-video-play]").bounding_box()
    frame = figure.locator("[data-video-frame]").bounding_box()
    assert play["x"] + play["width"] > frame["x"] + frame["width"] * 0.6, "the button starts at the right"
    assert figure.locator(".site-video__address [dir=ltr]").count() == 1


def test_in_print_the_title_and_the_address(page: Page, sample_url: str) -> None:
    page.goto(sample_url + "/")
    page.emulate_media(media="print")
    figure = page.locator(FIGURE)
    assert figure.locator("[data-video-frame]").is_hidden()
    caption = figure.locator("figcaption").inner_text()
    assert title_of("en") in caption and f"https://www.youtube.com/watch?v={SAMPLE_VIDEO_ID}" in caption


def test_an_editor_fills_the_transcript_slot_with_a_page() -> None:
    html = (site("sample") / "index.html").read_text(encoding="utf-8")
    assert re.search(r'class="site-video__transcript"><a href="transcript/"[ >]', html), "a link to the transcript page"
    polish = (site("sample") / "pl/index.html").read_text(encoding="utf-8")
    assert STRINGS["video_transcript_missing"]["pl"] in polish, "a page without one says so"
