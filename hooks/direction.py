"""Direction: the <html> element of every page says which way its language is written (dir="rtl"
for Urdu) next to the language it names (lang="ur").

Material writes the direction on <body> only, and its <html> tag is not in a template block
that an override could extend. Browsers lay the page out from <body>'s dir as well, but
assistive technology, translation tools and validators read the direction of the document
from <html>. Once every language is built, each built page's <html> gets the dir of its <body>:
the pages, the print pages (which mkdocs-print-site-plugin writes itself) and the 404 page.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from strings import all_languages_built

HTML_TAG = re.compile(r'<html lang="[^"]*"(?![^>]*\sdir=)')
BODY_DIR = re.compile(r'<body dir="(ltr|rtl)"')


@event_priority(-200)  # once, after every language is built (see strings.all_languages_built)
def on_post_build(*, config: MkDocsConfig) -> None:
    if not all_languages_built(config):
        return
    for page in sorted(Path(config.site_dir).rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        marked = with_direction(text)
        if marked != text:
            page.write_text(marked, encoding="utf-8")


# The page with its <body>'s dir copied onto its <html> (unchanged if either is missing).
def with_direction(text: str) -> str:
    body = BODY_DIR.search(text)
    if body is None:
        return text
    return HTML_TAG.sub(lambda match: f'{match.group(0)} dir="{body.group(1)}"', text, count=1)
