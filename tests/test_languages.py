"""An editor adds a language in one command (`make language LANG=xx`), and one `make check` run
names every text still to translate; once translated, the site and its PDF build in the new
language and the tests go through its pages. Facts about each language (direction, plural
rules, dates, PDF fonts) come from docs/_data/languages.yml, not from code."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
import yaml

from built_pages import document, text_of
from conftest import ROOT, hook, page_url
from shared.config_file import site_settings
from shared.front_matter import page_text
from shared.text_check import MAY_STAY_ENGLISH, text_items
from sites import build_site, project_copy, run_dir

NEW = "bn"  # Bengali: written in its own script, with a Noto font in Debian's fonts-noto-core
PROJECT_FILES = ["docs", "hooks", "overrides", "mkdocs.yml", ".github", "README.md", "CONTRIBUTING.md",
                 "tests/codespell-words.txt"]


def add_language(project: Path, code: str) -> subprocess.CompletedProcess:
    """What `make language LANG=<code>` runs (the Makefile's recipe), on a copy of the project."""
    return subprocess.run([sys.executable, "-m", "shared.add_language", code, "--project", str(project)],
                          env={**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "LANG": "C.UTF-8"},
                          capture_output=True, text=True)


def make_check(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRINTABLE_CACHE_DIR": str(run_dir() / "pdf-cache"),
           "MARKDOWN_CHECK_CACHE_DIR": str(run_dir() / "markdown-check")}
    return subprocess.run([sys.executable, str(ROOT / "tests" / "check_site.py"), "--project", str(project)],
                          capture_output=True, text=True, env=env, timeout=300)


# Every text an editor must translate: the strings, the registry's texts and the site's name.
def texts_to_translate(project: Path) -> dict[str, int]:
    counts = {"strings": 0, "registry": 0}
    for path in sorted((project / "docs/_data/strings").glob("*.yml")):
        counts["strings"] += sum(1 for entry in yaml.safe_load(path.read_text(encoding="utf-8")).values()
                                 if not entry.get(MAY_STAY_ENGLISH))

    def walk(node) -> None:
        if isinstance(node, dict):
            if "en" in node and all(isinstance(value, (str, bool)) for value in node.values()):
                counts["registry"] += 0 if node.get(MAY_STAY_ENGLISH) else 1
                return
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    # Without its anchors and aliases: a text written once is translated once.
    registry = (project / "docs/_data/cookies.yml").read_text(encoding="utf-8")
    walk(yaml.safe_load(re.sub(r"\*\w+", "{}", re.sub(r" &\w+", "", registry))))
    return counts


@pytest.fixture(scope="module")
def with_new_language(tmp_path_factory) -> Path:
    project = project_copy(tmp_path_factory.mktemp("language") / "project", PROJECT_FILES)
    result = add_language(project, NEW)
    assert result.returncode == 0, result.stderr
    assert f"Left to do for {NEW}" in result.stdout
    return project


def test_the_makefile_adds_a_language_with_this_command() -> None:
    recipe = re.search(r"^language:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)[1]
    assert "-m shared.add_language" in recipe and "$(LANG)" in recipe


def test_the_command_refuses_what_is_not_a_language_in_one_line(tmp_path: Path) -> None:
    for code in ("", "C.UTF-8", "xq"):
        result = add_language(tmp_path, code)
        assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr


def test_one_make_check_names_every_text_left_and_a_draft_language_still_passes(with_new_language: Path) -> None:
    project = with_new_language
    assert NEW in site_settings(project / "mkdocs.yml")[0]
    facts = yaml.safe_load((project / "docs/_data/languages.yml").read_text(encoding="utf-8"))[NEW]
    assert facts["reviewed"] is False and facts["pdf_fonts"][0] == "Noto Sans Bengali"
    assert add_language(project, NEW).returncode == 0, "running it again adds nothing twice"
    result = make_check(project)
    assert result.returncode == 0 and "all checks passed" in result.stdout, result.stdout + result.stderr
    left = [line for line in result.stdout.splitlines() if f" in {NEW} is still the English" in line]
    counts = texts_to_translate(project)
    assert len([line for line in left if "/strings/" in line]) == counts["strings"], left
    assert len([line for line in left if "cookies.yml" in line]) == counts["registry"], left
    assert len([line for line in left if line.startswith("mkdocs.yml:")]) == 1, "and the site's name"
    assert all(re.match(r"^(docs/_data/\S+|mkdocs\.yml):\d+: ", line) for line in left), left


# A copy of the project with the new language, to change.
def copy_of(project: Path, destination: Path) -> Path:
    shutil.copytree(project, destination, ignore=shutil.ignore_patterns(".cache", "__pycache__"))
    return destination


def test_once_marked_reviewed_every_english_text_fails_make_check(with_new_language: Path, tmp_path: Path) -> None:
    project = copy_of(with_new_language, tmp_path / "project")
    facts = project / "docs/_data/languages.yml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(re.sub(rf"(\n{NEW}:\n  direction: \w+\n  reviewed:) false", r"\1 true", text), encoding="utf-8")
    result = make_check(project)
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if f" in {NEW} is the English text" in line
                or f"site's name in {NEW}" in line]
    assert len(problems) == sum(texts_to_translate(project).values()) + 1, result.stdout


def test_translated_the_site_and_its_pdf_build_in_the_new_language(with_new_language: Path, tmp_path: Path) -> None:
    project = copy_of(with_new_language, tmp_path / "project")
    # A translator's work, here a Bengali word before each text: no longer the English text.
    for path in [*(project / "docs/_data/strings").glob("*.yml"), project / "docs/_data/cookies.yml"]:
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(rf'^(\s*{NEW}: )("?)', r"\1\2অনুবাদ ", text, flags=re.M), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(rf'(- locale: {NEW}\n(?:\s+\w+: .*\n)*?\s+site_name: )"', r'\1"অনুবাদ ', config.read_text(encoding="utf-8")),
                      encoding="utf-8")
    assert text_items(project, site_settings(config)[0], set()) == [], "everything is translated"
    site = tmp_path / "site"
    result = build_site(site, config=config)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    # The tests take the languages from mkdocs.yml: every page of the new language is among them.
    languages, docs, _ = site_settings(config)
    pages = [page_url(path.name, NEW) for path in sorted(docs.glob("*.md")) if path.name.count(".") == 1]
    assert pages and all(url.startswith(f"/{NEW}/") for url in pages)
    for url in pages:
        page = document(site / url.lstrip("/") / "index.html")
        assert page.root.get("lang") == NEW, url
        assert text_of(page.first("title")) and len(page.all("article h1")) == 1, url
    # Its PDF: in Bengali, with the Bengali font, readable.
    pdf_path = site / NEW / f"working-towards-co-production-{NEW}.pdf"
    with pikepdf.open(pdf_path) as pdf:
        assert str(pdf.Root.Lang) == NEW
        fonts = {str(font.BaseFont) for page in pdf.pages for font in page.Resources.Font.values()}
        assert any("Noto-Sans-Bengali" in font for font in fonts), fonts
    download = document(site / NEW / "index.html").first("p.site-download a")
    assert "অনুবাদ" in text_of(download), "the download link is in the new language"


