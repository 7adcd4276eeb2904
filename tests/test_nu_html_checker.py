"""Every built page is valid HTML, as the Nu Html Checker (the W3C's validator, vnu.jar from npm,
run with Java) reads it: invalid markup is what assistive technology guesses at (a label that
points at nothing, a direction only on <body>, a script that is neither code nor data).

Errors only (its warnings are advice). Two remain, from markup this project does not write; each
is explained below and in the accessibility statement (docs/accessibility.md)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

VNU = Path(__file__).resolve().parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# The start of each error message left out, and why.
LEFT_OUT = {
    "Attribute “autocomplete” is only allowed when the input type is":
        "Material's hidden checkboxes for the menu and search (#__drawer, #__search in its base.html, which "
        "has no template block around them) carry autocomplete=\"off\", so that a browser going back to the "
        "page does not restore an open menu. Browsers and assistive technology ignore the attribute there.",
    "Attribute “heading-number” not allowed on element “section”":
        "The print pages only: mkdocs-print-site-plugin numbers each page's section with an attribute of "
        "its own. Browsers and assistive technology ignore it.",
}


def test_every_built_page_is_valid_html(built_site: Path) -> None:
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail("The Nu Html Checker needs Java and tests/node_modules/vnu-jar: run `make test` "
                    "(it installs Debian's default-jre-headless and the checkers of tests/package-lock.json).")
    pages = sorted(str(path) for path in built_site.rglob("*.html"))
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True)
    report = json.loads(result.stderr or result.stdout)
    errors = [f"{message['url'].split(str(built_site.resolve()))[-1]}:{message.get('lastLine', '?')}: {message['message']}"
              for message in report["messages"]
              if message["type"] == "error" and not any(message["message"].startswith(start) for start in LEFT_OUT)]
    assert len(pages) > 1 and errors == [], f"{len(errors)} errors:\n" + "\n".join(errors)
