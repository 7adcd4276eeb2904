"""Every place the site relies on the inside of MkDocs, Material, mkdocs-static-i18n or
mkdocs-print-site-plugin: attributes and functions that are not their documented interface.

They are here, and nowhere else in the hooks, so that an upgrade has one file to check;
tests/test_internals.py runs a canary for each against the installed packages, and the README's
upgrade checklist lists them with the front-end contact points. Where a package documents a way
in (static-i18n's template context `i18n_alternates`, Material's template blocks and partials),
the templates use that instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

# ----------------------------------------------------------------------------------- static-i18n


# The i18n plugin of the site, or None on a site without translations.
def i18n_plugin(config: MkDocsConfig) -> Any | None:
    return config.plugins.get("i18n")


# The language of the pass being built (the plugin's `current_language`; None before its first
# on_config, which runs after hooks of a higher priority).
def i18n_current_language(plugin: Any) -> str | None:
    return plugin.current_language


# The default language (the plugin's `default_language` property, from its documented config).
def i18n_default_language(plugin: Any) -> str:
    return plugin.default_language


# True while the plugin builds the other languages inside its own on_post_build (its `building`
# flag): an on_post_build below its priority sees False only on the last call.
def i18n_building(plugin: Any) -> bool:
    return bool(getattr(plugin, "building"))


# The language of a documentation file as static-i18n chose it (`File.locale`): the page's own
# language, or the default language for an English page a language falls back to.
def file_locale(file: File) -> str | None:
    return getattr(file, "locale", None)


# The same page in the other languages (`File.alternates`: {language: File}).
def file_alternates(file: File) -> dict[str, File]:
    return getattr(file, "alternates", None) or {}


# The language switcher's links of the page rendered last ([{name, link, lang}]): static-i18n
# sets them in its on_page_context as an attribute of config.extra, which Material reads before
# the mapping's own "alternate" key.
def switcher_links(config: MkDocsConfig) -> list[dict]:
    return getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []


# -------------------------------------------------------------------------------------- print-site


# The Page object of print-site's print page (its `print_page` attribute, made in its on_config).
def print_site_page(print_site: Any) -> Any:
    return print_site.print_page


# print-site's key for a page: the id of the page's section on the print page.
def print_site_page_key(url: str) -> str:
    from mkdocs_print_site_plugin.urls import get_page_key

    return get_page_key(url)


# The template context print-site saved from the last 404.html render, with which it renders its
# print page (its `context` attribute).
def print_site_context(print_site: Any) -> dict:
    return print_site.context


# ------------------------------------------------------------------------------------------ MkDocs


# Give every Jinja environment the theme makes a setting of the site's: MkDocs calls
# `config.theme.get_env()` for each language's build, and print-site for its print page. MkDocs
# has no event for environments made outside a build's on_env, so the method is wrapped.
def on_every_theme_env(config: MkDocsConfig, setup: Callable[[jinja2.Environment], None]) -> None:
    theme = config.theme
    setups = getattr(theme.get_env, "site_setups", None)
    if setups is None:
        make_env = theme.get_env
        setups = {}

        def get_env() -> jinja2.Environment:
            env = make_env()
            for each in setups.values():
                each(env)
            return env

        get_env.site_setups = setups
        theme.get_env = get_env
    setups[f"{setup.__module__}.{setup.__qualname__}"] = setup


# The address the site is published at, as mkdocs.yml gives it (`site_url`, its !ENV tag
# resolved): `mkdocs serve` replaces config.site_url with its own address before the build starts.
# Read with MkDocs' own YAML loader (mkdocs.utils.yaml, not documented).
def configured_site_url(config: MkDocsConfig) -> str:
    from mkdocs.utils.yaml import yaml_load

    if not config.config_file_path:
        return config.site_url or ""
    with open(config.config_file_path, encoding="utf-8") as file:
        return str((yaml_load(file) or {}).get("site_url") or "")


# Tell the browsers that `mkdocs serve` is previewing in to reload, as its server does after each
# build (it has no public way to do so between builds): the PDFs that follow a build in the
# background (hooks/pdf.py). Its build loop sets `_wanted_epoch` under `_rebuild_cond` when a
# build starts and `_visible_epoch` under `_epoch_cond` when it ends; the browsers poll for a
# newer `_visible_epoch`. Nothing happens while a build is under way or wanted: it reloads them.
def reload_browsers(server: Any) -> bool:
    from mkdocs.livereload import _timestamp

    with server._rebuild_cond:
        with server._epoch_cond:
            if server._want_rebuild or server._visible_epoch != server._wanted_epoch:
                return False
            server._wanted_epoch = server._visible_epoch = max(_timestamp(), server._visible_epoch + 1)
            server._epoch_cond.notify_all()
    return True


# ----------------------------------------------------------------------------------------- Material


# The file name of Material's script bundle (`assets/javascripts/bundle.<hash>.min.js`), which
# Material's base.html names literally; the site writes the tag itself (overrides/main.html).
def material_bundle(config: MkDocsConfig) -> str:
    found = []
    for folder in config.theme.dirs:
        found += sorted(Path(folder).glob("assets/javascripts/bundle.*.min.js"))
    if not found:
        raise LookupError("Material's assets/javascripts/bundle.*.min.js is missing from the theme")
    return found[0].relative_to(found[0].parents[2]).as_posix()
