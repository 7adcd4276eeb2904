"""`make check`: every check an editor's change must pass, each failure on ONE line.

    .venv/bin/python tests/check_site.py [--project DIR]

1. The strict build of every language (MkDocs' own warnings, hooks/editor_checks.py and the
   other hooks), with MkDocs' messages rewritten as "<file>:<line>: what is wrong. How to fix."
   Texts of a draft language still in English are listed after the problems; they do not fail.
2. In the built site, every internal link and anchor of every language resolves, and every
   image exists and has alt text.
3. Markdown that Python-Markdown would show differently from what the editor meant
   (hooks/shared/markdown_check.py; results kept in .cache/markdown-check, or
   MARKDOWN_CHECK_CACHE_DIR).
4. English spelling (codespell, with the project's word list tests/codespell-words.txt).
5. The GitHub workflow files against the workflow schema that check-jsonschema ships (offline).

3 to 5 run first: when they find problems, the build makes no PDFs (the check fails anyway).

Exit status 0 when everything passes, 1 otherwise. Never a traceback: anything unexpected is
reported as one line too.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


WORDLIST = "tests/codespell-words.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parent.parent)
    arguments = parser.parse_args()
    project = arguments.project.resolve()
    os.chdir(project)
    sys.path.insert(0, str(project / "hooks"))  # the hooks' shared code, for the messages
    problems: list[str] = []
    untranslated: list[str] = []
    try:
        # The checks of the sources first: when they find problems, the build makes no PDFs (the
        # check fails either way) and the editor hears sooner.
        source_problems = check_markdown(project) + check_spelling(project) + check_workflows(project)
        if source_problems:
            from shared.printable import CHECK_FOUND_PROBLEMS

            os.environ[CHECK_FOUND_PROBLEMS] = "1"
        with tempfile.TemporaryDirectory(prefix="check-site-") as temporary:
            site = Path(temporary) / "site"
            built, build_problems, base = build(project, site, untranslated)
            problems += build_problems
            if built:
                problems += check_built_site(site, base)
        problems += source_problems
    except Exception as error:  # noqa: BLE001 - an editor gets one line, never a traceback
        problems.append(f"make check stopped unexpectedly: {one_line(error)}. "
                        "Ask a developer; the last change you made is the likely cause.")
    for problem in unique(problems) + unique(untranslated):
        print(problem)
    sys.stdout.flush()
    if problems:
        print(f"make check: {len(unique(problems))} problem(s) to fix, listed above. "
              "CONTRIBUTING.md explains each kind.", file=sys.stderr)
        return 1
    if untranslated:
        print(f"make check: all checks passed. {len(unique(untranslated))} text(s) of draft languages are "
              "still in English (listed above): translate them before the language is marked reviewed.")
    else:
        print("make check: all checks passed.")
    return 0


# ---------------------------------------------------------------------------------------------
# 1. The strict build, in this process so that every error can be caught and put on one line.

class _Collector(logging.Handler):
    def __init__(self, level: int = logging.WARNING) -> None:
        super().__init__(level)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build(project: Path, site: Path, untranslated: list[str]) -> tuple[bool, list[str], str]:
    """Build every language strictly; return (built without problems, problem lines, the path
    the site is published under, e.g. "/" or "/guide/", from site_url). The texts of draft
    languages still in English are added to `untranslated`."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs import exceptions
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    collector = _Collector()
    logger.addHandler(collector)
    drafts = _Collector(logging.INFO)
    drafts_logger = logging.getLogger("mkdocs.hooks.editor_checks.untranslated")
    drafts_logger.addHandler(drafts)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    failure = ""
    base = "/"
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
        base = urlsplit(config.site_url or "/").path or "/"
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except exceptions.Abort as error:  # "Aborted with N warnings in strict mode": listed already
        if not collector.messages:
            failure = f"mkdocs.yml: the build stopped: {one_line(error)}"
    except exceptions.ConfigurationError as error:
        failure = f"mkdocs.yml: {one_line(error)} Check the line it names in mkdocs.yml."
    except exceptions.MkDocsException as error:  # PluginError and friends: already one line
        failure = one_line(error)
    except Exception as error:  # noqa: BLE001 - a hook or plugin failed in a way nobody foresaw
        failure = (f"the build failed: {type(error).__name__}: {one_line(error)}. "
                   "Undo your last change and try again, or ask a developer.")
    finally:
        logger.removeHandler(collector)
        drafts_logger.removeHandler(drafts)
    untranslated += drafts.messages
    from shared.editor_messages import rewrite

    problems = [line for message in collector.messages for line in rewrite(message, project)]
    if failure:
        problems.append(failure)
    return not problems, problems, base


# ---------------------------------------------------------------------------------------------
# 2. The built site: links, anchors and images of every language, as a reader's browser sees them.

