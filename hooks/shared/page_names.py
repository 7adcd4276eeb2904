"""A page's file name becomes its web address: lower case words joined by hyphens; a translation
has its language between two dots ("cookies.pl.md", not "cookies_pl.md")."""

from __future__ import annotations

import re
from pathlib import Path

MISNAMED_TRANSLATION = re.compile(r"^(?P<stem>[^.]+)[_-](?P<language>[a-z]{2,3})\.md$")
NOT_IN_AN_ADDRESS = re.compile(r"[\sA-Z]")


# What is wrong with the name of the page `name` ("docs/cookies_pl.md"), in one line, or "".
def name_problem(name: str, languages: list[str]) -> str:
    path = Path(name)
    misnamed = MISNAMED_TRANSLATION.match(path.name)
    if misnamed and misnamed["language"] in languages[1:]:
        right = f"{misnamed['stem']}.{misnamed['language']}.md"
        return (f"{name}: if this is the translation of {misnamed['stem']}.md, name it {right} (the language "
                "between two dots); a translation needs no line in mkdocs.yml.")
    if NOT_IN_AN_ADDRESS.search(path.name):
        better = re.sub(r"[\s_]+", "-", path.name.lower())
        return (f"{name}: the file name becomes the page's web address, so it has no spaces or capital "
                f"letters. Rename it to {better} (and change the links to it).")
    return ""
