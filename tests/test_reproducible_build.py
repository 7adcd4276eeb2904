"""Anyone who builds the same commit gets the same site, byte for byte: a reviewer can check that
what is published is what was reviewed, and a CDN re-uploads only files that really changed.

Dates in the site (the sitemap's <lastmod>, the gzip header of sitemap.xml.gz) come from
SOURCE_DATE_EPOCH, which the Makefile and CI set to the date of the last commit."""

from __future__ import annotations

import filecmp
import gzip
import subprocess
import tempfile
import time
from pathlib import Path

from conftest import ROOT, build_site


def last_commit_epoch() -> str:
    """What the Makefile uses: `git log -1 --format=%ct` (a fixed date outside a git checkout)."""
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else "1700000000"


def every_file(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())


def test_two_clean_builds_of_the_same_commit_are_byte_identical() -> None:
    epoch = last_commit_epoch()
    with tempfile.TemporaryDirectory(prefix="reproducible-") as temporary:
        first, second = Path(temporary) / "first", Path(temporary) / "second"
        for destination in (first, second):
            result = build_site(destination, {"SOURCE_DATE_EPOCH": epoch})
            assert result.returncode == 0, result.stderr
            time.sleep(1.1)  # a clock-based date or timestamp would now differ between the builds
        files = every_file(first)
        assert files == every_file(second)
        assert "_headers" in files and "sitemap.xml.gz" in files
        # Nothing is excluded from the comparison.
        _, mismatch, errors = filecmp.cmpfiles(first, second, files, shallow=False)
        assert (mismatch, errors) == ([], [])
        # The sitemap's dates are the commit's, not the day of the build.
        day = time.strftime("%Y-%m-%d", time.gmtime(int(epoch)))
        sitemap = (first / "sitemap.xml").read_text(encoding="utf-8")
        assert f"<lastmod>{day}</lastmod>" in sitemap
        with gzip.open(first / "sitemap.xml.gz", "rt", encoding="utf-8") as compressed:
            assert compressed.read() == sitemap
        # MkDocs stamps the gzip header with midnight (UTC) of that date.
        stamp = int.from_bytes((first / "sitemap.xml.gz").read_bytes()[4:8], "little")
        assert stamp == int(epoch) - int(epoch) % 86400


def test_the_template_cache_changes_nothing_in_the_site() -> None:
    """hooks/template_cache.py reuses compiled templates across languages: the site it gives must
    be the one Jinja gives when it compiles every template again."""
    epoch = last_commit_epoch()
    config_text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - hooks/template_cache.py\n" in config_text
    config = ROOT / ".test-no-template-cache.yml"
    config.write_text(config_text.replace("  - hooks/template_cache.py\n", ""), encoding="utf-8")
    try:
        with tempfile.TemporaryDirectory(prefix="template-cache-") as temporary:
            cached, uncached = Path(temporary) / "cached", Path(temporary) / "uncached"
            for destination, use in ((cached, None), (uncached, config)):
                result = build_site(destination, {"SOURCE_DATE_EPOCH": epoch}, config=use)
                assert result.returncode == 0, result.stderr
            files = every_file(cached)
            assert files == every_file(uncached)
            _, mismatch, errors = filecmp.cmpfiles(cached, uncached, files, shallow=False)
            assert (mismatch, errors) == ([], [])
    finally:
        config.unlink()
