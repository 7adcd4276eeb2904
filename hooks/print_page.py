"""The print page of each language: mkdocs-print-site-plugin made to work with mkdocs-static-i18n.

Out of the box print-site writes one `print_page/` for the last language built, re-adds its
script on every language's pass, and static-i18n leaves the last language's 404 page at the
root (see ../shared/notes/toolchain.md). This hook gives every language its own print page
(`print_page/`, `pl/print_page/`, …) with a translated title; adds under the page's heading the
address of the guide online (as a link and a QR code), the date of this version and the
contents as a list of links (written here, so it works without JavaScript). The English 404
page is hooks/not_found.py's concern; the PDF made from each print page is hooks/pdf.py's concern.
"""

from __future__ import annotations

import datetime
import html
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import segno
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from alternates import with_alternates
from strings import build_language, load_strings, lookup, site_languages

PRINT_SITE = "print-site"
PRINT_SITE_SCRIPT = "js/print-site.js"
PRINT_SITE_SCRIPT_TAG = re.compile(rf'<script src="[^"<>]*?\b{re.escape(PRINT_SITE_SCRIPT)}"></script>\n?')
# The print page's own content, as print-site's renderer writes it.
CONTENT_START = re.compile(r'<div id="print-site-page"[^>]*>')
FIRST_H1_END = re.compile(r"</h1>")
HEADING = re.compile(r'<h([2-3])\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
TAG = re.compile(r"<[^>]+>")
LINK = re.compile(r'<a(\s[^>]*?)?\shref="([^"]*)"')
ID = re.compile(r'\sid="([^"]+)"')
NUMBERING_STYLE = re.compile(r"<style>(?:\.print-site-enumerate-headings [^<]*)?</style>")
ANCHOR_WITH_ADDRESS = re.compile(r'<a(\s[^>]*?)?\shref="#([^"]*)"[^>]*?\sdata-print-address="([^"]+)"[^>]*>')

# The template globals the site's hooks set for the language being built (see on_env).
_site_globals: dict[str, Any] = {}


@event_priority(100)  # before print-site's on_config, which reads these options
def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    print_site = enabled_print_site(config)
    if print_site is None:
        return None
    language = current_language(config)
    print_site.config["print_page_basename"] = print_page_basename(config, language)
    print_site.config["print_page_title"] = lookup(load_strings(config), "print_page_title", language)
    # print-site adds its script to the config on each language's pass: keep one.
    config.extra_javascript[:] = [js for js in config.extra_javascript if str(js) != PRINT_SITE_SCRIPT]
    return config


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    # The print page is one long page to print: no site navigation or page contents beside it
    # (its own contents list is in the page).
    print_site = enabled_print_site(config)
    if print_site is not None:
        print_site.print_page.meta["hide"] = ["navigation", "toc"]
    return nav


@event_priority(-1000)  # after every other hook has changed the page's HTML
def on_page_content(html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    html_text = with_print_addresses(html_text, page, config)
    # print-site keeps each page's HTML at its own priority; give it the finished HTML instead.
    if enabled_print_site(config) is not None:
        page.html = html_text
    return html_text


@event_priority(-200)  # after every other hook has added its template globals for this language
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    _site_globals.clear()
    _site_globals.update(env.globals)
    return env


def on_template_context(context: dict[str, Any], *, template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    # print-site renders the print page in a fresh Jinja environment with the context of the
    # 404 template: give that context the globals the site's hooks gave the theme's environment
    # (t, lang_root, the consent settings, …).
    if template_name == "404.html" and enabled_print_site(config) is not None:
        for name, value in _site_globals.items():
            context.setdefault(name, value)
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    # print-site renders the print page after the last page, with that page's language switcher
    # (static-i18n sets it afresh before each page): point it to each language's print page.
    # static-i18n sets it as an attribute, which the theme reads first.
    if enabled_print_site(config) is None:
        return output
    for alternate in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
        if alternate.get("lang") in site_languages(config):
            alternate["link"] = print_page_basename(config, alternate["lang"]) + "/"
    # print-site's script is for the print page, which print-site writes itself (not through this
    # event): the reader of any other page need not download it.
    return PRINT_SITE_SCRIPT_TAG.sub("", output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    # The same for the 404 page (a template of its own, not a page).
    if enabled_print_site(config) is None:
        return output_content
    return PRINT_SITE_SCRIPT_TAG.sub("", output_content)


@event_priority(-50)  # after print-site wrote this language's print page, before i18n builds the next
def on_post_build(config: MkDocsConfig) -> None:
    language = current_language(config)
    print_site = enabled_print_site(config)
    if print_site is not None:
        path = Path(print_site.print_page.file.abs_dest_path)
        page_html = complete_print_page(path.read_text(encoding="utf-8"), config, language)
        path.write_text(with_alternates(page_html, print_site.print_page, config), encoding="utf-8")


# Give each link to another page of the site its full address, for printing (see print.css).
def with_print_addresses(html_text: str, page: Page, config: MkDocsConfig) -> str:
    base = urljoin((config.site_url or "/").rstrip("/") + "/", page.url)

    def add_address(match: re.Match) -> str:
        attributes, href = match.group(1) or "", html.unescape(match.group(2))
        if href.startswith("#") or urlsplit(href).scheme or "data-print-address" in attributes:
            return match.group(0)
        return f'<a{attributes} href="{match.group(2)}" data-print-address="{html.escape(urljoin(base, href))}"'

    return LINK.sub(add_address, html_text)


# print-site, when it is in the plugin list and switched on.
def enabled_print_site(config: MkDocsConfig):
    print_site = config.plugins.get(PRINT_SITE)
    return print_site if print_site is not None and print_site.config.get("enabled") else None


# The language being built (static-i18n sets it in its own on_config, after this hook's).
def current_language(config: MkDocsConfig) -> str:
    return build_language(config) or site_languages(config)[0]


# "" for the default language, "pl/" for the others: where that language's pages are.
def language_root(config: MkDocsConfig, language: str) -> str:
    return "" if language == site_languages(config)[0] else f"{language}/"


# The print page's path without extension: `print_page`, `pl/print_page`, …
def print_page_basename(config: MkDocsConfig, language: str) -> str:
    return f"{language_root(config, language)}print_page"


# The address of the guide online in a language.
def online_url(config: MkDocsConfig, language: str) -> str:
    return (config.site_url or "/").rstrip("/") + "/" + language_root(config, language)


# The date of this build: from SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC).
def build_date() -> datetime.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch else \
        datetime.datetime.now(datetime.timezone.utc)
    return now.date()


# Put the printable version's details and contents under the print page's first heading.
def complete_print_page(page_html: str, config: MkDocsConfig, language: str) -> str:
    start = CONTENT_START.search(page_html)
    if start is None:
        return page_html
    h1_end = FIRST_H1_END.search(page_html, start.end())
    if h1_end is None:
        return page_html
    strings = load_strings(config)
    text = lambda key: lookup(strings, key, language)  # noqa: E731 - a short local alias
    headings = HEADING.findall(page_html, h1_end.end())
    insert = details_html(online_url(config, language), text) + contents_html(headings, text)
    page_html = page_html[: h1_end.end()] + insert + page_html[h1_end.end():]
    # print-site always adds its heading numbers as an inline <style>: numbering is off here,
    # and the Content-Security-Policy allows no inline style.
    page_html = NUMBERING_STYLE.sub("", page_html)
    return with_pages_outside_linked_online(page_html)


# print-site turns every link to a page of the site into an anchor of the print page; a page
# that is not on the print page (the cookies page, the English original of a translation)
# is linked at its full address instead (with_print_addresses recorded it).
def with_pages_outside_linked_online(page_html: str) -> str:
    ids = set(ID.findall(page_html))

    def link_online(match: re.Match) -> str:
        anchor, address = match.group(2), match.group(3)
        return match.group(0) if anchor in ids else match.group(0).replace(f'href="#{anchor}"', f'href="{address}"')

    return ANCHOR_WITH_ADDRESS.sub(link_online, page_html)


# The address of the guide online (link and QR code) and the date of this version.
def details_html(url: str, text) -> str:
    qr_code = segno.make(url, error="m").svg_data_uri(scale=3, dark="#0b0c0c", xmldecl=False)
    address = html.escape(url)
    return (
        '<div class="printable-details">'
        f'<img class="printable-qr-code" src="{qr_code}" alt="{html.escape(text("print_qr_code_alt"))}" width="111" height="111">'
        f'<p>{html.escape(text("print_online_version"))} <a class="site-address-shown" dir="ltr" href="{address}">{address}</a></p>'
        f'<p>{html.escape(text("print_version_date"))} <time dir="ltr" datetime="{build_date().isoformat()}">{build_date().isoformat()}</time></p>'
        "</div>"
    )


# The contents: a list of links to the h2 headings, with the h3 headings below each.
def contents_html(headings: list[tuple[str, str, str]], text) -> str:
    groups: list[tuple[str, list[str]]] = []
    for level, anchor, inner in headings:
        label = html.escape(html.unescape(TAG.sub("", inner)).strip())
        link = f'<a href="#{anchor}">{label}</a>'
        if level == "3" and groups:
            groups[-1][1].append(link)
        else:
            groups.append((link, []))
    items = "".join(
        f"<li>{link}" + (f"<ul>{''.join(f'<li>{child}</li>' for child in children)}</ul>" if children else "") + "</li>"
        for link, children in groups
    )
    return (
        '<nav class="printable-contents" aria-labelledby="printable-contents-heading">'
        f'<h2 id="printable-contents-heading">{html.escape(text("print_contents_heading"))}</h2>'
        f"<ul>{items}</ul></nav>"
    )
