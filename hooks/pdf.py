"""Every resource a publication of its own: one accessible PDF (PDF/UA-1) per resource page and
language, and the page's link to it.

A resource is a page with the line `<!-- md:download-printable -->` (CONTRIBUTING.md, "Add a
resource"). Its PDF is named after the page, `<page>-<language>.pdf`, next to the page in each
language (`parent-forums/parent-forums-pl.pdf`); `pdf: <name>` in the English page's front
matter gives it another name (the guide keeps the addresses it was published at:
`working-towards-co-production-en.pdf`, `pl/working-towards-co-production-pl.pdf`, …). An
English page that a language falls back to gets that language's PDF, with the notice the page
shows. The line becomes a link to the PDF with its format, size and page count, taken from the
file once it is written: on the page, and on the print page.

The PDF holds the page's own text as a publication (overrides/partials/site/publication.html):
the organisation, the title, when it was published and updated (git), the address online with a
QR code, the copyright and licence (mkdocs.yml), how to ask for another format (the
accessibility statement's paragraph marked `{ #other-formats }`) and the contents with page
numbers; styled by hooks/pdf.css (never Material's CSS, which makes WeasyPrint cut the text
short) and rendered by WeasyPrint (shared/pdf_render.py).

- A PDF is rendered again only when what goes into it changed: the cache (.cache/printable/, or
  PRINTABLE_CACHE_DIR) is keyed on the document, stylesheet, fonts, images and WeasyPrint version.
- Each language's PDFs start rendering in worker processes once its pages are built, while the
  next language is built. `mkdocs build` waits for them. `mkdocs serve` does not: the preview
  reloads at once, the links of PDFs still being made say so, and the preview reloads again
  when they are ready.
- A strict build that will fail makes no PDF: one with warnings, or one `make check` runs after
  its own checks already found problems (shared/printable.py, CHECK_FOUND_PROBLEMS).
- WeasyPrint fetches nothing from the network (file: and data: addresses only); any ERROR it
  logs fails the build, naming the page.
"""

from __future__ import annotations

import concurrent.futures
import functools
import hashlib
import importlib.metadata
import logging
import multiprocessing
import os
import posixpath
import re
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import tinyhtml5
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from shared import internals, timeline
from shared.front_matter import read_front_matter
from shared.language_facts import Language, facts_of, font_files, language_facts
from shared.languages import (all_languages_built, build_language, file_language, is_default, is_fallback,
                              site_languages)
from shared.markup import edit
from shared.pdf_render import render, start_worker, warm_up, worker_count
from shared.printable import CHECK_FOUND_PROBLEMS, enabled_print_site, forget_history, publication_dates, qr_code
from shared.strings import texts_in
from shared.templates import render_block, render_document

MARKER = "<!-- md:download-printable -->"
# The marker once the build knows the PDF's file name: in the page and on the print page.
PLACE = "<!-- site:printable {file} -->"
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
OTHER_FORMATS = "other-formats"  # the id of the accessibility statement's paragraph on other formats
# What the PDFs' documents are made of, besides the pages: the strings and the site's partials.
STRINGS_FOLDER = "docs/_data/strings"
TEMPLATES_FOLDER = "overrides/partials/site"
STYLESHEET = Path(__file__).with_name("pdf.css")
# The code that renders the PDFs: a change to it renders every PDF again.
RENDER_CODE = Path(__file__).with_name("shared")
RENDER_FILES = ("pdf_render.py", "pdf_structure.py", "pdf_text.py", "right_to_left_text.py")
CACHE_KEEP = 4  # PDFs kept per resource and language (the preview and the tests each use their own)
INSTALL_HINT = ("run `make build` (as root it installs what is missing) or "
                "`sudo apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core` "
                "and `.venv/bin/pip install -r requirements.txt`")
# Elements that mean nothing on paper.
DROPPED = {"script", "style", "iframe", "button", "form", "input", "select", "textarea", "noscript", "template"}
log = logging.getLogger("mkdocs.hooks.pdf")


@dataclass
class Printable:
    """One resource's PDF in one language: what goes into it, where it goes, who links to it."""
    language: str
    file: str  # its file name, "parent-forums-pl.pdf"
    source: str  # the Markdown file, for messages
    output: Path
    cache: Path
    linking_pages: list[Path]  # the resource's page, and the print page when it is on it
    future: concurrent.futures.Future | None = None
    pages: int = 0
    seconds: float = 0.0  # how long the render took
    skipped: bool = False  # not made: the strict build had warnings


