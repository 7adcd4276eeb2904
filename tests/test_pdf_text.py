"""A reader who copies, searches or has read aloud a passage of a PDF gets the passage as the page
writes it, in every script: Latin with diacritics, Urdu right to left, Bengali.

Every paragraph, heading and list item of the resource's page must appear whole in the text
two PDF readers take out of the PDF: poppler's pdftotext (Evince, Okular, most Linux viewers) and
pdfium (Chrome's viewer, through pypdfium2). A passage that runs over a page break is read from
the end of one page and the start of the next: between them a reader gives the page's running
header and footer (and pdfium the bullets of the page's lists, which it reads last). Both sides
are compared in Unicode NFC with whitespace collapsed, without the invisible characters that
only steer the display: soft hyphens, which the page never shows except at a line end, and
bidirectional controls (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069, U+061C), which poppler
adds around right-to-left lines and the PDFs give around the parts of a right-to-left line
(shared/right_to_left_text.py). Every PDF of the shipped site and of the site with a second
resource is read (the PDFs test_pdf.py checks), and a Bengali PDF from a site with a Bengali page
(sites.py, "bengali").
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

import page as page_validation
import pikepdf
import pypdfium2
import pytest

from built_pages import document
from shared import pdf_text
from sites import BENGALI_PAGE, URDU_HARD_CASES, site
from test_pdf import every_pdf

INVISIBLE = re.compile("[\u00ad\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
PASSAGES = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li")
# pdfium marks with U+FFFE a hyphen it took out where it joined a word broken at a line end
# (and gives U+0002 for it one character at a time).
PDFIUM_JOINED_HYPHEN = re.compile("[\ufffe\u0002]")
BENGALI_PDF = "bn/working-towards-co-production-bn.pdf"
URDU_PDF = "ur/working-towards-co-production-ur.pdf"
PDFS = every_pdf() + [("bengali", BENGALI_PDF), ("bengali", URDU_PDF)]
# What the page shows that the PDF gives otherwise: the link to the PDF itself, and the video
# (one line on paper, with its title and address).
NOT_ON_PAPER = ("site-download", "site-video")


def normal(text: str) -> str:
    return " ".join(INVISIBLE.sub("", unicodedata.normalize("NFC", text)).split())


@cache
def passages(kind: str, path: str) -> list[str]:
    """The text of every paragraph, heading and list item of the resource's page (the page next to
    its PDF), as the site shows it."""
    page = document(site(kind) / Path(path).parent / "index.html")
    content = page.first("article")
    skipped = {id(inner) for element in content.iter()
               if set(element.get("class", "").split()) & set(NOT_ON_PAPER) for inner in element.iter()}
    found = []
    for element in content.iter():
        if element.tag not in PASSAGES or id(element) in skipped:
            continue
        # A list item's own text: a list or paragraph inside it is a passage of its own. On paper
        # a link to another page is followed by its address (hooks/pdf.py, show_address), so
        # the text is read in two parts, up to the end of the link's text and after it.
        for part in own_text(element, top=True).split(ADDRESS_SHOWN):
            text = normal(part)
            if text:
                found.append(text)
    return found


ADDRESS_SHOWN = "\0"


def own_text(element, top: bool = False) -> str:
    if not top and element.tag in ("ul", "ol", "p"):
        return " "
    text = (element.text or "") + "".join(own_text(child) + (child.tail or "") for child in element)
    addressed = element.tag == "a" and not element.get("href", "#").startswith("#")
    return text + ADDRESS_SHOWN if addressed else text


@cache
def extracted(kind: str, pdf: str, reader: str) -> tuple[str, ...]:
    """The text of each page of the PDF, as the reader gives it."""
    path = site(kind) / pdf
    if reader == "poppler":
        pages = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                               capture_output=True, text=True, check=True).stdout.split("\f")
    else:
        document = pypdfium2.PdfDocument(str(path))
        try:
            pages = [PDFIUM_JOINED_HYPHEN.sub("", page.get_textpage().get_text_range()) for page in document]
        finally:
            document.close()
    return tuple(normal(page) for page in pages)


def reads_whole(passage: str, pages: tuple[str, ...]) -> bool:
    """Whether the passage comes out of the pages as written: on one page, or its first words on
    one page and the others on the next."""
    if any(passage in page for page in pages):
        return True
    words = passage.split(" ")
    return any(" ".join(words[:cut]) in page and " ".join(words[cut:]) in following
               for page, following in zip(pages, pages[1:]) for cut in range(1, len(words)))


@pytest.mark.parametrize("reader", ["poppler", "pdfium"])
@pytest.mark.parametrize("kind, pdf", [pytest.param(kind, pdf, id=f"{kind}-{pdf}") for kind, pdf in PDFS])
def test_every_passage_of_the_pdf_reads_as_the_page_writes_it(kind: str, pdf: str, reader: str) -> None:
    pages = extracted(kind, pdf, reader)
    expected = passages(kind, pdf)
    missing = [passage for passage in expected if not reads_whole(passage, pages)]
    assert expected, f"no passages found on the page of {pdf}"
    assert not missing, (f"{len(missing)} of {len(expected)} passages of {pdf} do not come out of "
                         f"{reader} as written, e.g. {missing[0]!r}")


def test_the_bengali_pdf_is_in_bengali_with_its_conjuncts_whole() -> None:
    expected = passages("bengali", BENGALI_PDF)
    assert normal(BENGALI_PAGE["heading"]) in expected
    for word in ("সিদ্ধান্ত", "নির্দেশিকা"):
        for reader in ("poppler", "pdfium"):
            assert any(word in page for page in extracted("bengali", BENGALI_PDF, reader)), f"{word} is not in {reader}'s text"


def test_the_test_site_opens_its_urdu_guide_with_the_hard_cases() -> None:
    """So that the passages test reads them (in a column narrow enough to break their lines)."""
    expected = " ".join(passages("bengali", URDU_PDF))  # a link's text and what follows it are two
    for case in URDU_HARD_CASES:
        written = normal(re.sub(r"\*\*|_|\[|\]\([^)]*\)", "", case))
        assert written in expected, written


def test_the_test_pdf_breaks_words_at_line_ends() -> None:
    """The Bengali test page's narrow paragraph breaks "decision&shy;makers" at its soft hyphen and
    "well-being" after its hyphen, so that the passages test above reads words joined again over
    line ends (poppler's -layout output keeps the lines as drawn)."""
    layout = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(site("bengali") / BENGALI_PDF), "-"],
                            capture_output=True, text=True, check=True).stdout
    lines = [line.strip() for line in layout.splitlines()]
    pairs = list(zip(lines, lines[1:]))
    assert any(re.search(r"\bdecision[-\u2010]+$", line) and following.startswith("makers") for line, following in pairs)
    assert any(re.search(r"\bwell-+$", line) and following.startswith("being") for line, following in pairs)


