"""A reader who prints gets clean pages in their language: a print page per language with every
resource under its title, browser printing with the address of every link, and, on a machine
without WeasyPrint's libraries, one line saying what to install. Each resource's PDF is checked
in test_pdf.py and test_resources.py; an editor's mistakes in the printable parts (images, the
download line) are in tests/editor_mistakes/."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from playwright.sync_api import Page

from built_pages import Document, document, text_of
from conftest import LANGUAGES, ROOT, direction, hook, language_root, page_file, site_pages
from sites import build_site, site

STRINGS = yaml.safe_load((ROOT / "docs/_data/strings/printable.yml").read_text(encoding="utf-8"))
PDF_NAMES = [f"working-towards-co-production-{language}.pdf" for language in LANGUAGES]


def root_of(language: str) -> str:
    return language_root(language).lstrip("/")


def guide(language: str) -> Document:
    return document(page_file(language_root(language)))


def print_page(language: str, kind: str = "shipped") -> Document:
    return document(page_file(language_root(language) + "print_page/", site(kind)))


def printable_content(page: Document, without: str | None = None):
    content = page.first("div#print-site-page")
    if without:
        unwanted = page.all(without)
        for parent in list(content.iter()):
            for child in list(parent):
                if child in unwanted:
                    parent.remove(child)
    return content


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_own_print_page_in_that_language(language: str) -> None:
    page = print_page(language)
    assert page.root.get("lang") == language
    assert page.first("body").get("dir") == direction(language)
    assert text_of(page.first("title")).startswith(STRINGS["print_page_title"][language])
    assert text_of(page.first("nav.printable-contents h2")) == STRINGS["print_contents_heading"][language]
    content = page.first("div#print-site-page")
    # Its own heading, the site's name; then each page one level lower, the guide's title first.
    assert text_of(content.find(".//h1")) == text_of(page.first("title")).split(" - ")[-1]
    guide_headings = [(int(h.tag[1]) + 1, text_of(h)) for h in guide(language).first("article").iter()
                      if h.tag in ("h1", "h2", "h3")]
    print_headings = [(int(h.tag[1]), text_of(h)) for h in content.iter() if h.tag in ("h2", "h3", "h4")]
    assert print_headings[1:len(guide_headings) + 1] == guide_headings  # after the print page's own "Contents"
    # The guide's own words, not another language's: its first paragraph is on the print page.
    first_paragraph = text_of(guide(language).first("article p"))
    assert first_paragraph in text_of(content)


@pytest.mark.parametrize("language", LANGUAGES)
def test_print_page_lists_each_resource_under_its_title_with_links_that_work_without_javascript(language: str) -> None:
    """The site with a second resource: the contents name each resource's title, then its sections."""
    page = print_page(language, "library")
    ids = {element.get("id") for element in page.root.iter() if element.get("id")}
    groups = list(page.first("nav.printable-contents ul"))
    titles = [text_of(group.find("a")) for group in groups]
    resource = document(page_file(language_root(language) + "parent-forums/", site("library")))
    assert titles == [text_of(guide(language).first("h1")), text_of(resource.first("article h1"))], titles
    for group in groups:
        assert len(group.find("ul")) >= 2  # the resource's sections
    for link in page.all("nav.printable-contents a"):
        assert link.get("href")[1:] in ids, link.get("href")
    # Each resource's download link leads to that resource's PDF.
    downloads = [link.get("href") for link in page.all("p.site-download a")]
    assert downloads == [f"../working-towards-co-production-{language}.pdf",
                         f"../parent-forums/parent-forums-{language}.pdf"], downloads