@dataclass
class ResourcePage:
    """A resource page of the language being built, as the page shows it."""
    name: str
    source: str  # "docs/index.pl.md"
    path: Path  # the Markdown file
    url: str
    built: Path  # its HTML file
    content: str  # its finished HTML (the article's content)
    meta: dict


@dataclass
class _Build:
    """The state of one build (every language), and of the background renders of `mkdocs serve`."""
    printables: list[Printable] = field(default_factory=list)
    pages: dict[Path, ResourcePage] = field(default_factory=dict)  # this language's, by HTML file
    other_formats: list[str] = field(default_factory=list)  # this language's paragraph, as HTML
    generation: int = 0  # one more at each build
    serving: bool = False  # `mkdocs serve`: PDFs that changed follow in the background
    site_url: str = ""  # the address the site is published at (mkdocs serve puts its own in config.site_url)
    server: object | None = None  # mkdocs serve's server, to reload the browsers
    in_flight: dict[Path, concurrent.futures.Future] = field(default_factory=dict)  # by cache file
    lock: threading.Lock = field(default_factory=threading.Lock)
    # The PDFs' documents prepared in this process, by what went into them (see document_for);
    # those of the build before are kept until this one is done.
    documents: dict[str, tuple[str, list[Path]]] = field(default_factory=dict)
    documents_before: dict[str, tuple[str, list[Path]]] = field(default_factory=dict)


_build = _Build()
_pool: concurrent.futures.ProcessPoolExecutor | None = None


def on_startup(*, command: str, dirty: bool) -> None:
    _build.serving = command == "serve"


def on_serve(server, *, config: MkDocsConfig, builder):
    _build.server = server
    return server


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    weasyprint_version()  # fail early, in one line, when WeasyPrint is not installed
    language_facts(config)  # the PDF fonts of every language are installed (one line if not)
    if is_default(config, build_language(config)):
        _build.site_url = internals.configured_site_url(config) if _build.serving else config.site_url or ""
        with _build.lock:  # a render of the last build, finishing in the background, writes nothing from now on
            _build.generation += 1
            _build.printables.clear()
            _build.documents_before, _build.documents = _build.documents, {}
        _warnings.watch()
        forget_history()
    _build.pages.clear()
    _build.other_formats.clear()
    return config


# A resource page's marker: checked, and replaced by one naming the PDF's file.
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = source_name(page)
    english = english_file(page, config)
    english_meta = page.meta if english == Path(page.file.abs_src_path) else english_front_matter(english, config)
    if MARKER not in markdown:
        if english_meta.get("pdf") is not None or (english != Path(page.file.abs_src_path) and english_has_marker(english)):
            raise PluginError(f"{source}: the line {MARKER} is missing, so readers get no link to the PDF. "
                              "Put it back on a line of its own at the end of the download section.")
        return markdown
    if any(MARKER in line and line.strip() != MARKER for line in markdown.splitlines()):
        raise PluginError(f"{source}:{source_line(page, MARKER)}: the line {MARKER} must stand "
                          "alone on its line. Put it on a line of its own, with an empty line before it.")
    name = resource_name(english, english_meta, config)
    language = build_language(config)
    file = f"{name}-{language}.pdf"
    built = Path(page.file.abs_dest_path)
    _build.pages[built] = ResourcePage(name, source, Path(page.file.abs_src_path), page.url, built, "", page.meta)
    return markdown.replace(MARKER, PLACE.format(file=file))


# Keep each resource page's finished HTML, and the accessibility statement's paragraph on other formats.
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    resource = _build.pages.get(Path(page.file.abs_dest_path))
    if resource is not None:
        resource.content = page.content or ""
    if f'id="{OTHER_FORMATS}"' in (page.content or ""):
        _build.other_formats.append(other_formats_html(page.content, is_fallback(page.file, config)))
    return output


# This language's pages are written: start making its PDFs.
@event_priority(timeline.LANGUAGE_BUILT)  # and print_page.py completed its print page
def _start_this_language(config: MkDocsConfig) -> None:
    start_renders(config)


