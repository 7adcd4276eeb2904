"""A local stand-in for YouTube's privacy-enhanced player, for the consent and video tests: the
page's requests to www.youtube-nocookie.com are answered on the machine, every other request to
another host is refused and recorded. Nothing leaves the machine."""

from __future__ import annotations

from urllib.parse import urlsplit

# A local stand-in for YouTube's privacy-enhanced player: it behaves like the real one where it
# matters here (a cookie and local-storage keys once the frame loads), and nothing leaves the
# machine. Every other request to another host is refused and recorded.
YOUTUBE_STUB = """<!doctype html><html lang="en"><head><title>Stand-in player</title></head>
<body><p>Stand-in for the YouTube player</p>
<script>localStorage.setItem("yt-player-bandwidth", "1"); localStorage.setItem("ytidb::LAST_RESULT_ENTRY_KEY", "1");</script>
</body></html>"""


def keep_on_machine(page, site_url: str) -> list[str]:
    """Answer youtube-nocookie.com with the stand-in; refuse and record any other outside request."""
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
