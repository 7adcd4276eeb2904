"""An editor adds a resource: every resource page, in every language, links to a PDF of its own
that holds that resource alone, and the link gives that file's size and pages. A language
without the translation gets the English page's PDF with the notice the page shows. The guide's
PDFs keep the addresses they were published at.

The site with a second resource is tests/sites.py's "library": the guide and "Parent forums"
(translated into Polish, not into Romanian or Urdu)."""

from __future__ import annotations

import copy
import re
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

import pikepdf
import pytest
import yaml

from built_pages import document, text_of
from conftest import LANGUAGES, ROOT, language_root, page_file
from sites import SECOND_RESOURCE, site
from test_pdf import PDFS

STRINGS = {key: value for name in ("printable", "translations")
           for key, value in yaml.safe_load((ROOT / f"docs/_data/strings/{name}.yml").read_text(encoding="utf-8")).items()}
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
ARABIC_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
RESOURCES = {"": "working-towards-co-production", f"{SECOND_RESOURCE}/": SECOND_RESOURCE}


def text(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(BIDI_CONTROLS.sub("", result.stdout).split())


def words(value: str) -> str:
    value = ARABIC_DIACRITICS.sub("", BIDI_CONTROLS.sub("", unicodedata.normalize("NFC", value)))
    return " ".join(re.findall(r"\w+", value.lower()))


def titles(items) -> list[str]:
    """The titles of an outline's entries, in order."""
    return [title for item in items for title in [item.title, *titles(item.children)]]


def article_text(page) -> str:
    """The page's text without its download link (which the PDF replaces with its own address)."""
    article = copy.deepcopy(page.first("article"))
    for parent in list(article.iter()):
        for child in list(parent):
            if "site-download" in child.get("class", "").split():
                parent.remove(child)
    return " ".join(article.itertext())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("folder", RESOURCES)
def test_each_resource_links_to_a_pdf_that_holds_it_alone(language: str, folder: str) -> None:
    library = site("library")
    url = language_root(language) + folder
    page = document(page_file(url, library))
    link = page.first("p.site-download a")
    pdf = (page_file(url, library).parent / unquote(link.get("href"))).resolve()
    assert pdf == (library / url.lstrip("/") / f"{RESOURCES[folder]}-{language}.pdf").resolve(), link.get("href")
    assert pdf.is_file()
    # The link names this file's size and page count.
    with pikepdf.open(pdf) as opened:
        pages, title, lang = len(opened.pages), str(opened.docinfo.Title), str(opened.Root.Lang)
        with opened.open_outline() as outline:
            sections = titles(outline.root)
    details = text_of(link)
    assert f"{round(pdf.stat().st_size / 1024)} KB" in details, details
    assert any(STRINGS[f"download_pages_{form}"][language].format(n=pages) in details for form in ("one", "few", "other"))
    # It is this resource, in this language, with all of its text, and no other resource.
    heading = text_of(page.first("article h1"))
    assert title == heading and lang == language
    own = [text_of(element) for element in page.first("article").iter() if element.tag in ("h2", "h3")]
    assert set(own) <= set(sections) and sections[0] == heading, sections
    source = Counter(re.findall(r"\w+", words(article_text(page))))
    found = Counter(re.findall(r"\w+", words(text(pdf))))
    assert sum((source & found).values()) / sum(source.values()) >= 0.97
    for other in RESOURCES:
        if other != folder:
            other_heading = text_of(document(page_file(language_root(language) + other, library)).first("article h1"))
            assert other_heading not in sections and words(other_heading) not in words(text(pdf)), \
                f"{pdf.name} holds {other_heading} too"


@pytest.mark.parametrize("language", ["ro", "ur"])
def test_a_language_without_the_translation_gets_the_english_page_with_its_notice(language: str) -> None:
    pdf = site("library") / language / SECOND_RESOURCE / f"{SECOND_RESOURCE}-{language}.pdf"
    inside = words(text(pdf))
    assert words(STRINGS["translation_fallback_notice"][language]) in inside
    english = document(page_file(f"/{SECOND_RESOURCE}/", site("library")))
    assert words(text_of(english.first("article p"))) in inside
    with pikepdf.open(pdf) as opened:
        assert str(opened.Root.Lang) == language  # the title page and the notice are in the reader's language


def test_the_guides_pdfs_keep_the_addresses_they_were_published_at_and_no_other_pdf_is_made() -> None:
    for kind, resources in PDFS.items():
        expected = sorted(f"{language_root(language).lstrip('/')}{folder}{name}-{language}.pdf"
                          for folder, name in resources for language in LANGUAGES)
        assert sorted(path.relative_to(site(kind)).as_posix() for path in site(kind).rglob("*.pdf")) == expected, kind
    for language in LANGUAGES:  # the addresses the guide's PDFs were published at
        folder = "" if language == LANGUAGES[0] else f"{language}/"
        assert (site("shipped") / f"{folder}working-towards-co-production-{language}.pdf").is_file()