# static-i18n builds the default language first and the others inside its own on_post_build;
# the last call, once every language is built, waits for the PDFs (or, in `mkdocs serve`, for
# those already made) and links them. It comes after the other hooks' last steps (trim_css.py,
# security_headers.py, the sitemap), which run while the last PDFs are still rendering.
@event_priority(timeline.PDFS_READY)
def _finish_all(config: MkDocsConfig) -> None:
    if all_languages_built(config):
        finish(config)


on_post_build = CombinedEvent(_start_this_language, _finish_all)


# Prepare this language's PDFs and start rendering those that are not in the cache.
def start_renders(config: MkDocsConfig) -> None:
    language = build_language(config)
    if not _build.pages:
        return
    stylesheet = font_faces(config) + STYLESHEET.read_text(encoding="utf-8")
    print_page = print_page_file(config)
    print_html = print_page.read_text(encoding="utf-8") if print_page else ""
    for resource in _build.pages.values():
        file = f"{resource.name}-{language}.pdf"
        output = resource.built.parent / file
        document, files = document_for(config, resource, language, output)
        key = cache_key(document, stylesheet, files, config)
        linking = [resource.built] + ([print_page] if print_page and PLACE.format(file=file) in print_html else [])
        printable = Printable(language, file, resource.source, output,
                              cache_dir(config) / f"{resource.name}-{language}-{key}.pdf", linking)
        _build.printables.append(printable)
        if config.strict and (_warnings.count or os.environ.get(CHECK_FOUND_PROBLEMS)):  # the build will fail
            printable.skipped = True
        elif not printable.cache.is_file():
            with _build.lock:
                printable.future = _build.in_flight.get(printable.cache)
                if printable.future is None:
                    printable.future = pool(config).submit(render, document, resource.built.as_uri(), stylesheet)
                    _build.in_flight[printable.cache] = printable.future


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


# Wait for every PDF (in `mkdocs serve`: only those already made), write each next to its page
# and link to it.
def finish(config: MkDocsConfig) -> None:
    printables = [printable for printable in _build.printables if not printable.skipped]
    skipped = sorted({printable.language for printable in _build.printables if printable.skipped})
    if skipped:
        log.info(f"PDFs ({', '.join(skipped)}) not made: the build has problems to fix first (listed above).")
    background = [printable for printable in printables
                  if _build.serving and printable.future is not None and not printable.future.done()]
    waiting = {id(printable) for printable in background}
    try:
        for printable in printables:
            if id(printable) in waiting:
                link_to(printable, config, pending=True)
                continue
            if printable.future is not None:
                store(printable, printable.future, config)
                log.info(f"PDF ({printable.language}) rendered in {printable.seconds:.2f} s: {printable.file}")
            put_in_place(printable, config)
    except concurrent.futures.process.BrokenProcessPool:
        stop_pool()
        raise PluginError(f"WeasyPrint stopped while making the PDFs: {INSTALL_HINT}.") from None
    except PluginError:
        stop_pool()
        raise
    unchanged = sum(1 for printable in printables if printable.future is None)
    if unchanged:
        log.info(f"PDFs: {unchanged} of {len(printables)} unchanged, taken from the cache.")
    if background:
        log.info(f"PDFs: the preview is ready; {len(background)} changed PDF(s) are being made in the background "
                 "and the preview reloads when they are ready.")
        generation = _build.generation
        threading.Thread(target=finish_in_background, args=(background, config, generation), daemon=True).start()
    elif not _build.serving:
        stop_pool()


# `mkdocs serve`: once the changed PDFs are made, put them in place and reload the preview,
# unless a newer build has started meanwhile (it uses the same renders, or newer ones).
def finish_in_background(printables: list[Printable], config: MkDocsConfig, generation: int) -> None:
    done = []
    for printable in printables:
        try:
            store(printable, printable.future, config)
        except (PluginError, concurrent.futures.process.BrokenProcessPool, concurrent.futures.CancelledError) as error:
            log.error(str(error) or "WeasyPrint stopped while making the PDFs.")
            continue
        done.append(printable)
    with _build.lock:
        if generation != _build.generation:
            return
        for printable in done:
            put_in_place(printable, config)
            log.info(f"PDF ({printable.language}) rendered in {printable.seconds:.2f} s, in the background: "
                     f"{printable.file}")
    if done and _build.server is not None:
        internals.reload_browsers(_build.server)


