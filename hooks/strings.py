"""Interface strings: every string a reader sees outside the Markdown pages, with its translations.

The strings live in docs/_data/strings.yml. Templates call ``t("key")`` and get the string in
the language being built; ``lang_root`` is the path prefix of that language ("" or "pl/").
"""

from __future__ import annotations

from pathlib import Path

import yaml
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

STRINGS_FILE = Path("docs/_data/strings.yml")


@event_priority(-150)  # after mkdocs-static-i18n has set this build's language
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    strings = load_strings(config)
    language = build_language(config)
    default = site_languages(config)[0]
    env.globals["t"] = lambda key: lookup(strings, key, language)
    env.globals["lang_root"] = "" if language == default else f"{language}/"
    return env


# The languages of the site, default first: from the i18n plugin, or English alone.
def site_languages(config: MkDocsConfig) -> list[str]:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return [config.theme["language"]]
    languages = [lang.locale for lang in i18n.config.languages if lang.build]
    default = i18n.default_language
    return [default] + [lang for lang in languages if lang != default]


# The language of the build in progress (static-i18n builds the site once per language).
def build_language(config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    return i18n.current_language if i18n is not None else config.theme["language"]


# Read and check the strings file: every entry has a non-empty text in every language.
def load_strings(config: MkDocsConfig) -> dict[str, dict[str, str]]:
    path = Path(config.config_file_path).parent / STRINGS_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", -1) + 1
        raise PluginError(f"{STRINGS_FILE}:{line}: this is not valid YAML. Check the indentation "
                          "and put quotes around text that contains a colon.") from None
    if not isinstance(data, dict):
        raise PluginError(f"{STRINGS_FILE}: expected a list of entries like 'key:' with 'en: text' below.")
    languages = site_languages(config)
    for key, texts in data.items():
        missing = [lang for lang in languages if not (isinstance(texts, dict) and texts.get(lang))]
        if missing:
            raise PluginError(f"{STRINGS_FILE}: entry '{key}' has no text for {', '.join(missing)}. "
                              f"Add a line like '{missing[0]}: …' under '{key}:'.")
    return data


def lookup(strings: dict[str, dict[str, str]], key: str, language: str) -> str:
    if key not in strings:
        raise PluginError(f"{STRINGS_FILE}: there is no entry '{key}'. Add it with a text in every language.")
    return strings[key][language]
