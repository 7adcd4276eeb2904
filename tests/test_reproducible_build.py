"""Anyone who builds the same commit gets the same site, byte for byte (PDFs included): a reviewer
can check that what is published is what was reviewed, and a CDN re-uploads only files that
really changed. Dates in the site (the sitemap's <lastmod>, the gzip header of sitemap.xml.gz, the
PDFs' published and updated dates) come from git: SOURCE_DATE_EPOCH, which the Makefile and CI set to
the last commit's date, and the dates of the commits that changed each page.
The speed-ups change nothing: compiled templates kept across languages and builds
(hooks/template_cache.py) and PDFs taken from the cache give the same files."""

from __future__ import annotations

import filecmp
import gzip
import subprocess
import time
from pathlib import Path

import jinja2
import pikepdf

from conftest import LANGUAGES, ROOT, hook, language_root
from sites import built, last_commit_epoch


def commit_dates(path: str) -> list[int]:
    """The dates of the commits that changed a file of the project, newest first."""
    result = subprocess.run(["git", "log", "--format=%ct", "--", path], cwd=ROOT, capture_output=True, text=True, check=True)
    return [int(line) for line in result.stdout.split()]


def every_file(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())


def assert_same_files(first: Path, second: Path) -> list[str]:
    files = every_file(first)
    assert files == every_file(second)
    _, mismatch, errors = filecmp.cmpfiles(first, second, files, shallow=False)  # nothing left out
    assert (mismatch, errors) == ([], [])
    return files


def test_two_clean_builds_of_the_same_commit_are_byte_identical() -> None:
    shipped, rebuilt = built("shipped"), built("rebuilt")
    files = assert_same_files(shipped.site, rebuilt.site)
    assert "_headers" in files and "sitemap.xml.gz" in files
    for language in LANGUAGES:  # rendered again from an empty cache, and still the same bytes
        pdf = f"{language_root(language).lstrip('/')}working-towards-co-production-{language}.pdf"
        assert f"PDF ({language}) rendered in" in rebuilt.output and f": {pdf.split('/')[-1]}" in rebuilt.output
        assert pdf in files
        with pikepdf.open(rebuilt.site / pdf) as document:  # the dates of the first and last commit of the page
            source = "docs/index.md" if language == LANGUAGES[0] else f"docs/index.{language}.md"
            assert str(document.docinfo.CreationDate) == time.strftime("D:%Y%m%d", time.gmtime(commit_dates(source)[-1]))
            assert str(document.docinfo.ModDate) == time.strftime("D:%Y%m%d", time.gmtime(commit_dates(source)[0]))
    # The sitemap's dates are the commit's, not the day of the build.
    epoch = int(last_commit_epoch())
    sitemap = (shipped.site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<lastmod>{time.strftime('%Y-%m-%d', time.gmtime(epoch))}</lastmod>" in sitemap
    with gzip.open(shipped.site / "sitemap.xml.gz", "rt", encoding="utf-8") as compressed:
        assert compressed.read() == sitemap
    # MkDocs stamps the gzip header with midnight (UTC) of that date.
    stamp = int.from_bytes((shipped.site / "sitemap.xml.gz").read_bytes()[4:8], "little")
    assert stamp == epoch - epoch % 86400


def test_the_template_cache_and_the_pdf_cache_change_nothing_in_the_site() -> None:
    uncached = built("without_template_cache")
    assert_same_files(built("shipped").site, uncached.site)
    pdfs = len(list(uncached.site.rglob("*.pdf")))
    assert f"PDFs: {pdfs} of {pdfs} unchanged, taken from the cache." in uncached.output
    assert "rendered in" not in uncached.output


def test_a_template_changed_since_the_last_build_is_compiled_again(tmp_path: Path) -> None:
    """The compiled templates kept on disk serve the next build only while the template is the same."""
    template_cache = hook("template_cache")
    templates, kept = tmp_path / "templates", tmp_path / "compiled"
    templates.mkdir()

    def render() -> str:
        cache = template_cache.CompiledTemplates()  # a new build: nothing in memory yet
        cache.folder = kept
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates), bytecode_cache=cache)
        return env.get_template("page.html").render(name="reader")

    (templates / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    assert render() == "Hello reader" and len(list(kept.glob("*.bytecode"))) == 1
    compiled = next(kept.glob("*.bytecode"))
    written = compiled.stat().st_ino  # a file written again is a new file (written aside, then moved)
    assert render() == "Hello reader"
    assert compiled.stat().st_ino == written, "the template was compiled again, not read from the file kept"
    (templates / "page.html").write_text("Goodbye {{ name }}", encoding="utf-8")
    assert render() == "Goodbye reader"
