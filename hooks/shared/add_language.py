"""`make language LANG=xx`: add a language to the site in one step
(or `PYTHONPATH=hooks .venv/bin/python -m shared.add_language xx [--project DIR]`).

It adds the language to mkdocs.yml (static-i18n's list of languages, with its name in the
language itself), its facts to docs/_data/languages.yml (direction, plural rules, date format,
decimal separator from the Unicode CLDR; the PDF font for its script; reviewed: false), and a
line for it under every text of docs/_data/strings/*.yml and docs/_data/cookies.yml, holding the
English text until someone translates it. Then it says what is left to do. Files are changed by
inserting lines, so their comments and layout stay as they are. Run it again: nothing is added twice.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import get_date_format

from shared.config_file import site_settings
from shared.language_facts import FACTS_FILE, font_files
from shared.strings import STRINGS_DIR, YAML_LOADER
from shared.text_check import REGISTRY, text_blocks, text_items

ROOT = Path(__file__).resolve().parents[2]
CODE = re.compile(r"[a-z]{2,3}")
# The Noto font of Debian's fonts-noto-core for a script (ISO 15924 code), where Noto Sans
# itself does not cover it.
SCRIPT_FONTS = {"Arab": "Noto Naskh Arabic", "Beng": "Noto Sans Bengali", "Deva": "Noto Sans Devanagari",
                "Guru": "Noto Sans Gurmukhi", "Gujr": "Noto Sans Gujarati", "Taml": "Noto Sans Tamil",
                "Telu": "Noto Sans Telugu", "Knda": "Noto Sans Kannada", "Mlym": "Noto Sans Malayalam",
                "Sinh": "Noto Sans Sinhala", "Thai": "Noto Sans Thai", "Hebr": "Noto Sans Hebrew",
                "Ethi": "Noto Sans Ethiopic", "Armn": "Noto Sans Armenian", "Geor": "Noto Sans Georgian",
                "Khmr": "Noto Sans Khmer", "Mymr": "Noto Sans Myanmar", "Orya": "Noto Sans Oriya"}


class Refused(Exception):
    """What the editor asked for cannot be done; the message says why, in one line."""


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Add a language to the site.")
    parser.add_argument("language", nargs="?", default="")
    parser.add_argument("--project", type=Path, default=ROOT)
    options = parser.parse_args(arguments)
    try:
        print("\n".join(add_language(options.project.resolve(), options.language.strip())))
    except Refused as error:
        print(f"make language: {error}", file=sys.stderr)
        return 1
    return 0


def add_language(project: Path, code: str) -> list[str]:
    if not CODE.fullmatch(code):
        raise Refused("say which language, by its two- or three-letter code: make language LANG=bn")
    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        raise Refused(f"'{code}' is not a language code the Unicode CLDR knows. Use the ISO 639 code, e.g. bn for Bengali.") from None
    config = project / "mkdocs.yml"
    languages, _, _ = site_settings(config)
    report = []
    if code in languages:
        report.append(f"{code} is already a language of the site in mkdocs.yml.")
    else:
        add_to_config(config, code, locale)
        report.append(f"mkdocs.yml: added {code} ({locale.get_display_name(code)}).")
    languages, _, _ = site_settings(config)
    report.append(add_facts(project / FACTS_FILE, code, locale))
    stubs = 0
    for path in sorted((project / STRINGS_DIR).glob("*.yml")) + [project / REGISTRY]:
        if path.exists():
            stubs += add_stubs(path, code, languages[0])
    report.append(f"docs/_data: {stubs} text(s) added in English, to translate.")
    left = [item for item in text_items(project, languages, set()) if f" {code} " in item.line or f"for {code}." in item.line]
    report += [
        "",
        f"Left to do for {code}:",
        f"- translate the {len(left)} text(s) `make check` lists (docs/_data/strings/*.yml, docs/_data/cookies.yml",
        "  and the site's name in mkdocs.yml);",
        f"- translate the pages: copy a page to <name>.{code}.md next to it and translate it (CONTRIBUTING.md,",
        "  'Translate a page'); until then readers see the English page with a notice;",
        f"- check the facts in {FACTS_FILE} with a speaker of the language, and set reviewed: true",
        "  once a fluent speaker has checked every text.",
    ]
    return report


# static-i18n's entry for the language, after the last language of mkdocs.yml.
def add_to_config(config: Path, code: str, locale: Locale) -> None:
    text = config.read_text(encoding="utf-8")
    node = yaml.compose(text, Loader=YAML_LOADER)
    languages = find(node, ["plugins", "i18n", "languages"])
    if not isinstance(languages, yaml.SequenceNode) or not languages.value:
        raise Refused("mkdocs.yml has no list of languages under plugins: i18n: languages:. Restore it from git.")
    last = languages.value[-1]
    indent = " " * last.start_mark.column
    site_name = find(node, ["site_name"])
    name = locale.get_display_name(code)
    lines = text.split("\n")
    end = max(value.end_mark.line + (1 if value.end_mark.column else 0) for _, value in last.value)
    entry = [f"{indent[:-2]}- locale: {code}", f"{indent}name: {yaml_text(name)}", f"{indent}build: true",
             f"{indent}site_name: {yaml_text(site_name.value if isinstance(site_name, yaml.ScalarNode) else 'Site')}"]
    lines[end:end] = entry
    config.write_text("\n".join(lines), encoding="utf-8")


# The language's facts from the CLDR, at the end of docs/_data/languages.yml.
def add_facts(path: Path, code: str, locale: Locale) -> str:
    text = path.read_text(encoding="utf-8")
    if code in (yaml.safe_load(text) or {}):
        return f"{FACTS_FILE}: {code} is there already."
    script = (get_global("likely_subtags").get(code, "") + "_").split("_")[1] or "Latn"
    fonts = [font for font in (SCRIPT_FONTS.get(script), "Noto Sans") if font and font_files(font)]
    plural = {category: rule for category, rule in sorted(locale.plural_form.rules.items())}
    decimal = locale.number_symbols.get("latn", {}).get("decimal", ".")
    entry = [f"{code}:",
             f"  direction: {'rtl' if locale.character_order == 'right-to-left' else 'ltr'}",
             "  reviewed: false",
             "  plural:" + ("" if plural else " {}")]
    entry += [f"    {category}: {yaml_text(rule)}" for category, rule in plural.items()]
    entry += [f"  date: {yaml_text(get_date_format('long', locale=locale).pattern)}",
              f"  decimal: {yaml_text(decimal)}",
              f"  pdf_fonts: [{', '.join(fonts)}]"]
    path.write_text(text.rstrip("\n") + "\n" + "\n".join(entry) + "\n", encoding="utf-8")
    note = "" if SCRIPT_FONTS.get(script) or script == "Latn" else f" (no Noto font known for its script {script}: check pdf_fonts)"
    return f"{FACTS_FILE}: added {code}{note}."


# Under every text of a file, a line for the language with the English text; returns how many.
def add_stubs(path: Path, code: str, default: str) -> int:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    node = yaml.compose(text, Loader=YAML_LOADER)
    inserts: dict[int, list[str]] = {}
    seen: set[int] = set()
    for block, _ in text_blocks(node, [], default):
        keys = {key.value: (key, value) for key, value in block.value}
        if code in keys or default not in keys or id(block) in seen:  # a YAML alias: the same text
            continue
        seen.add(id(block))
        key, value = keys[default]
        last_line = max(v.end_mark.line - (1 if v.end_mark.column == 0 else 0) for _, v in block.value)
        english = lines[key.start_mark.line:value.end_mark.line + (0 if value.end_mark.column == 0 else 1)]
        english[0] = english[0][:key.start_mark.column] + code + english[0][key.end_mark.column:]
        inserts.setdefault(last_line + 1, []).extend(english)
    for line_number in sorted(inserts, reverse=True):
        lines[line_number:line_number] = inserts[line_number]
    path.write_text("\n".join(lines), encoding="utf-8")
    return len(seen)


def find(node: yaml.Node | None, path: list[str]) -> yaml.Node | None:
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if key.value == step), None)
        elif isinstance(node, yaml.SequenceNode):  # plugins: a list of one-key mappings
            node = next((value for item in node.value if isinstance(item, yaml.MappingNode)
                         for key, value in item.value if key.value == step), None)
        else:
            return None
    return node


def yaml_text(value: str) -> str:
    return yaml.safe_dump(value, allow_unicode=True, default_style='"', width=1000).strip()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