# The render's result, checked and written to the cache.
def store(printable: Printable, future: concurrent.futures.Future, config: MkDocsConfig) -> None:
    try:
        pdf, pages, errors, seconds = future.result()
    except concurrent.futures.process.BrokenProcessPool:
        raise
    except (ImportError, OSError) as error:  # WeasyPrint or a library it needs is missing
        cause = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise PluginError(f"The PDF cannot be made: WeasyPrint or a library it needs is missing "
                          f"({cause}): {INSTALL_HINT}.") from None
    except Exception as error:  # WeasyPrint failed on this document
        raise PluginError(f"{printable.source}: the PDF {printable.file} could not be made: "
                          f"WeasyPrint: {type(error).__name__}: {error}") from None
    finally:
        with _build.lock:
            if _build.in_flight.get(printable.cache) is future:
                del _build.in_flight[printable.cache]
    if errors:
        raise PluginError(weasyprint_problem(printable, errors[0], config))
    printable.seconds = seconds
    if not printable.cache.is_file():  # the same render may serve two builds
        printable.cache.parent.mkdir(parents=True, exist_ok=True)
        printable.cache.with_suffix(".pages").write_text(str(pages), encoding="utf-8")
        partial = printable.cache.with_suffix(f".{os.getpid()}.{threading.get_ident()}.partial")
        partial.write_bytes(pdf)
        partial.replace(printable.cache)  # a build stopped half-way leaves no broken PDF behind


# WeasyPrint's first ERROR as an editor's line: an image it could not load is named as the page
# writes it, with the page's file and line; anything else with the page's file.
def weasyprint_problem(printable: Printable, error: str, config: MkDocsConfig) -> str:
    image = re.search(r"Failed to load image at '(?P<url>[^']+)'", error)
    if image:
        url = image["url"]
        name = url.rsplit("/", 1)[-1]
        number = line_in(Path(config.config_file_path).parent / printable.source,
                         lambda line: name in line) if name else None
        if number:
            shown = url if url.startswith(("http://", "https://")) else name
            return (f"{printable.source}:{number}: the PDF cannot show the image '{shown}': put the picture in "
                    "docs/assets/images/ and check its name (the PDF is made without the internet).")
    return f"{printable.source}: the PDF {printable.file} could not be made: WeasyPrint: {error}"


# Copy the PDF from the cache next to its page, and link to it.
def put_in_place(printable: Printable, config: MkDocsConfig) -> None:
    os.utime(printable.cache)  # recently used: kept when the cache is pruned
    prune(printable.cache)
    printable.pages = int(printable.cache.with_suffix(".pages").read_text(encoding="utf-8"))
    printable.output.parent.mkdir(parents=True, exist_ok=True)
    printable.output.write_bytes(printable.cache.read_bytes())
    link_to(printable, config)


# A build that stops early (an editor's mistake) leaves no worker process behind.
def on_build_error(*, error: Exception) -> None:
    if not _build.serving:
        stop_pool()


def on_shutdown() -> None:
    stop_pool()


# Put the link to the PDF, with its format, size and number of pages, where the pages that link
# to it say so (pending: in `mkdocs serve`, while it is being made).
def link_to(printable: Printable, config: MkDocsConfig, pending: bool = False) -> None:
    text = texts_in(config, printable.language)
    if pending:
        details = text("download_being_made")
    else:
        size = printable.output.stat().st_size
        details = text("download_details").format(
            format="PDF", size=file_size(size, text, facts_of(config, printable.language)),
            pages=page_count(printable.pages, text, facts_of(config, printable.language)))
    address = urljoin(published_url(config),
                      printable.output.relative_to(config.site_dir).as_posix())
    for page in printable.linking_pages:
        link = render_block(config, "partials/site/download-link.html", t=text, name=printable.file,
                            href=posixpath.relpath(printable.output.as_posix(), page.parent.as_posix()),
                            address=address, details=details, pending=pending, place=PLACE.format(file=printable.file))
        where = page.relative_to(config.site_dir).as_posix()
        pattern = re.compile(re.escape(PLACE.format(file=printable.file)) + r"(?:\s*<p class=\"site-download\">.*?</p>)?",
                             re.DOTALL)
        page.write_text(edit(page.read_text(encoding="utf-8"), pattern, link, what=f"the line {MARKER}",
                             where=where), encoding="utf-8")


# The address of the site's home page online, as the PDFs print it: where the site is published,
# also in `mkdocs serve` (so the preview's PDFs are those `make build` makes, and share its cache).
def published_url(config: MkDocsConfig) -> str:
    return (_build.site_url or config.site_url or "/").rstrip("/") + "/"


