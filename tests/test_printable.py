"""A reader who prints the guide gets clean pages in their language: a print page per language,
browser printing without the site's furniture, and an editor's mistakes reported in one line.
The PDF itself is checked in test_pdf.py."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pikepdf
import pytest
import tinyhtml5
import yaml
from playwright.sync_api import Page

from conftest import LANGUAGES, ROOT, build_site, hook, page_file, site_dir, site_pages

STRINGS = yaml.safe_load((ROOT / "docs/_data/strings/printable.yml").read_text(encoding="utf-8"))
PDF_NAMES = [f"working-towards-co-production-{language}.pdf" for language in LANGUAGES]


def root_of(language: str) -> str:
    return "" if language == "en" else f"{language}/"


def guide_html(language: str) -> str:
    return (site_dir() / root_of(language) / "index.html").read_text(encoding="utf-8")


def print_page_html(language: str) -> str:
    return (site_dir() / root_of(language) / "print_page" / "index.html").read_text(encoding="utf-8")


def text_of(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


class Document:
    """A built HTML page, parsed the way browsers do."""

    def __init__(self, html: str) -> None:
        self.root = tinyhtml5.parse(html, namespace_html_elements=False)

    def all(self, selector: str) -> list[ET.Element]:
        # "tag", "tag.class", "tag#id", "p.class a": enough for these tests.
        found = [self.root]
        for part in selector.split():
            tag, _, rest = re.match(r"([a-z0-9]*)([.#]?)(.*)", part).groups()
            matches = []
            for ancestor in found:
                for element in ancestor.iter(tag or None):
                    if element is ancestor:
                        continue
                    if _ == "." and rest not in element.get("class", "").split():
                        continue
                    if _ == "#" and element.get("id") != rest:
                        continue
                    matches.append(element)
            found = matches
        return found

    def first(self, selector: str) -> ET.Element:
        found = self.all(selector)
        assert found, f"nothing matches {selector}"
        return found[0]

    def printable_content(self, without: str | None = None) -> ET.Element:
        content = self.first("div#print-site-page")
        if without:
            for parent in list(content.iter()):
                for child in list(parent):
                    if child in self.all(without):
                        parent.remove(child)
        return content


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_own_print_page_in_that_language(language: str) -> None:
    page = Document(print_page_html(language))
    guide = Document(guide_html(language))
    assert page.root.get("lang") == language
    assert page.first("body").get("dir") == ("rtl" if language == "ur" else "ltr")
    assert text_of(page.first("title")).startswith(STRINGS["print_page_title"][language])
    assert text_of(page.first("nav.printable-contents h2")) == STRINGS["print_contents_heading"][language]
    content = page.printable_content()
    assert text_of(content.find(".//h1")) == text_of(guide.first("article h1"))
    guide_headings = [text_of(h) for h in guide.first("article").iter() if h.tag in ("h2", "h3")]
    print_headings = [text_of(h) for h in content.iter() if h.tag in ("h2", "h3")]
    assert print_headings[1:] == guide_headings  # after the print page's own "Contents"
    # The guide's own words, not another language's: its first paragraph is on the print page.
    first_paragraph = text_of(guide.first("article p"))
    assert first_paragraph in text_of(content)


@pytest.mark.parametrize("language", LANGUAGES)
def test_print_page_contents_list_links_to_its_headings_without_javascript(language: str) -> None:
    page = Document(print_page_html(language))
    links = page.all("nav.printable-contents a")
    ids = {element.get("id") for element in page.root.iter() if element.get("id")}
    assert len(links) >= 8
    for link in links:
        assert link.get("href")[1:] in ids, link.get("href")


@pytest.mark.parametrize("language", LANGUAGES)
def test_print_page_has_the_online_address_and_the_date(language: str) -> None:
    details = Document(print_page_html(language)).first("div.printable-details")
    address = "https://co-production.abetterstartsouthend.co.uk/" + root_of(language)
    assert details.find(".//a").get("href") == address
    assert details.find(".//img").get("alt") == STRINGS["print_qr_code_alt"][language]
    assert details.find(".//img").get("src").startswith("data:image/svg+xml")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", details.find(".//time").get("datetime"))


@pytest.mark.parametrize("path", site_pages())
def test_every_stylesheet_and_script_is_loaded_once(path: str) -> None:
    document = Document(page_file(path).read_text(encoding="utf-8"))
    sources = [element.get("href") for element in document.all("link") if element.get("rel") == "stylesheet"]
    sources += [element.get("src") for element in document.all("script") if element.get("src")]
    assert len(sources) == len(set(sources)), [s for s in sources if sources.count(s) > 1]


@pytest.mark.parametrize("path", site_pages())
def test_print_sites_script_is_on_the_print_pages_only(path: str) -> None:
    """print-site's script runs on its print page; a reader of any other page does not download it."""
    document = Document(page_file(path).read_text(encoding="utf-8"))
    scripts = [element.get("src") for element in document.all("script") if element.get("src")]
    assert any(src.endswith("js/print-site.js") for src in scripts) == path.endswith("/print_page/"), scripts


def test_the_404_page_is_the_default_languages() -> None:
    assert Document((site_dir() / "404.html").read_text(encoding="utf-8")).root.get("lang") == "en"


