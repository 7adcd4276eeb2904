"""Interface strings: every string a reader sees outside the Markdown pages, with its translations.

The strings live in docs/_data/strings/, one YAML file per feature (site.yml, consent.yml, …);
a key may appear in one file only. Templates call ``t("key")`` and get the string in
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

STRINGS_DIR = Path("docs/_data/strings")


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


# static-i18n builds the default language first, then the others inside its own on_post_build
# (priority -100), each of which calls on_post_build again. In an on_post_build event with a lower
# priority, True only on the last call, once every language is built: where hooks that work on the
# whole site (the sitemap, every page's headers, the PDFs) do their part.
def all_languages_built(config: MkDocsConfig) -> bool:
    i18n = config.plugins.get("i18n")
    return i18n is None or not getattr(i18n, "building", False)


# Read and check every strings file: each entry has a non-empty text in every language.
# Read once per build, not once per page: the result is kept until a file changes
# (make serve) or the site's languages do.
def load_strings(config: MkDocsConfig) -> dict[str, dict[str, str]]:
    folder = Path(config.config_file_path).parent / STRINGS_DIR
    languages = site_languages(config)
    paths = sorted(folder.glob("*.yml"))
    stats = [(path.name, path.stat()) for path in paths]
    key = (str(folder), tuple(languages), tuple((name, stat.st_mtime_ns, stat.st_size) for name, stat in stats))
    if key not in _strings_read:
        _strings_read.clear()
        _strings_read[key] = read_strings(paths, languages)
    return _strings_read[key]


_strings_read: dict[tuple, dict[str, dict[str, str]]] = {}


def read_strings(paths: list[Path], languages: list[str]) -> dict[str, dict[str, str]]:
    strings: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    for path in paths:
        name = f"{STRINGS_DIR.as_posix()}/{path.name}"
        try:
            data = read_yaml(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            raise yaml_error(name, error) from None
        if not isinstance(data, dict):
            raise PluginError(f"{name}: expected entries like 'key:' with 'en: text' below.")
        for key, texts in data.items():
            if key in strings:
                raise PluginError(f"{name}: entry '{key}' is already in {origin[key]}. Give one of them another name.")
            missing = [lang for lang in languages if not (isinstance(texts, dict) and texts.get(lang))]
            if missing:
                raise PluginError(f"{name}: entry '{key}' has no text for {', '.join(missing)}. "
                                  f"Add a line like '{missing[0]}: …' under '{key}:'.")
            strings[key], origin[key] = texts, name
    return strings


# YAML with libyaml's parser when PyYAML has it (many times faster than the pure-Python one;
# same results, same error marks). yaml_node gives the node tree, for line numbers.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str):
    return yaml.load(text, Loader=YAML_LOADER)


def yaml_node(text: str):
    return yaml.compose(text, Loader=YAML_LOADER)


# The one-line message for a YAML file an editor broke: where, and the usual fix.
def yaml_error(name: str, error: yaml.YAMLError) -> PluginError:
    line = getattr(getattr(error, "problem_mark", None), "line", -1) + 1
    return PluginError(f"{name}:{line}: this is not valid YAML. Check the indentation "
                       "and put quotes around text that contains a colon.")


def lookup(strings: dict[str, dict[str, str]], key: str, language: str) -> str:
    if key not in strings:
        raise PluginError(f"{STRINGS_DIR.as_posix()}: there is no entry '{key}'. Add it with a text in every language.")
    return strings[key][language]
