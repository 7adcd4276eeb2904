"""MkDocs' own warnings (broken links, missing anchors and images, pages missing from the menu),
rewritten for editors as "<file>:<line>: what is wrong. How to fix it." in the output of
`make serve` and `make build` (shared/editor_messages.py rewrites them; `make check` uses the same).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from shared.editor_messages import rewrite


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    project = Path(config.config_file_path).parent
    for handler in logging.getLogger("mkdocs").handlers:
        if not any(isinstance(existing, EditorMessages) for existing in handler.filters):
            handler.addFilter(EditorMessages(project))
    return config


class EditorMessages(logging.Filter):
    """Rewrites each MkDocs warning in place, before the handler prints it."""

    def __init__(self, project: Path) -> None:
        super().__init__()
        self.project = project

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            try:
                lines = rewrite(record.getMessage(), self.project)
                if lines:  # (nothing: the message repeats an error that follows it)
                    record.msg, record.args = "\n".join(lines), ()
            except Exception:  # noqa: BLE001 - never lose a warning because of the rewriting
                pass
        return True
