"""Performance: the page's first paint shows the whole screen, not the cookie banner alone.

Material's header holds a small script that applies a colour palette the reader picked before
(read from the browser's local storage). This site has no palette switch, so the script never
has anything to apply; but as a script in the middle of the page it lets the browser stop and
paint what it has so far: the cookie banner first, the text a moment later (Lighthouse's Speed
Index). It is removed from every page. (The print page, written by print-site, keeps it.)
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

PALETTE_SCRIPT = re.compile(r'[ \t]*<script>var palette=__md_get\("__palette"\).*?</script>\n?', re.S)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return without_palette_script(output, config)


def on_post_template(output: str, *, template_name: str, config: MkDocsConfig) -> str:
    return without_palette_script(output, config) if template_name.endswith(".html") else output


def without_palette_script(output: str, config: MkDocsConfig) -> str:
    if config.theme.get("palette"):
        return output  # a palette switch was added: the script is needed again
    return PALETTE_SCRIPT.sub("", output, count=1)
