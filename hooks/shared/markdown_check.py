"""Markdown mistakes that Python-Markdown turns silently into a page that looks wrong, found with
PyMarkdown (a Markdown linter, https://pymarkdown.readthedocs.io) set to the rules that matter on
this site, and told as one line each: file, line, what is wrong and the fix. `make check` runs it
(tests/check_site.py); PyMarkdown takes about a tenth of a second per page, too slow for every
build, so results are kept per file content (`markdown_problems_cached`).

Python-Markdown reads a few things differently from GitHub's preview, which editors see: a list
inside a list needs 4 spaces (2 flatten it), a tab nests a list item under the one before it,
"###Heading" without a space is plain text. The site's own rules (shared/markdown_rules/) add:
a link needs text.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import re
from pathlib import Path

RULES_DIR = Path(__file__).with_name("markdown_rules")

# Each rule: what the editor reads. {extra} is PyMarkdown's detail ("[Expected: 4, Actual=2]").
MESSAGES = {
    "MD018": "a heading needs a space after its # signs, or it is shown as plain text. Write '### Heading', not '###Heading'.",
    "MD025": "a second main heading (#): a page has one, its title. Use ## for a section, ### for a part of one.",
    "PML101": "this list item is inside another one, so it must start 4 spaces further in than that one "
              "(here {actual}); with fewer it is shown as a separate item, not nested.",
    "MD010": "a tab character: write spaces instead (4 spaces to put a list item inside the one above).",
    "MD042": "a link without an address. Write [the text](page.md) or [the text](https://…).",
    "STE001": "a link without text, which screen readers cannot name. Write the words of the link "
              "between the square brackets: [the cookies page](cookies.md).",
}


def _api():
    from pymarkdown.api import PyMarkdownApi  # a second to import: only when a page is scanned

    api = PyMarkdownApi()
    api.add_plugin_path(str(RULES_DIR))
    api.set_boolean_property("extensions.front-matter.enabled", True)
    api.set_boolean_property("plugins.selectively_enable_rules", True)
    for rule in MESSAGES:
        api.enable_rule_by_identifier(rule.lower())
    api.set_integer_property("plugins.pml101.indent", 4)
    # The front matter's title is the page's name, not a heading: the # heading is the first one.
    api.set_string_property("plugins.md025.front_matter_title", "no-such-field")
    return api


# One line per mistake in the Markdown of the file `name`.
def markdown_problems(name: str, text: str) -> list[str]:
    from pymarkdown.api import PyMarkdownApiException

    try:
        result = _api().scan_string(text)
    except PyMarkdownApiException as error:
        return [f"{name}: the Markdown check could not read the page ({error}). Ask a developer."]
    problems = []
    for failure in sorted(result.scan_failures, key=lambda f: (f.line_number, f.column_number)):
        actual = re.search(r"Actual=(\d+)", failure.extra_error_information or "")
        message = MESSAGES.get(failure.rule_id, failure.rule_description).format(actual=actual[1] if actual else "fewer")
        problems.append(f"{name}:{failure.line_number}: {message}")
    return problems


# markdown_problems, kept in `cache` (a folder) by the page's name and content, and this
# check's own code: a page that did not change is not scanned again.
def markdown_problems_cached(name: str, text: str, cache: Path) -> list[str]:
    digest = hashlib.sha256(importlib.metadata.version("pymarkdownlnt").encode())
    for part in (name, text, *(path.read_text(encoding="utf-8") for path in sorted(_code_files()))):
        digest.update(hashlib.sha256(part.encode("utf-8")).digest())
    stored = cache / f"{digest.hexdigest()[:32]}.json"
    if stored.is_file():
        return json.loads(stored.read_text(encoding="utf-8"))
    problems = markdown_problems(name, text)
    cache.mkdir(parents=True, exist_ok=True)
    partial = stored.with_suffix(f".{os.getpid()}.partial")  # checks running side by side
    partial.write_text(json.dumps(problems), encoding="utf-8")
    partial.replace(stored)
    return problems


def _code_files() -> list[Path]:
    return [Path(__file__), *RULES_DIR.glob("*.py")]
