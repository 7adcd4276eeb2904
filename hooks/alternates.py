"""Alternate languages for search engines and screen readers: every page lists the same page in
every language with absolute addresses and x-default (shared/alternates.py); the language names
in the switcher are marked with their language, so screen readers say them right. The sitemap's
alternates, x-default included, come from overrides/sitemap.xml."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from shared import internals
from shared.alternates import mark_switcher_languages, page_alternates, with_alternates, without_alternates


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    where = f"docs/{page.file.src_uri}"
    alternates = page_alternates(config, page.url, internals.file_alternates(page.file))
    return mark_switcher_languages(with_alternates(output, alternates, config, where), config, where)


# The "page not found" page is no page in any language: no hreflang links (Material gives it
# relative ones to the home pages, which search engines reject as invalid).
def on_post_template(output: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output
    return mark_switcher_languages(without_alternates(output, config, "404.html"), config, "404.html")