def test_a_page_starting_with_a_byte_order_mark_is_read_like_any_other(tmp_path: Path) -> None:
    editor_checks = hook("editor_checks")
    text = "\ufeff---\ntitle: Events\ndescription: Events for families and partners.\n---\n\n# Events\n"
    assert editor_checks.check_page("docs/events.md", page_text(text), ["en", "pl"]) == []


def test_languages_are_known_by_their_facts_not_their_codes() -> None:
    """No hook, template or test script asks "is it Urdu?": direction, plural forms, dates and
    fonts come from docs/_data/languages.yml."""
    code = re.compile(r"""(==|!=|\bin)\s*\(?["'](ur|pl|ro)["']|["'](ur|pl|ro)["']\s*(==|!=)|lang\(ur\)""")
    places = [*ROOT.joinpath("hooks").rglob("*.py"), *ROOT.joinpath("overrides").rglob("*.html"),
              *ROOT.joinpath("docs/assets/javascripts").glob("*.js")]
    found = [f"{path.relative_to(ROOT)}:{number}" for path in places
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if code.search(line)]
    assert found == []


def test_facts_are_checked_with_one_line_naming_the_file() -> None:
    from mkdocs.exceptions import PluginError

    from shared.language_facts import read_facts

    good = (ROOT / "docs/_data/languages.yml").read_text(encoding="utf-8")
    with pytest.raises(PluginError, match=r"^docs/_data/languages\.yml: the language 'bn' of mkdocs\.yml has no entry"):
        read_facts(good, ["en", "bn"])
    with pytest.raises(PluginError, match=r"^docs/_data/languages\.yml:\d+: language 'ur': 'direction'"):
        read_facts(good.replace("direction: rtl", "direction: right"), ["en", "ur"])
    with pytest.raises(PluginError, match=r"PDF font 'Noto Sans Klingon' is not installed"):
        read_facts(good.replace("[Noto Naskh Arabic, Noto Sans]", "[Noto Sans Klingon]"), ["en", "ur"])
    facts = read_facts(good, ["en", "pl", "ro", "ur"])
    assert [facts["pl"].plural_category(n) for n in (1, 2, 5, 12, 22)] == ["one", "few", "many", "many", "few"]
    assert [facts["ro"].plural_category(n) for n in (1, 2, 20)] == ["one", "few", "other"]
    assert facts["pl"].format_decimal("1.5") == "1,5" and facts["ur"].direction == "rtl"


def test_a_text_may_stay_english_only_where_it_says_so(tmp_path: Path) -> None:
    strings = tmp_path / "docs/_data/strings"
    strings.mkdir(parents=True)
    (strings / "a.yml").write_text("name:\n  may_stay_english: true\n  en: YouTube\n  pl: YouTube\n"
                                   "hello:\n  en: Hello\n  pl: Hello\n"
                                   "bye:\n  en: Bye\n", encoding="utf-8")
    lines = [item.line for item in text_items(tmp_path, ["en", "pl"], {"pl"})]
    assert lines == ["docs/_data/strings/a.yml:7: 'hello' in pl is the English text. Translate it (pl is marked "
                     "reviewed in docs/_data/languages.yml), or add 'may_stay_english: true' beside it if it is a name.",
                     "docs/_data/strings/a.yml:8: 'bye' has no text for pl. Add a line 'pl: …' under it "
                     "(`make language LANG=pl` adds them all)."]
    assert [item.problem for item in text_items(tmp_path, ["en", "pl"], set())] == [False, True]


def test_language_facts_reach_the_templates_and_scripts(built_site: Path) -> None:
    consent = re.search(r'<script type="application/json" id="site-consent-config">(.*?)</script>',
                        (built_site / "ur/index.html").read_text(encoding="utf-8")).group(1)
    assert '"rtl": true' in consent
    not_found = document(built_site / "404.html")
    assert {link.get("lang"): link.get("dir") for link in not_found.all("ul.site-language-homes a")}["ur"] == "rtl"
