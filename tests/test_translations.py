"""Readers of Polish, Romanian and Urdu get every page in their language (or, until it is
translated, the English page marked as English with a notice in their language); editors get a
status table and a one-line error for a broken translation."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import material as material_package
import pytest
import yaml
from mkdocs.exceptions import PluginError
from playwright.sync_api import Page, expect

from axe import violations
from conftest import (LANGUAGES, ROOT, direction, english_pages, language_of, language_root, page_file, page_url,
                      search_for, shared_tab, site_pages, visit)
from servers import served
from shared.translations import read_translation
from sites import built, site

# The address the site is published at: site_url in mkdocs.yml (SITE_URL overrides it).
SITE_URL = os.environ.get("SITE_URL") or re.search(r'site_url: !ENV \[SITE_URL, "([^"]+)"\]',
                                                   (ROOT / "mkdocs.yml").read_text(encoding="utf-8")).group(1)
DOCS = ROOT / "docs"
TRANSLATED = [path for path in site_pages() if path.split("/")[1] in LANGUAGES[1:]]
HTML_PAGES = [path for path in site_pages() if path != "/404.html"]
tab = shared_tab()  # each test opens its page in it with visit(), as a new visitor

LANGUAGE_FOLDER = re.compile(r"^/(" + "|".join(LANGUAGES[1:]) + r")/")


def html_of(path: str, built_site: Path | None = None) -> str:
    return page_file(path, built_site).read_text(encoding="utf-8")


def strings(language: str) -> dict[str, str]:
    """Every interface string of docs/_data/strings/*.yml in one language."""
    texts = {}
    for file in sorted((DOCS / "_data" / "strings").glob("*.yml")):
        for key, entry in (yaml.safe_load(file.read_text(encoding="utf-8")) or {}).items():
            texts[key] = entry[language]
    return texts


def exists_in_site(path: str, built_site: Path | None = None) -> bool:
    return page_file(path.split("#")[0], built_site).is_file()


# ---------------------------------------------------------------- every page in every language

@pytest.mark.parametrize("name", english_pages())
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_is_built_in_every_language(name: str, language: str) -> None:
    assert exists_in_site(page_url(name, language)), f"{page_url(name, language)} was not built"


@pytest.mark.parametrize("path", HTML_PAGES)
def test_page_says_its_language_and_direction(path: str) -> None:
    html = html_of(path)
    language = language_of(path)
    assert re.search(rf'<html lang="{language}"', html), f"{path} does not have <html lang={language}>"
    expected = direction(language)
    assert re.search(rf'<body dir="{expected}"', html), f"{path} is not dir={expected}"


def test_translations_mirror_the_english_headings_video_and_download_marker() -> None:
    for name in english_pages():
        english = (DOCS / name).read_text(encoding="utf-8")
        levels = re.findall(r"^(#+) ", english, re.MULTILINE)
        for language in LANGUAGES[1:]:
            file = DOCS / name.replace(".md", f".{language}.md")
            if not file.exists():
                continue
            text = file.read_text(encoding="utf-8")
            assert re.findall(r"^(#+) ", text, re.MULTILINE) == levels, f"{file.name}: headings differ from {name}"
            for marker in ["<!-- md:download-printable -->"]:
                assert (marker in text) == (marker in english), f"{file.name}: {marker} is missing"
            if "{ .video }" in english:
                assert re.search(r"^\[[^\]]+\]\(https://www\.youtube\.com/watch\?v=\w+\)\{ \.video \}$", text, re.MULTILINE), \
                    f"{file.name}: the video line is missing"


def test_urdu_pages_read_right_to_left_with_an_urdu_font(tab: Page, base_url: str) -> None:
    page = tab
    visit(page, base_url + "/ur/")
    article = page.locator("article")
    assert article.evaluate("el => getComputedStyle(el).direction") == "rtl"
    # The first bullet list's items start at the right edge of the text column.
    box = article.bounding_box()
    item = page.locator("article li").first.bounding_box()
    assert box["x"] + box["width"] - (item["x"] + item["width"]) < 40, "list items are not aligned to the right"
    font = article.evaluate("el => getComputedStyle(el).fontFamily")
    assert font.startswith('"Noto Nastaliq Urdu"'), font
    # The navigation is mirrored too: on a wide screen it sits to the right of the content.
    page.set_viewport_size({"width": 1400, "height": 900})
    nav = page.locator(".md-sidebar--primary").bounding_box()
    assert nav["x"] > page.locator("article").bounding_box()["x"], "the navigation is not on the right"


def test_urdu_headings_have_readable_urdu_anchors() -> None:
    ids = re.findall(r'<h[2-6] id="([^"]+)"', html_of("/ur/"))
    assert ids and all(re.search(r"[\u0600-\u06ff]", anchor) for anchor in ids), ids
    assert "کھلے-ذہن-سے-شروع-کریں" in ids
    assert not any(re.fullmatch(r"ur-?_\d*|_\d+", anchor) for anchor in ids), ids


# ---------------------------------------------------------------- language switcher

@pytest.mark.parametrize("path", HTML_PAGES)
def test_language_switcher_leads_to_the_same_page_in_every_language(path: str) -> None:
    html = html_of(path)
    links = re.findall(r'<a href="([^"]*)" hreflang="([^"]+)" class="md-select__link" lang="([^"]+)"', html)
    assert sorted(lang for _, lang, _ in links) == sorted(LANGUAGES), f"{path}: switcher has {links}"
    for href, hreflang, lang in links:
        assert hreflang == lang
        target = urlsplit(urljoin("http://site" + path, href)).path
        assert exists_in_site(target), f"{path}: the {hreflang} link {href} leads nowhere"
        assert re.search(rf'<html lang="{hreflang}"', html_of(target)), f"{target} is not in {hreflang}"
        # The same page: the address without the language folder is the same.
        strip = lambda p: LANGUAGE_FOLDER.sub("/", p)  # noqa: E731
        assert strip(target) == strip(path), f"{path}: the {hreflang} link goes to {target}"


def test_a_keyboard_user_can_switch_language(browser, base_url: str) -> None:
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(base_url + "/pl/accessibility/")
    button = page.locator(".md-select > button")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.md-select') !== null"):
            break
    assert button.evaluate("el => el === document.activeElement"), "Tab never reaches the language button"
    page.keyboard.press("Enter")  # the list opens when the button is pressed, not on focus
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('hreflang')")
    assert focused == "en"
    assert page.locator(".md-select__link[hreflang=en]").is_visible()
    # The list of languages does not stay invisible while a keyboard user is in it.
    expect(page.locator(".md-select__inner")).to_have_css("opacity", "1")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # English, Polski, Română
    assert page.evaluate("document.activeElement.textContent.trim()") == "Română"
    page.keyboard.press("Enter")
    page.wait_for_url(base_url + "/ro/accessibility/")
    assert page.locator("html").get_attribute("lang") == "ro"
    context.close()


# ---------------------------------------------------------------- hreflang and sitemap

@pytest.mark.parametrize("path", HTML_PAGES)
def test_page_lists_every_language_and_x_default_with_absolute_addresses(path: str) -> None:
    links = dict((lang, href) for lang, href in
                 re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html_of(path)))
    assert sorted(links) == sorted([*LANGUAGES, "x-default"]), f"{path}: {links}"
    assert len(re.findall(r'<link rel="alternate"[^>]*hreflang', html_of(path))) == 5, f"{path}: duplicate alternates"
    assert links[language_of(path)] == SITE_URL + path.lstrip("/"), f"{path}: its own alternate is {links}"
    assert links["x-default"] == links["en"]
    for lang, href in links.items():
        assert href.startswith(SITE_URL), href
        local = "/" + href[len(SITE_URL):]
        assert exists_in_site(local), f"{path}: {href} does not exist"
        assert re.search(rf'<html lang="{"en" if lang == "x-default" else lang}"', html_of(local))


def test_sitemap_lists_every_page_with_its_alternates() -> None:
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(site() / "sitemap.xml")
    urls = tree.getroot().findall("s:url", namespaces)
    locations = sorted(url.find("s:loc", namespaces).text for url in urls)
    # Every page but the print pages: a printing view of the guide, which is listed itself.
    assert locations == sorted(SITE_URL + path.lstrip("/") for path in HTML_PAGES if not path.endswith("print_page/"))
    for url in urls:
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces)}
        assert sorted(alternates) == sorted([*LANGUAGES, "x-default"]), alternates
        assert alternates["x-default"] == alternates["en"]
        assert url.find("s:loc", namespaces).text in alternates.values()


# ---------------------------------------------------------------- no English interface strings

def english_interface_strings() -> set[str]:
    """Material's English interface strings and the English texts of docs/_data/strings."""
    material = Path(material_package.__file__).parent / "templates" / "partials" / "languages" / "en.html"
    texts = dict(re.findall(r'"([^"]+)": "([^"]*)"', material.read_text(encoding="utf-8")))
    ignored = {"language", "direction", "search.config.lang", "search.config.pipeline", "search.config.separator"}
    found = {text.replace("#", "").strip() for key, text in texts.items() if key not in ignored}
    found |= set(strings("en").values())
    return {text for text in found if len(text) >= 4}


VISIBLE_TEXT = """() => {
  const skip = el => el.closest('[lang="en"], .md-select__list');
  const parts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || skip(el) || ['SCRIPT', 'STYLE'].includes(el.tagName)) continue;
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    parts.push(node.textContent);
  }
  for (const el of document.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
    if (skip(el)) continue;
    for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
      if (el.hasAttribute(name)) parts.push(el.getAttribute(name));
    }
  }
  return parts.join('\\n');
}"""


@pytest.mark.parametrize("path", TRANSLATED)
def test_translated_page_shows_no_english_interface_text(tab: Page, base_url: str, path: str) -> None:
    page = tab
    visit(page, base_url + path)
    text = page.evaluate(VISIBLE_TEXT)
    own = set(strings(language_of(path)).values())
    leaks = [english for english in english_interface_strings()
             if english not in own and re.search(rf"(?<!\w){re.escape(english)}(?!\w)", text)]
    assert leaks == [], f"{path} shows English: {leaks}"


# ---------------------------------------------------------------- search

@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_a_search_index_of_its_own_pages(language: str) -> None:
    folder = site() if language == LANGUAGES[0] else site() / language
    index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"], f"the {language} search index is empty"
    prefix = language_root(language)
    for entry in index["docs"]:
        target = prefix + entry["location"]
        assert exists_in_site(target), f"{language} search result {target} does not exist"
        assert re.search(rf'<html lang="{language}"', html_of(target.split("#")[0]))
        assert language_of(target) == language


@pytest.mark.parametrize("language", ["ro", "ur"])
def test_search_in_a_language_finds_the_english_pages_it_falls_back_to(language: str) -> None:
    """The site where the Romanian and Urdu accessibility statements are missing: readers of those
    languages find the English statement they are shown, at its address in their language."""
    changed = variant_site()
    index = json.loads((changed / language / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = [entry for entry in index["docs"] if entry["location"].split("#")[0] == "accessibility/"]
    assert found, f"the {language} search index leaves out the accessibility statement it falls back to"
    assert "This accessibility statement applies" in " ".join(entry["text"] for entry in found)
    assert exists_in_site(f"/{language}/accessibility/", changed)


@pytest.mark.parametrize("path, query", [("/pl/", "Chromium"), ("/ur/accessibility/", "Chromium"), ("/ro/", "Chromium"),
                                         ("/", "Chromium"), ("/pl/", "współtworzenia"),
                                         ("/ro/accessibility/", "traducerile"), ("/ur/", "مشورے")])
def test_search_finds_pages_in_the_readers_language_only(tab: Page, base_url: str, path: str, query: str) -> None:
    page = tab
    visit(page, base_url + path)
    page.locator("input.md-search__input").click()
    # Wait until the search index has loaded ("Type to start searching" in the page's language).
    page.wait_for_function("""() => document.querySelector('.md-search-result__meta').textContent.trim() ===
        JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']""")
    search_for(page, query)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10000)
    hrefs = results.evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    assert hrefs, f"no results for {query} on {path}"
    language = language_of(path)
    assert all(language_of(href) == language for href in hrefs), f"{query} on {path} found {hrefs}"
    assert all(exists_in_site(href) for href in hrefs), hrefs
    if language != "en":  # the count of results is in the reader's language too
        meta = page.locator(".md-search-result__meta").inner_text()
        assert "matching document" not in meta and "more on this page" not in meta, meta


# ---------------------------------------------------------------- the 404 page

def test_page_not_found_is_in_english_with_links_to_every_home() -> None:
    html = html_of("/404.html")
    assert '<html lang="en"' in html and '<body dir="ltr"' in html
    assert "Page not found" in html
    # No page in any language: no hreflang links (relative ones are invalid for search engines).
    assert '<link rel="alternate"' not in html
    for language in LANGUAGES:
        home = language_root(language)
        text = strings(language)["not_found_home"]
        assert f'<a href="{home}" hreflang="{language}" lang="{language}"' in html, f"no link to {home}"
        assert text in html


# ---------------------------------------------------------------- notices on translations

@pytest.mark.parametrize("path", ["/pl/", "/ro/accessibility/", "/ur/"])
def test_draft_translation_says_so_and_links_to_the_english_original(tab: Page, base_url: str, path: str) -> None:
    page = tab
    visit(page, base_url + path)
    notice = page.locator(".site-translation-notice")
    assert notice.is_visible()
    assert strings(language_of(path))["translation_draft_notice"] in notice.inner_text()
    link = notice.locator("a")
    assert link.get_attribute("hreflang") == "en"
    link.click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert urlsplit(page.url).path == LANGUAGE_FOLDER.sub("/", path)


def variant_site() -> Path:
    """The site where the English guide changed after it was translated, the Romanian and Urdu
    accessibility statements are missing, and the Polish one is reviewed (sites.py)."""
    return site("translations_changed")


def test_a_missing_translation_shows_the_english_page_marked_as_english(browser) -> None:
    changed = variant_site()
    for language in ["ro", "ur"]:
        html = html_of(f"/{language}/accessibility/", changed)
        notice = strings(language)["translation_fallback_notice"]
        assert notice in html, f"/{language}/accessibility/ has no notice in its language"
        article = re.search(r"<article.*?</article>", html, re.DOTALL).group(0)
        assert re.search(r'<div class="site-english" dir="ltr" lang="en">\s*<h1', article)
        assert "This accessibility statement applies" in article
        outside = re.sub(r'<div class="site-english".*?</div>', "", article, flags=re.DOTALL)
        assert "This accessibility statement applies" not in outside
    # In a browser: the English text of the Urdu page runs left to right, the page around it right to left.
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(served(changed) + "/ur/accessibility/")
        assert page.locator(".site-english").last.evaluate("el => getComputedStyle(el).direction") == "ltr"
        assert page.locator(".site-translation-notice").evaluate("el => getComputedStyle(el).direction") == "rtl"
        assert page.locator(".site-translation-notice").is_visible()
        assert violations(page) == []
    finally:
        context.close()


def test_an_english_change_marks_translations_as_out_of_date() -> None:
    changed = variant_site()
    for language in LANGUAGES[1:]:
        html = html_of(f"/{language}/", changed)
        assert strings(language)["translation_stale_notice"] in html
        assert strings(language)["translation_draft_notice"] in html
    reviewed = html_of("/pl/accessibility/", changed)
    assert "site-translation-notice" not in reviewed, "a reviewed, up-to-date translation still shows a notice"


def translation_status(config: Path) -> subprocess.CompletedProcess:
    """`make translations` for the project of `config`."""
    return subprocess.run([sys.executable, "-m", "shared.translation_status", "-f", str(config)], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")}, capture_output=True, text=True)


def test_make_translations_prints_each_page_and_language() -> None:
    result = translation_status(built("translations_changed").project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split("  ") for line in result.stdout.splitlines()[2:]}
    cells = lambda page: [c.strip() for c in rows[page] if c.strip()][1:4]  # noqa: E731
    assert cells("index.md") == ["draft, stale"] * 3
    assert cells("accessibility.md") == ["up to date", "missing", "missing"]
    real = subprocess.run(["make", "--no-print-directory", "translations"], cwd=ROOT, capture_output=True, text=True)
    assert real.returncode == 0 and "index.md" in real.stdout, real.stdout + real.stderr


# Each mistake in a translation's front matter, checked by the function the build and
# `make translations` use (the build itself reports it: tests/editor_mistakes/translation_*).
@pytest.mark.parametrize("front_matter, line, fragment", [
    ("title: T\ndescription: D\ntranslation:\n  source: 884decda19e2\n  reviewed: perhaps\n", 6, "reviewed"),
    ("title: T\ndescription: D\ntranslation: {source: 884decda19e2, reviewed: false\n", 4, "YAML"),
    ("title: T\ndescription: D\n", 1, "translation"),
    ("description: D\ntranslation: {source: 884decda19e2, reviewed: false}\n", 1, "title"),
])
def test_a_broken_translation_front_matter_is_one_line_naming_file_and_line(tmp_path: Path, front_matter: str,
                                                                          line: int, fragment: str) -> None:
    (tmp_path / "index.md").write_text("---\ntitle: E\ndescription: E\n---\n\n# E\n", encoding="utf-8")
    polish = tmp_path / "index.pl.md"
    polish.write_text(f"---\n{front_matter}---\n\n# P\n", encoding="utf-8")
    with pytest.raises(PluginError) as error:
        read_translation(polish, "docs/index.pl.md", "pl")
    message = str(error.value)
    assert "\n" not in message and message.startswith(f"docs/index.pl.md:{line}: ") and fragment in message, message


def test_make_translations_reports_a_broken_translation_in_one_line(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
    (docs / "index.md").write_text("---\ntitle: E\ndescription: E\n---\n\n# E\n", encoding="utf-8")
    (docs / "index.pl.md").write_text("---\ntitle: T\n---\n\n# P\n", encoding="utf-8")
    status = translation_status(tmp_path / "mkdocs.yml")
    assert status.returncode == 1 and "docs/index.pl.md" in status.stderr and "Traceback" not in status.stderr
