"""Material's script, loaded at the reader's first action: the templates get the file name of
Material's script bundle (`material_bundle`), which overrides/main.html writes as a script the
browser does not run by itself (see overrides/partials/site/material-on-first-use.html), and the
address of print-site's script (`print_script`), which only the print pages load."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from shared import internals
from shared.printable import PRINT_SCRIPT


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["material_bundle"] = internals.material_bundle(config)
    env.globals["print_script"] = PRINT_SCRIPT
    return env
