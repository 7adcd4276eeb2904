"""Translations: check each translation's front matter, tell readers when a translation is a draft
or older than the English page, and show English pages that are not translated yet inside an
element marked as English (lang="en" dir="ltr") with a notice in the reader's language.

A translation is a file next to the English page with the language before ".md"
(index.pl.md translates index.md). Its front matter says which version of the English file it
translates and whether a fluent speaker has reviewed it:

    translation:
      source: 884decda19e2   # the first 12 characters of the English file's SHA-256
      reviewed: false

`make translations` prints the state of every page in every language (see translation_status.py).
"""

from __future__ import annotations

import hashlib
import html
import posixpath
import re
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from strings import build_language, load_strings, lookup, read_yaml, site_languages

HASH_LENGTH = 12
HEADER_TITLE = re.compile(r'(data-md-component="header-topic">\s*<span class="md-ellipsis")')
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
# Pages shown in English in the language being built: {language: {URL of the page}}.
FALLBACK_URLS: dict[str, set[str]] = {}


# The first characters of the SHA-256 of a file: what a translation records as its source.
def source_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:HASH_LENGTH]


# The language of a page file name ("index.pl.md" -> "pl"), or None for an English page.
def file_language(name: str, languages: list[str]) -> str | None:
    parts = name.split(".")
    return parts[-2] if len(parts) >= 3 and parts[-2] in languages[1:] else None


# The English file a translation translates (docs/index.pl.md -> docs/index.md).
def english_source(path: Path, language: str) -> Path:
    return path.with_name(path.name[: -len(f".{language}.md")] + ".md")


