"""Facts about each language of the site (docs/_data/languages.yml): its direction, whether its
translation has been reviewed, its plural rules, how it writes dates and decimals, and the fonts
of its PDFs. Every hook and template asks here instead of knowing a language by its code.
Plural rules and date patterns are the Unicode CLDR's, evaluated by Babel."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel.dates import format_date
from babel.plural import PluralRule
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from shared.kept import KeptUntilChanged
from shared.languages import site_languages
from shared.strings import read_yaml, yaml_error, yaml_node

FACTS_FILE = "docs/_data/languages.yml"
FONTS_DIR = Path("/usr/share/fonts/truetype/noto")
DIRECTIONS = ("ltr", "rtl")


@dataclass(frozen=True)
class Language:
    code: str
    direction: str
    reviewed: bool
    plural: dict[str, str] = field(default_factory=dict)
    date: str = "d MMMM y"
    decimal: str = "."
    pdf_fonts: tuple[str, ...] = ("Noto Sans",)

    # The plural category of a whole number: "one", "few", "many" or "other".
    def plural_category(self, number: int) -> str:
        return PluralRule(self.plural)(number)

    def format_date(self, date: datetime.date) -> str:
        return format_date(date, self.date, locale=self.code)

    # "1.5" written with the language's decimal separator.
    def format_decimal(self, text: str) -> str:
        return text.replace(".", self.decimal)


# The facts of every language of the site, checked: one line naming the file and line for a mistake.
def language_facts(config: MkDocsConfig) -> dict[str, Language]:
    path = Path(config.config_file_path).parent / FACTS_FILE
    languages = site_languages(config)
    if not path.is_file():
        raise PluginError(f"{FACTS_FILE}: the file is missing. Restore it from git; `make language LANG=xx` "
                          "adds a language to it.")
    return _read.get([path], languages, lambda: read_facts(path.read_text(encoding="utf-8"), languages))


_read: KeptUntilChanged[dict[str, Language]] = KeptUntilChanged()


def facts_of(config: MkDocsConfig, language: str) -> Language:
    return language_facts(config)[language]


def read_facts(text: str, languages: list[str]) -> dict[str, Language]:
    try:
        data = read_yaml(text) or {}
        node = yaml_node(text)
    except yaml.YAMLError as error:
        raise yaml_error(FACTS_FILE, error, text=text) from None
    lines = {key.value: key.start_mark.line + 1 for key, _ in getattr(node, "value", [])}
    facts = {}
    for code in languages:
        entry = data.get(code) if isinstance(data, dict) else None
        if not isinstance(entry, dict):
            raise PluginError(f"{FACTS_FILE}: the language '{code}' of mkdocs.yml has no entry here. Add one "
                              f"(`make language LANG={code}` writes it).")
        where = f"{FACTS_FILE}:{lines.get(code, 1)}: language '{code}'"
        if entry.get("direction") not in DIRECTIONS:
            raise PluginError(f"{where}: 'direction' must be ltr (left to right) or rtl (right to left).")
        if not isinstance(entry.get("reviewed"), bool):
            raise PluginError(f"{where}: 'reviewed' must be true or false (false while the translation is a draft).")
        fonts = entry.get("pdf_fonts") or []
        missing = [font for font in fonts if not font_files(font)]
        if not fonts or missing:
            raise PluginError(f"{where}: the PDF font '{(missing or ['(none)'])[0]}' is not installed in {FONTS_DIR}. "
                              "Name a Noto font of Debian's fonts-noto-core, e.g. Noto Sans.")
        language = Language(code, entry["direction"], entry["reviewed"], dict(entry.get("plural") or {}),
                            str(entry.get("date") or "d MMMM y"), str(entry.get("decimal") or "."), tuple(fonts))
        try:
            language.plural_category(2)
            language.format_date(datetime.date(2026, 1, 31))
        except Exception as error:  # noqa: BLE001 - a rule or pattern an editor mistyped
            raise PluginError(f"{where}: its 'plural' rules or 'date' pattern cannot be read ({error}). "
                              "Copy them from the CLDR (`make language` does).") from None
        facts[code] = language
    return facts


# The font files of a Noto family: {(weight, style): path}, e.g. "Noto Sans Bengali" ->
# NotoSansBengali-Regular.ttf and -Bold.ttf (and -Italic, -BoldItalic where they exist).
def font_files(family: str) -> dict[tuple[str, str], Path]:
    stem = family.replace(" ", "")
    found = {}
    for (weight, style), suffix in {("normal", "normal"): "Regular", ("bold", "normal"): "Bold",
                                    ("normal", "italic"): "Italic", ("bold", "italic"): "BoldItalic"}.items():
        path = FONTS_DIR / f"{stem}-{suffix}.ttf"
        if path.is_file():
            found[(weight, style)] = path
    return found if ("normal", "normal") in found else {}
