"""The front matter of a Markdown page: the YAML between the two '---' lines at the top.

    ---
    title: Cookies
    description: The cookies this website uses.
    ---

Read the way MkDocs reads pages (a byte-order mark at the start is ignored). A mistake is a
PluginError with one line: the file, the line, what is wrong and how to fix it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from mkdocs.exceptions import PluginError

from shared.strings import read_yaml, yaml_error_line

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?\r?\n)??(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
HOW = "Start the file with a line '---', then 'title: …' and 'description: …', then '---'."


@dataclass
class FrontMatter:
    data: dict
    lines: list[str] = field(default_factory=list)

    # The file's line of a key ("title" is usually line 2), or 1 when the key is not there.
    def line_of(self, key: str) -> int:
        return next((number + 2 for number, line in enumerate(self.lines)
                     if line.lstrip().startswith(f"{key}:")), 1)


# The page's text as MkDocs reads it: without a byte-order mark.
def page_text(raw: str) -> str:
    return raw[1:] if raw.startswith("\ufeff") else raw


def has_front_matter(text: str) -> bool:
    return page_text(text).startswith("---")


# Read and check the front matter of `text` (the file `name`); `how` says how to write it.
def read_front_matter(name: str, text: str, how: str = HOW) -> FrontMatter:
    text = page_text(text)
    if not text.startswith("---"):
        raise PluginError(f"{name}:1: the page has no front matter (title and description). {how}")
    match = FRONT_MATTER.match(text)
    if not match:
        raise PluginError(f"{name}:1: the front matter at the top is not closed with a line '---'. {how}")
    source = match["yaml"] or ""
    try:
        data = read_yaml(source)
    except yaml.YAMLError as error:
        raise PluginError(f"{name}:{yaml_error_line(error, first_line=2, text=source)}: the front matter is not valid YAML. "
                          "Write each entry as 'key: text' on one line, and put quotes around text that "
                          "contains a colon.") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise PluginError(f"{name}:2: the front matter must be lines like 'title: …'. {how}")
    return FrontMatter(data, source.splitlines())


# A required text entry ("title", "description"): present and not empty, else one line saying so.
def require_text(name: str, front_matter: FrontMatter, key: str, hint: str = "") -> None:
    value = front_matter.data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PluginError(f"{name}:{front_matter.line_of(key)}: the front matter has no '{key}'. Add a line "
                          f"'{key}: …' between the two '---' lines at the top{hint}.")
