"""Facts about the printable version that the print page and PDF hooks both need."""

from __future__ import annotations

import datetime
import functools
import os
import subprocess
from pathlib import Path
from typing import Any

import segno
from mkdocs.config.defaults import MkDocsConfig

from shared.languages import language_root

PRINT_SITE = "print-site"
# Set in the environment by `make check` (tests/check_site.py) when the checks it runs before the
# build found problems: the check fails, so the build makes no PDF.
CHECK_FOUND_PROBLEMS = "SITE_CHECK_FOUND_PROBLEMS"
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


# A QR code of an address, as an SVG data: address for an <img> (made once per address: finding
# the best of QR's eight masks takes about 20 ms).
@functools.lru_cache(maxsize=4096)
def qr_code(address: str) -> str:
    return segno.make(address, error="m").svg_data_uri(scale=3, dark="#0b0c0c", xmldecl=False)


# The date of this build: from SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC).
def build_date() -> datetime.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch else \
        datetime.datetime.now(datetime.timezone.utc)
    return now.date()


# When a page's file was first published and last updated: the dates of its first and last
# commits (git), as (published, updated). A file that is not committed yet, or a project outside
# git, has the date of this build for both.
def publication_dates(path: Path) -> tuple[datetime.date, datetime.date]:
    history = _file_history(path.resolve().parent)
    return history.get(path.resolve(), (build_date(), build_date()))


_histories: dict[Path, dict[Path, tuple[datetime.date, datetime.date]]] = {}


# Every file's first and last commit date under a folder, from one `git log` (kept for a build).
def _file_history(folder: Path) -> dict[Path, tuple[datetime.date, datetime.date]]:
    for known, history in _histories.items():
        if folder == known or known in folder.parents:
            return history
    top = _git(folder, "rev-parse", "--show-toplevel")
    history: dict[Path, tuple[datetime.date, datetime.date]] = {}
    log = _git(folder, "log", "--format=%x00%ct", "--name-only", "--no-renames", "--", ".") if top else ""
    date = None
    for line in log.splitlines():  # newest commit first
        if line.startswith("\0"):
            date = datetime.datetime.fromtimestamp(int(line[1:]), datetime.timezone.utc).date()
        elif line.strip() and date is not None:
            path = Path(top) / line.strip()
            history[path] = (date, history[path][1] if path in history else date)
    _histories[folder] = history
    return history


# Forget the git history read in an earlier build (`make serve` rebuilds after a commit too).
def forget_history() -> None:
    _histories.clear()


def _git(folder: Path, *arguments: str) -> str:
    try:
        result = subprocess.run(["git", "-C", str(folder), *arguments], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""