# An address of the site as it is published (`mkdocs serve` gives the pages its own address).
def as_published(config: MkDocsConfig, address: str | None) -> str | None:
    serving = (config.site_url or "/").rstrip("/") + "/"
    if address and address.startswith(serving) and serving != published_url(config):
        return published_url(config) + address[len(serving):]
    return address


# The print page of the language being built, when print-site makes one.
def print_page_file(config: MkDocsConfig) -> Path | None:
    print_site = enabled_print_site(config)
    if print_site is None:
        return None
    path = Path(internals.print_site_page(print_site).file.abs_dest_path)
    return path if path.is_file() else None


# ---------------------------------------------------------------------------------------------
# The PDF's document

# The document of a resource's PDF, prepared again only when something that goes into it changed:
# in `mkdocs serve`, an edit to one page prepares that page's documents alone.
def document_for(config: MkDocsConfig, resource: ResourcePage, language: str, output: Path) -> tuple[str, list[Path]]:
    licence = (config.extra.get("site_publication") or {}).get("licence") or {}
    inputs = [resource.content, resource.url, str(resource.built), str(resource.path), language, str(output),
              repr(sorted((key, repr(value)) for key, value in resource.meta.items())),
              repr(publication_dates(resource.path)), repr(_build.other_formats[:1]), published_url(config),
              config.site_name or "", config.site_author or "", config.copyright or "", repr(licence)]
    for folder in (STRINGS_FOLDER, TEMPLATES_FOLDER):  # the strings and the site's partials
        for path in sorted((Path(config.config_file_path).parent / folder).glob("*.*")):
            inputs.append(f"{path}:{path.stat().st_mtime_ns}:{path.stat().st_size}")
    key = hashlib.sha256("\0".join(inputs).encode("utf-8")).hexdigest()
    made = _build.documents.get(key) or _build.documents_before.get(key) or publication(config, resource, language, output)
    _build.documents[key] = made
    return made


# One resource page as the HTML of its PDF; and the local files it uses (images).
def publication(config: MkDocsConfig, resource: ResourcePage, language: str, output: Path) -> tuple[str, list[Path]]:
    text = texts_in(config, language)
    content = parse(resource.content)
    heading = content.find(".//h1")
    if heading is None:
        raise PluginError(f"{resource.source}: the page has no title (a line starting with '# '), so its PDF "
                          "has none. Add one at the top of the text.")
    title = " ".join("".join(heading.itertext()).split())
    title_language = language_of(content, heading)
    remove(content, heading)
    for wrapper in list(content):  # the English block that only held the title
        if wrapper.tag == "div" and len(wrapper) == 0 and not (wrapper.text or "").strip():
            remove(content, wrapper)
    contents = headings(content)
    online = urljoin(published_url(config), resource.url)
    published, updated = publication_dates(resource.path)
    if not _build.other_formats:
        raise PluginError(f"{accessibility_statement(config)}: no paragraph is marked {{ #{OTHER_FORMATS} }}, so "
                          "the PDFs cannot say how to ask for another format. Put { #other-formats } on the line "
                          "under the paragraph that says how (see CONTRIBUTING.md).")
    licence = (config.extra.get("site_publication") or {}).get("licence") or {}
    document = render_document(
        config, "partials/site/publication.html", t=text, language=language, direction=direction(config),
        title=title, title_language=title_language if title_language != language else None,
        organisation=config.site_author or "", description=resource.meta.get("description") or "",
        keywords=keywords(resource.meta, config),
        published=date_values(published, facts_of(config, language)), updated=date_values(updated, facts_of(config, language)),
        copyright=config.copyright or "", licence=licence if licence.get("name") else None,
        online=online, qr_code=qr_code(online),
        other_formats=_build.other_formats[0], contents=contents, content=inner_html(content))
    tree = tinyhtml5.parse(document, namespace_html_elements=False)
    pdf_address = urljoin(published_url(config),
                          output.relative_to(config.site_dir).as_posix())
    files = prepare(tree.find("body"), config, resource, online, pdf_address)
    if direction(config) == "rtl":
        keep_words_whole(tree.find("body"))
    return "<!DOCTYPE html>" + ET.tostring(tree, encoding="unicode", method="html"), files


