"""A new visitor's browser talks to this site only: no request to any other host, and nothing
stored before they make a choice about cookies."""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from conftest import ROOT, site_pages

# The address the site is published at: site_url in mkdocs.yml (SITE_URL overrides it).
SITE_URL = os.environ.get("SITE_URL") or re.search(r'site_url: !ENV \[SITE_URL, "([^"]+)"\]',
                                                   (ROOT / "mkdocs.yml").read_text(encoding="utf-8")).group(1)


@pytest.mark.parametrize("path", site_pages())
def test_no_request_leaves_the_site_and_nothing_is_stored(page: Page, base_url: str, path: str) -> None:
    # The site's own published address counts as the site: Material's script fetches the
    # sitemap.xml of each <link rel="alternate" hreflang> address, which must be absolute.
    own = (urlsplit(base_url).netloc, urlsplit(SITE_URL).netloc)
    elsewhere: list[str] = []
    page.on("request", lambda request: urlsplit(request.url).netloc not in ("", *own) and not request.url.startswith("data:") and elsewhere.append(request.url))
    page.goto(base_url + path, wait_until="networkidle")
    # Hovering and focusing the page's links and buttons must not fetch anything either.
    for element in page.locator("a, button, [tabindex]").all():
        for event in ("pointerover", "mouseover", "mouseenter", "pointerenter"):
            element.dispatch_event(event)
        element.focus()
    page.wait_for_timeout(200)
    assert elsewhere == []
    assert page.context.cookies() == []
    storage = page.evaluate("[localStorage.length, sessionStorage.length, Object.keys(localStorage).concat(Object.keys(sessionStorage))]")
    assert storage[:2] == [0, 0], f"{path} stored {storage[2]}"
