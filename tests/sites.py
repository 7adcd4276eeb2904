"""The sites the tests look at, each built once per test run with the real strict build
(`mkdocs build --strict`) and shared by every test and every pytest-xdist worker of the run.

- "shipped": the project as it is.
- "sample": a real-looking video address (with a transcript page in English) and GA4 analytics
  switched on (served by a local stand-in script), for the consent and video tests. Nothing in
  it leaves the machine.
- "sample_carrying_old_choices": the same, with the old site's acceptances carried over.
- "translations_changed": the English guide changed after it was translated, the Romanian and
  Urdu accessibility statements missing, the Polish one reviewed and up to date.
- "library": a second resource, "Parent forums" (docs/parent-forums.md), as an editor adds one:
  in the menu, with a Polish translation and none in Romanian and Urdu (those languages show
  the English page); a list long enough to run over a page break, an English phrase in the
  Polish text and a link to an address with hyphens.
- "untrimmed": Material's stylesheet as shipped (TRIM_CSS=0), to compare with the trimmed one.
- "rebuilt": the shipped project built a second time, after it, with an empty PDF cache of its own.
- "without_template_cache": compiles every template for every language again; built after
  "rebuilt", with its PDF cache.
- "bengali": Bengali (bn) added as an editor adds a language (`shared.add_language`), with a
  Bengali guide whose first section is in Bengali, and a paragraph of words with soft hyphens
  and hyphens in a column narrow enough to break them at line ends (kept on one page); and the
  Urdu guide opening with paragraphs of what right-to-left lines make hard for PDF readers, in
  a narrow column too.

Every build of a run shares one PDF cache (a PDF whose content did not change is taken from it)
and the date of the last commit (SOURCE_DATE_EPOCH), as `make build` does. A copy of the project
is built with the project's git history (GIT_DIR, GIT_WORK_TREE), so its PDFs carry the same
published and updated dates as the project's. A build that fails
fails every test that asks for its site, with the build's output.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
RUN_DIR_VARIABLE = "SITE_TESTS_RUN_DIR"
SAMPLE_VIDEO_ID = "M7lc1UVf-VE"  # a sample ID: in the tests YouTube's hosts are answered locally
# What a copy of the project needs to build.
PROJECT_FILES = ["docs", "hooks", "overrides", "mkdocs.yml"]

# A stand-in for Google Analytics' script: it sets the cookies GA4 sets (_ga, _ga_<id>).
STAND_IN_ANALYTICS = """document.cookie = "_ga=GA1.1.123.456; path=/; max-age=63072000; SameSite=Lax";
document.cookie = "_ga_TEST1=GS1.1.789; path=/; max-age=63072000; SameSite=Lax";
window.standInAnalyticsRan = true;
"""


class BuildFailed(AssertionError):
    """A site of the test run did not build; the message is the build's output."""


def run_dir() -> Path:
    """The folder this test run keeps its sites in (made by conftest.py, shared by all workers)."""
    folder = os.environ.get(RUN_DIR_VARIABLE)
    if not folder:
        raise RuntimeError(f"{RUN_DIR_VARIABLE} is not set: run the tests with pytest from the project (make test)")
    return Path(folder)


def last_commit_epoch() -> str:
    """What the Makefile uses for SOURCE_DATE_EPOCH: the last commit's date (a fixed date outside git)."""
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else "1700000000"


def build_site(destination: Path, extra_env: dict[str, str] | None = None,
               config: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real strict build; return the finished process (the caller checks it)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": last_commit_epoch(),
           "PRINTABLE_CACHE_DIR": str(run_dir() / "pdf-cache"), **(extra_env or {})}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(destination)]
    if config is not None:
        command += ["-f", str(config)]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)


