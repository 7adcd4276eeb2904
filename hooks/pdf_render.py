"""Rendering one PDF with WeasyPrint, in a worker process of hooks/pdf.py.

A module of its own, importable by name, so that the worker processes can be handed the function.
"""

from __future__ import annotations

import logging
import time


# In a worker process, as it starts (while the main process goes on building the site): import
# WeasyPrint, the slowest part of a first render. An import that fails is left for render() to
# report, with its cause.
def warm_up() -> None:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        pass


# In a worker process: render one PDF/UA-1 document; return the PDF, its page count, the ERROR
# messages WeasyPrint logged and the seconds it took.
def render(document: str, base_url: str, stylesheet: str) -> tuple[bytes, int, list[str], float]:
    start = time.perf_counter()
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    errors: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            errors.append(record.getMessage())

    handler = Collect(level=logging.ERROR)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
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