# Read and check a translation's front matter; raise PluginError with one line naming the file.
def read_translation(path: Path, shown: str, language: str) -> dict:
    text = path.read_text(encoding="utf-8")
    example = f"translation: {{source: {source_hash(english_source(path, language)) if english_source(path, language).exists() else '<hash>'}, reviewed: false}}"
    match = FRONT_MATTER.match(text)
    if not match:
        raise PluginError(f"{shown}:1: a translation must start with front matter between two '---' lines "
                          f"giving title, description and '{example}'.")
    try:
        meta = read_yaml(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = getattr(mark, "line", 0) + 2
        raise PluginError(f"{shown}:{line}: the front matter is not valid YAML. Check the indentation "
                          "and put quotes around text that contains a colon.") from None
    if not isinstance(meta, dict):
        raise PluginError(f"{shown}:2: the front matter must be lines like 'title: …'.")
    lines = match.group(1).splitlines()
    line_of = lambda key: next((n + 2 for n, l in enumerate(lines) if l.lstrip().startswith(f"{key}:")), 1)  # noqa: E731
    for key in ("title", "description"):
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            raise PluginError(f"{shown}:{line_of(key)}: '{key}' is missing or empty. Add '{key}: …' in the page's language.")
    if not english_source(path, language).exists():
        raise PluginError(f"{shown}:1: there is no English page {english_source(path, language).name} for this translation. "
                          "Rename the file after the English page it translates.")
    info = meta.get("translation")
    if not isinstance(info, dict):
        raise PluginError(f"{shown}:{line_of('translation')}: 'translation' is missing or not a block. Add '{example}'.")
    source = info.get("source")
    if not isinstance(source, str) or not re.fullmatch(r"[0-9a-f]{8,64}", source):
        raise PluginError(f"{shown}:{line_of('source')}: 'translation.source' must be the English file's hash, "
                          f"like '{example}'. `make translations` shows it.")
    if not isinstance(info.get("reviewed"), bool):
        raise PluginError(f"{shown}:{line_of('reviewed')}: 'translation.reviewed' must be true or false. "
                          "Write 'reviewed: false' until a fluent speaker has checked the translation.")
    return meta


# Every translation file of the docs folder: {(English path relative to docs, language): file}.
def translation_files(docs_dir: Path, languages: list[str]) -> dict[tuple[str, str], Path]:
    found = {}
    for path in sorted(docs_dir.rglob("*.md")):
        language = file_language(path.name, languages)
        if language:
            found[(english_source(path, language).relative_to(docs_dir).as_posix(), language)] = path
    return found


# A translation's state: "up to date", "draft", "stale" or "draft, stale" ("missing" if no file).
def status(english: Path, translation: Path | None, language: str, shown: str) -> str:
    if translation is None:
        return "missing"
    info = read_translation(translation, shown, language)["translation"]
    states = [] if info["reviewed"] else ["draft"]
    if not source_hash(english).startswith(info["source"]):
        states.append("stale")
    return ", ".join(states) or "up to date"


@event_priority(-150)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    docs_dir = Path(config.docs_dir)
    languages = site_languages(config)
    for (_, language), path in translation_files(docs_dir, languages).items():
        read_translation(path, f"{Path(config.docs_dir).name}/{path.relative_to(docs_dir).as_posix()}", language)
    language = build_language(config)
    FALLBACK_URLS[language] = {
        file.url for file in files.documentation_pages()
        if language != languages[0] and getattr(file, "locale", language) != language
    }
    return files


@event_priority(-150)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    languages = site_languages(config)
    language = build_language(config)
    if language == languages[0]:
        return markdown
    strings = load_strings(config)
    say = lambda key: html.escape(lookup(strings, key, language))  # noqa: E731
    english_url = relative_url(page.url, english_page_url(page, languages))
    link = f'<a href="{english_url}" hreflang="en">{say("translation_english_link")}</a>'
    title, rest = split_title(markdown)
    if page.url in FALLBACK_URLS.get(language, set()):
        notice = notice_html("site-translation-notice--fallback", [say("translation_fallback_notice")], link)
        return f"{english_block(title)}\n\n{notice}\n\n{english_block(rest)}\n"
    source = Path(page.file.abs_src_path or "")
    if file_language(source.name, languages) != language:  # a page made by a plugin, not a translation
        return markdown
    info = page.meta.get("translation") or {}
    english = english_source(source, language)
    messages = []
    if not info.get("reviewed"):
        messages.append(say("translation_draft_notice"))
    if english.exists() and not source_hash(english).startswith(str(info.get("source"))):
        messages.append(say("translation_stale_notice"))
    if not messages:
        return markdown
    return f"{title}\n\n{notice_html('site-translation-notice--translated', messages, link)}\n\n{rest}"


@event_priority(-150)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    fallbacks = FALLBACK_URLS.get(build_language(config), set())
    if page.url in fallbacks:  # the page title that the header shows when the reader scrolls
        output = HEADER_TITLE.sub(r'\1 lang="en"', output, count=1)
    for url in fallbacks:
        output = mark_links_english(output, relative_url(page.url, url))
    return output


# The URL of the English version of a page ("pl/accessibility/" -> "accessibility/").
def english_page_url(page: Page, languages: list[str]) -> str:
    alternates = getattr(page.file, "alternates", {}) or {}
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


# The notice shown at the top of a translated or untranslated page.
def notice_html(css_class: str, messages: list[str], link: str) -> str:
    text = " ".join(messages)
    return f'<div class="site-translation-notice {css_class}" role="note"><p>{text} {link}</p></div>'


# Mark the title of a link to an untranslated page as English (navigation and page footer).
# Only lang: a short English title in a right-to-left menu keeps the menu's alignment.
def mark_links_english(output: str, href: str) -> str:
    pattern = re.compile(r'<a href="' + re.escape(href) + r'"(?P<attrs>[^>]*)>(?P<body>.*?)</a>', re.DOTALL)

    def mark(match: re.Match) -> str:
        attrs, body = match.group("attrs"), match.group("body")
        if "md-nav__link" in attrs:
            return f'<a href="{href}" lang="en"{attrs}>{body}</a>'
        if "md-footer__link" in attrs:
            attrs = re.sub(r'\saria-label="[^"]*"', "", attrs)  # the name comes from the marked text
            body = body.replace('<div class="md-ellipsis">', '<div class="md-ellipsis" lang="en">', 1)
            return f'<a href="{href}"{attrs}>{body}</a>'
        return match.group(0)

    return pattern.sub(mark, output)
