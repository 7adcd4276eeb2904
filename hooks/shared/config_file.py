"""The site's settings read straight from mkdocs.yml, without loading MkDocs or building: for
`make translations` and the tests, which need the languages and pages before any build."""

from __future__ import annotations

from pathlib import Path

import pathspec
import yaml


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
