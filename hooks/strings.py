"""Interface strings in the templates: `t("key")` gives a string of docs/_data/strings/ in the
language being built, `lang_root` the path of that language's pages ("" or "pl/") and
`site_default_language` the default language. shared/strings.py reads and checks the strings."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from shared.languages import build_language, language_root, site_languages
from shared.strings import texts_in


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    language = build_language(config)
    env.globals["t"] = texts_in(config, language)
    env.globals["lang_root"] = language_root(config, language)
    env.globals["site_default_language"] = site_languages(config)[0]
    return env
