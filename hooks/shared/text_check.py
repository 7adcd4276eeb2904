"""Is every text translated? Every text of the interface strings (docs/_data/strings/*.yml) and
of the cookie registry (docs/_data/cookies.yml) needs a text in each language of the site.

A text that is missing is always a problem. A text that is the English text word for word is not
translated yet: listed for a draft language, a problem once the language is marked reviewed
(docs/_data/languages.yml). A text that may stay the same in every language (a name such as
"YouTube (Google)", a format such as "{n} KB") says so with `may_stay_english: true` beside its
languages. Every item is found in one run, each as one line naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from shared.strings import STRINGS_DIR, YAML_LOADER

REGISTRY = "docs/_data/cookies.yml"
MAY_STAY_ENGLISH = "may_stay_english"


@dataclass(frozen=True)
class Item:
    problem: bool  # False: listed, but only a draft language's text still in English
    line: str      # "<file>:<line>: what is wrong. How to fix it."


# Every missing or untranslated text of the project at `root`, for `languages` (default first);
# `reviewed` are the languages marked reviewed.
def text_items(root: Path, languages: list[str], reviewed: set[str]) -> list[Item]:
    files = [f"{STRINGS_DIR.as_posix()}/{path.name}" for path in sorted((root / STRINGS_DIR).glob("*.yml"))]
    if (root / REGISTRY).exists():
        files.append(REGISTRY)
    items: list[Item] = []
    for name in files:
        try:
            node = yaml.compose((root / name).read_text(encoding="utf-8"), Loader=YAML_LOADER)
        except yaml.YAMLError:
            continue  # reported by the code that reads the file, with its line
        seen: set[int] = set()
        for block, path in text_blocks(node, [], languages[0]):
            if id(block) not in seen:  # a text used again under another name (a YAML alias) once
                seen.add(id(block))
                items += block_items(name, block, label(path), languages, reviewed)
    items += site_name_items(root, languages, reviewed)
    return items


# How an editor knows a text: 'skip_to_content', category 'necessary' title, cookie 'YSC' purpose.
def label(path: list[str]) -> str:
    if len(path) == 1:
        return f"'{path[0]}'"
    if path[0] == "categories" and len(path) == 3:
        return f"category '{path[1]}' {path[2]}"
    if path[0] == "categories" and len(path) == 4 and path[2] == "services":
        return f"category '{path[1]}' service '{path[3]}'"
    if path[0] == "cookies" and len(path) == 3:
        return f"cookie '{path[1]}' {path[2]}"
    return " ".join(path)


# Each language's site name (mkdocs.yml, static-i18n's site_name of the language).
def site_name_items(root: Path, languages: list[str], reviewed: set[str]) -> list[Item]:
    try:
        node = yaml.compose((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=YAML_LOADER)
    except (OSError, yaml.YAMLError):
        return []
    top = {key.value: value for key, value in getattr(node, "value", [])}
    english = getattr(top.get("site_name"), "value", None)
    i18n = next((value for item in getattr(top.get("plugins"), "value", []) if isinstance(item, yaml.MappingNode)
                 for key, value in item.value if key.value == "i18n"), None)
    entries = next((value.value for key, value in getattr(i18n, "value", []) if key.value == "languages"), [])
    items = []
    for entry in entries:
        fields = {key.value: value for key, value in getattr(entry, "value", [])}
        code = getattr(fields.get("locale"), "value", None)
        if code not in languages[1:]:
            continue
        name = fields.get("site_name")
        if name is None or name.value == english:
            line = (name or entry).start_mark.line + 1
            text = f"mkdocs.yml:{line}: the site's name in {code} is still the English name"
            items.append(Item(True, f"{text}. Translate it ({code} is marked reviewed in docs/_data/languages.yml).")
                         if code in reviewed else Item(False, f"{text} (site_name under locale: {code})."))
    return items


# Each mapping that holds a text per language (it has the default language's key), with the
# keys that lead to it (a list's items by their name).
def text_blocks(node: yaml.Node | None, path: list[str], default: str):
    if isinstance(node, yaml.MappingNode):
        keys = {key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)}
        if default in keys and all(isinstance(value, yaml.ScalarNode) for _, value in node.value):
            yield node, path
            return
        for key, value in node.value:
            yield from text_blocks(value, [*path, str(key.value)], default)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            name = next((value.value for key, value in getattr(item, "value", [])
                         if isinstance(key, yaml.ScalarNode) and key.value == "name"
                         and isinstance(value, yaml.ScalarNode)), str(index + 1))
            yield from text_blocks(item, [*path, name], default)


def block_items(name: str, block: yaml.MappingNode, label: str, languages: list[str],
                reviewed: set[str]) -> list[Item]:
    texts = {key.value: value for key, value in block.value}
    english = texts.get(languages[0])
    may_stay = str(getattr(texts.get(MAY_STAY_ENGLISH), "value", "")).lower() == "true"
    items = []
    for language in languages[1:]:
        text = texts.get(language)
        if text is None or not str(text.value).strip():
            line = block.start_mark.line + (1 if block.flow_style else 0)  # the line of its name
            items.append(Item(True, f"{name}:{line}: {label} has no text for {language}. Add a line "
                                    f"'{language}: …' under it (`make language LANG={language}` adds them all)."))
        elif english is not None and text.value == english.value and not may_stay:
            line = text.start_mark.line + 1
            if language in reviewed:
                items.append(Item(True, f"{name}:{line}: {label} in {language} is the English text. Translate "
                                        f"it ({language} is marked reviewed in docs/_data/languages.yml), or add "
                                        f"'{MAY_STAY_ENGLISH}: true' beside it if it is a name."))
            else:
                items.append(Item(False, f"{name}:{line}: {label} in {language} is still the English text."))
    return items
