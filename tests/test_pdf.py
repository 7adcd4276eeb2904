"""A reader who downloads the printable version gets an accessible PDF (PDF/UA-1) in their language.

Every check parses the built PDFs (pikepdf, poppler's pdftotext, page-validation); the checks
are those that tell an accessible PDF from one that only looks right.
"""

from __future__ import annotations

import gc
import re
import subprocess
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

import page as page_validation
import pikepdf
import pydyf
import pytest
import yaml

from built_pages import text_of
from conftest import LANGUAGES, ROOT
from shared import pdf_render
from sites import site
from test_printable import guide, print_page, printable_content, root_of

PAINTING = {"Tj", "TJ", "'", '"', "Do", "BI", "INLINE IMAGE", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh"}
ARABIC_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
# pydyf's own, before the PDF worker's speed-up (shared/pdf_render.py) replaces it in this process.
PYDYF_PAGE_REFERENCES = pydyf.PDF.__dict__["page_references"]
STRINGS = yaml.safe_load((ROOT / "docs/_data/strings/printable.yml").read_text(encoding="utf-8"))


def pdf_path(language: str) -> Path:
    return site() / root_of(language) / f"working-towards-co-production-{language}.pdf"


@cache
def open_pdf(language: str) -> pikepdf.Pdf:
    return pikepdf.open(pdf_path(language))


@cache
def pdf_text(language: str) -> str:
    """The text poppler's pdftotext reads out of the PDF."""
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf_path(language)), "-"],
                          capture_output=True, text=True, check=True).stdout


# The structure tree in reading order: (tag, element) pairs.
def structure(pdf: pikepdf.Pdf) -> list[tuple[str, pikepdf.Dictionary]]:
    found: list[tuple[str, pikepdf.Dictionary]] = []

    def walk(node) -> None:
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            found.append((str(node.S)[1:], node))
            if "/K" in node:
                walk(node.K)

    walk(pdf.Root.StructTreeRoot.K)
    return found


def outline_titles(pdf: pikepdf.Pdf) -> list[str]:
    with pdf.open_outline() as outline:
        titles: list[str] = []

        def walk(items) -> None:
            for item in items:
                titles.append(item.title)
                walk(item.children)

        walk(outline.root)
        return titles


