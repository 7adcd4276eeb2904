"""The one way the hooks change finished HTML that Material, MkDocs or a plugin wrote.

Templates come first: what the site can say in overrides/ it says there. Where the markup is
only known once a page is rendered, a hook changes it here:

- `edit()` replaces a pattern that must be there a set number of times (once, unless told
  otherwise) and otherwise stops the build with one line naming what is no longer in the
  markup. A silent miss would leave every page without the change after an upgrade of
  Material; this way the upgrade fails loudly (README: upgrade checklist).
- `edit_tags()` changes the attributes of start tags, found and read by Python's HTML parser
  (so attribute order, quoting and `>` inside a value do not matter), with the number of tags
  changed checked the same way.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Callable

from mkdocs.exceptions import PluginError

Replacement = str | Callable[[re.Match], str]


class MarkupChanged(PluginError):
    """The markup a hook edits is not what it was written for."""


# `text` with `pattern` replaced; the pattern must match exactly `expected` times (a number, or
# a range of numbers). `what` names the markup for the error message, `where` the page.
def edit(text: str, pattern: re.Pattern | str, replacement: Replacement, *, what: str, where: str,
         expected: int | range = 1) -> str:
    compiled = re.compile(re.escape(pattern)) if isinstance(pattern, str) else pattern
    found = len(compiled.findall(text))
    allowed = expected if isinstance(expected, range) else range(expected, expected + 1)
    if found not in allowed:
        wanted = f"{allowed.start}–{allowed.stop - 1}" if len(allowed) > 1 else str(allowed.start)
        raise MarkupChanged(
            f"{where}: expected {what} {wanted} time(s), found it {found} time(s). The markup of Material, "
            "MkDocs or a plugin has changed (an upgrade?): update the hook that edits it (README: upgrade checklist).")
    if isinstance(replacement, str):
        return compiled.sub(lambda _: replacement, text)
    return compiled.sub(replacement, text)


Attributes = dict[str, str | None]


class _StartTags(HTMLParser):
    """The start tags of one element name, with where each is in the text."""

    def __init__(self, text: str, tag: str) -> None:
        super().__init__(convert_charrefs=False)
        self.tag, self.found = tag, []
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == self.tag:
            line, column = self.getpos()
            start = self.line_starts[line - 1] + column
            self.found.append((start, start + len(self.get_starttag_text()), dict(attrs)))

    handle_startendtag = handle_starttag


# The attributes of every start tag <tag …> of `text` (reading only).
def find_tags(text: str, tag: str) -> list[Attributes]:
    return [attributes for _, _, attributes in _StartTags(text, tag).found]


def start_tag(tag: str, attributes: Attributes) -> str:
    written = "".join(f" {name}" if value is None else f' {name}="{html.escape(value)}"'
                      for name, value in attributes.items())
    return f"<{tag}{written}>"


# `text` with each start tag <tag …> for which `change(attributes)` returns new attributes
# rewritten with them (None: the tag stays as it is). The number of tags changed must be
# `expected` (a number or a range), as in edit().
def edit_tags(text: str, tag: str, change: Callable[[Attributes], Attributes | None], *, what: str, where: str,
              expected: int | range = range(0, 1_000_000)) -> str:
    parts, last, changed = [], 0, 0
    for start, end, attributes in _StartTags(text, tag).found:
        new = change(dict(attributes))
        if new is None:
            continue
        parts += [text[last:start], start_tag(tag, new)]
        last, changed = end, changed + 1
    allowed = expected if isinstance(expected, range) else range(expected, expected + 1)
    if changed not in allowed:
        wanted = f"{allowed.start}–{allowed.stop - 1}" if len(allowed) > 1 else str(allowed.start)
        raise MarkupChanged(
            f"{where}: expected {what} {wanted} time(s), found it {changed} time(s). The markup of Material, "
            "MkDocs or a plugin has changed (an upgrade?): update the hook that edits it (README: upgrade checklist).")
    return "".join(parts) + text[last:]
