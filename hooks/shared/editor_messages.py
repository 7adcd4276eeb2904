"""MkDocs' own warnings (broken links, missing anchors and images, pages missing from the menu),
rewritten for editors as "<file>:<line>: what is wrong. How to fix it.". MkDocs' English wording
of these warnings is relied on here (tests/test_internals.py checks it against MkDocs itself).
Used by hooks/editor_messages.py (the output of `make serve` and `make build`) and by
tests/check_site.py (`make check`).
"""

from __future__ import annotations

import re
from pathlib import Path

from shared.config_file import site_settings
from shared.page_names import name_problem

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")

LINK_NOT_FOUND = re.compile(r"Doc file '(?P<doc>[^']+)' contains a link '(?P<link>[^']+)', but the target (?:'[^']*' )?is not found among documentation files")
ANCHOR_OTHER = re.compile(r"Doc file '(?P<doc>[^']+)' contains a link '(?P<link>[^']+)', but the doc '(?P<target>[^']+)' does not contain an anchor '(?P<anchor>[^']+)'")
ANCHOR_HERE = re.compile(r"Doc file '(?P<doc>[^']+)' contains a link '(?P<link>[^']+)', but there is no such anchor on this page")
LINK_OTHER = re.compile(r"Doc file '(?P<doc>[^']+)' contains (?:an? )?(?P<kind>unrecognized relative|absolute) link '(?P<link>[^']+)'")
NOT_IN_NAV = re.compile(r'not included in the "nav" configuration:\s*(?P<files>(?:\s*- .+)+)', re.S)
NAV_MISSING = re.compile(r"A reference to '(?P<page>[^']+)' is included in the 'nav' configuration, which is not found")
ERROR_READING = re.compile(r"^Error reading page '(?P<page>[^']+)':\s*(?P<rest>.*)$", re.S)
# A message that already starts with a project file: "docs/…", "mkdocs.yml", "hooks/…".
HOOK_PROBLEM = re.compile(r"^(docs/|hooks/|overrides/|\.github/|tests/|mkdocs\.yml|[\w-]+\.(md|yml|yaml)\b)[^:\n]*(:\d+)?: ")


def rewrite(message: str, project: Path) -> list[str]:
    """MkDocs' warning, as lines "<file>:<line>: what is wrong. How to fix it."."""
    if match := LINK_NOT_FOUND.search(message):
        doc, link = match["doc"], match["link"]
        if link.lower().split("#")[0].endswith(IMAGE_EXTENSIONS):
            return [f"{where(project, doc, link)}: the image '{link}' does not exist. Put the file "
                    "in docs/assets/images/ and check the spelling and folder of its name."]
        return [f"{where(project, doc, link)}: the link '{link}' goes to a page that does not exist. "
                "Check the spelling; link to the Markdown file, e.g. (cookies.md) or (index.md#heading-id)."]
    if match := ANCHOR_OTHER.search(message):
        return [f"{where(project, match['doc'], match['link'])}: the link '{match['link']}' goes to a "
                f"heading '{match['anchor']}' that is not on {match['target']}. A heading's id is its text "
                "in lower case with hyphens, e.g. '## Go in open-minded' is '#go-in-open-minded'."]
    if match := ANCHOR_HERE.search(message):
        return [f"{where(project, match['doc'], match['link'])}: the link '{match['link']}' goes to a "
                "heading that is not on this page. A heading's id is its text in lower case with "
                "hyphens, e.g. '## Go in open-minded' is '#go-in-open-minded'."]
    if match := LINK_OTHER.search(message):
        return [f"{where(project, match['doc'], match['link'])}: the link '{match['link']}' cannot be "
                "checked. Link to another page by its Markdown file name, e.g. (cookies.md); use "
                "https://… for other websites."]
    if match := NOT_IN_NAV.search(message):
        files = [line.strip()[2:].strip() for line in match["files"].splitlines() if line.strip().startswith("- ")]
        languages = site_settings(project / "mkdocs.yml")[0] if (project / "mkdocs.yml").exists() else []
        return [name_problem(f"docs/{name}", languages)  # a misnamed file: its name is what to fix
                or f"docs/{name}: this page is not in the site's menu. Add a line '  - {name}' under "
                "'nav:' in mkdocs.yml (translations, e.g. page.pl.md, need no line)." for name in files]
    if match := NAV_MISSING.search(message):
        return [f"mkdocs.yml: the menu (nav:) lists '{match['page']}', but docs/{match['page']} does "
                "not exist. Correct the name in mkdocs.yml or add the page."]
    if match := ERROR_READING.match(message):  # MkDocs names the page before a hook's own message
        rest = match["rest"].strip()
        if not rest:  # the error itself follows, reported on its own
            return []
        return rewrite(rest, project) if HOOK_PROBLEM.match(rest) else [f"docs/{match['page']}: {one_line(rest)}"]
    if HOOK_PROBLEM.match(message):  # the project's hooks (and this rewriting) already did it
        return [line.strip() for line in message.splitlines() if line.strip()]
    text = one_line(message)
    return [f"mkdocs.yml: the build warned: {text}" if not text.startswith("mkdocs.yml") else text]


# "docs/<doc>:<line>" with the line of the first place the link appears in the source file.
def where(project: Path, doc: str, link: str) -> str:
    path = project / "docs" / doc
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if f"({link}" in line or f'"{link}"' in line or f"<{link}>" in line or f"]: {link}" in line:
                return f"docs/{doc}:{number}"
    except OSError:
        pass
    return f"docs/{doc}"


def one_line(value: object) -> str:
    return " ".join(str(value).split())