def link_annotations(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return [annotation for page in pdf.pages for annotation in page.obj.get("/Annots", [])
            if annotation.Subtype == "/Link"]


def words(text: str) -> list[str]:
    text = BIDI_CONTROLS.sub("", ARABIC_DIACRITICS.sub("", unicodedata.normalize("NFC", text)))
    return re.findall(r"\w+", text.lower())


@pytest.fixture(params=LANGUAGES)
def language(request) -> str:
    return request.param


def test_pdf_is_tagged_with_a_structure_tree(language: str) -> None:
    pdf = open_pdf(language)
    assert pdf.Root.MarkInfo.Marked is True
    assert "/ParentTree" in pdf.Root.StructTreeRoot


def test_pdf_says_which_language_it_is_in(language: str) -> None:
    assert str(open_pdf(language).Root.Lang) == language


def test_pdf_title_is_the_guide_heading_and_shown_as_the_window_title(language: str) -> None:
    pdf = open_pdf(language)
    heading = text_of(guide(language).first("h1"))
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    assert str(pdf.docinfo.Title) == heading
    with pdf.open_metadata() as xmp:
        assert xmp["dc:title"] == heading
        assert xmp["pdfuaid:part"] == "1"


def test_pdf_outline_follows_the_headings_in_order(language: str) -> None:
    content = printable_content(print_page(language))
    headings = [text_of(element) for element in content.iter() if element.tag in ("h1", "h2", "h3")]
    assert outline_titles(open_pdf(language)) == headings


def test_pdf_headings_start_at_h1_and_skip_no_level(language: str) -> None:
    levels = [int(tag[1]) for tag, _ in structure(open_pdf(language)) if re.fullmatch(r"H[1-6]", tag)]
    assert levels[0] == 1 and levels.count(1) == 1, levels
    for previous, current in zip(levels, levels[1:]):
        assert current <= previous + 1, levels


def test_pdf_lists_figures_and_links_are_tagged(language: str) -> None:
    pdf = open_pdf(language)
    tree = structure(pdf)
    tags = Counter(tag for tag, _ in tree)
    content = printable_content(print_page(language))
    # A list that runs over a page break may become two.
    assert tags["L"] >= sum(1 for element in content.iter() if element.tag in ("ul", "ol")), tags
    assert tags["LI"] == sum(1 for element in content.iter("li")), tags
    for tag, element in tree:
        if tag == "LI":
            kids = [element.K] if isinstance(element.K, pikepdf.Dictionary) else list(element.K)
            assert [str(kid.S) for kid in kids if isinstance(kid, pikepdf.Dictionary)] == ["/Lbl", "/LBody"]
        if tag == "Figure":
            assert str(element.get("/Alt", "")).strip(), "a figure without alternative text"
    assert tags["Figure"] == 1  # the QR code
    # A link that runs over a line break may become two.
    assert tags["Link"] >= sum(1 for element in content.iter("a") if element.get("href")), tags
    assert len(link_annotations(pdf)) >= tags["Link"]


def test_every_page_tabs_in_structure_order_and_every_link_is_described(language: str) -> None:
    pdf = open_pdf(language)
    assert all(page.obj.Tabs == "/S" for page in pdf.pages)
    for annotation in link_annotations(pdf):
        assert str(annotation.get("/Contents", "")).strip()
        assert "/StructParent" in annotation


def test_every_font_is_embedded_with_a_unicode_map(language: str) -> None:
    pdf = open_pdf(language)
    fonts = {font.objgen: font for page in pdf.pages for font in page.Resources.Font.values()}
    assert fonts
    for font in fonts.values():
        assert "/ToUnicode" in font, font.BaseFont
        descriptors = [font.get("/FontDescriptor")] + [d.get("/FontDescriptor") for d in font.get("/DescendantFonts", [])]
        assert any(d is not None and ("/FontFile2" in d or "/FontFile3" in d or "/FontFile" in d)
                   for d in descriptors), f"{font.BaseFont} is not embedded"


def test_nothing_is_painted_outside_marked_content(language: str) -> None:
    for number, page in enumerate(open_pdf(language).pages, start=1):
        depth = 0
        for operands, operator in pikepdf.parse_content_stream(page):
            operator = str(operator)
            if operator in ("BDC", "BMC"):
                depth += 1
            elif operator == "EMC":
                depth -= 1
            elif operator in PAINTING:
                assert depth > 0, f"page {number}: {operator} outside marked content"


def test_the_text_can_be_read_out_of_the_pdf(language: str) -> None:
    content = printable_content(print_page(language), without=".site-download")
    source = Counter(words(" ".join(content.itertext())))  # blocks are separate words
    found = Counter(words(pdf_text(language)))
    share = sum((source & found).values()) / sum(source.values())
    assert share >= 0.99, f"only {share:.1%} of the words come out of the {language} PDF"


def test_pdf_is_pdf_ua_1_compliant(language: str) -> None:
    report = page_validation.validate_pdf(str(pdf_path(language)), profile=page_validation.ValidationProfile.PDF_UA_1)
    assert report.is_compliant, list(report.failures)[:5]


def test_pdf_is_a4_with_page_numbers_n_of_total(language: str) -> None:
    pdf = open_pdf(language)
    assert all([round(float(v)) for v in page.mediabox] == [0, 0, 595, 842] for page in pdf.pages)
    extracted = pdf_text(language)
    total = len(pdf.pages)
    for number in range(1, total + 1):
        assert re.search(rf"\b{number}\s*/\s*{total}\b", BIDI_CONTROLS.sub("", extracted)), f"no '{number} / {total}'"


def test_download_link_gives_the_size_and_page_count_of_the_file(language: str) -> None:
    link = guide(language).first("p.site-download a")
    path = pdf_path(language)
    assert link.get("href") == path.name
    assert link.get("download") == path.name
    assert link.get("type") == "application/pdf"
    text = text_of(link)
    pages = len(open_pdf(language).pages)
    kilobytes = round(path.stat().st_size / 1024)
    assert text.startswith(STRINGS["download_printable"][language]), text
    assert "PDF" in text and f"{kilobytes} KB" in text, text
    forms = [STRINGS[f"download_pages_{form}"][language].format(n=pages) for form in ("one", "few", "other")]
    assert any(form in text for form in forms), text


def test_pdf_has_the_online_address_as_qr_code_and_link_and_the_date(language: str) -> None:
    pdf = open_pdf(language)
    address = "https://co-production.abetterstartsouthend.co.uk/" + root_of(language)
    extracted = BIDI_CONTROLS.sub("", pdf_text(language))
    assert address in extracted.replace("\n", "")
    assert any(str(annotation.A.get("/URI", "")) == address for annotation in link_annotations(pdf))
    assert re.search(r"\d{4}-\d{2}-\d{2}", extracted)
    figures = [str(element.Alt) for tag, element in structure(pdf) if tag == "Figure"]
    assert figures == [STRINGS["print_qr_code_alt"][language]]


# --- Rendering time grows with the length of the PDF, not with its square ------------------------

def test_the_page_reference_speed_up_gives_pydyfs_own_answers() -> None:
    assert pdf_render.speed_up_page_references(), (
        f"pydyf {pydyf.__version__} is not the release shared/pdf_render.py was checked with "
        f"({pdf_render.PYDYF_CHECKED}): check that PDF.page_references still only lists the pages, "
        "then change PYDYF_CHECKED")
    pdf = pydyf.PDF()
    for pages in range(4):
        assert pdf.page_references == PYDYF_PAGE_REFERENCES.fget(pdf)
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert len(pdf.page_references) == 4


def test_a_pdf_rendered_with_the_speed_up_is_byte_for_byte_the_same(monkeypatch) -> None:
    sections = "".join(
        f'<h2 id="s{n}">Section {n}</h2><p>Text, and a link to <a href="#s{(n + 1) % 12}">the next section</a>.</p>'
        '<p style="break-after: page">Another paragraph.</p>' for n in range(12))
    document = f'<!doctype html><html lang="en"><head><title>Sections</title></head><body><h1>Sections</h1>{sections}</body></html>'
    faster, pages, errors, _ = pdf_render.render(document, ROOT.as_uri() + "/", "")
    assert pages == 12 and errors == []
    assert gc.isenabled(), "the cycle collector is off while WeasyPrint renders, and on again after"
    assert pydyf.PDF.__dict__["page_references"].fget is pdf_render._page_references
    monkeypatch.setattr(pdf_render, "speed_up_page_references", lambda: False)
    monkeypatch.setattr(pydyf.PDF, "page_references", PYDYF_PAGE_REFERENCES)
    plain, *_ = pdf_render.render(document, ROOT.as_uri() + "/", "")
    assert faster == plain
