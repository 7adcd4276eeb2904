"""Checks for mistakes an editor can make in the Markdown pages.

Every problem is logged as ONE warning line "<file>:<line>: what is wrong. How to fix it." A
strict build (`make build`, `make check`, the pull-request checks) fails on any of them; the
preview (`make serve`) shows them and keeps running. The checks read the source files
themselves, once per build (not once per language), so each mistake is reported once.

What MkDocs checks itself (links, anchors, missing images, pages missing from the menu) is left
to MkDocs; hooks/editor_messages.py rewrites those warnings into the same one-line form. A
translation's front matter is checked by hooks/translations.py, the video line by
hooks/video.py, the cookie registry by hooks/consent.py and the strings by shared/strings.py;
whether every text is translated is shared/text_check.py's check, reported here.

Raw HTML in a page is limited to what an editor needs to mark a phrase (its language, its
direction, an abbreviation): <span>, <abbr>, <bdi>, <br>, <sub>, <sup>, <em>, <strong>, <i>,
<b> with lang, dir and title, and <img> with src, alt, width, height and title. Anything else –
<script>, <iframe>, <style>, <form>, <object>, <embed>, an on…= attribute, a javascript: address
– is refused, as are attr_list attributes ({ … } after a paragraph, heading or link) other than
the video line's .video and transcript="…", an #id, lang and dir.
"""

from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from shared.front_matter import page_text, read_front_matter, require_text
from shared.language_facts import language_facts
from shared.markup import find_tags
from shared.page_names import name_problem
from shared.text_check import text_items
from shared.languages import (build_language, english_source, file_language, is_default, site_languages,
                              unknown_language_suffix)

log = logging.getLogger("mkdocs.hooks.editor_checks")
# Texts of a draft language still in English: not a problem. Each is logged here, where only
# `make check` listens (it lists them apart); the build says how many there are.
untranslated_log = logging.getLogger("mkdocs.hooks.editor_checks.untranslated")
untranslated_log.propagate = False

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})[ \t]+\S")
IMAGE_EMPTY_ALT = re.compile(r"!\[\s*\]\(")
# The lines a translation must keep from its English page.
SPECIAL_LINES = {
    "the line <!-- md:download-printable --> (the link to the PDF)": re.compile(r"^<!-- md:download-printable -->$"),
    "the video line [title](address){ .video }": re.compile(r"^\[[^\]]+\]\([^)]+\)\{[^}]*\.video\b[^}]*\}$"),
    "the line <!-- cookies:table -->": re.compile(r"^<!-- cookies:table -->$"),
    "the line <!-- cookies:settings -->": re.compile(r"^<!-- cookies:settings -->$"),
}
HTML_IMG = re.compile(r"<img\b[^>]*>", re.I)

# Raw HTML an editor may write: element -> its allowed attributes.
PHRASE_ATTRIBUTES = {"lang", "dir", "title"}
ALLOWED_HTML = {**{tag: PHRASE_ATTRIBUTES for tag in ("span", "abbr", "bdi", "br", "sub", "sup", "em", "strong", "i", "b")},
                "img": PHRASE_ATTRIBUTES | {"src", "alt", "width", "height"}}
# A start or end tag (not an autolink such as <https://…>, not a comment).
HTML_TAG = re.compile(r"<(?P<end>/?)(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?=[\s/>])(?P<attributes>[^>]*)>")
HTML_ATTRIBUTE = re.compile(r"(?P<name>[^\s=/>\"']+)(?:\s*=\s*(?:\"(?P<double>[^\"]*)\"|'(?P<single>[^']*)'|(?P<bare>[^\s>]+)))?")
# attr_list's braces: { .class #id key="value" } (with an optional ':' after the brace).
ATTR_LIST = re.compile(r"\{:?[ \t]*(?P<items>(?:[.#][\w-]+|[\w-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s}]+))"
                       r"(?:[ \t]+(?:[.#][\w-]+|[\w-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s}]+)))*)[ \t]*\}")