# A right-to-left word joined with hyphens is kept on one line: PDF readers join a left-to-right
# word broken after a hyphen (shared/pdf_text.py gives them the hyphen to drop), but not a
# right-to-left one, so it would come out of the PDF as two words.
RIGHT_TO_LEFT_LETTERS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
JOINED_WORD = re.compile(f"[{RIGHT_TO_LEFT_LETTERS}]+(?:[-\u00ad][{RIGHT_TO_LEFT_LETTERS}]+)+")


def keep_words_whole(body: ET.Element) -> None:
    # Each joined word of `text` in a span of its own, put in `parent` from `index` on; return the
    # text before the first.
    def wrap(text: str, parent: ET.Element, index: int) -> str:
        words = list(JOINED_WORD.finditer(text))
        for offset, word in enumerate(words):
            span = ET.Element("span", {"class": "word-keep"})
            span.text = word.group()
            span.tail = text[word.end():words[offset + 1].start() if offset + 1 < len(words) else len(text)]
            parent.insert(index + offset, span)
        return text[:words[0].start()] if words else text

    for element in list(body.iter()):
        for index in reversed(range(len(element))):
            if element[index].tail:
                element[index].tail = wrap(element[index].tail, element, index + 1)
        if element.text:
            element.text = wrap(element.text, element, 0)


# Make the document fit for paper; return the local files it uses (images).
def prepare(body: ET.Element, config: MkDocsConfig, resource: ResourcePage, online: str,
            pdf_address: str) -> list[Path]:
    for parent in list(body.iter()):
        for child in list(parent):
            if not isinstance(child.tag, str):  # a comment; the download marker becomes the PDF's address
                place = child.text is not None and child.text.strip().startswith("site:printable ")
                replace(parent, child, fragment(config, "partials/site/printable-address.html",
                                                address=pdf_address) if place else None)
                continue
            classes = child.get("class", "").split()
            if child.tag in DROPPED or "site-no-print" in classes or "headerlink" in classes:
                replace(parent, child, None)
            elif child.tag == "figure" and "site-video" in classes:
                replace(parent, child, video_on_paper(config, child, online))
    files: list[Path] = []
    for image in body.iter("img"):
        if image.get("alt") is None:
            raise PluginError(f"{resource.source}: the image {image.get('src')} has no alt text, so the PDF cannot "
                              "be accessible. Describe it: ![what the image shows](image.png), or write "
                              "![](image.png) if it is only decoration.")
        local = urlsplit(urljoin(resource.built.as_uri(), image.get("src", "")))
        if local.scheme == "file" and Path(url2pathname(local.path)).is_file():
            files.append(Path(url2pathname(local.path)))
    for parent in list(body.iter()):
        for link in list(parent):
            if link.tag == "a" and link.get("href") and not link.get("href").startswith("#"):
                show_address(config, parent, link, online)
    return sorted(set(files))


# The video, on paper: one line with its title and address, and its transcript's.
def video_on_paper(config: MkDocsConfig, figure: ET.Element, online: str) -> ET.Element:
    transcript = next((link for paragraph in figure.iter("p") if "site-video__transcript" in
                       paragraph.get("class", "").split() for link in paragraph.iter("a")), None)
    transcript_address = None
    if transcript is not None:
        transcript_address = as_published(config, transcript.get("data-print-address")) \
            or urljoin(online, transcript.get("href", ""))
    return fragment(config, "partials/site/video-on-paper.html", title=figure.get("data-video-title", ""),
                    address=figure.get("data-video-address"), transcript=transcript_address)


# Point a link to its full address and print that address after the link, as an element of its
# own (a generated ::after would put a link inside the link in the PDF's tags).
def show_address(config: MkDocsConfig, parent: ET.Element, link: ET.Element, online: str) -> None:
    address = as_published(config, link.attrib.pop("data-print-address", None)) or urljoin(online, link.get("href"))
    link.set("href", address)
    for attribute in ("download", "type"):
        link.attrib.pop(attribute, None)
    if same_address(" ".join("".join(link.itertext()).split()), address):
        return
    shown = fragment(config, "partials/site/printed-address.html", address=address)
    shown.tail, link.tail = link.tail, None
    parent.insert(list(parent).index(link) + 1, shown)


