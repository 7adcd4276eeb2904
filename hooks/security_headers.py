"""Security headers: writes <site>/_headers (the format Netlify and Cloudflare Pages read) once
every language is built.

The Content-Security-Policy allows scripts only from the site itself, plus the inline scripts
that are in the built HTML (Material's, the project's), each by the sha256 hash of its exact
text: an inline script that was not built (an injected one) cannot run. No 'unsafe-inline'.

style-src is 'self' only: the built pages have no <style> element and no style="" attribute
(tests/test_security_headers.py checks that), and Material's JavaScript sets styles through the
CSSOM (element.style), which CSP does not restrict. If a feature ever needs inline styles, move
them into a stylesheet under docs/assets/stylesheets/ instead of loosening the policy.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from shared import timeline
from shared.languages import all_languages_built

# Scripts the browser runs: no type, a JavaScript type, or a module. "text/plain" scripts with
# data-category are run by the cookie consent manager after consent (it copies their text into a
# new script element, so their hash must be allowed too). JSON data blocks are never run.
RUNNABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}

POLICY = [
    "default-src 'self'",
    "script-src 'self' {hashes}",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-src https://www.youtube-nocookie.com",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
]

HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    # Nothing on the site needs these; fullscreen and picture-in-picture stay open to the
    # YouTube player so a reader can enlarge the video.
    "Permissions-Policy": ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
                           "magnetometer=(), microphone=(), payment=(), usb=(), "
                           "browsing-topics=(), "
                           "fullscreen=(self \"https://www.youtube-nocookie.com\"), "
                           "picture-in-picture=(self \"https://www.youtube-nocookie.com\")"),
}


@event_priority(timeline.WHOLE_SITE)  # once, after every language is built
def on_post_build(*, config: MkDocsConfig) -> None:
    if not all_languages_built(config):
        return  # a language inside i18n's loop: wait for the last call, once all are built
    site = Path(config.site_dir)
    try:
        hashes = sorted({script_hash(text) for html in site.rglob("*.html") for text in inline_scripts(html)})
        (site / "_headers").write_text(headers_file(hashes), encoding="utf-8")
    except Exception as error:  # a bug here must not show an editor a traceback
        raise PluginError(f"hooks/security_headers.py: writing {site}/_headers failed "
                          f"({type(error).__name__}: {error}). Ask a developer.") from None


# The _headers file: one rule for every path of the site.
def headers_file(hashes: list[str]) -> str:
    policy = "; ".join(POLICY).replace("{hashes}", " ".join(f"'{h}'" for h in hashes))
    lines = ["# Written by hooks/security_headers.py at build time. Do not edit.", "/*",
             f"  Content-Security-Policy: {policy}"]
    lines += [f"  {name}: {value}" for name, value in HEADERS.items()]
    return "\n".join(lines) + "\n"


# The CSP source expression for a script's text: sha256 of its UTF-8 bytes, base64.
def script_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


class _InlineScripts(HTMLParser):
    """Collects the exact text of each runnable inline <script> of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        attributes = {key: (value or "") for key, value in attrs}
        kind = attributes.get("type", "").strip().lower()
        runnable = kind in RUNNABLE_TYPES or (kind == "text/plain" and "data-category" in attributes)
        self._current = [] if runnable and "src" not in attributes else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            text = "".join(self._current)
            if text:  # the browser checks any non-empty text, even whitespace
                self.scripts.append(text)
            self._current = None


# A <script> element, from its start tag to its end tag (the browser ends a script's text at the
# first "</script").
SCRIPT_ELEMENT = re.compile(r"<script\b.*?</script[^>]*>", re.IGNORECASE | re.DOTALL)


# Every runnable inline script of one built HTML file. Only the <script> elements are parsed, not
# the whole page: every page holds the whole navigation, so pages grow with the number of pages
# and a full parse made the build slower than linear (tests/test_security_headers.py checks the
# answer is a full parse's).
def inline_scripts(html: Path) -> list[str]:
    return scripts_in("".join(SCRIPT_ELEMENT.findall(html.read_text(encoding="utf-8"))))


def scripts_in(markup: str) -> list[str]:
    parser = _InlineScripts()
    parser.feed(markup.replace("\r\n", "\n"))
    parser.close()
    return parser.scripts
