"""The printable version as a PDF: one accessible (PDF/UA-1) file per language, and its download link.

Each language's print page (see print_page.py) is turned into a small document of its own –
the guide's text, the address of the guide online with a QR code, the date and the contents –
styled by hooks/pdf.css (never Material's CSS, which makes WeasyPrint cut the text short) and
rendered by WeasyPrint into `working-towards-co-production-<lang>.pdf` next to that language's
pages. The line `<!-- md:download-printable -->` in a guide becomes a link to that PDF with its
format, size and page count, taken from the file once it is written.

- A PDF is rendered again only when its inputs changed: the cache (.cache/printable/, or
  PRINTABLE_CACHE_DIR) is keyed on the document, stylesheet, fonts, images and WeasyPrint version.
- The languages are rendered in parallel worker processes while the next language is built.
- WeasyPrint fetches nothing from the network (file: and data: addresses only); any ERROR it
  logs fails the build, naming the page.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import importlib.metadata
import html
import logging
import multiprocessing
import os
import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import tinyhtml5
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from shared import internals, timeline
from shared.language_facts import Language, facts_of, font_files, language_facts
from shared.languages import all_languages_built, build_language, is_default, language_root, site_languages
from shared.pdf_render import code_fingerprint, render, warm_up, worker_count
from shared.printable import build_date, enabled_print_site, online_url
from shared.markup import edit
from shared.strings import texts_in
from shared.templates import render_block

MARKER = "<!-- md:download-printable -->"
PDF_NAME = "working-towards-co-production-{language}.pdf"
GUIDE = re.compile(r"index\.md")  # the guide has the download link (its translations: editor_checks.py)
STYLESHEET = Path(__file__).with_name("pdf.css")
CACHE_KEEP = 6  # PDFs kept per language (the preview and the tests each use their own)
INSTALL_HINT = ("run `make build` (as root it installs what is missing) or "
                "`sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core` "
                "and `.venv/bin/pip install -r requirements.txt`")
# Elements that mean nothing on paper.
DROPPED = {"script", "style", "iframe", "button", "form", "input", "select", "textarea", "noscript", "template"}
LRI, PDI = "\u2066", "\u2069"  # keep an address left to right inside right-to-left text
log = logging.getLogger("mkdocs.hooks.pdf")


@dataclass
class Printable:
    """One language's PDF: where it goes, the pages that link to it, and its render."""
    language: str
    output: Path
    source: str  # the Markdown files of the printable content, for messages
    cache: Path
    linking_pages: list[Path]
    future: concurrent.futures.Future | None = None
    pages: int = 0
    skipped: bool = False  # not made: the strict build had warnings


_printables: dict[str, Printable] = {}
# This language's pages: print-site's key of each page (its section id on the print page) →
# its Markdown file; and the pages that link to the PDF.
_sources: dict[str, str] = {}
_linking_pages: list[Path] = []
_pool: concurrent.futures.ProcessPoolExecutor | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    if enabled_print_site(config) is None:
        return None
    weasyprint_version()  # fail early, in one line, when WeasyPrint is not installed
    language_facts(config)  # the PDF fonts of every language are installed (one line if not)
    if is_default(config, build_language(config)):
        _printables.clear()
        _warnings.watch()
    _sources.clear()
    _linking_pages.clear()
    return config


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    _sources[internals.print_site_page_key(page.url)] = source_name(page)
    if MARKER not in markdown:
        if GUIDE.fullmatch(page.file.src_uri):
            raise PluginError(f"{source_name(page)}: the line {MARKER} is missing, so readers get no link to "
                              "the PDF. Put it back on a line of its own at the end of the download section.")
        return markdown
    if any(MARKER in line and line.strip() != MARKER for line in markdown.splitlines()):
        raise PluginError(f"{source_name(page)}:{source_line(page, MARKER)}: the line {MARKER} must stand "
                          "alone on its line. Put it on a line of its own, with an empty line before it.")
    _linking_pages.append(Path(page.file.abs_dest_path))
    return markdown


