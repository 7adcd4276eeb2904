"""Performance: Material's stylesheet, trimmed to the rules this site can use.

Material ships one stylesheet for every feature (137 kB, 23 kB gzipped); readers download it
on their first view. After all languages are built, this hook drops each selector that needs a
class no page and no script of the site mentions (admonition types, tabs, code blocks, versions,
tags …) — about 7 kB gzipped. It is conservative: only classes outside brackets count (so
`:not(.x)` or `:is(.a, .b)` never remove a rule), and a class counts as used when it appears in
any built HTML file or as a word in any JavaScript file of the site (Material's bundle creates
search results, tooltips and the like from its own script). The trimmed file gets a name from
its content (`main.<hash>.min.css`), so caches never serve an older trim.
Set TRIM_CSS=0 to build with Material's stylesheet as shipped (tests/test_trim_css.py compares).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from shared import timeline
from shared.languages import all_languages_built
from shared.markup import edit

STYLESHEETS = "assets/stylesheets"
CLASS_ATTRIBUTE = re.compile(r"""class\s*=\s*["']([^"']*)["']""")
SCRIPT_WORD = re.compile(r"[A-Za-z0-9_-]+")
TOP_LEVEL_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")


@event_priority(timeline.WHOLE_SITE)  # once, after every language is built
def on_post_build(*, config: MkDocsConfig) -> None:
    if not all_languages_built(config) or os.environ.get("TRIM_CSS") == "0":
        return
    site = Path(config.site_dir)
    for stylesheet in sorted((site / STYLESHEETS).glob("main.*.min.css")):
        if stylesheet.name.count(".") == 3:  # Material's main.<hash>.min.css, not trimmed yet
            trim(site, stylesheet)


# Replace `stylesheet` with its trimmed copy and point every page at the copy.
def trim(site: Path, stylesheet: Path) -> None:
    pages = list(site.rglob("*.html"))
    known = used_words(site, pages)
    prefixes = tuple(word for word in known if len(word) > 3 and word.endswith(("-", "_")))
    css = "".join(kept_rules(stylesheet.read_text(encoding="utf-8"), known, prefixes))
    digest = hashlib.sha256(css.encode()).hexdigest()[:8]
    trimmed = stylesheet.with_name(f"main.{digest}.trimmed.min.css")
    trimmed.write_text(css, encoding="utf-8")
    link = re.compile(r'(href="(?:[^"]*/)?)' + re.escape(stylesheet.name) + '"')
    for page in pages:
        html = edit(page.read_text(encoding="utf-8"), link, lambda match: f'{match.group(1)}{trimmed.name}"',
                    what=f"the link to Material's stylesheet {stylesheet.name}", where=page.relative_to(site).as_posix())
        page.write_text(html, encoding="utf-8")
    stylesheet.unlink()
    stylesheet.with_name(stylesheet.name + ".map").unlink(missing_ok=True)  # maps the untrimmed file


# Every class in the built HTML and every word in the site's scripts.
def used_words(site: Path, pages: list[Path]) -> set[str]:
    words: set[str] = set()
    for page in pages:
        for match in CLASS_ATTRIBUTE.finditer(page.read_text(encoding="utf-8")):
            words.update(match.group(1).split())
    for script in site.rglob("*.js"):
        words.update(SCRIPT_WORD.findall(script.read_text(encoding="utf-8", errors="ignore")))
    return words


# A class is used when it is known, or starts with a known prefix ("md-tooltip--" + …).
def class_used(name: str, known: set[str], prefixes: tuple[str, ...]) -> bool:
    return name in known or name.startswith(prefixes)


# The classes a selector needs at its top level (outside (…) and […]).
def required_classes(selector: str) -> list[str]:
    depth, top = 0, []
    for char in selector:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth == 0:
            top.append(char)
    return TOP_LEVEL_CLASS.findall("".join(top))


# Split a selector list at its top-level commas.
def selectors(prelude: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in prelude:
        depth += char in "(["
        depth -= char in ")]"
        if char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return parts


# The rules whose selectors can match, as their original text; recurses into @media/@supports.
def kept_rules(css: str, known: set[str], prefixes: tuple[str, ...]) -> list[str]:
    kept: list[str] = []
    for prelude, block in blocks(css):
        if block is None:  # a statement such as @charset "utf-8";
            kept.append(prelude)
        elif prelude.startswith(("@media", "@supports")):
            inner = kept_rules(block, known, prefixes)
            if inner:
                kept.append(prelude + "{" + "".join(inner) + "}")
        elif prelude.startswith("@"):  # @keyframes, @font-face …: kept as they are
            kept.append(prelude + "{" + block + "}")
        else:
            matching = [s for s in selectors(prelude)
                        if all(class_used(c, known, prefixes) for c in required_classes(s))]
            if matching:
                kept.append(",".join(matching) + "{" + block + "}")
    return kept


# Split CSS text into (prelude, block) pairs at the top level; strings and comments are skipped
# over, so braces inside them do not count. A statement ending in ";" has block None.
def blocks(css: str):
    i, start, depth, quote, block_start = 0, 0, 0, "", 0
    prelude = ""
    while i < len(css):
        char = css[i]
        if quote:
            if char == "\\":
                i += 1
            elif char == quote:
                quote = ""
        elif css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = len(css) if end < 0 else end + 1
            if depth == 0:
                start = i + 1  # a comment between rules is dropped
        elif char in "\"'":
            quote = char
        elif char == "\\":
            i += 1
        elif char == "{":
            if depth == 0:
                prelude, block_start = css[start:i].strip(), i + 1
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                yield prelude, css[block_start:i]
                start = i + 1
        elif char == ";" and depth == 0:
            yield css[start:i + 1].strip(), None
            start = i + 1
        i += 1
