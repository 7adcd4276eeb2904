"""Every page has a title, a description, one h1 and heading levels without gaps; the site has
exactly the pages the tests go through (every page in every language, the print pages, 404)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import page_file, site_pages
from built_pages import document, text_of


def test_the_site_has_exactly_the_pages_the_tests_go_through(built_site: Path) -> None:
    built = sorted("/" + path.relative_to(built_site).as_posix().removesuffix("index.html")
                   for path in built_site.rglob("*.html"))
    assert built == sorted(site_pages())


@pytest.mark.parametrize("path", site_pages())
def test_page_has_one_h1_and_no_skipped_heading_level(path: str) -> None:
    article = document(page_file(path)).first("article")
    headings = [int(element.tag[1]) for element in article.iter() if re.fullmatch(r"h[1-6]", str(element.tag))]
    assert headings.count(1) == 1 and headings[0] == 1, f"{path}: headings {headings}"
    for previous, current in zip(headings, headings[1:]):
        assert current <= previous + 1, f"{path}: h{previous} is followed by h{current}"


@pytest.mark.parametrize("path", site_pages())
def test_page_has_title_and_description(path: str) -> None:
    page = document(page_file(path))
    assert text_of(page.first("title")), f"{path} has no <title>"
    description = page.first("meta[name=description]").get("content")
    assert description and len(description) > 20, f"{path} has no meta description"


def test_guide_is_at_the_root_with_its_sections(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    for text in ["Working towards Co-production", "Tips for achieving successful co-production",
                 "Go in open-minded", "Do it for the right reasons",
                 "Ensure staff are trained as well as parents or community members",
                 "Download this resource"]:
        assert text in html
    for typo in ["determined y ", " hte ", "someone things", "what is really means", "co--production"]:
        assert typo not in html, f"the typing mistake {typo!r} is still on the guide page"
