"""Search in the reader's language only.

mkdocs-static-i18n merges every language into one `search/search_index.json` (static-i18n #271).
Material 9.8's script loads the index from `new URL("search/search_index.json", config.base)`,
where `config.base` is the `"base"` of the page's `<script id="__config">`, and opens results at
`new URL(location, config.base)`. So, once every language is built, this hook splits the merged
index into one per language (`search/search_index.json` for English, `pl/search/…` for Polish,
with locations relative to that language's home) and points each translated page's `"base"` at
its language's home. An English page a language falls back to (its translation is missing) is
in that language's index, at its address in that language, as readers of that language see it.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from shared import timeline
from shared.languages import all_languages_built, build_language, is_default, language_root, site_languages
from shared.markup import edit

# Languages for which Material ships a lunr stop-word list (assets/javascripts/lunr/min/).
LUNR_LANGUAGES = {"ar", "da", "de", "du", "el", "en", "es", "fi", "fr", "he", "hi", "hu", "hy", "it", "ja",
                  "kn", "ko", "nl", "no", "pt", "ro", "ru", "sa", "sv", "ta", "te", "th", "tr", "vi", "zh"}
CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    language = build_language(config)
    if is_default(config, language):
        return output
    directory = page.url if page.url.endswith("/") else posixpath.dirname(page.url)
    home = posixpath.relpath(language, directory or ".")  # "." on /pl/, ".." on /pl/cookies/
    return edit(output, CONFIG_SCRIPT, lambda match: match.group(1) + with_base(match.group(2), home) + match.group(3),
                what='Material\'s <script id="__config">', where=f"docs/{page.file.src_uri}")


# Material's page configuration (JSON) with "base" set to the language's home.
def with_base(config_json: str, home: str) -> str:
    settings = json.loads(config_json)
    settings["base"] = home
    return json.dumps(settings, sort_keys=True)


@event_priority(timeline.WHOLE_SITE)  # once, after every language has been built and the index merged
def on_post_build(*, config: MkDocsConfig) -> None:
    if not all_languages_built(config):
        return
    merged_file = Path(config.site_dir) / "search" / "search_index.json"
    if not merged_file.exists():
        return
    merged = json.loads(merged_file.read_text(encoding="utf-8"))
    languages = site_languages(config)
    for language in languages:
        index = language_index(merged, language, languages)
        folder = Path(config.site_dir) / language_root(config, language) / "search"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "search_index.json").write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")),
                                                  encoding="utf-8")


# One language's entries, with locations relative to that language's home page.
def language_index(merged: dict, language: str, languages: list[str]) -> dict:
    default = languages[0]
    prefix = "" if language == default else f"{language}/"
    others = tuple(f"{other}/" for other in languages[1:] if other != language)
    docs = []
    for entry in merged["docs"]:
        location = entry["location"]
        if not location.startswith(prefix) or (language == default and location.startswith(others)):
            continue
        docs.append({**entry, "location": location[len(prefix):]})
    settings = {**merged["config"], "lang": [language if language in LUNR_LANGUAGES else "en"]}
    return {**merged, "config": settings, "docs": docs}