def with_project_history(project: Path) -> dict[str, str]:
    """The environment that gives a copy of the project the project's git history (none outside git)."""
    result = subprocess.run(["git", "rev-parse", "--absolute-git-dir"], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0 or project == ROOT:
        return {}
    return {"GIT_DIR": result.stdout.strip(), "GIT_WORK_TREE": str(project)}


def project_copy(destination: Path, files: list[str] = PROJECT_FILES) -> Path:
    """A copy of the project's sources (config, hooks, templates, pages) in `destination`."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in files:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    return destination


def edit(path: Path, old: str, new: str) -> None:
    """Replace `old` (which must be there) in a file of a project copy."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer contains {old!r}: update the test"
    path.write_text(text.replace(old, new), encoding="utf-8")


# ------------------------------------------------------------------------------ the kinds of site

def with_sample_video_and_analytics(project: Path) -> None:
    for page in sorted((project / "docs").glob("index*.md")):
        edit(page, "watch?v=VIDEO_ID", f"watch?v={SAMPLE_VIDEO_ID}")
    (project / "docs/transcript.md").write_text(
        "---\ntitle: Transcript\ndescription: Transcript of the video.\n---\n\n# Transcript\n\nText.\n", encoding="utf-8")
    edit(project / "mkdocs.yml", "  - accessibility.md\n", "  - accessibility.md\n  - transcript.md\n")
    edit(project / "docs/index.md", f"watch?v={SAMPLE_VIDEO_ID}){{ .video }}",
         f'watch?v={SAMPLE_VIDEO_ID}){{ .video transcript="transcript.md" }}')
    (project / "docs/assets/stand-in-analytics.js").write_text(STAND_IN_ANALYTICS, encoding="utf-8")
    edit(project / "mkdocs.yml", 'provider: ""\n    id: ""\n    src: ""',
         'provider: "ga4"\n    id: "G-TEST1"\n    src: "/assets/stand-in-analytics.js"')


def carrying_old_choices(project: Path) -> None:
    with_sample_video_and_analytics(project)
    edit(project / "mkdocs.yml", "carry_legacy_acceptances: false", "carry_legacy_acceptances: true")


def with_translations_changed(project: Path) -> None:
    docs = project / "docs"
    (docs / "accessibility.ro.md").unlink()
    (docs / "accessibility.ur.md").unlink()
    guide = docs / "index.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nA new sentence in English.\n", encoding="utf-8")
    polish = docs / "accessibility.pl.md"  # reviewed, and made from today's English page
    english_hash = hashlib.sha256((docs / "accessibility.md").read_bytes()).hexdigest()[:12]
    text = polish.read_text(encoding="utf-8").replace("reviewed: false", "reviewed: true")
    polish.write_text(re.sub(r"source: \w+", f"source: {english_hash}", text, count=1), encoding="utf-8")


# Bengali text with conjuncts (সিদ্ধান্ত, নির্দেশিকা) and vowel signs written before their consonant (কি).
BENGALI_PAGE = {
    "title": "সহ-উৎপাদনের পথে",
    "heading": "সহ-উৎপাদনের পথে: এ বেটার স্টার্ট সাউথএন্ডের পদ্ধতি",
    "paragraphs": [
        "সহ-উৎপাদন হলো সিদ্ধান্ত গ্রহণকারী এবং সমাজের সেই মানুষদের মধ্যে একটি সেতু, যাঁরা প্রতিদিন "
        "ওই সিদ্ধান্তের প্রভাব নিজেরা অনুভব করেন।",
        "এই নির্দেশিকা কিছু পরামর্শ দেয়: খোলা মনে শুরু করুন, সঠিক কারণে কাজটি করুন, আর অন্যদের "
        "অভিজ্ঞতা ও প্রয়োজনের কথা শুনুন।",
    ],
}
# Urdu with what a right-to-left line makes hard for PDF readers: a word split between a bold
# part and the rest, European and Arabic-Indic digits with a decimal point and a percent sign, a
# Latin abbreviation in bold between brackets, guillemets and quotation marks, an English phrase
# in italics, a link, diacritics, a question mark, a sum, words joined with hyphens.
URDU_HARD_CASES = [
    "**کو**-پروڈکشن کا سال ۲۰۲۶ ہے، اور 2026 میں 12.5% لوگ (**ABSS**) سے جُڑے۔",
    "«اہم» بات: _Asset Based Community Development_ (ABCD) یا \"A Better Start\" – کیا دونوں ٹھیک ہیں؟",
    "[رسائی کا بیان](accessibility.md) پڑھیں: قُرآن، اُن اور اِس میں زیر، زبر اور پیش ہیں، اور 3 + 4 = 7۔",
    "کو-پروڈکشن، والدین-عملہ-کمیونٹی-فیصلہ-ساز-ادارے-حکومت-شہر اور فیصلہ-ساز: لمبے جڑے ہوئے لفظ۔",
]
# Words a line may break inside: at a soft hyphen (&shy;) or after a hyphen.
BREAKING_WORDS = " ".join(["co&shy;production", "co-production", "decision&shy;makers", "well-being"] * 3)


