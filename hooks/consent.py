"""Cookie consent: the cookie registry (docs/_data/cookies.yml) is the one source of truth.

From it this hook makes, for the language being built:
- the consent manager's settings (JSON in every page, read by assets/javascripts/consent.js),
  with the settings dialog's text and per-category cookie tables;
- the cookie tables and the settings button on the cookies page (markers in cookies*.md,
  rendered from overrides/partials/site/cookie-tables.html and cookie-settings.html);
- the operator's analytics switch (``extra.site_analytics`` in mkdocs.yml), emitted blocked.
A registry mistake fails the build with one line naming the file and the entry.

The consent revision is derived from what a reader agrees to: the categories in use, their
services, every cookie and storage entry that applies to this build (name, type, category,
service, provider) and the analytics provider, plus the registry's own `revision` number. Any
change to those facts (switching analytics on, moving a cookie to another category) gives a new
revision, and every reader is asked again.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from shared.kept import KeptUntilChanged
from shared.language_facts import facts_of
from shared.languages import build_language, site_languages
from shared.strings import read_yaml, texts_in, yaml_error, yaml_node
from shared.templates import render_block

REGISTRY = "docs/_data/cookies.yml"
CATEGORIES = ["necessary", "functional", "performance", "analytics", "advertisement", "others"]
TYPES = ["cookie", "localStorage", "sessionStorage", "IndexedDB"]
COOKIE_FIELDS = ["name", "type", "category", "provider", "purpose", "duration"]
OPTIONAL_FEATURES = ["ga4", "plausible"]
TABLE_MARKER = "<!-- cookies:table -->"
SETTINGS_MARKER = "<!-- cookies:settings -->"
PLAUSIBLE_SRC = "https://plausible.io/js/script.js"
GA4_SRC = "https://www.googletagmanager.com/gtag/js"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Check the registry and the analytics switch early, so a mistake stops the build at once.
    load_registry(config)
    analytics_settings(config)
    return config


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    registry = load_registry(config)
    language = build_language(config)
    text = texts_in(config, language)
    settings = consent_settings(registry, config, language, text)
    # "</" cannot end the inline script early: JSON escapes it.
    env.globals["consent_config_json"] = Markup(json.dumps(settings, ensure_ascii=False).replace("</", "<\\/"))
    # The banner shows from the first paint when this cookie is missing (overrides/main.html).
    env.globals["consent_cookie_pattern"] = re.escape(settings["cookie"]["name"] + "=")
    env.globals["site_analytics"] = analytics_settings(config)
    return env


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if TABLE_MARKER in markdown:
        categories = cookies_page_categories(load_registry(config), config, build_language(config))
        markdown = markdown.replace(TABLE_MARKER, render_block(config, "partials/site/cookie-tables.html",
                                                              categories=categories))
    if SETTINGS_MARKER in markdown:
        markdown = markdown.replace(SETTINGS_MARKER, render_block(config, "partials/site/cookie-settings.html"))
    return markdown


# Read the registry and check every entry; errors name the file, the entry and its line.
# Read once per build (kept until the file changes).
def load_registry(config: MkDocsConfig) -> dict[str, Any]:
    path = Path(config.config_file_path).parent / REGISTRY
    languages = site_languages(config)
    if not path.is_file():
        raise PluginError(f"{REGISTRY}: the cookie registry is missing. Restore it from git.")
    return _registry_read.get([path], languages, lambda: read_registry(path, languages))


_registry_read: KeptUntilChanged[dict[str, Any]] = KeptUntilChanged()


def read_registry(path: Path, languages: list[str]) -> dict[str, Any]:
    try:
        source = path.read_text(encoding="utf-8")
        data = read_yaml(source)
        node = yaml_node(source)
    except yaml.YAMLError as error:
        raise yaml_error(REGISTRY, error, text=source) from None
    if not isinstance(data, dict):
        raise PluginError(f"{REGISTRY}: expected 'revision:', 'categories:' and 'cookies:'.")
    for key in ("revision", "consent_cookie", "consent_days", "categories", "cookies"):
        if key not in data:
            raise PluginError(f"{REGISTRY}: '{key}:' is missing. Add it (see the comments at the top of the file).")
    if not isinstance(data["revision"], int) or isinstance(data["revision"], bool) or data["revision"] < 0:
        raise PluginError(f"{REGISTRY}: 'revision' must be a whole number such as 1.")
    categories = data["categories"] or {}
    if list(categories) != CATEGORIES:
        raise PluginError(f"{REGISTRY}: 'categories:' must list exactly {', '.join(CATEGORIES)} in that order.")
    for name, category in categories.items():
        where = f"{REGISTRY}:{line_of(node, 'categories', name)}: category '{name}'"
        for field in ("title", "description"):
            check_texts(category.get(field) if isinstance(category, dict) else None, languages, f"{where} field '{field}'")
        for service, label in (category.get("services") or {}).items():
            check_texts(label, languages, f"{where} service '{service}'")
    lines = cookie_lines(node)
    seen: dict[str, int] = {}
    for index, cookie in enumerate(data["cookies"] or []):
        line = lines[index] if index < len(lines) else 0
        label = cookie.get("name", f"number {index + 1}") if isinstance(cookie, dict) else f"number {index + 1}"
        where = f"{REGISTRY}:{line}: cookie '{label}'"
        if not isinstance(cookie, dict):
            raise PluginError(f"{where}: expected fields {', '.join(COOKIE_FIELDS)}.")
        missing = [field for field in COOKIE_FIELDS if not cookie.get(field)]
        if missing:
            allowed = {"type": TYPES, "category": CATEGORIES}.get(missing[0])
            choices = f" ({', '.join(allowed)})" if allowed else ""
            raise PluginError(f"{where} has no '{missing[0]}'. Add a line '{missing[0]}: …' to it{choices}.")
        if cookie["category"] not in CATEGORIES:
            raise PluginError(f"{where} has the unknown category '{cookie['category']}'. Use one of: {', '.join(CATEGORIES)}.")
        if cookie["type"] not in TYPES:
            raise PluginError(f"{where} has the unknown type '{cookie['type']}'. Use one of: {', '.join(TYPES)}.")
        service = cookie.get("service")
        if service and service not in (categories[cookie["category"]].get("services") or {}):
            raise PluginError(f"{where} names the service '{service}', which category '{cookie['category']}' does not list under 'services:'.")
        if cookie.get("only_with") and cookie["only_with"] not in OPTIONAL_FEATURES:
            raise PluginError(f"{where} has 'only_with: {cookie['only_with']}'. Use one of: {', '.join(OPTIONAL_FEATURES)}.")
        try:
            pattern(cookie["name"])
        except re.error:
            raise PluginError(f"{where}: the pattern between slashes is not a valid regular expression.") from None
        key = f"{cookie['type']}:{cookie['name']}"
        if key in seen:
            raise PluginError(f"{where} is listed twice (also at line {seen[key]}). Remove one of them.")
        seen[key] = line
        for field in ("provider", "purpose", "duration"):
            check_texts(cookie[field], languages, f"{where} field '{field}'")
    return data


# Every text of the registry has a text in the default language; a language without one yet
# shows it (shared/text_check.py lists them for the editors, and a strict build fails on them).
def check_texts(texts: Any, languages: list[str], where: str) -> None:
    if not (isinstance(texts, dict) and isinstance(texts.get(languages[0]), str) and texts[languages[0]]):
        raise PluginError(f"{where} has no text for {languages[0]}. Add a line '{languages[0]}: …' under it, "
                          "and one for each language.")
    for language in languages[1:]:
        if not texts.get(language):
            texts[language] = texts[languages[0]]


# The line (1-based) of a key under a top-level mapping, for error messages.
def line_of(node: yaml.Node, section: str, key: str) -> int:
    for top_key, value in getattr(node, "value", []):
        if top_key.value == section and isinstance(value, yaml.MappingNode):
            for item_key, _ in value.value:
                if item_key.value == key:
                    return item_key.start_mark.line + 1
    return 0


# The line (1-based) of each entry under "cookies:".
def cookie_lines(node: yaml.Node) -> list[int]:
    for top_key, value in getattr(node, "value", []):
        if top_key.value == "cookies" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


# A registry name: "/regex/" is a pattern, anything else an exact name.
def pattern(name: str) -> re.Pattern:
    if len(name) > 2 and name.startswith("/") and name.endswith("/"):
        return re.compile(name[1:-1])
    return re.compile("^" + re.escape(name) + "$")


# The analytics switch in mkdocs.yml (extra.site_analytics): off unless a provider and id are set.
def analytics_settings(config: MkDocsConfig) -> dict[str, str]:
    settings = config.extra.get("site_analytics") or {}
    provider = str(settings.get("provider") or "").strip().lower()
    ident = str(settings.get("id") or "").strip()
    src = str(settings.get("src") or "").strip()
    if not provider:
        return {}
    if provider not in OPTIONAL_FEATURES:
        raise PluginError(f"mkdocs.yml: extra.site_analytics.provider is '{provider}'. Use ga4, plausible, or leave it empty to switch analytics off.")
    if provider == "ga4" and not re.fullmatch(r"G-[A-Z0-9]{4,}", ident):
        raise PluginError("mkdocs.yml: extra.site_analytics.id must be a GA4 measurement ID such as G-ABC123XYZ.")
    if provider == "plausible" and not re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}", ident):
        raise PluginError("mkdocs.yml: extra.site_analytics.id must be the site's domain as registered with Plausible, such as example.org.")
    default = GA4_SRC + "?id=" + ident if provider == "ga4" else PLAUSIBLE_SRC
    return {"provider": provider, "id": ident, "src": src or default}


# The cookies that apply to this build: entries for a switched-off feature are left out.
def active_cookies(registry: dict[str, Any], config: MkDocsConfig) -> list[dict[str, Any]]:
    provider = analytics_settings(config).get("provider")
    return [c for c in registry["cookies"] if not c.get("only_with") or c["only_with"] == provider]


# The consent revision: a number (what the consent library stores) from the facts a reader
# agrees to. The same facts always give the same number, so a rebuild asks nobody again.
def consent_revision(registry: dict[str, Any], config: MkDocsConfig) -> int:
    cookies = active_cookies(registry, config)
    in_use = {c["category"] for c in cookies} | {name for name, category in registry["categories"].items()
                                                  if category.get("services")}
    facts = {
        "revision": registry["revision"],
        "analytics": analytics_settings(config).get("provider", ""),
        "categories": {name: sorted(registry["categories"][name].get("services") or {}) for name in sorted(in_use)},
        "cookies": sorted([c["name"], c["type"], c["category"], c.get("service") or "",
                           c["provider"][site_languages(config)[0]]] for c in cookies),
    }
    digest = hashlib.sha256(json.dumps(facts, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()
    return int(digest[:8], 16)


# The site's base path from site_url ("/" or "/project/"): the consent cookie's Path, so that
# it is not shared with other sites of the same host.
def base_path(config: MkDocsConfig) -> str:
    return urlsplit(config.site_url or "/").path.rstrip("/") + "/"


# The consent manager's settings for one language (see consent.js for how they are used).
def consent_settings(registry: dict[str, Any], config: MkDocsConfig, language: str, text) -> dict[str, Any]:
    cookies = active_cookies(registry, config)
    categories: dict[str, Any] = {}
    storage: dict[str, list[str]] = {}
    cookies_page = "/" + ("" if language == site_languages(config)[0] else f"{language}/") + "cookies/"
    intro = esc(text("consent_settings_intro")) + f' <a href="{esc(site_path(config, cookies_page))}">{esc(text("consent_view_cookies"))}</a>'
    sections: list[dict[str, Any]] = [{"title": esc(text("consent_settings_intro_title")), "description": intro}]
    for name, category in registry["categories"].items():
        own = [c for c in cookies if c["category"] == name]
        entry: dict[str, Any] = {"enabled": name == "necessary", "readOnly": name == "necessary"}
        if name != "necessary":
            entry["autoClear"] = {"cookies": [{"name": c["name"]} for c in own if c["type"] == "cookie"]}
        services = category.get("services") or {}
        if services:
            entry["services"] = {key: {"label": esc(label[language])} for key, label in services.items()}
        categories[name] = entry
        # (IndexedDB databases are the player's, in YouTube's own origin: a browser lets only
        # that origin, or the reader, remove them. The cookies page says so.)
        storage[name] = [c["name"] for c in own if c["type"] in ("localStorage", "sessionStorage")]
        description = esc(category["description"][language])
        if not own:
            description += " " + esc(text("consent_category_empty"))
        section: dict[str, Any] = {"title": esc(category["title"][language]), "description": description,
                                   "linkedCategory": name}
        if own:
            section["cookieTable"] = {
                "caption": esc(text("consent_table_caption").replace("{category}", category["title"][language])),
                # The library makes each header's id from its label and points the cells' "headers"
                # at it: a space would split the id in two, so labels keep no-break spaces.
                "headers": {key: esc(text(f"consent_column_{key}")).replace(" ", "\u00a0") for key in ("name", "provider", "purpose", "duration")},
                "body": [{"name": esc(display_name(c)), "provider": esc(c["provider"][language]),
                          "purpose": esc(c["purpose"][language]), "duration": esc(c["duration"][language])} for c in own],
            }
        sections.append(section)
    modal = {
        "title": esc(text("consent_settings_title")),
        "acceptAllBtn": esc(text("consent_accept_all")),
        "acceptNecessaryBtn": esc(text("consent_reject_all")),
        "savePreferencesBtn": esc(text("consent_save")),
        "closeIconLabel": esc(text("consent_close")),
        "serviceCounterLabel": esc(text("consent_service_counter")),
        "sections": sections,
    }
    return {
        "revision": consent_revision(registry, config),
        "cookie": {"name": registry["consent_cookie"], "expiresAfterDays": registry["consent_days"],
                   "path": base_path(config)},
        "cookiesPage": site_path(config, cookies_page),
        "categories": categories,
        "storage": storage,
        "language": language,
        "rtl": facts_of(config, language).direction == "rtl",
        "modal": modal,
        "messages": {key: text(f"consent_confirm_{key}") for key in ("accepted", "rejected", "saved", "migrated",
                                                                     "migrated_not_kept")},
        "legacy": {"carryAcceptances": bool((config.extra.get("site_consent") or {}).get("carry_legacy_acceptances", False))},
    }


# A site path ("/pl/cookies/") under the site's own base path (from site_url), for links in JS.
def site_path(config: MkDocsConfig, path: str) -> str:
    base = urlsplit(config.site_url or "/").path.rstrip("/")
    return base + path


# How a cookie's name is shown to readers: a pattern like /^_ga_[A-Z0-9]+$/ becomes "_ga_…", and
# one with alternatives names each of them in full: /^__Secure-(1PSIDTS|3PSIDCC)$/ becomes
# "__Secure-1PSIDTS, __Secure-3PSIDCC"; a pattern without "$" ends in "…" (any name that starts so).
def display_name(cookie: dict[str, Any]) -> str:
    name = cookie["name"]
    if not (len(name) > 2 and name.startswith("/") and name.endswith("/")):
        return name
    body = name[1:-1]
    open_ended = not body.endswith("$")
    body = body.lstrip("^").rstrip("$")
    group = re.fullmatch(r"(?P<before>[^()|]*)\((?P<choices>[^()]*)\)(?P<after>[^()|]*)", body)
    names = ([group["before"] + choice + group["after"] for choice in group["choices"].split("|")]
             if group else [body])
    return ", ".join(readable(part) + ("…" if open_ended and not readable(part).endswith("…") else "")
                     for part in names)


# A pattern's text as a reader would write it: character classes and wildcards become "…".
def readable(pattern: str) -> str:
    text = re.sub(r"\[[^\]]*\][+*]?|\.\*|\.\+", "…", pattern)
    return re.sub(r"\\(.)", r"\1", text)


def esc(value: str) -> str:
    return html.escape(value, quote=True)


# The cookies page's categories, each with its cookies, in the page's language.
def cookies_page_categories(registry: dict[str, Any], config: MkDocsConfig, language: str) -> list[dict[str, Any]]:
    cookies = active_cookies(registry, config)
    return [{"name": name, "title": category["title"][language], "description": category["description"][language],
             "cookies": [{"name": display_name(c), "provider": c["provider"][language], "purpose": c["purpose"][language],
                          "duration": c["duration"][language]} for c in cookies if c["category"] == name]}
            for name, category in registry["categories"].items()]