# True when a link's text is its address, written the way people write it ("example.org" for
# "https://www.example.org/"): the address is not printed a second time.
def same_address(text: str, address: str) -> bool:
    def plain(value: str) -> str:
        value = re.sub(r"[\u2066-\u2069]", "", value).strip().lower()
        return re.sub(r"^(https?://)?(www\.)?", "", value).rstrip("/")
    return plain(text) == plain(address)


# A partial of overrides/partials/site/ as one element.
def fragment(config: MkDocsConfig, template: str, **values) -> ET.Element:
    html = render_block(config, template, **values)
    try:  # the site's partials write well-formed markup: read as XML, many times faster
        element = ET.fromstring(f"<div>{html}</div>")
    except ET.ParseError:
        element = parse(html)
    children = list(element)
    if len(children) != 1 or (element.text or "").strip():
        wrapper = ET.Element("span")
        wrapper.text, wrapper[:] = element.text, children
        return wrapper
    children[0].tail = None
    return children[0]


# An HTML fragment, parsed as browsers (and WeasyPrint) parse it, inside a <div>.
def parse(html: str) -> ET.Element:
    tree = tinyhtml5.parse(f"<!DOCTYPE html><html><body><div>{html}</div></body></html>",
                           namespace_html_elements=False)
    return tree.find("body/div")


# The HTML inside an element.
def inner_html(element: ET.Element) -> str:
    html = ET.tostring(element, encoding="unicode", method="html")
    return html[html.index(">") + 1: html.rindex("<")]


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


def remove(root: ET.Element, element: ET.Element) -> None:
    for parent in root.iter():
        if element in list(parent):
            replace(parent, element, None)
            return


# The language an element is in, from the nearest lang attribute around it (None: the page's).
def language_of(root: ET.Element, element: ET.Element) -> str | None:
    chain = []

    def find(node: ET.Element) -> bool:
        if node is element:
            return True
        for child in node:
            if find(child):
                chain.append(child)
                return True
        return False

    find(root)
    return next((node.get("lang") for node in chain if node.get("lang")), root.get("lang"))


# The contents: the h2 headings, each with the h3 headings below it.
def headings(content: ET.Element) -> list[dict]:
    groups: list[dict] = []
    for element in content.iter():
        if element.tag in ("h2", "h3") and element.get("id"):
            label = " ".join("".join(element.itertext()).split())
            if element.tag == "h3" and groups:
                groups[-1]["children"].append({"anchor": element.get("id"), "label": label})
            else:
                groups.append({"anchor": element.get("id"), "label": label, "children": []})
    return groups if len(groups) > 1 or any(group["children"] for group in groups) else []


# The accessibility statement's paragraph on other formats, as HTML (marked as English on an
# English page shown in another language).
def other_formats_html(content: str, fallback: bool) -> str:
    element = next(element for element in parse(content).iter() if element.get("id") == OTHER_FORMATS)
    element.attrib.pop("id")
    element.set("class", "publication-other-formats")
    if fallback:
        element.set("lang", "en")
        element.set("dir", "ltr")
    element.tail = None
    return ET.tostring(element, encoding="unicode", method="html")


def accessibility_statement(config: MkDocsConfig) -> str:
    return "docs/accessibility.md" if (Path(config.docs_dir) / "accessibility.md").is_file() else "mkdocs.yml"


# The direction of the language being built (docs/_data/languages.yml).
def direction(config: MkDocsConfig) -> str:
    return facts_of(config, build_language(config)).direction


# Keywords for the PDF's metadata: the page's own (front matter `keywords`), or the site's name
# in the language and the organisation.
def keywords(meta: dict, config: MkDocsConfig) -> list[str]:
    own = meta.get("keywords")
    if isinstance(own, str):
        own = [word.strip() for word in own.split(",")]
    if isinstance(own, list) and own:
        return [str(word) for word in own if str(word).strip()]
    return [name for name in (config.site_name, config.site_author) if name]


# A date for the templates: ISO, as a reader of the language writes it, and its year.
def date_values(date, language: Language) -> dict:
    return {"iso": date.isoformat(), "shown": language.format_date(date),
            "year": date.year}


# ---------------------------------------------------------------------------------------------
# Resources: which pages are, and what their PDFs are called

# The English file of a page (itself, for an English page or an English page a language falls back to).
def english_file(page: Page, config: MkDocsConfig) -> Path:
    path = Path(page.file.abs_src_path)
    language = file_language(path.name, site_languages(config))
    return path.with_name(path.name[: -len(f".{language}.md")] + ".md") if language else path


