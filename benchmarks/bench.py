"""`make bench`: measure the site against its performance budget and write benchmarks/RESULTS.md.

Everything is measured in one run on one machine, next to baselines built in the same run:
- "hooks and PDFs off": the project's mkdocs.yml with every hook except those the templates
  cannot render without (TEMPLATE_HOOKS) and without the print-site plugin; and the same with
  hooks/template_cache.py kept, a stricter baseline (see build_times);
- "plain Material": the same Markdown in all languages with Material's defaults (no custom_dir,
  no hooks, no strings), mkdocs-static-i18n and search only.
Work files go to benchmarks/.work/ (ignored by git). Speed targets are checked here, not in tests.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import pikepdf

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
WORK = BENCH / ".work"
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "hooks")]  # the tests' helpers, the hooks' shared code

from playwright.sync_api import sync_playwright  # noqa: E402

from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from page_weight import BUDGET_BYTES, first_view, total  # noqa: E402
from servers import serve  # noqa: E402
from shared.pdf_render import worker_count  # noqa: E402

PYTHON = sys.executable
MKDOCS = [PYTHON, "-m", "mkdocs"]
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_RUNS = 5
# A first paint Chromium observed later than this counts as a late one (see the note under the table).
LATE_FIRST_PAINT_MS = 700
LIGHTHOUSE_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
                    "--disable-background-networking --disable-component-update --disable-sync")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
SYNTHETIC_SIZES = (10, 50, 200)
PDF_RENDERED = re.compile(r"PDF \(\w+\) rendered in ([\d.]+) s")
BUILD_RUNS = 3
report: list[str] = []


def say(line: str = "") -> None:
    """One line of RESULTS.md (also shown while the benchmark runs)."""
    print(line, flush=True)
    report.append(line)


def slug(name: str) -> str:
    return re.sub(r"\W+", "-", name.lower()).strip("-")


def relative(path: Path) -> str:
    return os.path.relpath(path, ROOT)


# ---------------------------------------------------------------------------------------------
# Configurations

def config_text() -> str:
    return (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


# Drop every list item of a top-level key (`hooks:`/`plugins:`) for which `drop(item)` is true.
def drop_items(text: str, key: str, drop) -> str:
    lines, out, inside, skipping = text.splitlines(keepends=True), [], False, False
    for line in lines:
        if re.match(rf"^{key}:\s*$", line):
            inside, skipping = True, False
        elif inside and line.strip() and not line.startswith((" ", "#")):
            inside, skipping = False, False
        if inside and re.match(r"^\s{0,4}- ", line):
            skipping = drop(line.strip()[2:].strip())
        elif inside and re.match(r"^\s{0,4}#", line):
            continue  # comments inside the list may describe dropped items
        if not (inside and skipping):
            out.append(line)
    return "".join(out)


# The block of one top-level plugin entry (e.g. "i18n"), as text.
def plugin_block(text: str, name: str) -> str:
    match = re.search(rf"^  - {name}:\n(?:(?:    .*)?\n)+", text, re.M)
    if not match:
        raise SystemExit(f"mkdocs.yml has no '{name}' plugin block")
    return match.group(0)


def write_config(name: str, text: str) -> Path:
    """Write a generated config next to mkdocs.yml (paths in it stay relative to the project)."""
    path = ROOT / f".bench-{name}.yml"
    path.write_text(text, encoding="utf-8")
    return path


# The hooks kept in the baseline: those the templates cannot render without (they give the
# templates their globals: the strings, the consent settings, the 404 page's links). Every other
# hook is switched off.
TEMPLATE_HOOKS = ("hooks/strings.py", "hooks/consent.py", "hooks/not_found.py")
# A hook that only makes the build faster (compiled templates reused across languages): the
# stricter baseline keeps it, so that its ratio shows what the other hooks and the PDFs cost.
SPEED_HOOK = "hooks/template_cache.py"


STRICT_BASELINE = "hooks and PDFs off, template cache kept"


def pdf_workers() -> int:
    return worker_count()  # as for `mkdocs build`


def config_without_hooks(keep_speed_hook: bool = False) -> Path:
    kept = TEMPLATE_HOOKS + ((SPEED_HOOK,) if keep_speed_hook else ())
    text = drop_items(config_text(), "hooks", lambda item: not any(hook in item for hook in kept))
    text = drop_items(text, "plugins", lambda item: item.startswith("print-site"))
    return write_config("nohooks-cache" if keep_speed_hook else "nohooks", text)


def config_plain() -> Path:
    text = config_text()
    return write_config("plain", f"""# Generated by benchmarks/bench.py: Material's defaults, the same Markdown and languages.
site_name: Working towards Co-production
site_url: https://example.org/
docs_dir: docs
exclude_docs: |
  _data/
theme:
  name: material