ATTR_ITEM = re.compile(r"[.#][\w-]+|[\w-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s}]+)")
ALLOWED_ATTR_LIST = {".video", "transcript", "lang", "dir"}
JAVASCRIPT_URL = re.compile(r"j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.I)
CODE_SPAN = re.compile(r"(`+)[^`]*?\1")
ALLOWED_LIST = "<span>, <abbr>, <bdi>, <br>, <sub>, <sup>, <em>, <strong>, <i>, <b> and <img>"


def on_pre_build(*, config: MkDocsConfig) -> None:
    languages = site_languages(config)
    if not is_default(config, build_language(config)):
        return  # the sources are the same for every language: check them once
    _images_reported.clear()
    try:
        problems = check_sources(config, languages)
        reviewed = {code for code, language in language_facts(config).items() if language.reviewed}
        texts = text_items(Path(config.config_file_path).parent, languages, reviewed)
    except PluginError:
        raise
    except Exception as error:  # a bug here must not show an editor a traceback
        raise PluginError(f"hooks/editor_checks.py: the editor checks failed unexpectedly "
                          f"({type(error).__name__}: {error}). Ask a developer.") from None
    for problem in problems + [item.line for item in texts if item.problem]:
        log.warning(problem)
    drafts = [item.line for item in texts if not item.problem]
    for line in drafts:
        untranslated_log.info(line)
    if drafts:
        log.info(f"{len(drafts)} text(s) of draft languages are still in English; `make check` lists them.")


# The pictures of each page as Python-Markdown wrote them (Markdown images and HTML <img> alike):
# each from the site's own files, and small enough for a phone (IMAGE_LIMIT). Once per picture.
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = Path(page.file.abs_src_path or "")
    if not source.is_file():
        return html
    name = source.relative_to(Path(config.config_file_path).parent).as_posix()
    for attributes in find_tags(html, "img"):
        src = attributes.get("src") or ""
        if (name, src) in _images_reported or src.startswith("data:"):
            continue
        problem = image_problem(src, page, config)
        if problem:
            _images_reported.add((name, src))
            log.warning(f"{name}:{line_of(source, src)}: {problem}")
    return html


_images_reported: set[tuple[str, str]] = set()
IMAGE_LIMIT = 200 * 1024


def image_problem(src: str, page: Page, config: MkDocsConfig) -> str:
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        return (f"the image '{src}' is on another website: the reader's browser would fetch it before any "
                "cookie choice, and the PDF cannot show it. Put the picture in docs/assets/images/ and use it from there.")
    target = Path(config.docs_dir) / posixpath.normpath(posixpath.join(posixpath.dirname(page.url) if not page.url.endswith("/")
                                                                        else page.url, unquote(parts.path)))
    if target.is_file() and target.stat().st_size > IMAGE_LIMIT:
        size = target.stat().st_size
        shown = f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{round(size / 1024)} KB"
        return (f"the image '{Path(parts.path).name}' is {shown}; pictures must be under 200 KB, so that the page "
                "and the PDF stay quick on a phone. Make it smaller (fewer pixels, or JPEG for photos).")
    return ""


# The first line of a page's file that mentions `src` (or its file name), else 1.
def line_of(source: Path, src: str) -> int:
    wanted = [src, Path(urlsplit(src).path).name]
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if any(text and text in line for text in wanted):
            return number
    return 1


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
        text = page_text(path.read_text(encoding="utf-8"))
        problems += check_page(name, text, languages)
        language = file_language(path.name, languages)
        if language and english_source(path, language).exists():
            english = english_source(path, language)
            problems += check_special_lines(name, text, english.relative_to(root).as_posix(),
                                            page_text(english.read_text(encoding="utf-8")))
    return problems


# True for files that mkdocs.yml's exclude_docs keeps out of the site.
def is_excluded(config: MkDocsConfig, relative: Path) -> bool:
    spec = config.exclude_docs
    return spec is not None and spec.match_file(relative.as_posix())


# All the checks of one Markdown page; returns one line per problem.
def check_page(name: str, text: str, languages: list[str]) -> list[str]:
    problem = name_problem(name, languages)
    problems = [problem] if problem else check_language_suffix(name, languages)
    if not file_language(name, languages):  # hooks/translations.py checks a translation's front matter
        problems += check_front_matter(name, text)
    problems += check_body(name, text)
    problems += check_markup(name, text)
    return problems


# The lines that make something of a page (the download link, the video, the cookie tables): a
# translation has each one its English page has, so that readers of every language get it.
def check_special_lines(name: str, text: str, english_name: str, english: str) -> list[str]:
    problems = []
    for label, pattern in SPECIAL_LINES.items():
        found = [number for number, line in enumerate(english.splitlines(), start=1) if pattern.match(line.strip())]
        if found and not any(pattern.match(line.strip()) for line in text.splitlines()):
            problems.append(f"{name}: {label} is missing; the English page {english_name} has it at line "
                            f"{found[0]}. Copy that line into the same place of the translation.")
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


# The page's text without its code (fenced blocks and `code`), line numbers kept: HTML shown as
# code is not HTML.
def without_code(text: str) -> str:
    lines, in_fence = [], False
    for line in text.split("\n"):
        if FENCE.match(line):
            in_fence = not in_fence
            lines.append("")
            continue
        lines.append("" if in_fence else CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line))
    return "\n".join(lines)