def with_bengali(project: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "shared.add_language", "bn", "--project", str(project)],
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")},
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    docs = project / "docs"
    english = (docs / "index.md").read_text(encoding="utf-8")
    source = hashlib.sha256((docs / "index.md").read_bytes()).hexdigest()[:12]
    _, front, body = english.split("---\n", 2)
    first_section = body.split("\n## ", 1)
    bengali = (f"---\ntitle: {BENGALI_PAGE['title']}\ndescription: {BENGALI_PAGE['paragraphs'][0]}\n"
               f"translation:\n  source: {source}\n  reviewed: false\n---\n\n# {BENGALI_PAGE['heading']}\n\n"
               + "".join(f"{paragraph}\n\n" for paragraph in BENGALI_PAGE["paragraphs"])
               + f"{BREAKING_WORDS}\n{{ #breaking-words }}\n\n"
               + "## " + first_section[1])
    (docs / "index.bn.md").write_text(bengali, encoding="utf-8")
    urdu = docs / "index.ur.md"
    front, heading, body = urdu.read_text(encoding="utf-8").split("\n\n", 2)
    urdu.write_text(f"{front}\n\n{heading}\n\n" + "".join(f"{case}\n{{ #hard-case-{number} }}\n\n" for number, case in enumerate(URDU_HARD_CASES, start=1))
                    + body, encoding="utf-8")
    # The paragraphs in a column narrow enough to break their words and lines, kept on one page.
    stylesheet = project / "hooks" / "pdf.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8")
                          + "\n#breaking-words { width: 6em; break-inside: avoid; }"
                          + "\n[id^=hard-case] { width: 11em; break-inside: avoid; }\n", encoding="utf-8")


SECOND_RESOURCE = "parent-forums"
PARENT_FORUM_STEPS = [
    "Ask parents when and where they can meet", "Book a room with step-free access near a bus stop",
    "Offer a crèche so that parents of young children can come", "Agree the forum's purpose in one sentence",
    "Invite the people who run the services the forum talks about", "Send the agenda a week before",
    "Keep the agenda to three topics", "Start with what changed since the last meeting",
    "Let parents speak first on each topic", "Write down every question asked",
    "Say which questions will be answered, by whom and when", "Share the notes within a week",
    "Pay parents' travel costs on the day", "Thank everyone by name in the notes",
    "Ask at the end what worked and what did not", "Change one thing at the next meeting",
]


