"""Interface strings: every string a reader sees outside the Markdown pages, with its translations;
and reading YAML with the line of each mistake.

The strings live in docs/_data/strings/, one YAML file per feature (site.yml, consent.yml, …);
a key may appear in one file only, and each entry needs a text in the default language. A text
missing in another language is shown in the default language; shared/text_check.py lists every
such text for the editors, and a strict build fails on them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from shared.kept import KeptUntilChanged
from shared.languages import site_languages

STRINGS_DIR = Path("docs/_data/strings")

Text = Callable[[str], str]


# Every string, checked: {key: {language: text}}. Read once per build, not once per page: the
# result is kept until a file changes (make serve) or the site's languages do.
def load_strings(config: MkDocsConfig) -> dict[str, dict[str, str]]:
    folder = Path(config.config_file_path).parent / STRINGS_DIR
    languages = site_languages(config)
    paths = sorted(folder.glob("*.yml"))
    return _strings_read.get(paths, languages, lambda: read_strings(paths, languages))


_strings_read: KeptUntilChanged[dict[str, dict[str, str]]] = KeptUntilChanged()


def read_strings(paths: list[Path], languages: list[str]) -> dict[str, dict[str, str]]:
    strings: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    for path in paths:
        name = f"{STRINGS_DIR.as_posix()}/{path.name}"
        text = path.read_text(encoding="utf-8")
        try:
            data = read_yaml(text) or {}
        except yaml.YAMLError as error:
            raise yaml_error(name, error, text=text) from None
        if not isinstance(data, dict):
            raise PluginError(f"{name}: expected entries like 'key:' with 'en: text' below.")
        for key, texts in data.items():
            if key in strings:
                raise PluginError(f"{name}: entry '{key}' is already in {origin[key]}. Give one of them another name.")
            if not (isinstance(texts, dict) and isinstance(texts.get(languages[0]), str) and texts[languages[0]]):
                raise PluginError(f"{name}: entry '{key}' has no text for {languages[0]}. "
                                  f"Write it as '{key}:' with a line '{languages[0]}: …' and one per language below.")
            strings[key] = with_fallbacks(texts, languages)
            origin[key] = name
    return strings


# A text per language: where a language has none yet, the default language's text.
def with_fallbacks(texts: dict, languages: list[str]) -> dict[str, str]:
    return {language: texts.get(language) or texts[languages[0]] for language in languages}


# The text of one key in one language; a key nobody wrote fails the build in one line.
def lookup(strings: dict[str, dict[str, str]], key: str, language: str) -> str:
    if key not in strings:
        raise PluginError(f"{STRINGS_DIR.as_posix()}: there is no entry '{key}'. Add it with a text in every language.")
    return strings[key][language]


# A function giving each key's text in one language: text("skip_to_content").
def texts_in(config: MkDocsConfig, language: str) -> Text:
    strings = load_strings(config)
    return lambda key: lookup(strings, key, language)


# YAML with libyaml's parser when PyYAML has it (many times faster than the pure-Python one;
# same results, same error marks). yaml_node gives the node tree, for line numbers.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(text: str):
    return yaml.load(text, Loader=YAML_LOADER)


def yaml_node(text: str):
    return yaml.compose(text, Loader=YAML_LOADER)


# The line (1-based, in the file) where a YAML mistake is: where an unclosed quote, bracket or
# brace was opened, else where the parser found the problem. `first_line` is the file's line on
# which the YAML text starts (2 for front matter, after the first '---'). With the `text`, a
# quote opened and not closed on its line is found even when the parser only stumbles lines later.
def yaml_error_line(error: yaml.YAMLError, first_line: int = 1, text: str = "") -> int:
    context = str(getattr(error, "context", "") or "")
    opened = context.startswith(("while scanning a quoted scalar", "while parsing a flow"))
    mark = (getattr(error, "context_mark", None) if opened else None) or getattr(error, "problem_mark", None)
    line = mark.line if mark is not None else 0
    unclosed = next((number for number, source in enumerate(text.splitlines()[:line + 1])
                     if UNCLOSED_QUOTE.match(source)), None)
    return (unclosed if unclosed is not None else line) + first_line


# A line whose value opens a quote it does not close: `en: "This website`.
UNCLOSED_QUOTE = re.compile(r"""^\s*(?:- )?[\w.-]+:\s+(?:"(?:[^"\\]|\\.)*|'(?:[^']|'')*)\s*$""")


# The one-line message for a YAML file an editor broke: where, and the usual fix.
def yaml_error(name: str, error: yaml.YAMLError, first_line: int = 1, text: str = "") -> PluginError:
    return PluginError(f"{name}:{yaml_error_line(error, first_line, text)}: this is not valid YAML. Check the "
                       "indentation and put quotes around text that contains a colon; a quote that is "
                       "opened must be closed on the same line.")
