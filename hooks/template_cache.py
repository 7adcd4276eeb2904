"""Build speed: compile each Jinja template once, not once per language and per build.

mkdocs-static-i18n builds the site once per language, and every build (and the print page of
mkdocs-print-site-plugin) makes a new Jinja environment, which compiles Material's templates
again: about a third of a clean build. Jinja's bytecode cache keeps the compiled templates, keyed
on the template's name and file and checked against its source, so a template that changed
(during `make serve`, or between two runs of `make check`) is compiled again. They are kept in
memory for the run and on disk for the next one, in .cache/templates (or TEMPLATE_CACHE_DIR);
a file compiled by another version of Python is not used. The HTML is the same, byte for byte
(tests/test_reproducible_build.py builds with and without it).
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig

from shared import internals


class CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.compiled: dict[str, tuple[str, object]] = {}
        self.folder: Path | None = None

    def load_bytecode(self, bucket: Bucket) -> None:
        checksum, code = self.compiled.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code
        elif self.folder:
            try:
                kept = (self.folder / f"{bucket.key}.bytecode").read_bytes()
            except OSError:
                return
            bucket.bytecode_from_string(kept)  # no code when the source or Python differ
            if bucket.code is not None:
                self.compiled[bucket.key] = (bucket.checksum, bucket.code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = (bucket.checksum, bucket.code)
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)
            kept = self.folder / f"{bucket.key}.bytecode"
            unfinished = kept.with_suffix(f".{os.getpid()}.part")  # builds running side by side
            unfinished.write_bytes(bucket.bytecode_to_string())
            unfinished.replace(kept)


COMPILED = CompiledTemplates()


def use_compiled_templates(env: jinja2.Environment) -> None:
    env.bytecode_cache = COMPILED


# Every environment the theme makes gets the cache: MkDocs' own for each language's build, and
# the one mkdocs-print-site-plugin makes for its print page.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    configured = os.environ.get("TEMPLATE_CACHE_DIR")
    COMPILED.folder = Path(configured) if configured else Path(config.config_file_path).parent / ".cache" / "templates"
    internals.on_every_theme_env(config, use_compiled_templates)
    return config
