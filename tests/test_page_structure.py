"""Every page has a title, a description, one h1 and heading levels without gaps."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from conftest import page_file, site_dir, site_pages


class Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.in_article = 0
        self.headings: list[int] = []
        self.title = ""
        self.description = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "article":
            self.in_article += 1
        if re.fullmatch(r"h[1-6]", tag) and self.in_article:
            self.headings.append(int(tag[1]))
        if tag == "title":
            self._in_title = True
        if tag == "meta" and attributes.get("name") == "description":
            self.description = attributes.get("content")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article -= 1
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def outline(path: str) -> Outline:
    parser = Outline()
    parser.feed(page_file(path).read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("path", site_pages())
def test_page_has_one_h1_and_no_skipped_heading_level(path: str) -> None:
    headings = outline(path).headings
    assert headings.count(1) == 1 and headings[0] == 1, f"{path}: headings {headings}"
    for previous, current in zip(headings, headings[1:]):
        assert current <= previous + 1, f"{path}: h{previous} is followed by h{current}"


@pytest.mark.parametrize("path", site_pages())
def test_page_has_title_and_description(path: str) -> None:
    page = outline(path)
    assert page.title.strip(), f"{path} has no <title>"
    assert page.description and len(page.description) > 20, f"{path} has no meta description"


def test_guide_is_at_the_root_with_its_sections() -> None:
    html = (site_dir() / "index.html").read_text(encoding="utf-8")
    for text in ["Working towards Co-production", "Tips for achieving successful co-production",
                 "Go in open-minded", "Do it for the right reasons",
                 "Ensure staff are trained as well as parents or community members",
                 "Download this resource"]:
        assert text in html
    for typo in ["determined y ", " hte ", "someone things", "what is really means", "co--production"]:
        assert typo not in html, f"the typing mistake {typo!r} is still on the guide page"