# Raw HTML, attr_list attributes and javascript: addresses outside what an editor may write.
def check_markup(name: str, text: str) -> list[str]:
    text = without_code(text)
    problems = []

    def where(offset: int) -> str:
        return f"{name}:{text.count(chr(10), 0, offset) + 1}"

    for tag in HTML_TAG.finditer(text):
        element = tag["tag"].lower()
        if element == "script":
            if not tag["end"]:
                problems.append(f"{where(tag.start())}: a <script> in a page: the site never runs a script from a page's "
                                "text, and the build refuses it. Remove it; ask a developer if the page needs one.")
            continue
        if element not in ALLOWED_HTML:
            if not tag["end"]:
                problems.append(f"{where(tag.start())}: <{element}> is not allowed in a page. Write Markdown instead "
                                f"(a video: [title](address){{ .video }}); the HTML a page may use is {ALLOWED_LIST}.")
            continue
        for attribute in HTML_ATTRIBUTE.finditer(tag["attributes"]):
            attribute_name = attribute["name"].lower()
            if attribute_name.startswith("on"):
                problems.append(f"{where(tag.start())}: the attribute {attribute_name}= on <{element}> runs a script, "
                                "which the site never does from a page's text. Remove it.")
            elif attribute_name not in ALLOWED_HTML[element]:
                allowed = ", ".join(sorted(ALLOWED_HTML[element]))
                problems.append(f"{where(tag.start())}: the attribute {attribute_name}= is not allowed on <{element}>. "
                                f"Remove it (allowed: {allowed}).")
    for braces in ATTR_LIST.finditer(text):
        for item in ATTR_ITEM.findall(braces["items"]):
            key = item if item.startswith(".") else item.split("=", 1)[0].lower()
            if item.startswith("#") or key in ALLOWED_ATTR_LIST:
                continue
            problems.append(f"{where(braces.start())}: '{item}' in {{ … }} is not allowed: braces after a link, "
                            "heading or paragraph may hold only .video, transcript=\"…\", #id, lang=\"…\" or dir=\"…\". "
                            "Remove it.")
    for address in JAVASCRIPT_URL.finditer(text):
        problems.append(f"{where(address.start())}: a 'javascript:' address runs a script, which the site never does. "
                        "Link to a page of the site or to a website (https://…) instead.")
    return sorted(problems, key=lambda line: int(line[len(name) + 1:].split(":", 1)[0]))
