"""Build speed: compile each Jinja template once per run, not once per language.

mkdocs-static-i18n builds the site once per language, and every build (and the print page of
mkdocs-print-site-plugin) makes a new Jinja environment, which compiles Material's templates
again: about a third of a clean build. Jinja's bytecode cache keeps the compiled templates in
memory, keyed on the template's name and file and checked against its source, so a template
changed during `make serve` is compiled again. The HTML is the same, byte for byte
(tests/test_reproducible_build.py builds with and without it).
"""

from __future__ import annotations

import jinja2
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig

from shared import internals


class CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.compiled: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        checksum, code = self.compiled.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = (bucket.checksum, bucket.code)


COMPILED = CompiledTemplates()


def use_compiled_templates(env: jinja2.Environment) -> None:
    env.bytecode_cache = COMPILED


# Every environment the theme makes gets the cache: MkDocs' own for each language's build, and
# the one mkdocs-print-site-plugin makes for its print page.
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    internals.on_every_theme_env(config, use_compiled_templates)
    return config
