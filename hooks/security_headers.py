"""Security headers: the Content-Security-Policy in a <meta http-equiv> of every page (hosts
such as GitHub Pages send no headers) and <site>/_headers (the format Netlify and Cloudflare
Pages read) with the policy and the headers a <meta> cannot carry (frame-ancestors, HSTS,
nosniff, Referrer-Policy, Permissions-Policy), once every language is built.

The policy allows scripts only from the site itself, plus the inline scripts that the site's
templates and hooks write (Material's, the project's), each by the sha256 hash of its exact
text. Scripts in a page's content (what its Markdown became) are never allowed: they are
recorded as each page's content is finished, left out of the hashes, and the build stops with
one line naming the page's file. No 'unsafe-inline'. Each page's <meta> allows that page's own
scripts; _headers allows those of every page.

The policy follows mkdocs.yml's analytics switch (extra.site_analytics): the analytics
provider's hosts are allowed only when it is on.

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

from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from shared import timeline
from shared.languages import all_languages_built

# Scripts the browser runs: no type, a JavaScript type, or a module. "text/plain" scripts with
# data-category are run by the cookie consent manager after consent (it copies their text into a
# new script element, so their hash must be allowed too). JSON data blocks are never run.
RUNNABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}

# The policy; {scripts}, {images} and {connections} take the script hashes and the analytics
# hosts. Directives a <meta> policy cannot carry are in HEADER_ONLY.
POLICY = [
    "default-src 'self'",
    "script-src 'self'{scripts}",
    "style-src 'self'",
    "img-src 'self' data:{images}",
    "font-src 'self'",
    "connect-src 'self'{connections}",
    "media-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-src https://www.youtube-nocookie.com",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
]
HEADER_ONLY = ["frame-ancestors 'none'"]

# What each analytics provider needs beyond its script's host: where it sends its measurements
# (Google's documented hosts for GA4; Plausible sends to its script's host).
ANALYTICS_HOSTS = {
    "ga4": {"images": ["https://*.google-analytics.com", "https://*.googletagmanager.com"],
            "connections": ["https://*.google-analytics.com", "https://*.analytics.google.com",
                            "https://*.googletagmanager.com"]},
    "plausible": {"images": [], "connections": []},
}

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


# Scripts found in pages' content, in every language (their text): never allowed.
content_scripts: set[str] = set()


@event_priority(timeline.FINISHED_CONTENT)  # the page's content as it will be in the page
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    found = scripts_in(html, every_kind=True)
    if found:
        content_scripts.update(found)
        source = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        raise PluginError(f"{source}: the page contains a <script>, which the site never runs from a page's "
                          "text. Remove it; ask a developer if the page needs something a script does.")
    # The front matter is written into the page's <head> as it is: no markup there.
    for key, value in (page.meta or {}).items():
        if isinstance(value, str) and MARKUP.search(value):
            source = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
            raise PluginError(f"{source}: the front matter's '{key}' contains HTML ('<' before a letter), which "
                              "would be written into the page's code. Write it as plain text.")
    return html


MARKUP = re.compile(r"<[!/?A-Za-z]")


@event_priority(timeline.WHOLE_SITE)  # once, after every language is built
def on_post_build(*, config: MkDocsConfig) -> None:
    if not all_languages_built(config):
        return  # a language inside i18n's loop: wait for the last call, once all are built
    site = Path(config.site_dir)
    try:
        hosts = analytics_hosts(config)
        every_page: set[str] = set()
        for html in sorted(site.rglob("*.html")):
            hashes = sorted({script_hash(text) for text in inline_scripts(html) if text not in content_scripts})
            every_page.update(hashes)
            add_meta_policy(html, policy(hashes, hosts))
        (site / "_headers").write_text(headers_file(policy(sorted(every_page), hosts) + HEADER_ONLY), encoding="utf-8")
    except Exception as error:  # a bug here must not show an editor a traceback
        raise PluginError(f"hooks/security_headers.py: writing the security policy into {site} failed "
                          f"({type(error).__name__}: {error}). Ask a developer.") from None
    finally:
        content_scripts.clear()


# The policy's directives for these script hashes and analytics hosts.
def policy(hashes: list[str], hosts: dict[str, list[str]]) -> list[str]:
    def sources(values: list[str]) -> str:
        return "".join(f" {value}" for value in values)

    values = {"scripts": sources(hosts["scripts"] + [f"'{h}'" for h in hashes]),
              "images": sources(hosts["images"]), "connections": sources(hosts["connections"])}
    return [directive.format(**values) for directive in POLICY]


# The hosts the switched-on analytics needs: its script's host (none when the script is the
# site's own file) and where it sends its measurements. Nothing when analytics is off.
def analytics_hosts(config: MkDocsConfig) -> dict[str, list[str]]:
    hosts: dict[str, list[str]] = {"scripts": [], "images": [], "connections": []}
    settings = config.extra.get("site_analytics") or {}
    provider = str(settings.get("provider") or "").strip().lower()
    if provider not in ANALYTICS_HOSTS:
        return hosts  # off (hooks/consent.py refuses an unknown provider)
    src = str(settings.get("src") or "").strip() or DEFAULT_SOURCES[provider]
    parts = urlsplit(src)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    if origin:
        hosts["scripts"].append(origin)
    hosts["images"] = list(ANALYTICS_HOSTS[provider]["images"])
    hosts["connections"] = list(ANALYTICS_HOSTS[provider]["connections"]) or ([origin] if origin else [])
    return hosts


DEFAULT_SOURCES = {"ga4": "https://www.googletagmanager.com/gtag/js", "plausible": "https://plausible.io/js/script.js"}

# The policy goes right after <meta charset> (which must come first, within the first 1024
# bytes), before anything the page loads or runs.
CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)


def add_meta_policy(html: Path, directives: list[str]) -> None:
    text = html.read_text(encoding="utf-8")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{"; ".join(directives)}">'
    match = CHARSET.search(text)
    if not match:
        raise ValueError(f"{html.name} has no <meta charset> to put the policy after")
    html.write_text(text[:match.end()] + meta + text[match.end():], encoding="utf-8")


# The _headers file: one rule for every path of the site.
def headers_file(directives: list[str]) -> str:
    lines = ["# Written by hooks/security_headers.py at build time. Do not edit.", "/*",
             f"  Content-Security-Policy: {'; '.join(directives)}"]
    lines += [f"  {name}: {value}" for name, value in HEADERS.items()]
    return "\n".join(lines) + "\n"


# The CSP source expression for a script's text: sha256 of its UTF-8 bytes, base64.
def script_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


class _InlineScripts(HTMLParser):
    """Collects the exact text of each runnable inline <script> of a page (with `every_kind`,
    of every <script>, whatever its type, and "<script src>" for one with an address)."""

    def __init__(self, every_kind: bool = False) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None
        self.every_kind = every_kind

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        attributes = {key: (value or "") for key, value in attrs}
        kind = attributes.get("type", "").strip().lower()
        runnable = kind in RUNNABLE_TYPES or (kind == "text/plain" and "data-category" in attributes)
        if self.every_kind and "src" in attributes:
            self.scripts.append(f"<script src={attributes['src']}>")
        self._current = [] if (runnable or self.every_kind) and "src" not in attributes else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            text = "".join(self._current)
            if text or self.every_kind:  # the browser checks any non-empty text, even whitespace
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


def scripts_in(markup: str, every_kind: bool = False) -> list[str]:
    parser = _InlineScripts(every_kind)
    parser.feed(markup.replace("\r\n", "\n"))
    parser.close()
    return parser.scripts
