"""Facts about the printable version that the print page and PDF hooks both need."""

from __future__ import annotations

import datetime
import os
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from shared.languages import language_root

PRINT_SITE = "print-site"
# print-site's script, which only its print page needs (overrides/main.html leaves it out elsewhere).
PRINT_SCRIPT = "js/print-site.js"


# print-site, when it is in the plugin list and switched on.
def enabled_print_site(config: MkDocsConfig) -> Any | None:
    print_site = config.plugins.get(PRINT_SITE)
    return print_site if print_site is not None and print_site.config.get("enabled") else None


# The print page's path without extension: `print_page`, `pl/print_page`, …
def print_page_basename(config: MkDocsConfig, language: str) -> str:
    return f"{language_root(config, language)}print_page"


# The address of the site's home page online in a language.
def online_url(config: MkDocsConfig, language: str) -> str:
    return (config.site_url or "/").rstrip("/") + "/" + language_root(config, language)


# The date of this build: from SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC).
def build_date() -> datetime.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch else \
        datetime.datetime.now(datetime.timezone.utc)
    return now.date()
