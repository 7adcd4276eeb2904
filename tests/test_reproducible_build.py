"""Anyone who builds the same commit gets the same site, byte for byte (PDFs included): a reviewer
can check that what is published is what was reviewed, and a CDN re-uploads only files that
really changed. Dates in the site (the sitemap's <lastmod>, the gzip header of sitemap.xml.gz, the
PDFs' dates) come from SOURCE_DATE_EPOCH, which the Makefile and CI set to the last commit's date.
The speed-ups change nothing: compiled templates kept across languages (hooks/template_cache.py)
and PDFs taken from the cache give the same files."""

from __future__ import annotations

import filecmp
import gzip
import time
from pathlib import Path

import pikepdf

from conftest import LANGUAGES, language_root
from sites import built, last_commit_epoch


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
        assert f"PDF ({language}) rendered" in rebuilt.output
        pdf = f"{language_root(language).lstrip('/')}working-towards-co-production-{language}.pdf"
        assert pdf in files
        with pikepdf.open(rebuilt.site / pdf) as document:
            assert str(document.docinfo.CreationDate).startswith(
                time.strftime("D:%Y%m%d", time.gmtime(int(last_commit_epoch()))))
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
    for language in LANGUAGES:
        assert f"PDF ({language}) unchanged, taken from the cache" in uncached.output
