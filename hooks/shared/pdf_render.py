"""Rendering one PDF with WeasyPrint, in a worker process of hooks/pdf.py.

A module of its own, importable by name, so that the worker processes can be handed the function.
render() is the one step from a document to a PDF: what the PDFs need beyond WeasyPrint's own
output goes there (the structure tree: shared/pdf_structure.py; the text layer: shared/pdf_text.py).
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import time

from shared import pdf_text


# One worker per core for `mkdocs build`, whose last step waits for the PDFs; for `mkdocs serve`
# one per core the build itself does not use (at least one), so that the preview is not slowed.
def worker_count(previewing: bool = False) -> int:
    cores = os.cpu_count() or 1
    return max(1, cores - 1) if previewing else cores


# The pydyf release WeasyPrint writes PDFs with, for which speed_up_page_references() is checked.
PYDYF_CHECKED = "0.13.0"


def _page_references(pdf) -> tuple[bytes, ...]:
    """pydyf's PDF.page_references, built once per page count instead of at every call."""
    kids = pdf.pages["Kids"]  # [number, 0, "R", number, 0, "R", ...]; pages are only ever added
    cached = pdf.__dict__.get("_site_page_references")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf._site_page_references = cached
    return cached[1]


def speed_up_page_references() -> bool:
    """Make a tagged PDF's render time grow with its length, not with its length squared.

    WeasyPrint's PDF/UA tagging asks pydyf for the list of every page's reference once per tagged
    element (weasyprint/pdf/tags.py), and pydyf builds that list afresh each time: a PDF of 800
    pages spent about a minute on it. The list is kept until a page is added. Only for the pydyf
    release this was checked with (tests/test_pdf.py checks the answers are pydyf's own and the
    PDF is byte for byte the same); with any other the code is left as it is. Returns whether the
    speed-up is in place."""
    import pydyf

    current = pydyf.PDF.__dict__.get("page_references")
    if not isinstance(current, property) or pydyf.__version__ != PYDYF_CHECKED:
        return False
    if current.fget is not _page_references:
        pydyf.PDF.page_references = property(_page_references)
    return True


# In a worker process, as it starts (while the main process goes on building the site): import
# WeasyPrint, the slowest part of a first render. An import that fails is left for render() to
# report, with its cause.
def warm_up() -> None:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        pass


PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent ends


# In a worker process, as it starts: end it when the build that started it ends, however that
# ends (a `mkdocs serve` stopped with a signal cannot stop its workers; a forked worker would
# live on, holding the preview's port). Linux only; elsewhere the build stops them as usual.
def start_worker() -> None:
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass
    warm_up()


# In a worker process: render one PDF/UA-1 document, its text readable as written
# (shared/pdf_text.py); return the PDF, its page count, the ERROR messages WeasyPrint logged and
# the seconds it took.
def render(document: str, base_url: str, stylesheet: str) -> tuple[bytes, int, list[str], float]:
    start = time.perf_counter()
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    from shared.pdf_structure import improve_tagging

    speed_up_page_references()
    improve_tagging()
    pdf_text.install()

    errors: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            errors.append(record.getMessage())

    handler = Collect(level=logging.ERROR)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    # Python's cycle collector walks every object WeasyPrint has made, and more often the longer
    # the document: an eighth to a quarter of a 200-page PDF's render time, growing faster than the pages.
    # WeasyPrint holds on to its objects until the PDF is written anyway, so the collector is off
    # while it renders and runs once after (peak memory measured the same: 303 and 308 MB).
    collecting = gc.isenabled()
    gc.disable()
    try:
        fonts = FontConfiguration()
        fetcher = weasyprint.URLFetcher(allowed_protocols={"file", "data"})
        html_document = weasyprint.HTML(string=document, base_url=base_url, url_fetcher=fetcher)
        rendered = html_document.render(
            font_config=fonts, pdf_variant="pdf/ua-1",
            stylesheets=[weasyprint.CSS(string=stylesheet, font_config=fonts, url_fetcher=fetcher)])
        pdf = rendered.write_pdf(pdf_variant="pdf/ua-1")
        return pdf, len(rendered.pages), errors, time.perf_counter() - start
    finally:
        logger.removeHandler(handler)
        if collecting:
            gc.enable()
            gc.collect()