def test_the_bengali_pdf_is_pdf_ua_1_compliant() -> None:
    report = page_validation.validate_pdf(str(site("bengali") / BENGALI_PDF),
                                          profile=page_validation.ValidationProfile.PDF_UA_1)
    assert report.is_compliant, list(report.failures)[:5]


@pytest.mark.parametrize("kind, pdf", [("bengali", BENGALI_PDF), ("shipped", URDU_PDF)])
def test_text_spans_carry_no_structure_of_their_own(kind: str, pdf: str) -> None:
    """The spans that give text, in the content or named in the page's resources (right to left:
    one for each reader), are inside the tagged content of their element, without an MCID."""
    document = pikepdf.open(site(kind) / pdf)
    spans = Counter()
    for number, page in enumerate(document.pages, start=1):
        depth = 0
        for operands, operator in pikepdf.parse_content_stream(page):
            properties = operands[1] if str(operator) == "BDC" else None
            named = isinstance(properties, pikepdf.Name)
            if named:
                properties = page.Resources.Properties[properties]
            if properties is not None and "/ActualText" in properties:
                spans["named" if named else "in the content"] += 1
                assert "/MCID" not in properties, f"page {number}"
                assert depth > 0, f"page {number}: a text span outside tagged content"
            if str(operator) in ("BDC", "BMC"):
                depth += 1
            elif str(operator) == "EMC":
                depth -= 1
    assert spans["in the content"], f"no /ActualText span in {pdf}"
    assert spans["named"] or kind == "bengali", f"no /ActualText span for pdfium in {pdf}"


def test_the_text_layer_is_in_place_for_this_weasyprint() -> None:
    assert pdf_text.install(), (
        "shared/pdf_text.py was made for WeasyPrint "
        f"{pdf_text.WEASYPRINT_CHECKED}, and its draw_first_line has changed: compare "
        "weasyprint/draw/text.py's draw_first_line with the copy in shared/pdf_text.py, carry the "
        "changes over, then update WEASYPRINT_CHECKED and DRAW_FIRST_LINE_SHA256")