def english_front_matter(path: Path, config: MkDocsConfig) -> dict:
    if not path.is_file():
        return {}
    return read_front_matter(shown_name(path, config), path.read_text(encoding="utf-8")).data


def english_has_marker(path: Path) -> bool:
    return path.is_file() and MARKER in path.read_text(encoding="utf-8")


# The name of a resource's PDF (without the language): `pdf:` in the English page's front
# matter, else the English page's file name ("parent-forums"; for "guides/index.md", "guides";
# for the home page, the site's name).
def resource_name(english: Path, meta: dict, config: MkDocsConfig) -> str:
    name = meta.get("pdf")
    shown = shown_name(english, config)
    if name is not None:
        if not isinstance(name, str) or not NAME.fullmatch(name):
            line = line_in(english, lambda text: text.startswith("pdf:")) or 1
            raise PluginError(f"{shown}:{line}: 'pdf: {name}' is not a file name for the PDF. Use lower-case letters, "
                              "digits and hyphens, such as 'pdf: parent-forums'.")
        return name
    relative = english.relative_to(config.docs_dir)
    stem = relative.stem if relative.stem != "index" else (relative.parent.name or config.site_name or "index")
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "resource"


def shown_name(path: Path, config: MkDocsConfig) -> str:
    return f"docs/{path.relative_to(config.docs_dir).as_posix()}"


# ---------------------------------------------------------------------------------------------
# The cache and the worker processes

# @font-face rules for the embedded fonts, and each language's fonts (docs/_data/languages.yml).
def font_faces(config: MkDocsConfig) -> str:
    faces = "".join(
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{path.as_uri()}"); }}\n'
        for family in pdf_font_families(config) for (weight, style), path in font_files(family).items())
    rules = []
    for code, language in language_facts(config).items():
        families = ", ".join(f'"{family}"' for family in language.pdf_fonts)
        rules.append(f'html:lang({code}), html [lang="{code}"] {{ font-family: {families}, sans-serif; }}\n')
    return faces + "".join(rules)


# Every font family the PDFs of the site's languages use.
def pdf_font_families(config: MkDocsConfig) -> list[str]:
    return list(dict.fromkeys(family for language in language_facts(config).values() for family in language.pdf_fonts))


# A hash of everything that makes the PDF: a new one means the PDF must be rendered again.
def cache_key(document: str, stylesheet: str, files: list[Path], config: MkDocsConfig) -> str:
    digest = hashlib.sha256()
    digest.update(weasyprint_version().encode())
    for text in (document, stylesheet, *((RENDER_CODE / name).read_text(encoding="utf-8") for name in RENDER_FILES)):
        digest.update(hashlib.sha256(text.encode("utf-8")).digest())
    fonts = [path for family in pdf_font_families(config) for path in font_files(family).values()]
    for path in fonts + files:
        stat = path.stat()
        digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:20]


# Keep the cache small: the PDFs of a resource and language used most recently, the others go.
def prune(cached: Path, keep: int = CACHE_KEEP) -> None:
    stem = cached.name[: -len("-" + cached.name.rsplit("-", 1)[1])]  # "parent-forums-pl"
    same = re.compile(re.escape(stem) + r"-[0-9a-f]{20}\.pdf")
    older = sorted((path for path in cached.parent.glob(f"{stem}-*.pdf") if same.fullmatch(path.name)),
                   key=lambda path: path.stat().st_mtime_ns, reverse=True)
    for old in older[keep:]:
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
        _pool = concurrent.futures.ProcessPoolExecutor(worker_count(previewing=_build.serving), mp_context=multiprocessing.get_context("fork"),
                                                       initializer=start_worker)
        _pool.submit(warm_up)  # with "fork" the workers start at the first task: start them now
    return _pool


# Stop the worker processes, if any are running.
def stop_pool() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(cancel_futures=True)
        _pool = None
        _build.in_flight.clear()


# WeasyPrint's version, from its package record (importing WeasyPrint takes more than a second,
# so only the worker processes do); a PluginError in one line when it is not installed.
@functools.cache
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
    return line_in(Path(page.file.abs_src_path), lambda line: text in line) or 1


# The number of the first line of a file (front matter included) that `wanted` accepts, if any.
def line_in(path: Path, wanted: Callable[[str], bool]) -> int | None:
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return next((number for number, line in enumerate(lines, start=1) if wanted(line)), None)