@event_priority(timeline.PRINT_PAGE_DONE)  # print_page.py completed this language's print page
def _start_this_language(config: MkDocsConfig) -> None:
    print_site = enabled_print_site(config)
    if print_site is not None:
        start_render(config, print_site)


# static-i18n builds the default language first and the others inside its own on_post_build;
# the last call, once every language is built, waits for the PDFs and links them. It comes after
# the other hooks' last steps (trim_css.py, security_headers.py, the sitemap), which run while
# the last PDFs are still rendering.
@event_priority(timeline.PDFS_READY)
def _finish_all(config: MkDocsConfig) -> None:
    if all_languages_built(config) and enabled_print_site(config) is not None:
        finish(config)


on_post_build = CombinedEvent(_start_this_language, _finish_all)


# Prepare this language's PDF document and start rendering it (or take it from the cache).
def start_render(config: MkDocsConfig, print_site) -> None:
    language = build_language(config)
    print_page = Path(internals.print_site_page(print_site).file.abs_dest_path)
    document, files, sources = pdf_document(print_page.read_text(encoding="utf-8"), print_page, config, language)
    stylesheet = font_faces(config) + STYLESHEET.read_text(encoding="utf-8")
    key = cache_key(document, stylesheet, files, config)
    output = Path(config.site_dir) / language_root(config, language) / PDF_NAME.format(language=language)
    printable = Printable(language, output, ", ".join(sources), cache_dir(config) / f"{language}-{key}.pdf",
                          [*_linking_pages, print_page])
    _printables[language] = printable
    if config.strict and _warnings.count:  # the build will fail: no PDF is needed
        printable.skipped = True
    elif not printable.cache.is_file():
        printable.future = pool(config).submit(render, document, print_page.as_uri(), stylesheet)


