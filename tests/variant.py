"""Variant sites for the consent and video tests: a copy of the project with a few edits (a
sample video address, analytics switched on with a local stand-in script, a broken registry),
built with the real strict build. Nothing in a variant leaves the machine."""

from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
import threading
from pathlib import Path

from conftest import ROOT, QuietHandler, build_site

SAMPLE_VIDEO_ID = "M7lc1UVf-VE"  # a sample ID: in the tests YouTube's hosts are answered locally

# A stand-in for Google Analytics' script: it sets the cookies GA4 sets (_ga, _ga_<id>).
STAND_IN_ANALYTICS = """document.cookie = "_ga=GA1.1.123.456; path=/; max-age=63072000; SameSite=Lax";
document.cookie = "_ga_TEST1=GS1.1.789; path=/; max-age=63072000; SameSite=Lax";
window.standInAnalyticsRan = true;
"""


def project_copy() -> Path:
    """A fresh copy of the project's sources (config, hooks, templates, pages)."""
    root = Path(tempfile.mkdtemp(prefix="coproduction-variant-")) / "project"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("hooks", "overrides", "docs"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}: update the test variant"
    path.write_text(text.replace(old, new), encoding="utf-8")


def build(project: Path):
    """Build a project copy strictly; return (the finished process, the site folder)."""
    destination = project.parent / "site"
    return build_site(destination, config=project / "mkdocs.yml"), destination


@functools.cache
def sample_site(carry_legacy_acceptances: bool = False) -> Path:
    """The site with a real-looking video address and GA4 analytics (served by a stand-in)."""
    project = project_copy()
    for page in sorted((project / "docs").glob("index*.md")):
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("watch?v=VIDEO_ID", f"watch?v={SAMPLE_VIDEO_ID}"), encoding="utf-8")
    (project / "docs/assets/stand-in-analytics.js").write_text(STAND_IN_ANALYTICS, encoding="utf-8")
    edit(project / "mkdocs.yml", 'provider: ""\n    id: ""\n    src: ""',
         'provider: "ga4"\n    id: "G-TEST1"\n    src: "/assets/stand-in-analytics.js"')
    if carry_legacy_acceptances:
        edit(project / "mkdocs.yml", "carry_legacy_acceptances: false", "carry_legacy_acceptances: true")
    result, site = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@functools.cache
def serve(site: Path) -> str:
    """Serve a built site on 127.0.0.1; return its base URL (the server lives for the session)."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


# A local stand-in for YouTube's privacy-enhanced player: it behaves like the real one where it
# matters here (a cookie and local-storage keys once the frame loads), and nothing leaves the
# machine. Every other request to another host is refused and recorded.
YOUTUBE_STUB = """<!doctype html><html lang="en"><head><title>Stand-in player</title></head>
<body><p>Stand-in for the YouTube player</p>
<script>localStorage.setItem("yt-player-bandwidth", "1"); localStorage.setItem("ytidb::LAST_RESULT_ENTRY_KEY", "1");</script>
</body></html>"""


def keep_on_machine(page, site_url: str) -> list[str]:
    """Answer youtube-nocookie.com with the stand-in; refuse and record any other outside request."""
    from urllib.parse import urlsplit

    own = urlsplit(site_url).netloc
    outside: list[str] = []

    def handle(route) -> None:
        url = route.request.url
        host = urlsplit(url).netloc
        if host == own or url.startswith("data:"):
            route.continue_()
            return
        outside.append(url)
        if host == "www.youtube-nocookie.com":
            route.fulfill(status=200, content_type="text/html", body=YOUTUBE_STUB,
                          headers={"Set-Cookie": "YSC=stand-in; Path=/; Secure; SameSite=None"})
        else:
            route.abort()

    page.route("**/*", handle)
    return outside
