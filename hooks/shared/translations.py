"""Translation files: a translation is a file next to the English page with the language before
".md" (index.pl.md translates index.md). Its front matter says which version of the English
file it translates and whether a fluent speaker has reviewed it:

    translation:
      source: 884decda19e2   # the first 12 characters of the English file's SHA-256
      reviewed: false
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from shared.front_matter import read_front_matter, require_text
from shared.languages import english_source, file_language

HASH_LENGTH = 12


# The first characters of the SHA-256 of a file: what a translation records as its source.
def source_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:HASH_LENGTH]


# Read and check a translation's front matter; raise PluginError with one line naming the file.
def read_translation(path: Path, shown: str, language: str) -> dict:
    english = english_source(path, language)
    example = f"translation: {{source: {source_hash(english) if english.exists() else '<hash>'}, reviewed: false}}"
    how = f"Start it with a line '---', then title, description and '{example}', then '---'."
    front_matter = read_front_matter(shown, path.read_text(encoding="utf-8"), how)
    for key in ("title", "description"):
        require_text(shown, front_matter, key, " in the page's language")
    if not english.exists():
        raise PluginError(f"{shown}:1: there is no English page {english.name} for this translation. "
                          "Rename the file after the English page it translates.")
    meta = front_matter.data
    info = meta.get("translation")
    if not isinstance(info, dict):
        raise PluginError(f"{shown}:{front_matter.line_of('translation')}: 'translation' is missing or not a "
                          f"block. Add '{example}'.")
    source = info.get("source")
    if not isinstance(source, str) or not re.fullmatch(r"[0-9a-f]{8,64}", source):
        raise PluginError(f"{shown}:{front_matter.line_of('source')}: 'translation.source' must be the English "
                          f"file's hash, like '{example}'. `make translations` shows it.")
    if not isinstance(info.get("reviewed"), bool):
        raise PluginError(f"{shown}:{front_matter.line_of('reviewed')}: 'translation.reviewed' must be true or "
                          "false. Write 'reviewed: false' until a fluent speaker has checked the translation.")
    return meta


# Every translation file of the docs folder: {(English path relative to docs, language): file}.
def translation_files(docs_dir: Path, languages: list[str]) -> dict[tuple[str, str], Path]:
    found = {}
    for path in sorted(docs_dir.rglob("*.md")):
        language = file_language(path.name, languages)
        if language:
            found[(english_source(path, language).relative_to(docs_dir).as_posix(), language)] = path
    return found


# A translation's state: "up to date", "draft", "stale" or "draft, stale" ("missing" if no file).
def status(english: Path, translation: Path | None, language: str, shown: str) -> str:
    if translation is None:
        return "missing"
    info = read_translation(translation, shown, language)["translation"]
    states = [] if info["reviewed"] else ["draft"]
    if not source_hash(english).startswith(info["source"]):
        states.append("stale")
    return ", ".join(states) or "up to date"
