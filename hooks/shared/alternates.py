"""The same page in every language, for search engines: `<link rel="alternate" hreflang>` with
absolute addresses (from site_url) and `x-default` (the default language's page, for readers of
any other language). Material writes relative ones, from the language switcher's links, without
x-default; `with_alternates` puts these in their place. Used for every page (hooks/alternates.py)
and for the print pages, which print-site writes itself (hooks/print_page.py)."""

from __future__ import annotations

import html
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from shared.languages import site_languages
from shared.markup import edit

MATERIAL_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
SWITCHER_LINK = re.compile(r'(<a href="[^"]*" hreflang="(?P<lang>[^"]+)" class="md-select__link")')


# The page's alternates: (hreflang, absolute URL) for each language, then x-default. `alternates`
# are static-i18n's pairs of the page ({language: File}); a page it did not pair (a print page)
# has the same address under each language's folder.
def page_alternates(config: MkDocsConfig, url: str, alternates: dict[str, File]) -> list[tuple[str, str]]:
    languages = site_languages(config)
    site_url = (config.site_url or "/").rstrip("/") + "/"
    first, _, rest = url.partition("/")
    english_url = alternates[languages[0]].url if languages[0] in alternates else (
        rest if first in languages[1:] else url)
    result = []
    for language in languages:
        if language in alternates:
            address = alternates[language].url
        else:
            address = english_url if language == languages[0] else f"{language}/{english_url}"
        result.append((language, site_url + ("" if address in ("", "./", ".") else address)))
    result.append(("x-default", result[0][1]))
    return result


# The page's HTML with Material's relative alternates replaced by `alternates`.
def with_alternates(output: str, alternates: list[tuple[str, str]], config: MkDocsConfig, where: str) -> str:
    links = "".join(f'<link rel="alternate" hreflang="{lang}" href="{html.escape(href)}">\n' for lang, href in alternates)
    count = len(site_languages(config))
    first = iter([links])
    return edit(output, MATERIAL_ALTERNATE, lambda _: next(first, ""), expected=count,
                what="Material's <link rel=\"alternate\" hreflang> (one per language)", where=where)


# The page's HTML without any alternates (the "page not found" page is no page in any language).
def without_alternates(output: str, config: MkDocsConfig, where: str) -> str:
    return edit(output, MATERIAL_ALTERNATE, "", expected=len(site_languages(config)),
                what="Material's <link rel=\"alternate\" hreflang> (one per language)", where=where)


# Each language's name in Material's language switcher marked as written in that language.
def mark_switcher_languages(output: str, config: MkDocsConfig, where: str) -> str:
    return edit(output, SWITCHER_LINK, lambda match: f'{match.group(1)} lang="{match.group("lang")}"',
                expected=len(site_languages(config)), what="Material's language switcher links", where=where)