markdown_extensions:
  - attr_list
  - md_in_html
  - admonition
  - toc
plugins:
  - search
{plugin_block(text, "i18n")}""")


# A copy of the guide (or of a translation) as resource number n: its own title, and its PDF
# named after its page (the guide's `pdf:` name is the guide's alone).
def as_new_resource(source: Path, n: int) -> str:
    text = re.sub(r"^(#.*\n)?pdf:.*\n", "", source.read_text(encoding="utf-8"), count=1, flags=re.M)
    text = re.sub(r"^title:\s*[\"']?(.*?)[\"']?\s*$", lambda m: f'title: "{m.group(1)} ({n})"', text, count=1, flags=re.M)
    return re.sub(r"^(# .*)$", lambda m: f"{m.group(1)} ({n})", text, count=1, flags=re.M)


def config_synthetic(docs: Path, pages: list[str]) -> Path:
    text = re.sub(r"^docs_dir:.*$", f"docs_dir: {docs}", config_text(), flags=re.M)
    nav_items = "".join(f"  - {page}\n" for page in pages)
    text = re.sub(r"^(nav:\n(?:  - .*\n)+)", lambda m: m.group(1) + nav_items, text, flags=re.M)
    return write_config("synthetic", text)


# ---------------------------------------------------------------------------------------------
# Builds

build_log: list[str] = []  # what the last build logged (without -q)


def build(config: Path | None, destination: Path, strict: bool = True, quiet: bool = True,
          cache: Path | None = None) -> tuple[float, float]:
    """A clean build (the destination is emptied first); returns wall-clock seconds and the CPU
    seconds (user + system) of the build process and its children (less disturbed by other work
    on a shared machine, but blind to work done in parallel). Clean means the PDFs and the
    compiled templates too (an empty cache of its own, so every PDF is rendered and every
    template compiled), unless a `cache` to keep is given; the templates are kept inside it."""
    shutil.rmtree(destination, ignore_errors=True)
    if cache is None:
        cache = WORK / "printable-cache"
        shutil.rmtree(cache, ignore_errors=True)
    env = {**ENV, "PRINTABLE_CACHE_DIR": str(cache), "TEMPLATE_CACHE_DIR": str(cache / "templates")}
    command = [*MKDOCS, "build", *(["-q"] if quiet else []), "-d", str(destination)] + (["--strict"] if strict else [])
    if config is not None:
        command += ["-f", str(config)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"build failed: {' '.join(command)}\n{result.stdout}\n{result.stderr}")
    build_log[:] = (result.stdout + result.stderr).splitlines()
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def command_text(config: Path | None, destination: Path, strict: bool = True, quiet: bool = True) -> str:
    parts = ["python -m mkdocs build" + (" -q" if quiet else ""), "--strict" if strict else "", f"-d {relative(destination)}",
             f"-f {relative(config)}" if config else ""]
    return " ".join(p for p in parts if p)


def pages_of(site: Path) -> list[str]:
    paths = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if "print_page" in rel:
            continue
        paths.append("/" + rel[: -len("index.html")] if rel.endswith("index.html") else "/" + rel)
    return paths


def count_pdfs(site: Path) -> int:
    return len(list(site.rglob("*.pdf")))


# ---------------------------------------------------------------------------------------------
# Sections of RESULTS.md

def machine() -> None:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "?")

    def version(command: list[str]) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True, env=ENV).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return "not installed"

    def package(name: str) -> str:
        from importlib.metadata import PackageNotFoundError, version as dist_version
        try:
            return dist_version(name)
        except PackageNotFoundError:
            return "not installed"

    lighthouse = json.loads((BENCH / "node_modules/lighthouse/package.json").read_text())["version"]
    commit = version(["git", "-C", str(ROOT), "log", "-1", "--format=%h %s"])
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain"], capture_output=True, text=True).stdout.strip()
    say("# Benchmark results")
    say()
    say("Written by `make bench` (benchmarks/bench.py). Every figure below comes from the same run on this machine;")
    say("ratios compare with baselines built in that run. Re-run `make bench` after merging: the figures describe")
    say("whatever is on the branch at the time.")
    say()
    say(f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")
    say(f"- Commit: {commit}{' (with uncommitted changes)' if dirty else ''}")
    say(f"- Machine: {cpu}, {os.cpu_count()} cores, {int(memory) // 1024} MiB RAM, {platform.platform()}")
    say(f"- Load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (other work on the machine slows every figure)")
    say(f"- Python {platform.python_version()}, mkdocs {package('mkdocs')}, mkdocs-material {package('mkdocs-material')}, "
        f"mkdocs-static-i18n {package('mkdocs-static-i18n')}, mkdocs-print-site-plugin {package('mkdocs-print-site-plugin')}, "
        f"weasyprint {package('weasyprint')}, playwright {package('playwright')}")
    say(f"- {version([CHROMIUM, '--version'])}, Node {version(['node', '--version'])}, Lighthouse {lighthouse}")
    say()


def build_times(configs: dict[str, tuple[Path | None, bool]]) -> dict[str, float]:
    say("## Build time: clean build of all languages")
    say()
    say(f"Each build is clean (output folder and PDF cache emptied first, so every PDF is rendered) and runs {BUILD_RUNS} times,")
    say("alternating; the table shows the fastest run (the least disturbed by other work on the machine) and every run.")
    say()
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in configs}
    for _ in range(BUILD_RUNS):
        for name, (config, strict) in configs.items():
            runs[name].append(build(config, WORK / f"site-{slug(name)}", strict))
    best = {name: min(wall for wall, _ in times) for name, times in runs.items()}
    cpu = {name: min(c for _, c in times) for name, times in runs.items()}
    say("| Build | Wall seconds (best) | CPU seconds (best) | Runs (wall / CPU) | PDFs | Command |")
    say("|---|---:|---:|---|---:|---|")
    for name, (config, strict) in configs.items():
        say(f"| {name} | {best[name]:.2f} | {cpu[name]:.2f} | {'; '.join(f'{w:.2f} / {c:.2f}' for w, c in runs[name])} | "
            f"{count_pdfs(WORK / f'site-{slug(name)}')} | `{command_text(config, WORK / f'site-{slug(name)}', strict)}` |")
    say()
    ratio = best["project"] / best["hooks and PDFs off"]
    strict = best["project"] / best[STRICT_BASELINE]
    say(f"- **Project ÷ hooks and PDFs off: {ratio:.2f}× wall-clock** (target ≤ 2×: {'met' if ratio <= 2 else 'NOT met'}); "
        f"{cpu['project'] / cpu['hooks and PDFs off']:.2f}× in CPU time. The baseline keeps " + ", ".join(TEMPLATE_HOOKS) + ",")
    say("  without which the templates cannot render; every other hook of the project, and print-site, is off.")
    say(f"- Project ÷ the stricter baseline, which also keeps {SPEED_HOOK} (a hook that only saves time): "
        f"**{strict:.2f}×** wall-clock ({'within' if strict <= 2 else 'over'} 2×), "
        f"{cpu['project'] / cpu[STRICT_BASELINE]:.2f}× CPU: what the other hooks and the PDFs cost.")
    say(f"- Project ÷ plain Material: {best['project'] / best['plain Material']:.2f}× wall-clock, "
        f"{cpu['project'] / cpu['plain Material']:.2f}× CPU.")
    say(f"- The PDFs render in {pdf_workers()} worker process(es) (one per core), in parallel with the pages being built;")
    say("  a clean build waits for the last language's PDFs. CPU time counts the workers too.")
    say()
    return {"wall": best["project"], "cpu": cpu["project"]}


def linearity(project: dict[str, float]) -> None:
    say("## Build time per resource: 10, 50 and 200 resources")
    say()
    say("Copies of the guide (each language's own file where there is one) are added to a copy of docs/ as")
    say("`synthetic/page-NNN.<lang>.md` and listed in the nav, as an editor would add resources (each with its")
    say("download line, so each is a resource with a PDF per language); the project's full build (hooks and PDFs on)")
    say("runs once per size, clean (empty PDF cache). CPU time is used (wall-clock time on a shared machine swings")
    say("with other work). Per resource = seconds ÷ resources (the guide and the copies), all languages counted;")
    say("per added page = (CPU seconds − CPU seconds of the project build above) ÷ added pages.")
    say()
    languages = re.findall(r"^\s+- locale: (\w+)", config_text(), re.M)
    docs = ROOT / "docs"
    say("| Added resources | Pages built | PDFs | PDF pages | Wall seconds | CPU seconds | CPU seconds per resource | "
        "Wall seconds per resource | CPU seconds per added page | Median render per PDF | Command |")
    say("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    per_resource: dict[int, float] = {}
    wall_per_resource: dict[int, float] = {}
    per_added: dict[int, float] = {}
    pdf_pages: dict[int, int] = {}
    render_seconds: dict[int, list[float]] = {}
    base_pages = len(pages_of(WORK / "site-project"))
    for size in SYNTHETIC_SIZES:
        copy = WORK / f"docs-{size}"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(docs, copy)
        (copy / "synthetic").mkdir()
        nav = []
        for n in range(1, size + 1):
            name = f"synthetic/page-{n:03d}"
            nav.append(f"{name}.md")
            for lang in languages:  # as in the real site: a translation where there is one
                source = docs / ("index.md" if lang == languages[0] else f"index.{lang}.md")
                if not source.exists():
                    continue
                suffix = "" if lang == languages[0] else f".{lang}"
                (copy / f"{name}{suffix}.md").write_text(as_new_resource(source, n), encoding="utf-8")
        config = config_synthetic(copy, nav)
        destination = WORK / f"site-synthetic-{size}"
        wall, cpu = build(config, destination, quiet=False)
        built = len(pages_of(destination))
        resources = size + 1
        per_resource[size] = cpu / resources
        wall_per_resource[size] = wall / resources
        render_seconds[size] = [float(m[1]) for line in build_log if (m := PDF_RENDERED.search(line))]
        per_added[size] = (cpu - project["cpu"]) / max(built - base_pages, 1)
        pdf_pages[size] = count_pdf_pages(destination)
        say(f"| {size} | {built} | {count_pdfs(destination)} | {pdf_pages[size]} | {wall:.2f} | {cpu:.2f} | "
            f"{per_resource[size]:.3f} | {wall_per_resource[size]:.3f} | {per_added[size]:.3f} | "
            f"{statistics.median(render_seconds[size]):.2f} s | `{command_text(config, destination, quiet=False)}` |")
        shutil.rmtree(copy, ignore_errors=True)
    say()
    small, large = SYNTHETIC_SIZES[0], SYNTHETIC_SIZES[-1]
    literal = per_resource[large] / per_resource[small]
    wall_ratio = wall_per_resource[large] / wall_per_resource[small]
    marginal = per_added[large] / per_added[small] if per_added[small] > 0 else float("nan")
    say(f"- **CPU seconds per resource, {large} ÷ {small}: {literal:.2f}×** (target ≤ 1.2×: "
        f"{'met' if literal <= 1.2 else 'NOT met'}); wall-clock seconds per resource: {wall_ratio:.2f}×. "
        "These include the fixed start-up cost, which favours large sites.")
    say(f"- CPU seconds per added page, {large} ÷ {small}: {marginal:.2f}× ({'linear' if marginal <= 1.2 else 'NOT linear'} "
        "by the same 1.2× measure). Material puts the whole navigation on every page, so each page grows with the")
    say("  number of pages and the total grows faster than the page count when pages are added to the nav.")
    say(f"  At {small} pages the added time is small next to the noise of a shared machine: the least precise figure.")
    per_pdf_page = {size: sum(render_seconds[size]) / pdf_pages[size] for size in SYNTHETIC_SIZES}
    growth = per_pdf_page[large] / per_pdf_page[small]
    say(f"- Each resource is a PDF of its own, so a PDF does not grow with the library: "
        f"{pdf_pages[small] / count_pdfs(WORK / f'site-synthetic-{small}'):.1f} pages per PDF at {small}, "
        f"{pdf_pages[large] / count_pdfs(WORK / f'site-synthetic-{large}'):.1f} at {large}.")
    say(f"- Render time per PDF page: **{per_pdf_page[small]:.3f} s at {small}, {per_pdf_page[large]:.3f} s at {large}: "
        f"{growth:.2f}×**; the render times the build logs (\"PDF (en) rendered in … s\", wall-clock in the worker) "
        "over the pages of the PDFs.")
    say()


def count_pdf_pages(site: Path) -> int:
    total = 0
    for file in site.rglob("*.pdf"):
        with pikepdf.open(file) as pdf:
            total += len(pdf.pages)
    return total


# A free port for `mkdocs serve` (another benchmark may be running on the machine).
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_edits(project: Path, edits: list[str], config: Path | None = None,
                cache: Path | None = None) -> list[tuple[str, float, list[str]]]:
    """`mkdocs serve` in a copy of the project: append a sentence to each page of `edits` in turn,
    and time each save until the server logs "Reloading browsers" (the rebuild, file-watch delay
    included); what it logged about PDFs until the PDFs that follow in the background are ready is
    kept too. The PDF cache is `cache` (else one of the copy's own, empty at first); the edits
    start once the first build's PDFs are ready."""
    command = [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{free_port()}", "--livereload"]
    if config is not None:
        command += ["-f", str(config)]
    process = subprocess.Popen(command, cwd=project, env={**ENV, "PRINTABLE_CACHE_DIR": str(cache or project / ".cache-serve")},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[tuple[float, str]] = []  # (when it was logged, the line)

    def read() -> None:
        for line in process.stdout:
            lines.append((time.perf_counter(), line))

    threading.Thread(target=read, daemon=True).start()

    def wait_for(text: str, after: int, timeout: float = 900) -> int:
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = next((index for index in range(after, len(lines)) if text in lines[index][1]), None)
            if found is not None:
                return found
            if process.poll() is not None:
                break
            time.sleep(0.02)
        raise SystemExit(f"`mkdocs serve` did not log '{text}':\n{''.join(line for _, line in lines[-30:])}")

    def settle(after: int) -> None:  # until the PDFs that follow in the background are ready
        announced = [re.search(r"(\d+) changed PDF", line) for _, line in lines[after:]]
        waiting = sum(int(match[1]) for match in announced if match)
        deadline = time.time() + 1800
        while time.time() < deadline and sum("in the background:" in line for _, line in lines[after:]) < waiting:
            time.sleep(0.1)
        time.sleep(2)

    results = []
    try:
        settle(wait_for("Serving on", 0))
        for name in edits:
            page = project / name
            before = len(lines)
            started = time.perf_counter()
            page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence, added by the benchmark.\n",
                            encoding="utf-8")
            finished = lines[wait_for("Reloading browsers", before)][0]
            settle(before)
            pdf_lines = [re.sub(r"^.*?(PDFs?\b)", r"\1", line).strip() for _, line in lines[before:] if "PDF" in line]
            results.append((name, finished - started, pdf_lines))
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl+C: mkdocs serve stops its PDF workers too
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return results


def serve_rebuild(clean_seconds: float) -> None:
    say("## `make serve`: rebuild after one Markdown edit")
    say()
    copy = WORK / "serve-copy"
    shutil.rmtree(copy, ignore_errors=True)
    project_copy(copy)
    # An edit to the English page (whose translations then show "the English page has changed" notices), then
    # one to a translation (which changes nothing else).
    edits = {"docs/index.md": "an English page", "docs/index.pl.md": "a translation"}
    results = serve_edits(copy, list(edits))
    say("Command: `python -m mkdocs serve --dev-addr 127.0.0.1:PORT --livereload` in a copy of the project; one "
        "sentence is appended to a page")
    say("and the time is taken from the save until the server logs \"Reloading browsers\" (the rebuild includes the")
    say(f"file-watch delay). A clean build of the project in this run: {clean_seconds:.2f} s. `mkdocs serve` rebuilds")
    say("every page of every language on each change; the PDFs whose content changed are made again, after the preview")
    say("has reloaded (the server reloads it again when they are ready).")
    say()
    for name, seconds, pdf_lines in results:
        say(f"- **Edit to {edits[name]} (`{name}`): preview reloaded after {seconds:.2f} s** (ratio to the clean build "
            f"{seconds / clean_seconds:.2f}×). What the server logged about PDFs:")
        for line in pdf_lines or ["(nothing logged about PDFs)"]:
            say(f"  - {line}")
    say()
    shutil.rmtree(copy, ignore_errors=True)


# What a copy of the project needs to build (the serve and library cases work in copies).
PROJECT_FILES = ("docs", "hooks", "overrides", "mkdocs.yml")


def project_copy(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, destination / name)
    return destination


LIBRARY_RESOURCES = 40


def library() -> None:
    say(f"## A library: {LIBRARY_RESOURCES} resources × 4 languages")
    say()
    say(f"A copy of the project with {LIBRARY_RESOURCES - 1} more resources (copies of the guide and its translations,")
    say(f"`library/resource-NN.<lang>.md`, in the nav): {LIBRARY_RESOURCES} resources, one PDF each per language. Builds:")
    say("clean (output and PDF cache empty), warm (output empty, PDF cache filled by the clean build), and after one")
    say("edit to one resource's English page and one to a translation (cache warm). Then `mkdocs serve`: the time")
    say("from saving an edit to the preview's reload, against the same library with hooks/pdf.py switched off (the")
    say("site without PDFs).")
    say()
    copy = WORK / "library"
    shutil.rmtree(copy, ignore_errors=True)
    project_copy(copy)
    languages = re.findall(r"^\s+- locale: (\w+)", config_text(), re.M)
    (copy / "docs/library").mkdir()
    nav = []
    for n in range(1, LIBRARY_RESOURCES):
        nav.append(f"library/resource-{n:02d}.md")
        for language in languages:
            source = ROOT / "docs" / ("index.md" if language == languages[0] else f"index.{language}.md")
            suffix = "" if language == languages[0] else f".{language}"
            if source.exists():
                (copy / f"docs/library/resource-{n:02d}{suffix}.md").write_text(as_new_resource(source, n), encoding="utf-8")
    config = copy / "mkdocs.yml"
    text = re.sub(r"^(nav:\n(?:  - .*\n)+)", lambda m: m.group(1) + "".join(f"  - {page}\n" for page in nav),
                  config.read_text(encoding="utf-8"), flags=re.M)
    config.write_text(text, encoding="utf-8")
    without_pdfs = copy / "mkdocs-without-pdfs.yml"
    without_pdfs.write_text(drop_items(text, "hooks", lambda item: "hooks/pdf.py" in item), encoding="utf-8")
    cache = WORK / "library-cache"
    shutil.rmtree(cache, ignore_errors=True)
    destination = WORK / "site-library"
    rows = []
    clean = build(config, destination, quiet=False, cache=cache)
    renders = [float(m[1]) for line in build_log if (m := PDF_RENDERED.search(line))]
    pdfs = count_pdfs(destination)
    rows.append(("clean", clean, len(renders)))
    warm = build(config, destination, quiet=False, cache=cache)
    rows.append(("warm (PDFs from the cache)", warm, sum(1 for line in build_log if PDF_RENDERED.search(line))))
    edited_page = f"docs/library/resource-{min(7, LIBRARY_RESOURCES - 1):02d}"
    for name, what in ((f"{edited_page}.md", "one English page edited"), (f"{edited_page}.pl.md", "one translation edited")):
        page = copy / name
        page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence, added by the benchmark.\n", encoding="utf-8")
        edited = build(config, destination, quiet=False, cache=cache)
        rows.append((f"{what} (`{name}`)", edited, sum(1 for line in build_log if PDF_RENDERED.search(line))))
    say("| Build | Wall seconds | CPU seconds | PDFs rendered | Command |")
    say("|---|---:|---:|---:|---|")
    for name, (wall, cpu), rendered in rows:
        say(f"| {name} | {wall:.2f} | {cpu:.2f} | {rendered} of {pdfs} | `{command_text(config, destination, quiet=False)}` "
            f"(PRINTABLE_CACHE_DIR={relative(cache)}) |")
    say()
    say(f"- **Per-PDF render time** (wall-clock in the worker, as the clean build logged it, {len(renders)} PDFs): median "
        f"**{statistics.median(renders):.2f} s**, mean {statistics.mean(renders):.2f} s, slowest {max(renders):.2f} s; "
        f"{pdf_workers()} worker process(es) for `mkdocs build`.")
    say(f"- Clean build per resource: {clean[0] / LIBRARY_RESOURCES:.2f} s wall-clock, {clean[1] / LIBRARY_RESOURCES:.2f} s CPU.")
    say()
    edits = [f"docs/library/resource-{min(11, LIBRARY_RESOURCES - 1):02d}.md",
             f"docs/library/resource-{min(12, LIBRARY_RESOURCES - 1):02d}.pl.md"]
    with_pdfs = serve_edits(copy, edits, cache=cache)
    plain = serve_edits(copy, edits, without_pdfs)
    say("`mkdocs serve` (`python -m mkdocs serve --dev-addr 127.0.0.1:PORT --livereload`, with the PDF cache of the builds")
    say(f"above, and with `-f {without_pdfs.name}` for the site without PDFs): from the save to \"Reloading browsers\".")
    say()
    say("| Edit | Library with PDFs | Without PDFs | Ratio (target ≤ 2×) | What the server logged about PDFs |")
    say("|---|---:|---:|---:|---|")
    for (name, seconds, pdf_lines), (_, baseline, _) in zip(with_pdfs, plain):
        ratio = seconds / baseline
        say(f"| `{name}` | {seconds:.2f} s | {baseline:.2f} s | **{ratio:.2f}×** ({'met' if ratio <= 2 else 'NOT met'}) | "
            f"{'; '.join(pdf_lines) or '–'} |")
    say()
    shutil.rmtree(copy, ignore_errors=True)


def first_action(site: Path, path: str) -> tuple[int, float, list[str]]:
    """What the reader's first action costs: bytes downloaded, and ms until Material runs."""
    server = serve(site)
    base, log = server.url, server.log
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base + path, wait_until="networkidle")
        page.wait_for_timeout(300)
        log.take()
        started = page.evaluate("performance.now()")
        page.mouse.move(100, 100)
        page.wait_for_function("document.documentElement.classList.contains('js')")
        ready = page.evaluate("performance.now()")
        page.wait_for_load_state("networkidle")
        browser.close()
    transfers = log.take()
    server.close()
    return total(transfers), ready - started, [t.path for t in transfers]


def page_weight(project: Path, plain: Path) -> None:
    say("## Page weight: first view of every page, new visitor, served with gzip")
    say()
    say("The built site is served on localhost by tests/page_weight.py (gzip level 6 for text, as a CDN would); each")
    say("page is opened in a fresh Chromium context (empty cache, no cookies) until the network is idle, and every")
    say("byte the server sends is counted, headers included (a worker's requests too). The same check runs in")
    say(f"`make test` (tests/test_page_weight.py). Budget: {BUDGET_BYTES / 1000:.0f} kB.")
    say()
    weights: dict[str, dict[str, int]] = {}
    largest: dict[str, list] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, site in (("project", project), ("plain Material", plain)):
            server = serve(site)
            base, log = server.url, server.log
            weights[name] = {}
            for path in pages_of(site):
                transfers = first_view(browser, base, path, log, block_other_hosts=True)
                weights[name][path] = total(transfers)
                if path == "/":
                    largest[name] = transfers
            server.close()
        browser.close()
    say("| Page | Project (bytes) | Plain Material (bytes) | Project ÷ plain | Within budget |")
    say("|---|---:|---:|---:|---|")
    for path, weight in weights["project"].items():
        plain_weight = weights["plain Material"].get(path)
        say(f"| `{path}` | {weight:,} | {plain_weight:,} | {weight / plain_weight:.2f} | {'yes' if weight <= BUDGET_BYTES else '**NO**'} |"
            if plain_weight else f"| `{path}` | {weight:,} | – | – | {'yes' if weight <= BUDGET_BYTES else '**NO**'} |")
    say()
    heaviest = max(weights["project"].values())
    say(f"- **Heaviest first view: {heaviest:,} bytes** ({heaviest / BUDGET_BYTES:.0%} of the budget; "
        f"headroom {BUDGET_BYTES - heaviest:,} bytes).")
    say("- Plain Material's pages link Google Fonts; those requests are blocked here (no internet), so its figures")
    say("  leave the fonts out and understate what a reader of a plain Material site downloads.")
    say()
    action_bytes, action_ms, action_paths = first_action(project, "/")
    say(f"- **At the reader's first action** (here a mouse move on `/`) Material's script is downloaded and started: "
        f"{action_bytes:,} bytes more ({', '.join(f'`{p}`' for p in action_paths)}); Material was running "
        f"{action_ms:.0f} ms after the action (localhost, no throttling). A reader who only reads never pays this.")
    say()
    say("What the English home page (`/`) costs, request by request:")
    say()
    say("| Bytes | Status | Request |")
    say("|---:|---|---|")
    for transfer in largest["project"]:
        say(f"| {transfer.wire_bytes:,} | {transfer.status} | `{transfer.path}` |")
    say()


def lighthouse(project: Path, plain: Path) -> None:
    say("## Lighthouse 12 (mobile, default throttling)")
    say()
    command = (f"CHROME_PATH={CHROMIUM} benchmarks/node_modules/.bin/lighthouse URL --quiet --output=json "
               f"--chrome-flags=\"{LIGHTHOUSE_FLAGS}\"")
    say(f"Command, per page: `{command}` against the gzip server, {LIGHTHOUSE_RUNS} times; the table shows the run with "
        "the median performance score (its other scores and metrics too) and every run's performance score. "
        "Target: 100 in every category.")
    say()
    out = WORK / "lighthouse"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    rows, problems, indexes = [], {}, []
    late_runs = all_runs = 0
    for name, site, paths in (("project", project, pages_of(project)), ("plain Material", plain, ["/"])):
        server = serve(site)
        base = server.url
        for path in paths:
            runs = []
            for run in range(1, LIGHTHOUSE_RUNS + 1):
                report_file = out / (re.sub(r"\W+", "_", f"{name}{path}").strip("_") + f".{run}.json")
                subprocess.run([str(LIGHTHOUSE), base + path, "--quiet", "--output=json", f"--output-path={report_file}",
                                f"--chrome-flags={LIGHTHOUSE_FLAGS}"],
                               env={**ENV, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=300)
                try:
                    runs.append(json.loads(report_file.read_text()))
                except (OSError, ValueError):
                    pass
            if not runs:
                rows.append(f"| {name} | `{path}` | Lighthouse failed | | | | | | |")
                continue
            # The run with the median performance score: its scores and metrics are the ones reported.
            runs.sort(key=lambda r: r["categories"]["performance"]["score"] or 0)
            result = runs[(len(runs) - 1) // 2]
            scores = {key: result["categories"][key]["score"] for key in
                      ("performance", "accessibility", "best-practices", "seo")}
            audits = result["audits"]
            indexes.extend(r["environment"].get("benchmarkIndex", 0) for r in runs)
            metrics = ", ".join(f"{label} {audits[key].get('displayValue', '?')}" for key, label in
                                (("first-contentful-paint", "FCP"), ("largest-contentful-paint", "LCP"),
                                 ("speed-index", "SI"), ("total-blocking-time", "TBT"),
                                 ("cumulative-layout-shift", "CLS")))
            every = " / ".join(str(round((r["categories"]["performance"]["score"] or 0) * 100)) for r in runs)
            cells = " | ".join("–" if s is None else f"{round(s * 100)}" for s in scores.values())
            observed = [observed_first_paint(r) for r in runs]
            late = sum(1 for ms in observed if ms > LATE_FIRST_PAINT_MS)
            painted = " / ".join(f"{ms / 1000:.2f}" for ms in sorted(observed))
            rows.append(f"| {name} | `{path}` | {cells} | {every} | {painted} s ({late} late) | {metrics} |")
            late_runs += late
            all_runs += len(runs)
            for key, category in result["categories"].items():
                for ref in category["auditRefs"]:
                    audit = audits[ref["id"]]
                    if ref["weight"] > 0 and audit.get("score") is not None and audit["score"] < 1:
                        problems.setdefault((name, key, ref["id"], audit["title"]), []).append(path)
        server.close()
    say("| Site | Page | Performance | Accessibility | Best practices | SEO | Performance, every run "
        "| First paint Chromium observed, every run | Metrics |")
    say("|---|---|---:|---:|---:|---:|---|---|---|")
    for row in rows:
        say(row)
    say()
    if indexes:
        say(f"- Lighthouse's CPU benchmark index on this machine: {statistics.median(indexes):.0f} (median; min "
            f"{min(indexes):.0f}, max {max(indexes):.0f}). Lighthouse's mobile throttling multiplies the CPU time it")
        say("  observes by 4, calibrated for machines with an index of about 1,000–2,000; below that, Total Blocking")
        say("  Time (script run time) is overstated, and it varies with the other work on the machine.")
    say("- Audits below 100 in the median runs (weighted audits only), with the pages they failed on:")
    for (name, category, audit_id, title), paths in sorted(problems.items()):
        shown = ", ".join(f"`{p}`" for p in paths[:6]) + (f" and {len(paths) - 6} more" if len(paths) > 6 else "")
        say(f"  - {name} · {category} · `{audit_id}` ({title}): {shown}")
    say(f"- Late first paints (after {LATE_FIRST_PAINT_MS / 1000:.1f} s): {late_runs} of {all_runs} runs. Speed Index is 1.4 × the")
    say("  Speed Index Chromium observes loading the page without throttling, plus 0.4 × a layout-based estimate, so")
    say("  the observed first paint counts. Here it comes at about 0.2 s, or a second later (1.2 s: Speed Index 2.2 s,")
    say("  still 100), or two seconds later (2.2 s: Speed Index 3.6–3.7 s, performance 95–99). The plain Material site does")
    say("  the same. What a trace shows (Lighthouse `--save-assets` with the extra trace categories")
    say("  `cc,disabled-by-default-cc.debug.scheduler`): the page is laid out, painted, rastered and committed by about")
    say("  0.27 s, but Chromium's compositor never gets its \"ready to draw\" signal for that frame")
    say("  (`active_tree_is_ready_to_draw: false` after all tile tasks have finished; \"Not activating before drawing")
    say("  active first\") and draws nothing until the overlay scrollbar's fade animation asks for a redraw a second")
    say("  later (`LayerTreeHostImpl::SetNeedsAnimateForScrollbarAnimation`, then the draw). It is a")
    say("  race in headless Chromium's software compositing (this machine has no GPU), not in the page: the same page")
    say("  opened with Playwright in the same Chromium on the same mobile screen, with and without a trace recording")
    say("  screenshots, painted at 0.2–0.5 s in 40 runs of 40.")
    say(f"  Hence the median of {LIGHTHOUSE_RUNS} runs, as Lighthouse's guide to score variability advises (docs/variability.md).")
    say(f"- Full reports: `{relative(out)}/*.json` (not committed).")
    say()


def observed_first_paint(report: dict) -> float:
    """When Chromium itself painted first (no throttling), in ms: what Lighthouse's Speed Index starts from."""
    metrics = report["audits"]["metrics"]["details"]["items"][0]
    return metrics.get("observedFirstContentfulPaint") or 0


def pdf_render() -> None:
    say("## PDFs: render time per language and what rendering adds to a clean build")
    command = [sys.executable, str(BENCH / "pdf_render.py"), "--runs", "2"]
    say(f"Command: `{relative(Path(command[0]))} benchmarks/pdf_render.py --runs 2` (two clean builds per run:")
    say("an empty PDF cache, then the cache that build filled; the PDFs render in parallel worker processes).")
    say()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    say("```")
    say((result.stdout or result.stderr).rstrip())
    say("```")
    say()


def main() -> None:
    started = time.perf_counter()
    WORK.mkdir(parents=True, exist_ok=True)
    machine()
    nohooks, nohooks_cache, plain = config_without_hooks(), config_without_hooks(keep_speed_hook=True), config_plain()
    try:
        best = build_times({"project": (None, True), "hooks and PDFs off": (nohooks, True),
                            STRICT_BASELINE: (nohooks_cache, True), "plain Material": (plain, False)})
        page_weight(WORK / "site-project", WORK / "site-plain-material")
        lighthouse(WORK / "site-project", WORK / "site-plain-material")
        library()
        linearity(best)
        serve_rebuild(best["wall"])
        pdf_render()
    finally:
        for generated in ROOT.glob(".bench-*.yml"):
            generated.unlink()
    say(f"_`make bench` took {(time.perf_counter() - started) / 60:.1f} minutes._")
    (BENCH / "RESULTS.md").write_text("\n".join(report) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
