"""What the PDFs cost a build: render time per language (the guide's PDF in each), and the time
they add to a clean build.

Usage: .venv/bin/python benchmarks/pdf_render.py [--runs 3]

Each run makes two clean `mkdocs build --strict` builds into a temporary folder: one with an
empty PDF cache (every PDF rendered) and one with the cache that build filled (every PDF
copied, as in a `make serve` rebuild where nothing printable changed). The difference between
them is the time rendering adds; the per-language times are those hooks/pdf.py logs (each PDF is
rendered in a worker process, in parallel with the next language's build). Medians are printed.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RENDERED = re.compile(r"PDF \((\w+)\) rendered in ([\d.]+) s")


def build(destination: Path, cache: Path) -> tuple[float, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PRINTABLE_CACHE_DIR": str(cache),
           "TEMPLATE_CACHE_DIR": str(cache / "templates")}  # emptied with the PDFs
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(destination)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"the build failed:\n{result.stderr[-3000:]}")
    return seconds, result.stdout + result.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    cold, warm, per_language, sizes = [], [], {}, {}
    with tempfile.TemporaryDirectory(prefix="pdf-bench-") as folder:
        for run in range(runs):
            cache = Path(folder) / f"cache-{run}"
            seconds, output = build(Path(folder) / "site", cache)
            cold.append(seconds)
            for language, render in RENDERED.findall(output):
                per_language.setdefault(language, []).append(float(render))
            seconds, _ = build(Path(folder) / "site", cache)
            warm.append(seconds)
        for pdf in sorted((Path(folder) / "site").rglob("*.pdf")):
            sizes[pdf.name] = pdf.stat().st_size
    print(f"PDF render time per language (median of {runs}, in a worker process):")
    for language, times in per_language.items():
        print(f"  {language}: {statistics.median(times):.2f} s")
    print(f"  sum: {sum(statistics.median(t) for t in per_language.values()):.2f} s")
    print(f"clean build, PDFs rendered:          {statistics.median(cold):.2f} s")
    print(f"clean build, PDFs from the cache:    {statistics.median(warm):.2f} s")
    print(f"added to a clean build by rendering: {statistics.median(cold) - statistics.median(warm):.2f} s")
    for name, size in sizes.items():
        print(f"  {name}: {size / 1024:.1f} KB")


if __name__ == "__main__":
    main()
