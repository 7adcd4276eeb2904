"""Alternate languages for search engines: every page lists the same page in every language with
`<link rel="alternate" hreflang>` and absolute addresses (from site_url), plus `x-default` (the
English page, for readers of any other language). sitemap.xml gets the same x-default entries.

The language names in the switcher get a lang attribute, so screen readers say them right.
Material writes relative alternates from the language switcher's links and no x-default; they
are replaced here. The switcher itself keeps its relative links, so the site also works locally.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from strings import all_languages_built, site_languages

MATERIAL_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
SWITCHER_LINK = re.compile(r'(<a href="[^"]*" hreflang="(?P<lang>[^"]+)" class="md-select__link")')
SITEMAP_ENGLISH = re.compile(r'(?P<indent>[ \t]*)<xhtml:link rel="alternate" hreflang="(?P<lang>[^"]+)" href="(?P<href>[^"]*)"/>')


@event_priority(-150)  # after mkdocs-static-i18n has set this build's language and alternates
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return with_alternates(output, page, config)


# The "page not found" page is no page in any language: it gets no hreflang links (Material
# gives it relative ones to the home pages, which search engines reject as invalid).
def on_post_template(output: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output
    return MATERIAL_ALTERNATE.sub("", mark_switcher_languages(output))


# The page's hreflang links made absolute, with x-default; its switcher's languages marked.
# (hooks/print_page.py calls this for the print pages, which print-site writes itself.)
def with_alternates(output: str, page: Page, config: MkDocsConfig) -> str:
    output = mark_switcher_languages(output)
    links = "".join(f'<link rel="alternate" hreflang="{lang}" href="{href}">\n'
                    for lang, href in page_alternates(page, config))
    found = list(MATERIAL_ALTERNATE.finditer(output))
    if not found:  # Material did not write any: put them after the page's description
        return output.replace("<link rel=\"icon\"", links + "<link rel=\"icon\"", 1)
    start = found[0].start()
    return output[:start] + links + MATERIAL_ALTERNATE.sub("", output[start:])


# Each language name in Material's language switcher is marked as written in that language.
def mark_switcher_languages(output: str) -> str:
    return SWITCHER_LINK.sub(lambda match: f'{match.group(1)} lang="{match.group("lang")}"', output)


# The page's alternates: (hreflang, absolute URL) for each language, then x-default (English).
def page_alternates(page: Page, config: MkDocsConfig) -> list[tuple[str, str]]:
    languages = site_languages(config)
    site_url = (config.site_url or "/").rstrip("/") + "/"
    alternates = getattr(page.file, "alternates", {}) or {}
    first, _, rest = page.url.partition("/")
    english_url = alternates[languages[0]].url if languages[0] in alternates else (
        rest if first in languages[1:] else page.url)
    result = []
    for language in languages:
        if language in alternates:
            url = alternates[language].url
        else:  # a page that static-i18n did not pair: its address in that language
            url = english_url if language == languages[0] else f"{language}/{english_url}"
        result.append((language, site_url + ("" if url in ("", "./", ".") else url)))
    result.append(("x-default", result[0][1]))
    return result


@event_priority(-200)  # once, after every language has been built
def on_post_build(*, config: MkDocsConfig) -> None:
    if not all_languages_built(config):
        return
    sitemap = Path(config.site_dir) / "sitemap.xml"
    if not sitemap.exists():
        return
    text = add_sitemap_x_default(sitemap.read_text(encoding="utf-8"), site_languages(config)[0])
    sitemap.write_text(text, encoding="utf-8")
    packed_path = sitemap.with_suffix(".xml.gz")
    # Keep the date MkDocs gave the compressed copy (from SOURCE_DATE_EPOCH when set).
    mtime = int.from_bytes(packed_path.read_bytes()[4:8], "little") if packed_path.exists() else 0
    with gzip.GzipFile(packed_path, "wb", mtime=mtime) as packed:
        packed.write(text.encode("utf-8"))


# Add an x-default alternate (the default language's address) to every <url> of a sitemap.
def add_sitemap_x_default(text: str, default: str) -> str:
    def add(match: re.Match) -> str:
        if match.group("lang") != default:
            return match.group(0)
        return (match.group(0) + "\n" + match.group("indent")
                + f'<xhtml:link rel="alternate" hreflang="x-default" href="{match.group("href")}"/>')
    if 'hreflang="x-default"' in text:
        return text
    return SITEMAP_ENGLISH.sub(add, text)
