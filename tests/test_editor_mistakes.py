"""An editor who makes a mistake is told, in one line, which file is wrong and how to fix it.

Each folder in tests/editor_mistakes/ holds one realistic mistake (mistake.yml: what it is, the
start of the line that must report it – the file, and the line where it is known –, the change:
`replace`, `append`, `create` or `copy`, and `alone:` with the reason when it must be made alone,
see below). The change is made to a fresh copy of the project and `make check`
(tests/check_site.py) is run on it: it must fail, name the file, print one line per problem and
never a Python traceback. The same copy without the mistake must pass,
so each failure is the mistake's doing. The runs share the test run's PDF cache.

Mistakes in different pages are made together, a few at a time, in one copy and one run of
`make check` – as an editor's pull request often holds more than one: each must still get its
own line (one run lists every problem). A mistake in a file every page reads (mkdocs.yml, the
data in docs/_data/) is made alone, so that what it does to other pages is never taken for
another mistake's line. The mistakes of one run are tested in one pytest-xdist worker
(`xdist_group`), which runs `make check` once for them.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from sites import project_copy, run_dir, with_project_history

MISTAKES = ROOT / "tests" / "editor_mistakes"
CASES = sorted(path.name for path in MISTAKES.iterdir() if (path / "mistake.yml").exists())
MISTAKES_PER_RUN = 6
EVERY_PAGE_READS = ("mkdocs.yml", "docs/_data/")  # a mistake in these is made alone
# What the copy needs: everything the build and the checks read.
PROJECT_FILES = ["docs", "hooks", "overrides", "mkdocs.yml", ".github", "README.md",
                 "CONTRIBUTING.md", "tests/codespell-words.txt"]
# A problem line: "<file>[:<line>]: …" (or "built page /<path>: …" for what only the built site shows).
PROBLEM_LINE = re.compile(r"^(built page )?[\w./ -]+(:\d+)?: \S")


# Make the mistake described by one mistake.yml in the copy of the project: one change, or a
# list of them under `changes`.
def make_mistake(project: Path, mistake: dict) -> None:
    for change in mistake.get("changes") or [mistake]:
        make_change(project, change)


def make_change(project: Path, mistake: dict) -> None:
    if "replace" in mistake:
        change = mistake["replace"]
        path = project / change["file"]
        if not path.exists() and "create_if_missing" in change:
            path.write_text(change["create_if_missing"], encoding="utf-8")
        text = path.read_text(encoding="utf-8")
        assert change["old"] in text, f"{change['file']} no longer contains {change['old']!r}: update the case"
        path.write_text(text.replace(change["old"], change["new"], 1), encoding="utf-8")
    elif "append" in mistake:
        path = project / mistake["append"]["file"]
        path.write_text(path.read_text(encoding="utf-8") + mistake["append"]["text"], encoding="utf-8")
    elif "create" in mistake:
        path = project / mistake["create"]["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(mistake["create"]["text"], encoding="utf-8")
    elif "create_bytes" in mistake:  # a file of that many bytes (a picture too large)
        path = project / mistake["create_bytes"]["file"]
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(mistake["create_bytes"]["size"] - 8))
    elif "copy" in mistake:
        shutil.copy2(project / mistake["copy"]["from"], project / mistake["copy"]["to"])
    else:
        raise AssertionError(f"unknown change in {mistake}")


@functools.cache
def mistake_of(case: str) -> dict:
    """The case's mistake.yml, read once (nothing changes it)."""
    return yaml.safe_load((MISTAKES / case / "mistake.yml").read_text(encoding="utf-8"))


# The files a mistake changes, or copies from.
def files_of(mistake: dict) -> set[str]:
    files = set()
    for change in mistake.get("changes") or [mistake]:
        for kind, details in change.items():
            if kind in ("replace", "append", "create", "create_bytes"):
                files.add(details["file"])
            elif kind == "copy":
                files |= {details["from"], details["to"]}
    return files


def runs() -> list[tuple[str, ...]]:
    """The mistakes made together in each run of `make check`: in files no other mistake of the
    run touches, at most MISTAKES_PER_RUN; alone when a file every page reads is changed, or when
    mistake.yml says `alone:` and why (a mistake that stops the build before other pages are checked)."""
    together: list[tuple[list[str], set[str]]] = []
    alone: list[tuple[str, ...]] = []
    for case in CASES:
        mistake = mistake_of(case)
        files = files_of(mistake)
        if mistake.get("alone") or any(file.startswith(EVERY_PAGE_READS) for file in files):
            alone.append((case,))
            continue
        for cases, touched in together:
            if len(cases) < MISTAKES_PER_RUN and not files & touched:
                cases.append(case)
                touched |= files
                break
        else:
            together.append(([case], set(files)))
    return [tuple(cases) for cases, _ in together] + alone


RUN_OF = {case: run for run in runs() for case in run}


def run_check(cases: tuple[str, ...], folder: Path) -> subprocess.CompletedProcess:
    """`make check` on a copy of the project, with the mistakes of `cases` made (none: unchanged)."""
    project = project_copy(folder / "project", PROJECT_FILES)
    for case in cases:
        make_mistake(project, mistake_of(case))
    env = {**os.environ, **with_project_history(project), "PRINTABLE_CACHE_DIR": str(run_dir() / "pdf-cache"),
           "MARKDOWN_CHECK_CACHE_DIR": str(run_dir() / "markdown-check")}
    return subprocess.run([sys.executable, str(ROOT / "tests" / "check_site.py"), "--project", str(project)],
                          capture_output=True, text=True, timeout=300, env=env)


def test_the_corpus_has_at_least_twelve_mistakes() -> None:
    assert len(CASES) >= 12, CASES


@functools.cache
def checked(cases: tuple[str, ...]) -> subprocess.CompletedProcess:
    """`make check` with these mistakes made, run once per test process."""
    return run_check(cases, Path(tempfile.mkdtemp(prefix="mistakes-", dir=run_dir())))


def test_mistakes_in_different_pages_are_checked_together_and_the_others_alone() -> None:
    assert sorted(RUN_OF) == CASES and sum(len(run) for run in runs()) == len(CASES)
    for run in runs():
        files = [files_of(mistake_of(case)) for case in run]
        assert len(run) <= MISTAKES_PER_RUN
        assert sum(len(f) for f in files) == len(set().union(*files)), f"{run} change the same file"
        assert len(run) == 1 or not any(file.startswith(EVERY_PAGE_READS) for f in files for file in f), run
        assert len(run) == 1 or not any(mistake_of(case).get("alone") for case in run), run


def test_the_project_without_mistakes_passes_make_check(tmp_path: Path) -> None:
    result = run_check((), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all checks passed" in result.stdout


@pytest.mark.parametrize("case", [pytest.param(case, marks=pytest.mark.xdist_group(f"make check of {RUN_OF[case][0]}"))
                                  for case in CASES])
def test_a_mistake_fails_with_one_line_naming_the_file(case: str) -> None:
    mistake = mistake_of(case)
    result = checked(RUN_OF[case])
    output = f"(made together with {', '.join(RUN_OF[case])})\n" + result.stdout + result.stderr
    assert result.returncode == 1, f"{case} passed silently:\n{output}"
    assert "Traceback" not in output, output
    lines = result.stdout.splitlines()
    assert lines, f"{case}: no problem was printed:\n{output}"
    for line in lines:
        assert PROBLEM_LINE.match(line), f"{case}: not a one-line problem naming a file: {line!r}"
    assert any(line.startswith(mistake["expect"]) for line in lines), (
        f"{case}: no line starts with {mistake['expect']}:\n{output}")