class _Page(HTMLParser):
    """What the checks need of a built page: its ids, links and images (read with the standard
    library's tokenizer, ten times quicker than building the whole tree: make check reads every
    page of every language)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.images: list[tuple[str, str | None]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.ids.update(value for key in ("id", "name") if (value := values.get(key)))
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        elif tag == "img":
            self.images.append((values.get("src") or "", values.get("alt")))

    handle_startendtag = handle_starttag


def check_built_site(site: Path, base: str = "/") -> list[str]:
    pages: dict[Path, _Page] = {}
    for html in sorted(site.rglob("*.html")):
        pages[html] = _Page(html.read_text(encoding="utf-8"))
    problems = []
    for html, parser in pages.items():
        name = "/" + html.relative_to(site).as_posix()
        for href in parser.links:
            problem = check_link(site, base, html, href, pages)
            if problem:
                problems.append(f"built page {name}: the link '{href}' {problem}. Correct it in the "
                                "page's Markdown file (or in overrides/ if it is in every page).")
        for src, alt in parser.images:
            if alt is None or not alt.strip():
                problems.append(f"built page {name}: the image '{src}' has no alt text. Describe it "
                                "between the square brackets: ![What it shows](file.png).")
            parts = urlsplit(src)
            if not parts.scheme and not parts.netloc and src and not src.startswith("data:"):
                if not local_path(site, base, html, parts.path).exists():
                    problems.append(f"built page {name}: the image '{src}' does not exist. Check its "
                                    "file name and folder.")
    return problems


# The file a link's path points to: "/…" from the site's root (under site_url's path), else
# relative to the page.
def local_path(site: Path, base: str, html: Path, path: str) -> Path:
    path = unquote(path)
    if path.startswith("/"):
        if not path.startswith(base):
            return site.parent / "outside-the-site"  # a path of this host outside the site
        return (site / path[len(base):]).resolve()
    return (html.parent / path).resolve()


# What is wrong with one link of a built page, or "" when it resolves.
def check_link(site: Path, base: str, html: Path, href: str, pages: dict[Path, _Page]) -> str:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:", "javascript:")):
        return ""
    if parts.path:
        target = local_path(site, base, html, parts.path)
        if target.is_dir():
            target = target / "index.html"
        if not target.exists() or site.resolve() not in target.parents:
            return "goes to a page that does not exist"
    else:
        target = html.resolve()
    anchor = unquote(parts.fragment)
    if anchor and anchor not in {"", "top"} and target.suffix == ".html":
        page = next((p for h, p in pages.items() if h.resolve() == target), None)
        if page is not None and anchor not in page.ids:
            return f"goes to a heading '#{anchor}' that is not on that page"
    return ""


# ---------------------------------------------------------------------------------------------
# 3. Markdown that Python-Markdown shows differently from what the editor meant.

def check_markdown(project: Path) -> list[str]:
    from shared.config_file import site_settings
    from shared.markdown_check import markdown_problems_cached

    _, docs, excluded = site_settings(project / "mkdocs.yml")
    cache = Path(os.environ.get("MARKDOWN_CHECK_CACHE_DIR") or project / ".cache" / "markdown-check")
    problems = []
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs)
        if relative.parts[0].startswith("_") or excluded.match_file(relative.as_posix()):
            continue
        text = path.read_text(encoding="utf-8-sig")
        problems += markdown_problems_cached(path.relative_to(project).as_posix(), text, cache)
    return problems


# ---------------------------------------------------------------------------------------------
# 4. English spelling of the pages (translations are left to their translators).

def check_spelling(project: Path) -> list[str]:
    files = [path for path in sorted((project / "docs").rglob("*.md"))
             if not re.search(r"\.[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?\.md$", path.name)
             and "_data" not in path.parts]
    files += [project / name for name in ("README.md", "CONTRIBUTING.md") if (project / name).exists()]
    if not files:
        return []
    command = [sys.executable, "-m", "codespell_lib", "--disable-colors"]
    if (project / WORDLIST).exists():
        command += ["--ignore-words", str(project / WORDLIST)]
    result = subprocess.run(command + [str(path.relative_to(project)) for path in files],
                            cwd=project, capture_output=True, text=True)
    problems = []
    for line in result.stdout.splitlines():
        match = re.match(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<word>.+?) ==> (?P<fix>.+)$", line)
        if match:
            problems.append(f"{match['file']}:{match['line']}: '{match['word']}' looks misspelt; "
                            f"did you mean '{match['fix']}'? If the word is right, add it in lower "
                            f"case on its own line to {WORDLIST}.")
        elif line.strip():
            problems.append(f"{WORDLIST}: the spelling check said: {line.strip()}")
    if result.returncode not in (0, 65) and not problems:
        problems.append(f"{WORDLIST}: the spelling check could not run: {one_line(result.stderr)}")
    return problems


# ---------------------------------------------------------------------------------------------
# 5. The workflow files, against the GitHub workflow schema bundled with check-jsonschema.

def check_workflows(project: Path) -> list[str]:
    files = sorted((project / ".github" / "workflows").glob("*.y*ml"))
    if not files:
        return []
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
               "--output-format", "json"]
    result = subprocess.run(command + [str(path.relative_to(project)) for path in files],
                            cwd=project, capture_output=True, text=True)
    if result.returncode == 0:
        return []
    problems = []
    try:
        report = json.loads(result.stdout)
    except ValueError:
        report = {}
    for error in report.get("errors", []):
        best = error.get("best_deep_match") or error.get("best_match") or error
        message = one_line(best.get("message", "invalid"))
        message = message if len(message) <= 160 else message[:157] + "..."
        problems.append(f"{error.get('filename', '.github/workflows')}: at {best.get('path', '$')}: "
                        f"{message}. Compare with the other workflow files and GitHub's workflow "
                        "syntax reference.")
    for error in report.get("parse_errors", []):
        problems.append(f"{error.get('filename', '.github/workflows')}: this is not valid YAML "
                        f"({one_line(error.get('message', ''))}). Check the indentation.")
    if not problems:
        problems.append(f".github/workflows: the workflow check failed: {one_line(result.stdout + result.stderr)}")
    return problems


# ---------------------------------------------------------------------------------------------

def one_line(value: object) -> str:
    return " ".join(str(value).split())


def unique(lines: list[str]) -> list[str]:
    return list(dict.fromkeys(lines))


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