@pytest.mark.parametrize("language", LANGUAGES)
def test_printing_shows_each_links_address_and_the_video_as_title_and_address(page: Page, base_url: str, language: str) -> None:
    page.goto(base_url + "/" + root_of(language))
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


# A copy of the project to build variants of: an editor's mistake, a machine without WeasyPrint.
@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", ".venv", "site", ".cache", "__pycache__", ".pytest_cache", "tests"))
    return copy


def variant_build(project: Path, tmp_path: Path, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {"PRINTABLE_CACHE_DIR": str(tmp_path / "cache"), **(extra_env or {})}
    return build_site(tmp_path / "site", env, project / "mkdocs.yml")


def test_an_image_without_alt_text_fails_the_build_naming_the_page(project_copy: Path, tmp_path: Path) -> None:
    guide = project_copy / "docs" / "index.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace(
        "## Tips for achieving", '<img src="assets/images/logo.svg">\n\n## Tips for achieving'), encoding="utf-8")
    result = variant_build(project_copy, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/index.md" in output and "alt text" in output, output[-2000:]
    assert "Traceback" not in output


def test_an_image_from_another_website_fails_the_pdf_naming_the_page(project_copy: Path, tmp_path: Path) -> None:
    # The PDF is made offline: WeasyPrint may not fetch it, logs an ERROR, and the build stops.
    guide = project_copy / "docs" / "index.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace(
        "## Tips for achieving", '<img src="https://example.org/photo.png" alt="A photo">\n\n## Tips for achieving'),
        encoding="utf-8")
    result = variant_build(project_copy, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/index.md" in output and "WeasyPrint" in output and "https://example.org/photo.png" in output, output[-2000:]
    assert "Traceback" not in output
    assert not list((tmp_path / "site").rglob("*.pdf"))


def test_a_download_marker_inside_a_sentence_is_reported_with_its_line(project_copy: Path, tmp_path: Path) -> None:
    guide = project_copy / "docs" / "index.md"
    text = guide.read_text(encoding="utf-8").replace("\n\n<!-- md:download-printable -->", " <!-- md:download-printable -->")
    guide.write_text(text, encoding="utf-8")
    line = next(n for n, l in enumerate(text.splitlines(), start=1) if "md:download-printable" in l)
    result = variant_build(project_copy, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"docs/index.md:{line}:" in output, output[-2000:]
    assert "Traceback" not in output


def test_a_guide_without_the_download_marker_is_reported(project_copy: Path, tmp_path: Path) -> None:
    guide = project_copy / "docs" / "index.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("<!-- md:download-printable -->", ""), encoding="utf-8")
    result = variant_build(project_copy, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/index.md: the line <!-- md:download-printable --> is missing" in output, output[-2000:]
    assert "Traceback" not in output


def test_without_weasyprint_the_build_says_in_one_line_what_to_install(project_copy: Path, tmp_path: Path) -> None:
    # A WeasyPrint that cannot load its system library, as on a machine without Pango.
    fake = tmp_path / "fake" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file\")\n")
    result = variant_build(project_copy, tmp_path, {"PYTHONPATH": str(fake.parent)})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    errors = [line for line in output.splitlines() if "apt-get install" in line]
    assert len(errors) == 1 and "libpango" in errors[0], output[-2000:]
    assert "Traceback" not in output
    assert not list((tmp_path / "site").rglob("*.pdf"))


def test_two_builds_give_byte_identical_pdfs_and_the_second_takes_them_from_the_cache(tmp_path: Path) -> None:
    env = {"SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01
    builds = []
    for run, cache in enumerate(["first", "second", "second"]):
        destination = tmp_path / f"site-{run}"
        result = build_site(destination, {**env, "PRINTABLE_CACHE_DIR": str(tmp_path / cache)})
        assert result.returncode == 0, result.stderr[-2000:]
        builds.append((destination, result.stdout + result.stderr))
    for language, name in zip(LANGUAGES, PDF_NAMES):
        files = [(destination / root_of(language) / name).read_bytes() for destination, _ in builds]
        assert files[0] == files[1] == files[2], f"{name} differs between builds"
        with pikepdf.open(builds[0][0] / root_of(language) / name) as pdf:  # dated SOURCE_DATE_EPOCH
            assert str(pdf.docinfo.CreationDate).startswith("D:20260101")
        assert f"PDF ({language}) rendered" in builds[1][1]
        assert f"PDF ({language}) unchanged, taken from the cache" in builds[2][1]


def test_a_link_to_another_page_of_the_site_prints_with_its_full_address() -> None:
    print_page = hook("print_page")

    html = print_page.with_print_addresses(
        '<p><a href="../cookies/">Cookies</a>, <a class="x" href="../accessibility/#contact">contact</a>, '
        '<a href="#top">top</a> and <a href="https://example.org/">elsewhere</a></p>',
        SimpleNamespace(url="pl/"), SimpleNamespace(site_url="https://co-production.example/"))
    links = Document(html).all("a")
    assert [link.get("data-print-address") for link in links] == [
        "https://co-production.example/cookies/", "https://co-production.example/accessibility/#contact", None, None]
    assert [link.get("href") for link in links] == ["../cookies/", "../accessibility/#contact", "#top", "https://example.org/"]
