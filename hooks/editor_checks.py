"""Checks for mistakes an editor can make in the Markdown pages.

Every problem is logged as ONE warning line "<file>:<line>: what is wrong. How to fix it." A
strict build (`make build`, `make check`, the pull-request checks) fails on any of them; the
preview (`make serve`) shows them and keeps running. The checks read the source files
themselves, once per build (not once per language), so each mistake is reported once.

What MkDocs checks itself (links, anchors, missing images, pages missing from the menu) is left
to MkDocs; hooks/editor_messages.py rewrites those warnings into the same one-line form. A
translation's front matter is checked by hooks/translations.py, the video line by
hooks/video.py, the cookie registry by hooks/consent.py and the strings by hooks/strings.py.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from shared.front_matter import page_text, read_front_matter, require_text
from shared.languages import build_language, file_language, is_default, site_languages, unknown_language_suffix

log = logging.getLogger("mkdocs.hooks.editor_checks")

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})[ \t]+\S")
IMAGE_EMPTY_ALT = re.compile(r"!\[\s*\]\(")
HTML_IMG = re.compile(r"<img\b[^>]*>", re.I)


def on_pre_build(*, config: MkDocsConfig) -> None:
    languages = site_languages(config)
    if not is_default(config, build_language(config)):
        return  # the sources are the same for every language: check them once
    try:
        problems = check_sources(config, languages)
    except Exception as error:  # a bug here must not show an editor a traceback
        raise PluginError(f"hooks/editor_checks.py: the editor checks failed unexpectedly "
                          f"({type(error).__name__}: {error}). Ask a developer.") from None
    for problem in problems:
        log.warning(problem)


# Every Markdown page of docs/ (not docs/_data).
def check_sources(config: MkDocsConfig, languages: list[str]) -> list[str]:
    root = Path(config.config_file_path).parent
    docs = Path(config.docs_dir)
    problems: list[str] = []
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs)
        if relative.parts[0].startswith("_") or is_excluded(config, relative):
            continue  # docs/_data, vendored files and the like are not pages
        name = path.relative_to(root).as_posix()
        problems += check_page(name, page_text(path.read_text(encoding="utf-8")), languages)
    return problems


# True for files that mkdocs.yml's exclude_docs keeps out of the site.
def is_excluded(config: MkDocsConfig, relative: Path) -> bool:
    spec = config.exclude_docs
    return spec is not None and spec.match_file(relative.as_posix())


# All the checks of one Markdown page; returns one line per problem.
def check_page(name: str, text: str, languages: list[str]) -> list[str]:
    problems = check_language_suffix(name, languages)
    if not file_language(name, languages):  # hooks/translations.py checks a translation's front matter
        problems += check_front_matter(name, text)
    problems += check_body(name, text)
    return problems


# "index.de.md": a suffix that looks like a language the site does not have.
def check_language_suffix(name: str, languages: list[str]) -> list[str]:
    suffix = unknown_language_suffix(name, languages)
    if suffix is None:
        return []
    others = ", ".join(f".{lang}.md" for lang in languages[1:])
    return [f"{name}: '.{suffix}.md' is not a language of this site. Translations end in "
            f"{others} (the English page has no suffix); rename the file."]


# title and description are required in the front matter.
def check_front_matter(name: str, text: str) -> list[str]:
    try:
        front_matter = read_front_matter(name, text)
    except PluginError as error:
        return [str(error)]
    problems = []
    for key in ("title", "description"):
        try:
            require_text(name, front_matter, key)
        except PluginError as error:
            problems.append(str(error))
    return problems


# Headings and images, line by line, outside code blocks.
def check_body(name: str, text: str) -> list[str]:
    problems = []
    previous = 1  # the page title is the level-1 heading; a page may start at level 2
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            continue
        heading = HEADING.match(line)
        if heading:
            level = len(heading.group(1))
            if level > previous + 1:
                problems.append(f"{name}:{number}: this heading skips a level (level {level} after "
                                f"level {previous}). Use {'#' * (previous + 1)} instead of "
                                f"{'#' * level}, or add the missing heading above it.")
            previous = level
        if IMAGE_EMPTY_ALT.search(line):
            problems.append(f"{name}:{number}: an image has no text alternative. Describe the "
                            "image between the square brackets: ![What the picture shows](file.png).")
        for tag in HTML_IMG.findall(line):
            if not re.search(r"\balt\s*=\s*[\"'][^\"']*\S", tag):
                problems.append(f"{name}:{number}: an <img> has no alt text. Add "
                                "alt=\"what the picture shows\" inside the tag.")
    return problems
