"""Videos: an editor writes one line in a page,

    [Working towards Co-Production](https://www.youtube.com/watch?v=VIDEO_ID){ .video }

(youtube.com/watch?v=… or youtu.be/…; optionally `transcript="transcripts/name.md"` inside the
braces) and this hook turns it into a consent-gated video (overrides/partials/site/video.html): a placeholder of the video's size
with the title, a note that YouTube (Google) sets cookies, a "Play video: <title>" button (shown
by assets/javascripts/video.js), a "Watch on YouTube" link, and a transcript slot. Nothing is
loaded from Google before the reader agrees; without JavaScript the link remains.

While the address still holds the placeholder VIDEO_ID the section says the video will be added
there, and the build prints one notice naming the file and line. A malformed address fails the
build with the file and line.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from shared import timeline
from shared.languages import all_languages_built
from shared.templates import render_block

log = logging.getLogger("mkdocs.hooks.video")

# A whole line: [title](address){ .video … }
VIDEO_LINE = re.compile(r"^\[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\)\{\s*(?P<attrs>[^}]*\.video\b[^}]*)\}\s*$")
VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")
PLACEHOLDER = "VIDEO_ID"
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com"}
TRANSCRIPT = re.compile(r'transcript="(?P<path>[^"]+)"')
# Lines meant as a video line that are not one: a space before the braces, or no braces at all.
SPACE_BEFORE_BRACES = re.compile(r"^\[[^\]]+\]\([^)\s]+\)\s+\{[^}]*\.video\b[^}]*\}\s*$")
YOUTUBE_LINK_ALONE = re.compile(r"^\[[^\]]+\]\(https?://(?:www\.|m\.)?(?:youtube\.com/watch|youtu\.be/)[^)\s]*\)\s*$")

# Placeholders found in this build, as "file:line" (reported once after every language).
placeholders: set[str] = set()


@event_priority(timeline.AFTER_I18N_FILES)  # this language's pages
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    # Check every video line before any page is rendered, so an error names file and line only.
    for file in files.documentation_pages():
        if not file.abs_src_path:
            continue
        source = f"{Path(config.docs_dir).name}/{file.src_uri}"
        raw = Path(file.abs_src_path).read_text(encoding="utf-8")
        for number, line in enumerate(raw.splitlines(), start=1):
            match = VIDEO_LINE.match(line.strip())
            where = f"{source}:{number}"
            if not match:
                almost(line.strip(), where)
                continue
            if parse_video_address(match["url"], where) == PLACEHOLDER:
                placeholders.add(where)
            transcript_link(match["attrs"], files, where)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if ".video" not in markdown:
        return markdown
    lines = markdown.split("\n")
    for number, line in enumerate(lines):
        match = VIDEO_LINE.match(line.strip())
        if not match:
            continue
        where = f"{page.file.src_uri}"  # already checked in on_files
        transcript_file = transcript_link(match["attrs"], files, where)
        lines[number] = render_block(
            config, "partials/site/video.html", title=match["title"].strip(),
            video_id=parse_video_address(match["url"], where),
            transcript=get_relative_url(transcript_file.url, page.url) if transcript_file else None)
    return "\n".join(lines)


@event_priority(timeline.WHOLE_SITE)  # once, after every language has been built
def on_post_build(*, config: MkDocsConfig) -> None:
    if not all_languages_built(config):
        return
    if placeholders:
        first, *others = sorted(placeholders)
        more = f" Also in {', '.join(others)}." if others else ""
        log.info(f"{first}: the video address still says VIDEO_ID, so readers see "
                 "'the video will be added here'. Put the video's YouTube address there (see CONTRIBUTING.md)."
                 f"{more}")
        placeholders.clear()


# A line that was meant as a video line but would be shown as a plain link.
def almost(line: str, where: str) -> None:
    if SPACE_BEFORE_BRACES.match(line):
        raise PluginError(f"{where}: there is a space between the link and {{ .video }}, so the page would show a "
                          "plain link and the text '{ .video }'. Remove the space: [title](address){ .video }")
    if YOUTUBE_LINK_ALONE.match(line):
        raise PluginError(f"{where}: a YouTube link alone on its line is shown as a plain link, not as the video. "
                          "Add { .video } right after it: [title](address){ .video } (or put the link in a sentence).")


# The 11-character video ID of a YouTube address, or VIDEO_ID while it is the placeholder.
def parse_video_address(url: str, where: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host in YOUTUBE_HOSTS and parts.path == "/watch":
        video_id = (parse_qs(parts.query).get("v") or [""])[0]
    elif host == "youtu.be":
        video_id = parts.path.lstrip("/")
    else:
        raise PluginError(f"{where}: '{url}' is not a YouTube video address. Use "
                          "https://www.youtube.com/watch?v=<video ID> or https://youtu.be/<video ID>.")
    if parts.scheme not in ("https", "http"):
        raise PluginError(f"{where}: the video address must start with https://.")
    if video_id == PLACEHOLDER:
        return video_id
    if not VIDEO_ID.fullmatch(video_id):
        raise PluginError(f"{where}: '{video_id}' is not a YouTube video ID (11 letters, digits, '-' or '_'). "
                          "Copy the address again from YouTube's Share button.")
    return video_id


# The transcript page named in the braces (transcript="…", relative to docs/); None when empty.
def transcript_link(attrs: str, files: Files, where: str) -> File | None:
    match = TRANSCRIPT.search(attrs)
    if not match:
        return None
    target = match["path"]
    file = files.get_file_from_path(target)
    if file is None:
        raise PluginError(f"{where}: the transcript page '{target}' does not exist. Create it in docs/ or fix the name.")
    return file
