"""Print the state of every page in every language: `make translations`
(or `PYTHONPATH=hooks .venv/bin/python -m shared.translation_status [-f mkdocs.yml]`).

    up to date    translated, reviewed, and the English page has not changed since
    draft         translated, not yet reviewed by a fluent speaker (front matter reviewed: false)
    stale         the English page has changed since (its hash differs from translation.source)
    missing       no translation: readers see the English page with a notice

The last column gives each English page's current hash, to copy into `translation: source:` once
a translation has been brought up to date. Exits with 1 (one line naming the file) if a
translation's front matter is malformed; stale or missing translations do not fail.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from shared.config_file import site_settings
from shared.languages import file_language
from shared.translations import source_hash, status, translation_files

ROOT = Path(__file__).resolve().parents[2]


def main(arguments: list[str]) -> int:
    config_file = Path(arguments[1]) if len(arguments) >= 2 and arguments[0] == "-f" else ROOT / "mkdocs.yml"
    languages, docs_dir, excluded = site_settings(config_file)
    translations = translation_files(docs_dir, languages)
    english_pages = [p for p in sorted(docs_dir.rglob("*.md"))
                     if not file_language(p.name, languages)
                     and "_data" not in p.relative_to(docs_dir).parts
                     and not excluded.match_file(p.relative_to(docs_dir).as_posix())]
    rows = []
    try:
        for english in english_pages:
            page = english.relative_to(docs_dir).as_posix()
            cells = []
            for language in languages[1:]:
                file = translations.get((page, language))
                shown = f"{docs_dir.name}/{file.relative_to(docs_dir).as_posix()}" if file else ""
                cells.append(status(english, file, language, shown))
            rows.append([page, *cells, source_hash(english)])
    except PluginError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    header = ["page", *languages[1:], "English hash"]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
