"""Direction: the <html> element of every page says which way its language is written (dir="rtl"
for Urdu) next to the language it names (lang="ur").

Material writes the direction on <body> only, and its <html> tag is not in a template block
that an override could extend. Browsers lay the page out from <body>'s dir as well, but
assistive technology, translation tools and validators read the direction of the document
from <html>. Once every language is built, each built page's <html> gets the direction of its
language (docs/_data/languages.yml): the pages, the print pages (which mkdocs-print-site-plugin
writes itself) and the 404 page.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from shared import timeline
from shared.language_facts import language_facts
from shared.languages import all_languages_built
from shared.markup import edit

HTML_TAG = re.compile(r'<html lang="(?P<lang>[^"]*)"(?![^>]*\sdir=)')


@event_priority(timeline.WHOLE_SITE)  # once, after every language is built
def on_post_build(*, config: MkDocsConfig) -> None:
    if not all_languages_built(config):
        return
    facts = language_facts(config)
    site = Path(config.site_dir)
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        marked = edit(text, HTML_TAG, lambda match: f'{match.group(0)} dir="{facts[match["lang"]].direction}"'
                      if match["lang"] in facts else match.group(0),
                      what="Material's <html lang=…>", where=page.relative_to(site).as_posix())
        if marked != text:
            page.write_text(marked, encoding="utf-8")
