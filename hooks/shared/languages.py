"""The site's languages: which there are, which one is being built, where each one's pages are,
and how a translation's file is named (`index.pl.md` translates `index.md`)."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from shared import internals

# A language-like suffix before ".md": "index.pl.md", "index.de.md", "index.pl-PL.md".
LANGUAGE_SUFFIX = re.compile(r"^(?P<stem>.+?)\.(?P<language>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)\.md$")


# The languages of the site, default first: from the i18n plugin, or the theme's alone.
def site_languages(config: MkDocsConfig) -> list[str]:
    i18n = internals.i18n_plugin(config)
    if i18n is None:
        return [config.theme["language"]]
    languages = [lang.locale for lang in i18n.config.languages if lang.build]
    default = internals.i18n_default_language(i18n)
    return [default] + [lang for lang in languages if lang != default]


# The language of the build in progress (static-i18n builds the site once per language).
def build_language(config: MkDocsConfig) -> str:
    i18n = internals.i18n_plugin(config)
    if i18n is None:
        return config.theme["language"]
    return internals.i18n_current_language(i18n) or site_languages(config)[0]


def is_default(config: MkDocsConfig, language: str) -> bool:
    return language == site_languages(config)[0]


# Where a language's pages are, relative to the site's root: "" for the default, "pl/" for Polish.
def language_root(config: MkDocsConfig, language: str) -> str:
    return "" if is_default(config, language) else f"{language}/"


# In an on_post_build event at timeline.WHOLE_SITE or lower: True only on the last call, once
# every language is built (static-i18n builds the other languages inside its own on_post_build,
# each of which calls on_post_build again).
def all_languages_built(config: MkDocsConfig) -> bool:
    i18n = internals.i18n_plugin(config)
    return i18n is None or not internals.i18n_building(i18n)


# The language of a page file name ("index.pl.md" -> "pl"), or None for a default-language page.
def file_language(name: str, languages: list[str]) -> str | None:
    match = LANGUAGE_SUFFIX.match(Path(name).name)
    return match["language"] if match and match["language"] in languages[1:] else None


# A suffix that looks like a language but is not one of the site's ("index.de.md" -> "de").
def unknown_language_suffix(name: str, languages: list[str]) -> str | None:
    match = LANGUAGE_SUFFIX.match(Path(name).name)
    return match["language"] if match and match["language"] not in languages else None


# The default-language file a translation translates (docs/index.pl.md -> docs/index.md).
def english_source(path: Path, language: str) -> Path:
    return path.with_name(path.name[: -len(f".{language}.md")] + ".md")


# True when the page of this build's language is the default language's page, shown because the
# translation is missing (static-i18n's fallback).
def is_fallback(file: File, config: MkDocsConfig) -> bool:
    language = build_language(config)
    locale = internals.file_locale(file)
    return not is_default(config, language) and locale is not None and locale != language
