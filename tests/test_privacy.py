"""A new visitor's browser talks to this site only: no request to any other host, and nothing
stored before they make a choice about cookies."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from conftest import site_pages



@pytest.mark.parametrize("path", site_pages())
def test_no_request_leaves_the_site_and_nothing_is_stored(page: Page, base_url: str, path: str) -> None:
    # Only the local test server: not even the site's published address (site_url) is
    # contacted, although the hreflang links point there.
    own = (urlsplit(base_url).netloc,)
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
