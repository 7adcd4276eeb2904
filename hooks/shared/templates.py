"""HTML the hooks put into pages, rendered from the site's own template files
(overrides/partials/site/*.html) as Material renders its partials: the markup lives in
templates, the hooks only pass the values. Markdown is turned into HTML before MkDocs makes the
environment of its on_env event, so these partials get an environment of the theme's own and
`t` (the interface strings) in the language being built."""

from __future__ import annotations

import re

import jinja2
from mkdocs.config.defaults import MkDocsConfig

from shared.languages import build_language
from shared.strings import texts_in

_env: dict[str, object] = {}
# The parts of an address (URL) up to and including each separator: "https:", "/", "/",
# "co-production.", "example.", "org/" (see partials/site/address.html).
ADDRESS_PART = re.compile(r"[^/?&=#.]*[/?&=#.]?")


# The theme's template environment (one per theme, so per build), with the site's filters.
def theme_env(config: MkDocsConfig) -> jinja2.Environment:
    if _env.get("theme") is not config.theme:
        env = config.theme.get_env()
        env.filters["address_parts"] = address_parts
        _env.update(theme=config.theme, env=env)
    return _env["env"]


def address_parts(url: str) -> list[str]:
    return [part for part in ADDRESS_PART.findall(url) if part]


# A partial rendered as one block of raw HTML for a Markdown page: no blank lines and no
# indentation, which Markdown would take for the end of the block or for code.
def render_block(config: MkDocsConfig, template: str, /, **values) -> str:
    values.setdefault("t", texts_in(config, build_language(config)))
    html = theme_env(config).get_template(template).render(**values)
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


# A template rendered as it is, for a document of its own (the PDF's HTML, which may hold
# preformatted text whose lines must stay as they are).
def render_document(config: MkDocsConfig, template: str, /, **values) -> str:
    values.setdefault("t", texts_in(config, build_language(config)))
    return theme_env(config).get_template(template).render(**values)
