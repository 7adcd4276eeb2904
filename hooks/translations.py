"""Translations: check each translation's front matter, tell readers when a translation is a draft
or older than the English page, and show English pages that are not translated yet inside an
element marked as English (lang="en" dir="ltr") with a notice in the reader's language
(overrides/partials/site/translation-notice.html). How a translation is named and what its front
matter says: shared/translations.py. `make translations` prints the state of every page in every
language (shared/translation_status.py).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from shared import internals, timeline
from shared.languages import build_language, english_source, file_language, is_default, is_fallback, site_languages
from shared.strings import texts_in
from shared.templates import render_block
from shared.translations import read_translation, source_hash, translation_files

HEADER_TITLE = re.compile(r'(data-md-component="header-topic">\s*<span class="md-ellipsis")')
NAV_OR_FOOTER_LINK = re.compile(r'<a href="(?P<href>[^"]*)"(?P<attrs>[^>]*)>(?P<body>.*?)</a>', re.DOTALL)

# This language's pages that are shown in English (their translation is missing), by URL.
_fallback_urls: set[str] = set()


@event_priority(timeline.AFTER_I18N_FILES)  # this language's files, English fallbacks among them
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    docs_dir = Path(config.docs_dir)
    languages = site_languages(config)
    for (_, language), path in translation_files(docs_dir, languages).items():
        read_translation(path, f"{docs_dir.name}/{path.relative_to(docs_dir).as_posix()}", language)
    _fallback_urls.clear()
    _fallback_urls.update(file.url for file in files.documentation_pages() if is_fallback(file, config))
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    languages = site_languages(config)
    language = build_language(config)
    if is_default(config, language):
        return markdown
    english_url = relative_url(page.url, english_page_url(page, languages))
    title, rest = split_title(markdown)
    if page.url in _fallback_urls:
        notice = notice_html(config, "fallback", ["translation_fallback_notice"], english_url)
        return f"{english_block(title)}\n\n{notice}\n\n{english_block(rest)}\n"
    source = Path(page.file.abs_src_path or "")
    if file_language(source.name, languages) != language:  # a page made by a plugin, not a translation
        return markdown
    info = page.meta.get("translation") or {}
    english = english_source(source, language)
    messages = []
    if not info.get("reviewed"):
        messages.append("translation_draft_notice")
    if english.exists() and not source_hash(english).startswith(str(info.get("source"))):
        messages.append("translation_stale_notice")
    if not messages:
        return markdown
    return f"{title}\n\n{notice_html(config, 'translated', messages, english_url)}\n\n{rest}"


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if page.url in _fallback_urls:  # the page title that the header shows when the reader scrolls
        output = HEADER_TITLE.sub(r'\1 lang="en"', output, count=1)
    hrefs = {relative_url(page.url, url) for url in _fallback_urls}
    return NAV_OR_FOOTER_LINK.sub(lambda match: marked_english(match, hrefs), output) if hrefs else output


# The URL of the English version of a page ("pl/accessibility/" -> "accessibility/").
def english_page_url(page: Page, languages: list[str]) -> str:
    alternates = internals.file_alternates(page.file)
    if languages[0] in alternates:
        return alternates[languages[0]].url
    first, _, rest = page.url.partition("/")
    return rest if first in languages else page.url


# A link from one page of the site to another, relative like MkDocs' own ("../accessibility/").
def relative_url(from_url: str, to_url: str) -> str:
    relative = posixpath.relpath(to_url or ".", from_url or ".")
    return "./" if relative == "." else relative + ("/" if to_url.endswith("/") or not to_url else "")


# The page's "# Title" line (with what comes before it) and the rest of the Markdown.
def split_title(markdown: str) -> tuple[str, str]:
    match = re.search(r"^# .*$", markdown, re.MULTILINE)
    if not match:
        return "", markdown
    return markdown[: match.end()], markdown[match.end():]


# Markdown wrapped in an element that tells browsers and screen readers it is English.
def english_block(markdown: str) -> str:
    return f'<div class="site-english" lang="en" dir="ltr" markdown>\n\n{markdown.strip()}\n\n</div>' if markdown.strip() else ""


# The notice shown at the top of a translated or untranslated page (messages are string keys).
def notice_html(config: MkDocsConfig, kind: str, messages: list[str], english_url: str) -> str:
    text = texts_in(config, build_language(config))
    return render_block(config, "partials/site/translation-notice.html", kind=kind,
                        messages=[text(key) for key in messages], english_url=english_url)


# The title of a link to an untranslated page marked as English (navigation and page footer).
# Only lang: a short English title in a right-to-left menu keeps the menu's alignment.
def marked_english(match: re.Match, hrefs: set[str]) -> str:
    href, attrs, body = match.group("href"), match.group("attrs"), match.group("body")
    if href not in hrefs:
        return match.group(0)
    if "md-nav__link" in attrs:
        return f'<a href="{href}" lang="en"{attrs}>{body}</a>'
    if "md-footer__link" in attrs:
        attrs = re.sub(r'\saria-label="[^"]*"', "", attrs)  # the name comes from the marked text
        body = body.replace('<div class="md-ellipsis">', '<div class="md-ellipsis" lang="en">', 1)
        return f'<a href="{href}"{attrs}>{body}</a>'
    return match.group(0)
