"""An editor who makes a mistake is told, in one line, which file is wrong and how to fix it.

Each folder in tests/editor_mistakes/ holds one realistic mistake (mistake.yml: what it is, the
start of the line that must report it – the file, and the line where it is known – and the
change: `replace`, `append`, `create` or `copy`). The change is made to a fresh copy of the
project and `make check` (tests/check_site.py) is run on it: it must fail, name the file, print
one line per problem and never a Python traceback. The same copy without the mistake must pass,
so each failure is the mistake's doing. The runs share the test run's PDF cache.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from sites import project_copy, run_dir, with_project_history

MISTAKES = ROOT / "tests" / "editor_mistakes"
CASES = sorted(path.name for path in MISTAKES.iterdir() if (path / "mistake.yml").exists())
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


def run_check(case: str | None, folder: Path) -> subprocess.CompletedProcess:
    """`make check` on a copy of the project, with the mistake of `case` made (None: unchanged)."""
    project = project_copy(folder / "project", PROJECT_FILES)
    if case is not None:
        make_mistake(project, yaml.safe_load((MISTAKES / case / "mistake.yml").read_text(encoding="utf-8")))
    env = {**os.environ, **with_project_history(project), "PRINTABLE_CACHE_DIR": str(run_dir() / "pdf-cache"),
           "MARKDOWN_CHECK_CACHE_DIR": str(run_dir() / "markdown-check")}
    return subprocess.run([sys.executable, str(ROOT / "tests" / "check_site.py"), "--project", str(project)],
                          capture_output=True, text=True, timeout=300, env=env)


def test_the_corpus_has_at_least_twelve_mistakes() -> None:
    assert len(CASES) >= 12, CASES


def test_the_project_without_mistakes_passes_make_check(tmp_path: Path) -> None:
    result = run_check(None, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all checks passed" in result.stdout


@pytest.mark.parametrize("case", CASES)
def test_a_mistake_fails_with_one_line_naming_the_file(case: str, tmp_path: Path) -> None:
    mistake = yaml.safe_load((MISTAKES / case / "mistake.yml").read_text(encoding="utf-8"))
    result = run_check(case, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 1, f"{case} passed silently:\n{output}"
    assert "Traceback" not in output, output
    lines = result.stdout.splitlines()
    assert lines, f"{case}: no problem was printed:\n{output}"
    for line in lines:
        assert PROBLEM_LINE.match(line), f"{case}: not a one-line problem naming a file: {line!r}"
    assert any(line.startswith(mistake["expect"]) for line in lines), (
        f"{case}: no line starts with {mistake['expect']}:\n{output}")