class _Warnings(logging.Handler):
    """Counts MkDocs' warnings in this build: a strict build with warnings fails, so it makes no PDFs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def watch(self) -> None:
        self.count = 0
        logger = logging.getLogger("mkdocs")
        if not any(isinstance(handler, _Warnings) for handler in logger.handlers):
            logger.addHandler(self)


_warnings = _Warnings()


# Wait for every language's PDF, write it next to that language's pages and link to it.
def finish(config: MkDocsConfig) -> None:
    try:
        skipped = [printable.language for printable in _printables.values() if printable.skipped]
        if skipped:
            log.info(f"PDF ({', '.join(skipped)}) not made: the build has problems to fix first (listed above).")
        for printable in _printables.values():
            if printable.skipped:
                continue
            if printable.future is not None:
                try:
                    pdf, pages, errors, seconds = printable.future.result()
                except concurrent.futures.process.BrokenProcessPool:
                    raise
                except (ImportError, OSError) as error:  # WeasyPrint or a library it needs is missing
                    cause = str(error).splitlines()[0] if str(error) else type(error).__name__
                    raise PluginError(f"The PDF cannot be made: WeasyPrint or a library it needs is missing "
                                      f"({cause}): {INSTALL_HINT}.") from None
                except Exception as error:  # WeasyPrint failed on this document
                    raise PluginError(f"{printable.source}: the printable version ({printable.language}) could "
                                      f"not be made: WeasyPrint: {type(error).__name__}: {error}") from None
                if errors:
                    raise PluginError(weasyprint_problem(printable, errors[0], config))
                printable.cache.parent.mkdir(parents=True, exist_ok=True)
                printable.cache.with_suffix(".pages").write_text(str(pages), encoding="utf-8")
                partial = printable.cache.with_suffix(".partial")
                partial.write_bytes(pdf)
                partial.replace(printable.cache)  # a build stopped half-way leaves no broken PDF behind
                log.info(f"PDF ({printable.language}) rendered in {seconds:.2f} s: {printable.output.name}")
            else:
                log.info(f"PDF ({printable.language}) unchanged, taken from the cache: {printable.output.name}")
            os.utime(printable.cache)  # recently used: kept when the cache is pruned
            prune(printable.cache.parent, printable.language)
            printable.pages = int(printable.cache.with_suffix(".pages").read_text(encoding="utf-8"))
            printable.output.parent.mkdir(parents=True, exist_ok=True)
            printable.output.write_bytes(printable.cache.read_bytes())
            link_to(printable, config)
    except concurrent.futures.process.BrokenProcessPool:
        raise PluginError(f"WeasyPrint stopped while making the PDFs: {INSTALL_HINT}.") from None
    finally:
        stop_pool()


# WeasyPrint's first ERROR as an editor's line: an image it could not load is named as the page
# writes it, with the page's file and line; anything else with the pages of the PDF.
def weasyprint_problem(printable: Printable, error: str, config: MkDocsConfig) -> str:
    image = re.search(r"Failed to load image at '(?P<url>[^']+)'", error)
    if image:
        url = image["url"]
        name = url.rsplit("/", 1)[-1]
        for source in printable.source.split(", "):
            path = Path(config.config_file_path).parent / source
            lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
            number = next((n for n, line in enumerate(lines, start=1) if name and name in line), 0)
            if number:
                shown = url if url.startswith(("http://", "https://")) else name
                return (f"{source}:{number}: the PDF cannot show the image '{shown}': put the picture in "
                        "docs/assets/images/ and check its name (the PDF is made without the internet).")
    return (f"{printable.source}: the printable version ({printable.language}) could not be made: "
            f"WeasyPrint: {error}")


# A build that stops early (an editor's mistake) leaves no worker process behind.
def on_build_error(*, error: Exception) -> None:
    stop_pool()


def on_shutdown() -> None:
    stop_pool()


# Replace the marker in each page of the language by the link to its PDF.
def link_to(printable: Printable, config: MkDocsConfig) -> None:
    text = texts_in(config, printable.language)
    size = printable.output.stat().st_size
    details = text("download_details").format(
        format="PDF", size=file_size(size, text, facts_of(config, printable.language)),
        pages=page_count(printable.pages, text, facts_of(config, printable.language)))
    address = urljoin(online_url(config, printable.language), printable.output.name)
    for page in printable.linking_pages:
        link = render_block(config, "partials/site/download-link.html", t=text, name=printable.output.name,
                            href=posixpath.relpath(printable.output.as_posix(), page.parent.as_posix()),
                            address=address, details=details)
        where = page.relative_to(config.site_dir).as_posix()
        page.write_text(edit(page.read_text(encoding="utf-8"), MARKER, link, what=f"the line {MARKER}",
                             where=where, expected=range(1, 1000)), encoding="utf-8")


# The print page as a document of its own for WeasyPrint; the local files it uses (images) and
# the Markdown files of its content.
def pdf_document(print_page_html: str, print_page: Path, config: MkDocsConfig,
                 language: str) -> tuple[str, list[Path], list[str]]:
    tree = tinyhtml5.parse(print_page_html, namespace_html_elements=False)
    content = tree.find(".//div[@id='print-site-page']")
    if content is None:
        raise PluginError(f"{PDF_NAME.format(language=language)}: the print page has no printable content. "
                          "Keep print-site as the last plugin in mkdocs.yml.")
    body = tree.find("body")
    direction = body.get("dir", "ltr") if body is not None else "ltr"
    sources = {section.get("id"): _sources[section.get("id")]
               for section in content.iter("section") if section.get("id") in _sources}
    page_url = urljoin(online_url(config, site_languages(config)[0]),
                       print_page.parent.relative_to(config.site_dir).as_posix() + "/")
    pdf_address = urljoin(online_url(config, language), PDF_NAME.format(language=language))
    files = prepare(content, print_page, page_url, pdf_address, sources)
    h1 = content.find(".//h1")
    title = " ".join("".join(h1.itertext()).split()) if h1 is not None else config.site_name
    content.tail = None
    created = build_date().isoformat()
    document = (
        f'<!DOCTYPE html><html lang="{html.escape(language)}" dir="{html.escape(direction)}"><head>'
        f'<meta charset="utf-8"><title>{html.escape(title)}</title>'
        f'<meta name="author" content="{html.escape(config.site_author or "")}">'
        f'<meta name="description" content="{html.escape(config.site_description or "")}">'
        f'<meta name="dcterms.created" content="{created}"><meta name="dcterms.modified" content="{created}">'
        f'</head><body>{ET.tostring(content, encoding="unicode", method="html")}</body></html>'
    )
    return document, files, list(sources.values())


# Make the print page's content fit for paper; return the local files it uses (images).
def prepare(content: ET.Element, print_page: Path, page_url: str, pdf_address: str,
            sources: dict[str, str]) -> list[Path]:
    marker_text = MARKER[len("<!--"):-len("-->")]
    for parent in list(content.iter()):
        for child in list(parent):
            classes = child.get("class", "").split() if isinstance(child.tag, str) else []
            if not isinstance(child.tag, str):  # a comment; the download marker becomes the PDF's address
                replace(parent, child, address_link(pdf_address) if child.text == marker_text else None)
            elif child.tag in DROPPED or "site-no-print" in classes or "headerlink" in classes:
                replace(parent, child, None)
    files: list[Path] = []
    # Innermost sections first, so that an image is reported with the page it is on.
    for section in [*reversed(list(content.iter("section"))), content]:
        source = sources.get(section.get("id"), ", ".join(sources.values()))
        for image in section.iter("img"):
            if image.get("alt") is None:
                raise PluginError(f"{source}: the image {image.get('src')} has no alt text, so the PDF cannot "
                                  "be accessible. Describe it: ![what the image shows](image.png), or write "
                                  "![](image.png) if it is only decoration.")
            local = urlsplit(urljoin(print_page.as_uri(), image.get("src", "")))
            if local.scheme == "file" and Path(url2pathname(local.path)).is_file():
                files.append(Path(url2pathname(local.path)))
    for parent in list(content.iter()):
        for link in list(parent):
            if link.tag == "a" and link.get("href") and not link.get("href").startswith("#"):
                show_address(parent, link, page_url)
    return sorted(set(files))


# Point a link to its full address and print that address after the link, as text of its own
# (a generated ::after would put a link inside the link in the PDF's tags).
def show_address(parent: ET.Element, link: ET.Element, page_url: str) -> None:
    address = link.attrib.pop("data-print-address", None) or urljoin(page_url, link.get("href"))
    link.set("href", address)
    for attribute in ("download", "type"):
        link.attrib.pop(attribute, None)
    if " ".join("".join(link.itertext()).split()) == address:
        return
    shown = ET.Element("span", {"class": "link-address"})
    shown.text = f" ({LRI}{address}{PDI})"
    shown.tail, link.tail = link.tail, None
    parent.insert(list(parent).index(link) + 1, shown)


# Put `new` (or nothing) where `old` is, keeping the text that followed `old`.
def replace(parent: ET.Element, old: ET.Element, new: ET.Element | None) -> None:
    index = list(parent).index(old)
    parent.remove(old)
    if new is not None:
        new.tail = old.tail
        parent.insert(index, new)
    elif old.tail:
        if index > 0:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + old.tail
        else:
            parent.text = (parent.text or "") + old.tail


# A paragraph with a link whose text is its address.
def address_link(address: str) -> ET.Element:
    paragraph = ET.Element("p", {"class": "printable-address"})
    link = ET.SubElement(paragraph, "a", {"href": address, "dir": "ltr"})
    link.text = address
    return paragraph


# @font-face rules for the embedded fonts, and each language's fonts (docs/_data/languages.yml).
def font_faces(config: MkDocsConfig) -> str:
    facts = language_facts(config)
    faces = "".join(
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{path.as_uri()}"); }}\n'
        for family in pdf_font_families(config) for (weight, style), path in font_files(family).items())
    rules = []
    for code, language in facts.items():
        families = ", ".join(f'"{family}"' for family in language.pdf_fonts)
        rules.append(f"html:lang({code}) {{ font-family: {families}, sans-serif; }}\n")
    return faces + "".join(rules)


# Every font family the PDFs of the site's languages use.
def pdf_font_families(config: MkDocsConfig) -> list[str]:
    return list(dict.fromkeys(family for language in language_facts(config).values() for family in language.pdf_fonts))


# A hash of everything that makes the PDF: a new one means the PDF must be rendered again.
def cache_key(document: str, stylesheet: str, files: list[Path], config: MkDocsConfig) -> str:
    digest = hashlib.sha256()
    digest.update(weasyprint_version().encode())
    digest.update(code_fingerprint().encode())
    for text in (document, stylesheet):
        digest.update(hashlib.sha256(text.encode("utf-8")).digest())
    fonts = [path for family in pdf_font_families(config) for path in font_files(family).values()]
    for path in fonts + files:
        stat = path.stat()
        digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:20]


# Keep the cache small: the PDFs of a language used most recently, the others go.
def prune(folder: Path, language: str, keep: int = CACHE_KEEP) -> None:
    cached = sorted(folder.glob(f"{language}-*.pdf"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
    for old in cached[keep:]:
        old.unlink(missing_ok=True)
        old.with_suffix(".pages").unlink(missing_ok=True)


def cache_dir(config: MkDocsConfig) -> Path:
    configured = os.environ.get("PRINTABLE_CACHE_DIR")
    return Path(configured) if configured else Path(config.config_file_path).parent / ".cache" / "printable"


# The worker processes that render the PDFs (forked: hooks are not importable by name), started
# by the first PDF that is not in the cache (a build whose PDFs are all in the cache, as most
# `make serve` and `make check` runs are, never loads WeasyPrint); the other languages are built
# while the workers load WeasyPrint and render.
def pool(config: MkDocsConfig) -> concurrent.futures.Executor:
    global _pool
    if _pool is None:
        workers = worker_count(len(site_languages(config)))
        _pool = concurrent.futures.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                                       initializer=warm_up)
        _pool.submit(warm_up)  # with "fork" the workers start at the first task: start them now
    return _pool


# Stop the worker processes, if any are running.
def stop_pool() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(cancel_futures=True)
        _pool = None


# WeasyPrint's version, from its package record (importing WeasyPrint takes more than a second,
# so only the worker processes do); a PluginError in one line when it is not installed.
def weasyprint_version() -> str:
    try:
        return importlib.metadata.version("weasyprint")
    except importlib.metadata.PackageNotFoundError:
        raise PluginError(f"The PDF cannot be made: WeasyPrint is not installed: {INSTALL_HINT}.") from None


# "96 KB" or "1.2 MB", in the language's way of writing numbers.
def file_size(size: int, text, language: Language) -> str:
    if size < 1024 * 1024:
        return text("download_kilobytes").format(n=max(1, round(size / 1024)))
    return text("download_megabytes").format(n=language.format_decimal(f"{size / (1024 * 1024):.1f}"))


# "4 pages", in the plural form the language's rules give (download_pages_<form>, or _other).
def page_count(pages: int, text, language: Language) -> str:
    form = language.plural_category(pages)
    try:
        template = text(f"download_pages_{form}")
    except PluginError:
        template = text("download_pages_other")
    return template.format(n=pages)


# "docs/index.pl.md": the page's Markdown file, as editors know it.
def source_name(page: Page) -> str:
    return f"docs/{page.file.src_uri}"


# The line number of `text` in the page's Markdown file (front matter included).
def source_line(page: Page, text: str) -> int:
    lines = Path(page.file.abs_src_path).read_text(encoding="utf-8").splitlines()
    return next((number for number, line in enumerate(lines, start=1) if text in line), 1)
