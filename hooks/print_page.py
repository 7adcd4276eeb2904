"""The print page of each language: mkdocs-print-site-plugin made to work with mkdocs-static-i18n.

Out of the box print-site writes one `print_page/` for the last language built and re-adds its
script on every language's pass. This hook gives every language its own print page
(`print_page/`, `pl/print_page/`, …) with a translated title and a language switcher that leads
to the other languages' print pages; adds under the page's heading the address of the site
online (as a link and a QR code), the date of this version and the contents: each page's title
with its sections, as links (overrides/partials/site/print-details.html, written here so that
it works without JavaScript). The print page has one heading of its own, the site's name; each
page's headings are one level lower on it. The PDF of each resource is hooks/pdf.py's concern.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from shared import internals, timeline
from shared.alternates import mark_switcher_languages, page_alternates, with_alternates
from shared.languages import build_language, site_languages
from shared.markup import Attributes, edit, edit_tags
from shared.printable import PRINT_SCRIPT, build_date, enabled_print_site, online_url, print_page_basename, qr_code
from shared.strings import texts_in
from shared.templates import render_block

# The print page's own parts, as print-site writes them.
CONTENT_START = re.compile(r'<div id="print-site-page"[^>]*>')
CONTENT_END = re.compile(r"</article>")
HEADING = re.compile(r'<h([1-2])\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")
TAG = re.compile(r"<[^>]+>")
ID = re.compile(r'\sid="([^"]+)"')
NUMBERING_STYLE = re.compile(r"<style>(?:\.print-site-enumerate-headings [^<]*)?</style>")

# The template globals the site's hooks set for the language being built (see on_env).
_site_globals: dict[str, Any] = {}


@event_priority(timeline.BEFORE_PRINT_SITE)  # print-site reads these options in its on_config
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    print_site = enabled_print_site(config)
    if print_site is None:
        return None
    language = build_language(config)
    print_site.config["print_page_basename"] = print_page_basename(config, language)
    print_site.config["print_page_title"] = texts_in(config, language)("print_page_title")
    # print-site adds its script to the config on each language's pass: keep one.
    config.extra_javascript[:] = [js for js in config.extra_javascript if str(js) != PRINT_SCRIPT]
    internals.on_every_theme_env(config, with_site_globals)
    return config


# print-site renders the print page in an environment of its own: it gets the globals the site's
# hooks gave the theme's environment for this language (t, lang_root, the consent settings, …).
def with_site_globals(env: Environment) -> None:
    for name, value in _site_globals.items():
        env.globals.setdefault(name, value)


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    # The print page is one long page to print: no site navigation or page contents beside it
    # (its own contents list is in the page). overrides/main.html gives it print-site's script.
    print_site = enabled_print_site(config)
    if print_site is not None:
        internals.print_site_page(print_site).meta.update(hide=["navigation", "toc"], site_print_page=True)
    return nav


@event_priority(timeline.FINISHED_CONTENT)  # after every other hook has changed the page's HTML
def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    html_text = with_print_addresses(html_text, page, config)
    # print-site keeps each page's HTML at its own priority; give it the finished HTML instead.
    if enabled_print_site(config) is not None:
        page.html = html_text
    return html_text


@event_priority(timeline.AFTER_GLOBALS)  # every other hook has added its globals for this language
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    _site_globals.clear()
    _site_globals.update(env.globals)
    return env


# The print page's language switcher leads to each language's print page (print-site renders it
# with the switcher of the last page built, which static-i18n set for that page).
@event_priority(timeline.BEFORE_PRINT_PAGE)
def switcher_to_print_pages(config: MkDocsConfig) -> None:
    if enabled_print_site(config) is None:
        return
    for alternate in internals.switcher_links(config):
        if alternate.get("lang") in site_languages(config):
            alternate["link"] = print_page_basename(config, alternate["lang"]) + "/"


@event_priority(timeline.PRINT_PAGE_WRITTEN)  # print-site wrote this language's print page
def complete_this_language(config: MkDocsConfig) -> None:
    print_site = enabled_print_site(config)
    if print_site is None:
        return
    language = build_language(config)
    print_page = internals.print_site_page(print_site)
    path = Path(print_page.file.abs_dest_path)
    where = f"{print_page_basename(config, language)}/index.html"
    page_html = complete_print_page(path.read_text(encoding="utf-8"), config, language, where)
    page_html = with_alternates(page_html, page_alternates(config, print_page.url, {}), config, where)
    path.write_text(mark_switcher_languages(page_html, config, where), encoding="utf-8")


on_post_build = CombinedEvent(switcher_to_print_pages, complete_this_language)


# Give each link to another page of the site its full address, for printing (see print.css).
# The page's own content (from its Markdown and the site's partials): any number of links.
def with_print_addresses(html_text: str, page: Page, config: MkDocsConfig) -> str:
    base = urljoin((config.site_url or "/").rstrip("/") + "/", page.url)

    def add_address(attributes: Attributes) -> Attributes | None:
        href = attributes.get("href")
        if href is None or href.startswith("#") or urlsplit(href).scheme or "data-print-address" in attributes:
            return None
        return {**attributes, "data-print-address": urljoin(base, href)}

    return edit_tags(html_text, "a", add_address, what="links", where=f"docs/{page.file.src_uri}")


# Put the printable version's heading, details and contents at the top of the print page, and
# each page's headings one level lower.
def complete_print_page(page_html: str, config: MkDocsConfig, language: str, where: str) -> str:
    start = CONTENT_START.search(page_html)
    if start is None:  # stops the build, naming the markup that is missing
        edit(page_html, CONTENT_START, "", what="print-site's <div id=\"print-site-page\">", where=where)
    end = CONTENT_END.search(page_html, start.end())
    if end is None:
        edit(page_html, CONTENT_END, "", what="the end of Material's <article>", where=where)
    content = page_html[start.end(): end.start()]
    headings = [(level, anchor, html.unescape(TAG.sub("", inner)).strip())
                for level, anchor, inner in HEADING.findall(content)]
    url = online_url(config, language)
    details = render_block(
        config, "partials/site/print-details.html", heading=config.site_name, url=url, contents=contents(headings),
        qr_code=qr_code(url),
        date=build_date().isoformat())
    content = edit(content, HEADING_TAG, lambda match: f"<{match.group(1)}h{min(6, int(match.group(2)) + 1)}",
                   what="the print page's headings", where=where, expected=range(2, 1_000_000))
    # print-site always adds its heading numbers as an inline <style>: numbering is off here,
    # and the Content-Security-Policy allows no inline style.
    content = edit(content, NUMBERING_STYLE, "", what="print-site's heading-number <style>", where=where)
    return page_html[: start.end()] + details + with_pages_outside_linked_online(content) + page_html[end.start():]


# The contents: each page's title (h1), with its sections (h2) below it.
def contents(headings: list[tuple[str, str, str]]) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    for level, anchor, label in headings:
        if level == "2" and groups:
            groups[-1]["children"].append({"anchor": anchor, "label": label})
        else:
            groups.append({"anchor": anchor, "label": label, "children": []})
    return groups


# print-site turns every link to a page of the site into an anchor of the print page; a page
# that is not on the print page (the cookies page, the English original of a translation)
# is linked at its full address instead (with_print_addresses recorded it).
def with_pages_outside_linked_online(content: str) -> str:
    ids = set(ID.findall(content))

    def link_online(attributes: Attributes) -> Attributes | None:
        href, address = attributes.get("href") or "", attributes.get("data-print-address")
        if not (href.startswith("#") and address) or href[1:] in ids:
            return None
        return {**attributes, "href": address}

    return edit_tags(content, "a", link_online, what="links to pages outside the print page", where="print page")
