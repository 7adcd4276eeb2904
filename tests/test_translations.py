"""Readers of Polish, Romanian and Urdu get every page in their language (or, until it is
translated, the English page marked as English with a notice in their language); editors get a
status table and a one-line error for a broken translation."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import material as material_package
import pytest
import yaml
from playwright.sync_api import Page

from axe import violations
from conftest import LANGUAGES, ROOT, QuietHandler, build_site, hook, page_file, site_dir, site_pages

# The address the site is published at: site_url in mkdocs.yml (SITE_URL overrides it).
SITE_URL = os.environ.get("SITE_URL") or re.search(r'site_url: !ENV \[SITE_URL, "([^"]+)"\]',
                                                   (ROOT / "mkdocs.yml").read_text(encoding="utf-8")).group(1)
DOCS = ROOT / "docs"
TRANSLATED = [path for path in site_pages() if path.split("/")[1] in LANGUAGES[1:]]
HTML_PAGES = [path for path in site_pages() if path != "/404.html"]


def english_pages() -> list[str]:
    """The English Markdown pages ("index.md", "cookies.md", …)."""
    return sorted(p.name for p in DOCS.glob("*.md") if len(p.name.split(".")) == 2)


def page_url(name: str, language: str) -> str:
    """The URL path of a page in a language: ("cookies.md", "pl") -> "/pl/cookies/"."""
    stem = name[: -len(".md")]
    return ("/" if language == "en" else f"/{language}/") + ("" if stem == "index" else f"{stem}/")


def html_of(path: str, site: Path | None = None) -> str:
    return page_file(path, site).read_text(encoding="utf-8")


def language_of(path: str) -> str:
    first = path.split("/")[1]
    return first if first in LANGUAGES[1:] else "en"


def strings(language: str) -> dict[str, str]:
    """Every interface string of docs/_data/strings/*.yml in one language."""
    texts = {}
    for file in sorted((DOCS / "_data" / "strings").glob("*.yml")):
        for key, entry in (yaml.safe_load(file.read_text(encoding="utf-8")) or {}).items():
            texts[key] = entry[language]
    return texts


def exists_in_site(path: str, site: Path | None = None) -> bool:
    path = path.split("#")[0]
    file = (site or site_dir()) / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
    return file.is_file()


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
    direction = "rtl" if language == "ur" else "ltr"
    assert re.search(rf'<body dir="{direction}"', html), f"{path} is not dir={direction}"


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


def test_urdu_pages_read_right_to_left_with_an_urdu_font(page: Page, base_url: str) -> None:
    page.goto(base_url + "/ur/")
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
        strip = lambda p: re.sub(r"^/(pl|ro|ur)/", "/", p)  # noqa: E731
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
    page.wait_for_timeout(300)
    assert page.locator(".md-select__inner").evaluate("el => getComputedStyle(el).opacity") == "1", \
        "the list of languages stays invisible while a keyboard user is in it"
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
    tree = ET.parse(site_dir() / "sitemap.xml")
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
def test_translated_page_shows_no_english_interface_text(page: Page, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    text = page.evaluate(VISIBLE_TEXT)
    own = set(strings(language_of(path)).values())
    leaks = [english for english in english_interface_strings()
             if english not in own and re.search(rf"(?<!\w){re.escape(english)}(?!\w)", text)]
    assert leaks == [], f"{path} shows English: {leaks}"


# ---------------------------------------------------------------- search

@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_a_search_index_of_its_own_pages(language: str) -> None:
    folder = site_dir() if language == "en" else site_dir() / language
    index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"], f"the {language} search index is empty"
    prefix = "/" if language == "en" else f"/{language}/"
    for entry in index["docs"]:
        target = prefix + entry["location"]
        assert exists_in_site(target), f"{language} search result {target} does not exist"
        assert re.search(rf'<html lang="{language}"', html_of(target.split("#")[0]))
        assert language_of(target) == language


@pytest.mark.parametrize("path, query", [("/pl/", "Chromium"), ("/ur/accessibility/", "Chromium"), ("/ro/", "Chromium"),
                                         ("/", "Chromium"), ("/pl/", "współtworzenia"),
                                         ("/ro/accessibility/", "traducerile"), ("/ur/", "مشورے")])
def test_search_finds_pages_in_the_readers_language_only(page: Page, base_url: str, path: str, query: str) -> None:
    page.goto(base_url + path)
    page.locator("input.md-search__input").click()
    # Wait until the search index has loaded ("Type to start searching" in the page's language).
    page.wait_for_function("""() => document.querySelector('.md-search-result__meta').textContent.trim() ===
        JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']""")
    page.keyboard.type(query)
    # Playwright inserts Polish or Urdu letters without key events, which a real keyboard sends
    # and Material listens to: a last key press stands in for them.
    page.keyboard.press("End")
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
        home = "/" if language == "en" else f"/{language}/"
        text = strings(language)["not_found_home"]
        assert f'<a href="{home}" hreflang="{language}" lang="{language}"' in html, f"no link to {home}"
        assert text in html


# ---------------------------------------------------------------- notices on translations

@pytest.mark.parametrize("path", ["/pl/", "/ro/accessibility/", "/ur/"])
def test_draft_translation_says_so_and_links_to_the_english_original(page: Page, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    notice = page.locator(".site-translation-notice")
    assert notice.is_visible()
    assert strings(language_of(path))["translation_draft_notice"] in notice.inner_text()
    link = notice.locator("a")
    assert link.get_attribute("hreflang") == "en"
    link.click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert urlsplit(page.url).path == re.sub(r"^/(pl|ro|ur)/", "/", path)


@functools.cache
def variant_site() -> tuple[Path, Path]:
    """A copy of the site where the English guide changed after it was translated, the Romanian
    and Urdu accessibility statements are missing, and the Polish one is reviewed."""
    folder = Path(tempfile.mkdtemp(prefix="coproduction-variant-"))
    config = variant_config(folder)
    docs = folder / "docs"
    (docs / "accessibility.ro.md").unlink()
    (docs / "accessibility.ur.md").unlink()
    guide = docs / "index.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nA new sentence in English.\n", encoding="utf-8")
    polish = docs / "accessibility.pl.md"  # reviewed, and made from today's English page
    english_hash = hashlib.sha256((docs / "accessibility.md").read_bytes()).hexdigest()[:12]
    text = polish.read_text(encoding="utf-8").replace("reviewed: false", "reviewed: true")
    polish.write_text(re.sub(r"source: \w+", f"source: {english_hash}", text, count=1), encoding="utf-8")
    result = build_site(folder / "site", config=config)
    assert result.returncode == 0, result.stderr
    return folder / "site", config


def variant_config(folder: Path) -> Path:
    """Copy docs/ into folder and write a mkdocs.yml there that uses the project's hooks and templates."""
    shutil.copytree(DOCS, folder / "docs")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"^(\s*- )hooks/", rf"\g<1>{ROOT}/hooks/", text, flags=re.MULTILINE)
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT}/overrides")
    config = folder / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def test_a_missing_translation_shows_the_english_page_marked_as_english(browser) -> None:
    site, _ = variant_site()
    for language in ["ro", "ur"]:
        html = html_of(f"/{language}/accessibility/", site)
        notice = strings(language)["translation_fallback_notice"]
        assert notice in html, f"/{language}/accessibility/ has no notice in its language"
        article = re.search(r"<article.*?</article>", html, re.DOTALL).group(0)
        assert re.search(r'<div class="site-english" dir="ltr" lang="en">\s*<h1', article)
        assert "This accessibility statement applies" in article
        outside = re.sub(r'<div class="site-english".*?</div>', "", article, flags=re.DOTALL)
        assert "This accessibility statement applies" not in outside
    # In a browser: the English text of the Urdu page runs left to right, the page around it right to left.
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.server_port}/ur/accessibility/")
        assert page.locator(".site-english").last.evaluate("el => getComputedStyle(el).direction") == "ltr"
        assert page.locator(".site-translation-notice").evaluate("el => getComputedStyle(el).direction") == "rtl"
        assert page.locator(".site-translation-notice").is_visible()
        assert violations(page) == []
    finally:
        context.close()
        server.shutdown()


def test_an_english_change_marks_translations_as_out_of_date() -> None:
    site, _ = variant_site()
    for language in LANGUAGES[1:]:
        html = html_of(f"/{language}/", site)
        assert strings(language)["translation_stale_notice"] in html
        assert strings(language)["translation_draft_notice"] in html
    reviewed = html_of("/pl/accessibility/", site)
    assert "site-translation-notice" not in reviewed, "a reviewed, up-to-date translation still shows a notice"


def test_make_translations_prints_each_page_and_language() -> None:
    _, config = variant_site()
    result = subprocess.run([sys.executable, "hooks/translation_status.py", "-f", str(config)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split("  ") for line in result.stdout.splitlines()[2:]}
    cells = lambda page: [c.strip() for c in rows[page] if c.strip()][1:4]  # noqa: E731
    assert cells("index.md") == ["draft, stale"] * 3
    assert cells("accessibility.md") == ["up to date", "missing", "missing"]
    real = subprocess.run(["make", "--no-print-directory", "translations"], cwd=ROOT, capture_output=True, text=True)
    assert real.returncode == 0 and "index.md" in real.stdout, real.stdout + real.stderr


@pytest.mark.parametrize("front_matter, line, fragment", [
    ("title: T\ndescription: D\ntranslation:\n  source: 884decda19e2\n  reviewed: perhaps\n", 6, "reviewed"),
    ("title: T\ndescription: D\ntranslation: {source: 884decda19e2, reviewed: false\n", 4, "YAML"),
    ("title: T\ndescription: D\n", 1, "translation"),
    ("description: D\ntranslation: {source: 884decda19e2, reviewed: false}\n", 1, "title"),
])
def test_broken_translation_front_matter_stops_the_build_with_one_line(front_matter: str, line: int, fragment: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="coproduction-broken-"))
    config = variant_config(folder)
    polish = folder / "docs" / "index.pl.md"
    body = polish.read_text(encoding="utf-8").split("---\n", 2)[2]
    polish.write_text(f"---\n{front_matter}---\n{body}", encoding="utf-8")
    result = build_site(folder / "site", config=config)
    output = result.stdout + result.stderr
    assert result.returncode != 0, "the build accepted a broken translation"
    assert "Traceback" not in output
    errors = [text for text in output.splitlines() if "docs/index.pl.md" in text]
    assert len(errors) == 1 and fragment in errors[0], output
    assert f"docs/index.pl.md:{line}:" in errors[0], errors[0]
    status = subprocess.run([sys.executable, "hooks/translation_status.py", "-f", str(config)],
                            cwd=ROOT, capture_output=True, text=True)
    assert status.returncode == 1 and "docs/index.pl.md" in status.stderr and "Traceback" not in status.stderr
    shutil.rmtree(folder)


def test_hooks_know_when_every_language_is_built():
    """The hooks that work on the whole site wait for static-i18n's last pass; they learn of it from
    the plugin's own flag (checked on the real plugin, so a renamed flag fails here, not in a build)."""
    from types import SimpleNamespace

    from mkdocs_static_i18n.plugin import I18n

    strings = hook("strings")
    plugin = I18n()
    assert "building" in vars(plugin)
    config = SimpleNamespace(plugins={"i18n": plugin})
    assert strings.all_languages_built(config)
    plugin.building = True  # what static-i18n sets while it builds the other languages
    assert not strings.all_languages_built(config)
    assert strings.all_languages_built(SimpleNamespace(plugins={}))  # a site without translations
