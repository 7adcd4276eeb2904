"""The "page not found" page (404.html) stays English: mkdocs-static-i18n builds the site once per
language into the same folder, so without this hook 404.html ends up in the last language built
(static-i18n issues #284, #326, #349): every language writes the English page. Also gives templates `t_in(key, language)` and
`site_language_homes` (language, absolute path of its home page) for the page's links to every language's home page."""

from __future__ import annotations

from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

from strings import build_language, load_strings, lookup, site_languages

ENGLISH_404: dict[str, str] = {}


@event_priority(-150)
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    strings = load_strings(config)
    env.globals["t_in"] = lambda key, language: lookup(strings, key, language)
    root = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
    languages = site_languages(config)
    env.globals["site_language_homes"] = [(lang, root if lang == languages[0] else f"{root}{lang}/") for lang in languages]
    return env


@event_priority(-150)  # after mkdocs-static-i18n has set this build's language
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output_content
    if build_language(config) == site_languages(config)[0]:  # English is always built first
        ENGLISH_404["html"] = output_content
    return ENGLISH_404.get("html", output_content)
