"""Print the state of every page in every language: `make translations`
(or `.venv/bin/python hooks/translation_status.py [-f mkdocs.yml]`).

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

import pathspec
import yaml

sys.path.insert(0, str(Path(__file__).parent))
from translations import source_hash, status, translation_files  # noqa: E402

from mkdocs.exceptions import PluginError  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


# The site's languages, default first, and the docs folder, read from mkdocs.yml.
def site_settings(config_file: Path) -> tuple[list[str], Path, pathspec.GitIgnoreSpec]:
    text = config_file.read_text(encoding="utf-8")
    config = yaml.load(text, Loader=PermissiveLoader)
    plugins = {next(iter(p)) if isinstance(p, dict) else p: (p[next(iter(p))] if isinstance(p, dict) else {})
               for p in config.get("plugins", [])}
    languages = [lang["locale"] for lang in plugins["i18n"]["languages"] if lang.get("build", True)]
    default = next(lang["locale"] for lang in plugins["i18n"]["languages"] if lang.get("default"))
    excluded = pathspec.GitIgnoreSpec.from_lines((config.get("exclude_docs") or "").splitlines())
    return ([default] + [lang for lang in languages if lang != default],
            config_file.parent / config.get("docs_dir", "docs"), excluded)


class PermissiveLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its !ENV and !!python tags."""


PermissiveLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def main(arguments: list[str]) -> int:
    config_file = Path(arguments[1]) if len(arguments) >= 2 and arguments[0] == "-f" else ROOT / "mkdocs.yml"
    languages, docs_dir, excluded = site_settings(config_file)
    translations = translation_files(docs_dir, languages)
    english_pages = [p for p in sorted(docs_dir.rglob("*.md"))
                     if not (len(p.name.split(".")) >= 3 and p.name.split(".")[-2] in languages[1:])
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