def with_a_second_resource(project: Path) -> None:
    docs = project / "docs"
    steps = "".join(f"- {step}.\n" for step in PARENT_FORUM_STEPS * 3)
    (docs / f"{SECOND_RESOURCE}.md").write_text(
        "---\ntitle: Parent forums\ndescription: How to run a parent forum where parents and services plan "
        "together.\n---\n\n# Parent forums: planning services with parents\n\n"
        "A parent forum brings parents together with the people who run local services. See also the "
        "[Southend family-information service](https://www.southend-family-information.example/parent-forums-"
        "and-co-production-guide/).\n\n"
        f"## Running a parent forum, step by step\n\n{steps}\n"
        "## Download this resource\n\nYou can download a printable version of this information.\n\n"
        "<!-- md:download-printable -->\n", encoding="utf-8")
    english_hash = hashlib.sha256((docs / f"{SECOND_RESOURCE}.md").read_bytes()).hexdigest()[:12]
    polish_steps = "".join(f"- Krok {n}: zapytaj rodziców, co działa.\n" for n in range(1, 49))
    (docs / f"{SECOND_RESOURCE}.pl.md").write_text(
        f"---\ntitle: Fora rodziców\ndescription: Jak prowadzić forum rodziców, na którym rodzice i służby "
        f"wspólnie planują.\ntranslation:\n  source: {english_hash}\n  reviewed: true\n---\n\n"
        "# Fora rodziców: planowanie usług razem z rodzicami\n\n"
        'Forum rodziców (ang. <span lang="en">parent forum</span>) łączy rodziców z osobami, które prowadzą '
        "lokalne usługi.\n\n"
        f"## Jak prowadzić forum rodziców\n\n{polish_steps}\n"
        "## Pobierz te materiały\n\nMożesz pobrać wersję tych informacji do druku.\n\n"
        "<!-- md:download-printable -->\n", encoding="utf-8")
    edit(project / "mkdocs.yml", "  - index.md\n", f"  - index.md\n  - {SECOND_RESOURCE}.md\n")


def without_template_cache(project: Path) -> None:
    edit(project / "mkdocs.yml", "  - hooks/template_cache.py\n", "")


@dataclass(frozen=True)
class Kind:
    change: Callable[[Path], None] | None = None  # edits to a copy of the project; None: the project itself
    env: dict[str, str] = field(default_factory=dict)
    own_cache: bool = False   # a PDF cache of its own, empty at first
    cache_of: str | None = None  # the PDF cache of another kind, built first
    after: tuple[str, ...] = ()  # kinds built first (a clock-based date would differ between them)


KINDS = {
    "shipped": Kind(),
    "sample": Kind(with_sample_video_and_analytics),
    "sample_carrying_old_choices": Kind(carrying_old_choices),
    "translations_changed": Kind(with_translations_changed),
    "library": Kind(with_a_second_resource),
    "untrimmed": Kind(env={"TRIM_CSS": "0"}),
    "rebuilt": Kind(own_cache=True, after=("shipped",)),
    "without_template_cache": Kind(without_template_cache, cache_of="rebuilt"),
    "bengali": Kind(with_bengali),
}


@dataclass(frozen=True)
class Built:
    site: Path
    project: Path  # the project it was built from (ROOT, or the copy)
    output: str    # what the build printed


def site(kind: str = "shipped") -> Path:
    return built(kind).site


def built(kind: str = "shipped") -> Built:
    """The site of this kind, built once per test run (the first worker to ask builds it)."""
    folder = run_dir() / "sites" / kind
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        record = folder / "record.json"
        if not record.exists():
            record.write_text(json.dumps(build_kind(kind, folder)), encoding="utf-8")
    result = json.loads(record.read_text(encoding="utf-8"))
    if result["returncode"] != 0:
        raise BuildFailed(f"the {kind!r} site did not build:\n{result['output'][-4000:]}")
    return Built(Path(result["site"]), Path(result["project"]), result["output"])


def pdf_cache(kind: str) -> Path:
    """The PDF cache a kind of site was built with."""
    spec = KINDS[kind]
    if spec.own_cache:
        return run_dir() / "sites" / kind / "pdf-cache"
    if spec.cache_of:
        return pdf_cache(spec.cache_of)
    return run_dir() / "pdf-cache"


def build_kind(kind: str, folder: Path) -> dict:
    spec = KINDS[kind]
    for other in (*spec.after, *([spec.cache_of] if spec.cache_of else [])):
        built(other)
    project, config = ROOT, None
    if spec.change is not None:
        project = project_copy(folder / "project")
        spec.change(project)
        config = project / "mkdocs.yml"
    env = {**spec.env, **with_project_history(project), "PRINTABLE_CACHE_DIR": str(pdf_cache(kind))}
    destination = folder / "site"
    result = build_site(destination, env, config)
    return {"site": str(destination), "project": str(project), "returncode": result.returncode,
            "output": result.stdout + result.stderr}