@pytest.mark.parametrize("language", LANGUAGES)
def test_print_page_has_the_online_address_and_the_date(language: str) -> None:
    details = print_page(language).first("div.printable-details")
    address = "https://co-production.abetterstartsouthend.co.uk/" + root_of(language)
    assert details.find(".//a").get("href") == address
    assert details.find(".//img").get("alt") == STRINGS["print_qr_code_alt"][language]
    assert details.find(".//img").get("src").startswith("data:image/svg+xml")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", details.find(".//time").get("datetime"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_print_pages_language_switcher_leads_to_the_other_print_pages(language: str) -> None:
    links = {link.get("hreflang"): link.get("href") for link in print_page(language).all("a.md-select__link")}
    assert sorted(links) == sorted(LANGUAGES)
    for other, href in links.items():
        target = (page_file(language_root(language) + "print_page/").parent / href).resolve()
        assert target == page_file(language_root(other) + "print_page/").parent.resolve(), (other, href)


@pytest.mark.parametrize("path", site_pages())
def test_every_stylesheet_and_script_is_loaded_once_and_print_sites_only_on_print_pages(path: str) -> None:
    """print-site's script runs on its print page; a reader of any other page does not download it."""
    page = document(page_file(path))
    sources = [element.get("href") for element in page.all("link[rel=stylesheet]")]
    scripts = [element.get("src") for element in page.all("script[src]")]
    assert len(sources + scripts) == len(set(sources + scripts)), [s for s in sources + scripts if (sources + scripts).count(s) > 1]
    assert any(src.endswith("js/print-site.js") for src in scripts) == path.endswith("/print_page/"), scripts


@pytest.mark.parametrize("language", LANGUAGES)
def test_printing_shows_each_links_address_and_the_video_as_title_and_address(page: Page, base_url: str, language: str) -> None:
    page.goto(base_url + language_root(language))
    page.emulate_media(media="print")
    after = page.evaluate("""() => [...document.querySelectorAll('article a[href]')]
        .filter(a => a.checkVisibility() && !a.getAttribute('href').startsWith('#'))
        .map(a => [a.textContent.trim(), a.getAttribute('href'), getComputedStyle(a, '::after').content])""")
    # The video's title and address in print: tests/test_video.py, on a guide with a real
    # address (the shipped guide still has the placeholder VIDEO_ID, so no address to print).
    download = [entry for entry in after if entry[1].endswith(".pdf")]
    assert download and f"https://co-production.abetterstartsouthend.co.uk/{root_of(language)}working-towards-co-production-{language}.pdf" in download[0][2]
    for text, href, content in after:
        assert content not in ("none", "normal", ""), f"{text} prints without its address"
    page.emulate_media(media="screen")
    # On screen, the addresses are not shown.
    assert page.evaluate("getComputedStyle(document.querySelector('article a[href$=\".pdf\"]'), '::after').content") in ("none", "normal")


def test_without_weasyprint_the_build_says_in_one_line_what_to_install(tmp_path: Path) -> None:
    # A WeasyPrint that cannot load its system library, as on a machine without Pango.
    fake = tmp_path / "fake" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file\")\n")
    # Its own empty PDF cache: every PDF must be rendered, and cannot be.
    result = build_site(tmp_path / "site", {"PYTHONPATH": str(fake.parent), "PRINTABLE_CACHE_DIR": str(tmp_path / "cache")})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    errors = [line for line in output.splitlines() if "apt-get install" in line]
    assert len(errors) == 1 and "libpango" in errors[0], output[-2000:]
    assert "Traceback" not in output
    assert not list((tmp_path / "site").rglob("*.pdf"))


def test_a_link_to_another_page_of_the_site_prints_with_its_full_address() -> None:
    print_page = hook("print_page")

    html = print_page.with_print_addresses(
        '<p><a href="../cookies/">Cookies</a>, <a class="x" href="../accessibility/#contact">contact</a>, '
        '<a href="#top">top</a> and <a href="https://example.org/">elsewhere</a></p>',
        SimpleNamespace(url="pl/", file=SimpleNamespace(src_uri="index.pl.md")),
        SimpleNamespace(site_url="https://co-production.example/"))
    links = Document(html).all("a")
    assert [link.get("data-print-address") for link in links] == [
        "https://co-production.example/cookies/", "https://co-production.example/accessibility/#contact", None, None]
    assert [link.get("href") for link in links] == ["../cookies/", "../accessibility/#contact", "#top", "https://example.org/"]
