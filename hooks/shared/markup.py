"""The one way the hooks change finished HTML that Material, MkDocs or a plugin wrote.

Templates come first: what the site can say in overrides/ it says there. Where the markup is
only known once a page is rendered, a hook changes it with `edit()`, which expects the pattern
a set number of times (once, unless told otherwise) and otherwise stops the build with one line
naming what is no longer in the markup. A silent miss would leave every page without the change
after an upgrade of Material; this way the upgrade fails loudly (README: upgrade checklist).
"""

from __future__ import annotations

import re
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
