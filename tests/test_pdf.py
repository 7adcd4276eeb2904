"""A reader who downloads a resource gets it as an accessible publication (PDF/UA-1) in their
language: a title page as GOV.UK's guidance PDFs have one, contents with page numbers, and a
structure tree that a screen reader can use.

Every check parses the built PDFs (pikepdf, poppler's pdftotext, page-validation); the checks
are those that tell an accessible PDF from one that only looks right. The guide is checked as
the project ships it; the structure checks go through every PDF of the site with a second
resource too (tests/sites.py, "library"), whose list runs over a page break.
"""

from __future__ import annotations

import copy
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

from built_pages import document, text_of
from conftest import LANGUAGES, ROOT, page_file
from shared import pdf_render
from sites import SAMPLE_VIDEO_ID, SECOND_RESOURCE, site
from test_printable import guide, root_of

PAINTING = {"Tj", "TJ", "'", '"', "Do", "BI", "INLINE IMAGE", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh"}
ARABIC_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
# pydyf's own, before the PDF worker's speed-up (shared/pdf_render.py) replaces it in this process.
PYDYF_PAGE_REFERENCES = pydyf.PDF.__dict__["page_references"]
STRINGS = {key: value for name in ("printable", "video")
           for key, value in yaml.safe_load((ROOT / f"docs/_data/strings/{name}.yml").read_text(encoding="utf-8")).items()}
SITE_URL = "https://co-production.abetterstartsouthend.co.uk/"
# The resources of each kind of site checked here (tests/sites.py): (folder, name of the PDF).
PDFS = {"shipped": [("", "working-towards-co-production")],
        "library": [("", "working-towards-co-production"), (f"{SECOND_RESOURCE}/", SECOND_RESOURCE)]}
# Month names as readers write them in a date ("2 grudnia 2026"), for the dates on the title page.
MONTHS = {
    "en": "January February March April May June July August September October November December",
    "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",
    "ro": "ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie noiembrie decembrie",
    "ur": "جنوری فروری مارچ اپریل مئی جون جولائی اگست ستمبر اکتوبر نومبر دسمبر",
}


def pdf_path(language: str, kind: str = "shipped") -> Path:
    """The guide's PDF, at the address it was published at."""
    return site(kind) / root_of(language) / f"working-towards-co-production-{language}.pdf"


def every_pdf() -> list[tuple[str, str]]:
    """Every PDF of the shipped site and of the site with a second resource: (kind, path in the
    site); test_resources.py checks that the built sites have exactly these."""
    return [(kind, f"{root_of(language)}{folder}{name}-{language}.pdf")
            for kind, resources in PDFS.items() for folder, name in resources for language in LANGUAGES]


@cache
def open_pdf(path: Path) -> pikepdf.Pdf:
    return pikepdf.open(path)


@cache
def pdf_text(path: Path, layout: bool = False) -> str:
    """The text poppler's pdftotext reads out of the PDF."""
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def page_texts(path: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    return BIDI_CONTROLS.sub("", pdf_text(path)).split("\f")


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


def kids(element: pikepdf.Dictionary) -> list:
    return [element.K] if not isinstance(element.K, pikepdf.Array) else list(element.K)


def outline(pdf: pikepdf.Pdf) -> list[tuple[str, int]]:
    """The outline's entries: (title, number of the page it leads to)."""
    pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    with pdf.open_outline() as items:
        found: list[tuple[str, int]] = []

        def walk(entries) -> None:
            for item in entries:
                found.append((item.title, pages[item.destination[0].objgen]))
                walk(item.children)

        walk(items.root)
        return found


def link_annotations(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return [annotation for page in pdf.pages for annotation in page.obj.get("/Annots", [])
            if annotation.Subtype == "/Link"]


def words(text: str) -> list[str]:
    text = BIDI_CONTROLS.sub("", ARABIC_DIACRITICS.sub("", unicodedata.normalize("NFC", text)))
    return re.findall(r"\w+", text.lower())


def article(language: str, kind: str = "shipped", path: str | None = None):
    """The page's own text, as the site shows it (the guide unless `path` says otherwise)."""
    page = document(page_file(path or ("/" + root_of(language)), site(kind)))
    return page, page.first("article")


@pytest.fixture(params=LANGUAGES)
def language(request) -> str:
    return request.param


# --- The guide as shipped: a tagged PDF with the page's headings, lists, links and text ----------

def test_pdf_is_tagged_with_a_structure_tree(language: str) -> None:
    pdf = open_pdf(pdf_path(language))
    assert pdf.Root.MarkInfo.Marked is True
    assert "/ParentTree" in pdf.Root.StructTreeRoot


def test_pdf_says_which_language_it_is_in(language: str) -> None:
    assert str(open_pdf(pdf_path(language)).Root.Lang) == language


def test_pdf_title_is_the_guide_heading_and_shown_as_the_window_title(language: str) -> None:
    pdf = open_pdf(pdf_path(language))
    heading = text_of(guide(language).first("h1"))
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    assert str(pdf.docinfo.Title) == heading
    with pdf.open_metadata() as xmp:
        assert xmp["dc:title"] == heading
        assert xmp["pdfuaid:part"] == "1"


def test_pdf_outline_follows_the_headings_in_order(language: str) -> None:
    _, text = article(language)
    headings = [text_of(element) for element in text.iter() if element.tag in ("h1", "h2", "h3")]
    contents = STRINGS["print_contents_heading"][language]
    assert [title for title, _ in outline(open_pdf(pdf_path(language)))] == [headings[0], contents, *headings[1:]]


def test_pdf_headings_start_at_h1_and_skip_no_level(language: str) -> None:
    levels = [int(tag[1]) for tag, _ in structure(open_pdf(pdf_path(language))) if re.fullmatch(r"H[1-6]", tag)]
    assert levels[0] == 1 and levels.count(1) == 1, levels
    for previous, current in zip(levels, levels[1:]):
        assert current <= previous + 1, levels


def test_pdf_lists_figures_and_links_are_tagged(language: str) -> None:
    pdf = open_pdf(pdf_path(language))
    tree = structure(pdf)
    tags = Counter(tag for tag, _ in tree)
    _, text = article(language)
    h2 = [element for element in text.iter() if element.tag == "h2"]
    h3 = [element for element in text.iter() if element.tag == "h3"]
    # The page's lists and items, and the contents: one list of the sections, one of the tips.
    assert tags["L"] == sum(1 for element in text.iter() if element.tag in ("ul", "ol")) + 2, tags
    assert tags["LI"] == sum(1 for _ in text.iter("li")) + len(h2) + len(h3), tags
    for tag, element in tree:
        if tag == "LI":
            assert [str(kid.S) for kid in kids(element) if isinstance(kid, pikepdf.Dictionary)][-1] == "/LBody"
        if tag == "Figure":
            assert str(element.get("/Alt", "")).strip(), "a figure without alternative text"
    assert tags["Figure"] == 1  # the QR code
    links = [tag for tag, _ in tree if tag == "Link"]
    assert len(links) >= len(h2) + len(h3) + 2, tags  # the contents, the address online, the PDF's address
    assert len(link_annotations(pdf)) >= len(links)


def test_every_page_tabs_in_structure_order_and_every_link_is_described(language: str) -> None:
    pdf = open_pdf(pdf_path(language))
    assert all(page.obj.Tabs == "/S" for page in pdf.pages)
    for annotation in link_annotations(pdf):
        assert str(annotation.get("/Contents", "")).strip()
        assert "/StructParent" in annotation


def test_every_font_is_embedded_with_a_unicode_map(language: str) -> None:
    pdf = open_pdf(pdf_path(language))
    fonts = {font.objgen: font for page in pdf.pages for font in page.Resources.Font.values()}
    assert fonts
    for font in fonts.values():
        assert "/ToUnicode" in font, font.BaseFont
        descriptors = [font.get("/FontDescriptor")] + [d.get("/FontDescriptor") for d in font.get("/DescendantFonts", [])]
        assert any(d is not None and ("/FontFile2" in d or "/FontFile3" in d or "/FontFile" in d)
                   for d in descriptors), f"{font.BaseFont} is not embedded"


def test_nothing_is_painted_outside_marked_content(language: str) -> None:
    for number, page in enumerate(open_pdf(pdf_path(language)).pages, start=1):
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
    page, text = article(language)
    text = copy.deepcopy(text)  # the parsed page is shared by the tests of this process
    for parent in list(text.iter()):
        for child in list(parent):
            if "site-download" in child.get("class", "").split():
                parent.remove(child)
    source = Counter(words(" ".join(text.itertext())))  # blocks are separate words
    found = Counter(words(pdf_text(pdf_path(language))))
    share = sum((source & found).values()) / sum(source.values())
    assert share >= 0.99, f"only {share:.1%} of the words come out of the {language} PDF"


def test_pdf_is_a4_with_page_numbers_n_of_total(language: str) -> None:
    pdf = open_pdf(pdf_path(language))
    assert all([round(float(v)) for v in page.mediabox] == [0, 0, 595, 842] for page in pdf.pages)
    total = len(pdf.pages)
    for number, text in enumerate(page_texts(pdf_path(language))[:total], start=1):
        assert re.search(rf"\b{number}\s*/\s*{total}\b", text), f"page {number} has no '{number} / {total}'"


def test_download_link_gives_the_size_and_page_count_of_the_file(language: str) -> None:
    link = guide(language).first("p.site-download a")
    path = pdf_path(language)
    assert link.get("href") == path.name
    assert link.get("download") == path.name
    assert link.get("type") == "application/pdf"
    text = text_of(link)
    pages = len(open_pdf(path).pages)
    kilobytes = round(path.stat().st_size / 1024)
    assert text.startswith(STRINGS["download_printable"][language]), text
    assert "PDF" in text and f"{kilobytes} KB" in text, text
    forms = [STRINGS[f"download_pages_{form}"][language].format(n=pages) for form in ("one", "few", "other")]
    assert any(form in text for form in forms), text


# --- The PDF as a publication: title page, contents, metadata ----------------------------------

def test_the_first_page_is_a_title_page_as_on_gov_uk(language: str) -> None:
    """Organisation, title, date published in the reader's way of writing dates, the address
    online as a link and a QR code, copyright and licence, and how to ask for another format."""
    pdf = open_pdf(pdf_path(language))
    first = " ".join(page_texts(pdf_path(language))[0].split())
    first_words = " ".join(words(first))
    heading = text_of(guide(language).first("h1"))
    assert first_words.startswith(" ".join(words(f"A Better Start Southend {heading}"))), first[:200]
    published = " ".join(words(STRINGS["publication_published"][language].replace("{date}", "")))
    month = "|".join(MONTHS[language].lower().split())
    # The words of the date, without its punctuation (Urdu writes "25 نومبر، 2026"; the text layer
    # of right-to-left lines may lose the space after the comma).
    assert re.search(rf"{published} \d{{1,2}} ({month}) ?\d{{4}}", first_words), first[:400]
    address = SITE_URL + root_of(language)
    assert address in first.replace(" ", "")
    assert any(str(annotation.A.get("/URI", "")) == address for annotation in pdf.pages[0].obj.Annots if "/A" in annotation)
    figures = [str(element.Alt) for tag, element in structure(pdf) if tag == "Figure"]
    assert figures == [STRINGS["publication_qr_code_alt"][language]]
    assert "©" in first and re.search(r"a better start southend \d{4}", first_words)
    assert " ".join(words(STRINGS["publication_all_rights_reserved"][language])) in first_words
    # How to ask for another format: the accessibility statement's paragraph, in the same language.
    statement = document(page_file("/" + root_of(language) + "accessibility/"))
    other_formats = Counter(words(text_of(statement.first("p#other-formats"))))
    share = sum((other_formats & Counter(words(first))).values()) / sum(other_formats.values())
    assert share >= 0.95, f"the first page does not say how to ask for another format ({share:.0%})"


def test_the_contents_give_the_page_of_each_section_and_share_the_first_page(language: str) -> None:
    path = pdf_path(language)
    texts = page_texts(path)
    contents = " ".join(words(STRINGS["print_contents_heading"][language]))
    first = " ".join(words(texts[0]))
    assert contents in first, "the contents are not on the first page"
    _, text = article(language)
    start = " ".join(words(text_of(text.find(".//p")))[:4])
    assert start in first[first.index(contents):], "the contents are a page of their own: the text does not start after them"
    lines = [line for line in texts[0].splitlines() if re.search(r"\.{5}", line)]  # "Go in open-minded ...... 2"
    sections = [(title, page) for title, page in outline(open_pdf(path))[2:]]  # after the title and "Contents"
    assert len(sections) > 3
    for title, page in sections:  # "Go in open-minded .......... 2"
        line = next((line for line in lines if " ".join(words(title)) in " ".join(words(line))), None)
        assert line is not None, f"{title} is not in the contents"
        assert re.findall(r"\d+", line) == [str(page)], f"the contents say {line!r}; {title} is on page {page}"


def test_subject_and_keywords_are_in_the_pdfs_language(language: str) -> None:
    pdf = open_pdf(pdf_path(language))
    description = guide(language).first("meta[name=description]").get("content")
    assert str(pdf.docinfo.Subject) == description
    site_name = text_of(guide(language).first("title")).split(" - ")[-1]
    assert site_name in str(pdf.docinfo.Keywords), (str(pdf.docinfo.Keywords), site_name)


# --- The video on paper -------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["sample", "shipped"])
def test_the_video_is_one_line_with_its_title_and_address(kind: str) -> None:
    """With a real address (the "sample" site, whose video has a transcript) and with the placeholder."""
    text = " ".join(BIDI_CONTROLS.sub("", pdf_text(pdf_path("en", kind))).split())
    watch = f"https://www.youtube.com/watch?v={SAMPLE_VIDEO_ID}"
    title = "Working towards Co-Production"
    line = STRINGS["video_on_paper"]["en"].replace("{title}", title)
    for words_on_screen in ("video_play", "video_watch", "video_notice", "video_ask", "video_allow"):
        assert STRINGS[words_on_screen]["en"].replace("{title}", title) not in text, words_on_screen
    if kind == "sample":
        transcript = f"{SITE_URL}transcript/"
        assert f"{line} {watch}. {STRINGS['video_transcript_on_paper']['en']} {transcript}" in text, text
        assert text.count(watch) == 1 and text.count("youtube") == 1
        links = [str(annotation.A.URI) for annotation in link_annotations(open_pdf(pdf_path("en", kind)))
                 if "/A" in annotation]
        assert watch in links and transcript in links
    else:
        assert f"{line} {STRINGS['video_coming']['en']}" in text, text
        assert "youtube" not in text.lower()


# --- Structure that assistive technology can use, in every PDF of the site ----------------------

@pytest.mark.parametrize("kind, path", every_pdf())
def test_every_marked_content_is_an_artifact_or_in_the_structure_tree(kind: str, path: str) -> None:
    """Page numbers and running headers are artifacts; everything else is reached from the tree."""
    pdf = open_pdf(site(kind) / path)
    reached = {element.objgen for _, element in structure(pdf)}
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    parents = {int(nums[index]): nums[index + 1] for index in range(0, len(nums), 2)}
    artifacts = 0
    for number, page in enumerate(pdf.pages, start=1):
        tagged = []  # for each open marked content: whether it is an artifact or has an MCID
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) == "EMC" and tagged:
                tagged.pop()
            if str(operator) not in ("BDC", "BMC"):
                continue
            if str(operands[0]) == "/Artifact":
                artifacts += 1
                tagged.append(True)
                continue
            # The text a run of glyphs stands for (/ActualText, in the content or in a property
            # list of the page's resources), and the span that keeps the pieces of a right-to-left
            # line alike (shared/pdf_text.py), inside the marked content of their element.
            properties = operands[1] if str(operator) == "BDC" else None
            if isinstance(properties, pikepdf.Name):
                properties = page.Resources.Properties[properties]
            if str(operands[0]) == "/Span" and (
                    properties is None or ("/ActualText" in properties and "/MCID" not in properties)):
                assert any(tagged), f"page {number}: text (/ActualText) outside any tagged content"
                tagged.append(False)
                continue
            assert str(operator) == "BDC" and "/MCID" in operands[1], f"page {number}: {operands[0]} without an MCID"
            tagged.append(True)
            owner = parents[int(page.obj.StructParents)][int(operands[1].MCID)]
            assert owner.objgen in reached, f"page {number}: {operands[0]} {operands[1].MCID} is not in the structure tree"
    assert artifacts >= len(pdf.pages), "page numbers are not artifacts"
    for annotation in link_annotations(pdf):
        owner = parents[int(annotation.StructParent)]
        assert owner.objgen in reached and str(owner.S) == "/Link", "a link annotation outside a Link element"


@pytest.mark.parametrize("kind, path", every_pdf())
def test_every_link_is_described_by_its_text_not_by_an_address_or_id(kind: str, path: str) -> None:
    pdf = open_pdf(site(kind) / path)
    headings = {" ".join(title.split()) for title, _ in outline(pdf)}
    for annotation in link_annotations(pdf):
        description = " ".join(BIDI_CONTROLS.sub("", str(annotation.get("/Contents", ""))).split())
        assert description, "a link without a description"
        if "/Dest" in annotation:  # a link to a section: the section's title, not its id
            assert description in headings, f"a link to {annotation.Dest} is described as {description!r}"
        else:  # a link elsewhere: its text, which is the address only where the text shows the address
            assert description != str(annotation.A.URI) or description.startswith("http"), description


@pytest.mark.parametrize("kind, path", every_pdf())
def test_pdf_is_pdf_ua_1_compliant(kind: str, path: str) -> None:
    report = page_validation.validate_pdf(str(site(kind) / path), profile=page_validation.ValidationProfile.PDF_UA_1)
    assert report.is_compliant, list(report.failures)[:5]


@pytest.mark.parametrize("kind, path", every_pdf())
def test_addresses_never_break_at_their_own_hyphens(kind: str, path: str) -> None:
    pdf = open_pdf(site(kind) / path)
    addresses = {str(annotation.A.URI) for annotation in link_annotations(pdf) if "/A" in annotation}
    assert any("-" in address for address in addresses)
    # pdftotext joins a word broken at a line end and drops its hyphen: "https://coproduction…".
    joined = "".join(BIDI_CONTROLS.sub("", pdf_text(site(kind) / path)).split())
    for address in addresses:
        for index in [index for index, character in enumerate(address) if character == "-"]:
            broken = address[:index] + address[index + 1:]
            assert broken not in joined, f"{address} is broken at its hyphen after {address[:index + 1]!r}"
    # As laid out: no line ends with the part of an address before one of its hyphens.
    lines = [line.strip() for line in BIDI_CONTROLS.sub("", pdf_text(site(kind) / path, layout=True)).splitlines()]
    for line, following in zip(lines, lines[1:]):
        if line.endswith("-") and following:
            start = line.split()[-1].lstrip("(")
            assert not any(start + following.split()[0] in address for address in addresses if len(start) > 4), \
                f"an address broken at its hyphen: {line!r} / {following!r}"


def test_a_list_over_a_page_break_is_one_list(language: str) -> None:
    path = site("library") / root_of(language) / "parent-forums" / f"parent-forums-{language}.pdf"
    pdf = open_pdf(path)
    _, text = article(language, "library", "/" + root_of(language) + "parent-forums/")
    steps = next(element for element in text.iter() if element.tag == "ul")
    count = sum(1 for item in steps if item.tag == "li")
    assert count > 40
    pages_of_list = [number for number, page_text in enumerate(page_texts(path), start=1)
                     if any(" ".join(words(text_of(item)))[:30] in " ".join(words(page_text)) for item in steps)]
    assert len(pages_of_list) >= 2, "the list does not run over a page break: make it longer"
    lists = [element for tag, element in structure(pdf) if tag == "L"]
    assert sorted(sum(1 for kid in kids(element) if isinstance(kid, pikepdf.Dictionary) and kid.get("/S") == "/LI")
                  for element in lists)[-1] == count, "the list is split in two"


@pytest.mark.parametrize("kind, page, path", [
    ("shipped", "/pl/", "pl/working-towards-co-production-pl.pdf"),
    ("library", "/pl/parent-forums/", "pl/parent-forums/parent-forums-pl.pdf"),
    ("library", "/ur/parent-forums/", "ur/parent-forums/parent-forums-ur.pdf")])
def test_phrases_in_another_language_say_so_in_the_pdf(kind: str, page: str, path: str) -> None:
    """The English words of a Polish text, and an English page in the Urdu PDF, read as English."""
    pdf = open_pdf(site(kind) / path)
    english = [element for _, element in structure(pdf) if str(element.get("/Lang", "")) == "en"]
    assert english, "no structure element says it is in English"
    html = document(page_file(page, site(kind))).first("article")
    marked = [text_of(element) for element in html.iter() if element.get("lang") == "en" and text_of(element)]
    assert marked and len(english) >= len(marked), (marked, len(english))
    in_pdf = " ".join(words(pdf_text(site(kind) / path)))
    for phrase in marked:
        assert " ".join(words(phrase)[:6]) in in_pdf, phrase


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
    document_html = f'<!doctype html><html lang="en"><head><title>Sections</title></head><body><h1>Sections</h1>{sections}</body></html>'
    faster, pages, errors, _ = pdf_render.render(document_html, ROOT.as_uri() + "/", "")
    assert pages == 12 and errors == []
    assert gc.isenabled(), "the cycle collector is off while WeasyPrint renders, and on again after"
    assert pydyf.PDF.__dict__["page_references"].fget is pdf_render._page_references
    monkeypatch.setattr(pdf_render, "speed_up_page_references", lambda: False)
    monkeypatch.setattr(pydyf.PDF, "page_references", PYDYF_PAGE_REFERENCES)
    plain, *_ = pdf_render.render(document_html, ROOT.as_uri() + "/", "")
    assert faster == plain
