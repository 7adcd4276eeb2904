"""The "page not found" page (404.html) is English, whatever language was built last.

mkdocs-static-i18n builds the site once per language into the same folder, so 404.html would
end up in the last language built (static-i18n issues #284, #326, #349): every language's pass
writes the English page instead. Templates also get `t_in(key, language)` and
`site_language_homes` ((language, absolute path of its home page, its direction) for each
language), for the page's links to every language's home page (overrides/404.html).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from shared import timeline
from shared.language_facts import facts_of
from shared.languages import build_language, is_default, language_root, site_languages
from shared.strings import load_strings, lookup

_english_404: dict[str, str] = {}


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    strings = load_strings(config)
    env.globals["t_in"] = lambda key, language: lookup(strings, key, language)
    root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    env.globals["site_language_homes"] = [(lang, root + language_root(config, lang), facts_of(config, lang).direction)
                                          for lang in site_languages(config)]
    return env


@event_priority(timeline.LAST_EDIT)  # the page as every other hook left it
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output_content
    if is_default(config, build_language(config)):  # English is always built first
        _english_404["html"] = output_content
    return _english_404.get("html", output_content)
