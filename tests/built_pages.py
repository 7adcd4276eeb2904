"""Built pages parsed the way browsers parse them (tinyhtml5, WeasyPrint's HTML5 parser), with a
small selector language for the tests: "tag", ".class", "#id", "[attribute]",
"[attribute=value]" and combinations ("a.md-nav__link[lang=en]"), descendants separated by
spaces ("nav.printable-contents a")."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import tinyhtml5

SIMPLE = re.compile(r"(?P<tag>[a-z0-9*]*)(?P<rest>(?:[.#][\w-]+|\[[^\]]+\])*)$")
PART = re.compile(r"\.(?P<cls>[\w-]+)|#(?P<id>[\w-]+)|\[(?P<attr>[\w:-]+)(?:=\"?(?P<value>[^\]\"]*)\"?)?\]")


def text_of(element: ET.Element) -> str:
    """The element's text, whitespace collapsed."""
    return " ".join("".join(element.itertext()).split())


class Document:
    """A built HTML page."""

    def __init__(self, html: str) -> None:
        self.root = tinyhtml5.parse(html, namespace_html_elements=False)

    def all(self, selector: str) -> list[ET.Element]:
        found = [self.root]
        for step in selector.split():
            match = SIMPLE.match(step)
            assert match, f"the test's selector {step!r} is not supported"
            tests = list(PART.finditer(match["rest"]))
            tag = match["tag"] if match["tag"] not in ("", "*") else None
            matches: list[ET.Element] = []
            for ancestor in found:
                for element in ancestor.iter(tag):
                    if element is not ancestor and element not in matches and all(_fits(element, t) for t in tests):
                        matches.append(element)
            found = matches
        return found

    def first(self, selector: str) -> ET.Element:
        found = self.all(selector)
        assert found, f"nothing matches {selector}"
        return found[0]


def _fits(element: ET.Element, test: re.Match) -> bool:
    if not isinstance(element.tag, str):
        return False
    if test["cls"]:
        return test["cls"] in element.get("class", "").split()
    if test["id"]:
        return element.get("id") == test["id"]
    if test["value"] is None:
        return element.get(test["attr"]) is not None
    return element.get(test["attr"]) == test["value"]


@cache
def document(path: Path) -> Document:
    """A built file, parsed once per test process."""
    return Document(path.read_text(encoding="utf-8"))
