"""Canaries for every internal of MkDocs, Material, mkdocs-static-i18n and mkdocs-print-site-plugin
that the site relies on (hooks/shared/internals.py, and the markup and wording listed in the
README's upgrade checklist), and for the parts of WeasyPrint that hooks/shared/pdf_structure.py
changes. Each fails here, naming what changed, before a build goes wrong
silently after an upgrade.

Most are checked on a small site built in this process with the pinned packages: two languages,
print-site, a broken link and a missing anchor, and a hook that records what the site's hooks
read at each event.
"""

from __future__ import annotations

import hashlib
import io
import logging
import textwrap
from pathlib import Path

import material
import pikepdf
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from shared import internals, markup
from shared.editor_messages import ANCHOR_HERE, ANCHOR_OTHER, LINK_NOT_FOUND, NOT_IN_NAV, rewrite
from sites import ROOT

MATERIAL = Path(material.__file__).parent / "templates"

RECORDER = '''
from mkdocs.plugins import event_priority
from shared import internals, timeline

seen = {}


@event_priority(timeline.AFTER_I18N_FILES)
def on_files(files, *, config):
    i18n = internals.i18n_plugin(config)
    language = internals.i18n_current_language(i18n)
    seen.setdefault("languages", []).append(language)
    seen.setdefault("default", internals.i18n_default_language(i18n))
    for file in files.documentation_pages():
        seen.setdefault("locales", {})[(language, file.src_uri)] = internals.file_locale(file)
        seen.setdefault("alternates", {})[(language, file.src_uri)] = sorted(internals.file_alternates(file))
    return files


def on_post_page(output, *, page, config):
    seen.setdefault("switcher", []).append([link["link"] for link in internals.switcher_links(config)])
    return output


@event_priority(timeline.WHOLE_SITE)
def on_post_build(*, config):
    i18n = internals.i18n_plugin(config)
    seen.setdefault("building", []).append(internals.i18n_building(i18n))
    print_site = config.plugins["print-site"]
    seen.setdefault("print_pages", []).append(internals.print_site_page(print_site).file.dest_uri)
    seen.setdefault("print_context", []).append(sorted(internals.print_site_context(print_site))[:1])
'''


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("small-site")
    docs = folder / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n[Missing](missing.md) and [no anchor](#nowhere) and [other](other.md#nowhere)\n")
    (docs / "index.pl.md").write_text("# Strona\n\nTekst.\n")
    (docs / "other.md").write_text("# Other\n\nText.\n")
    (docs / "extra.md").write_text("# Not in the menu\n")
    (folder / "recorder.py").write_text(RECORDER)
    (folder / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: Small
        theme: {name: material, language: en}
        nav: [index.md, other.md]
        hooks: [recorder.py]
        plugins:
          - search
          - i18n:
              docs_structure: suffix
              fallback_to_default: true
              reconfigure_material: true
              languages:
                - {locale: en, default: true, name: English, build: true}
                - {locale: pl, name: Polski, build: true}
          - print-site:
              add_to_navigation: false
        validation: {links: {anchors: warn}}
        """))
    messages: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: messages.append(record.getMessage())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(str(folder / "mkdocs.yml"), site_dir=str(folder / "site"))
        envs: list = []
        internals.on_every_theme_env(config, envs.append)
        build(config)
        seen = config.plugins["hooks/recorder.py" if "hooks/recorder.py" in config.plugins else "recorder.py"].seen
    finally:
        logger.removeHandler(handler)
    return {"seen": seen, "messages": messages, "envs": envs, "site": folder / "site", "config": config}


def test_static_i18n_builds_each_language_and_says_which(small_site: dict) -> None:
    seen = small_site["seen"]
    assert seen["languages"] == ["en", "pl"] and seen["default"] == "en"
    # Its `building` flag is set while it builds the other languages inside its on_post_build.
    assert seen["building"] == [True, False]


def test_static_i18n_marks_each_files_language_and_alternates(small_site: dict) -> None:
    locales, alternates = small_site["seen"]["locales"], small_site["seen"]["alternates"]
    assert locales[("pl", "index.pl.md")] == "pl"
    assert locales[("pl", "other.md")] == "en", "a page Polish falls back to is the English file"
    assert alternates[("pl", "index.pl.md")] == ["en", "pl"]


def test_static_i18n_sets_the_language_switcher_of_each_page(small_site: dict) -> None:
    switchers = small_site["seen"]["switcher"]
    assert switchers and all(len(links) == 2 for links in switchers), switchers
    assert ["./", "pl/"] in switchers or ["/", "/pl/"] in switchers, switchers


def test_print_site_keeps_its_print_page_and_the_404_context(small_site: dict) -> None:
    assert small_site["seen"]["print_pages"][0].endswith("print_page/index.html")
    assert all(context for context in small_site["seen"]["print_context"]), "print-site saved no template context"
    assert internals.print_site_page_key("pl/other/") == "pl-other"


def test_every_theme_environment_goes_through_the_wrapped_get_env(small_site: dict) -> None:
    # Two language builds, and print-site's print page of each.
    assert len(small_site["envs"]) >= 4


def test_mkdocs_warns_in_the_words_the_editor_messages_expect(small_site: dict) -> None:
    messages = " ".join(small_site["messages"])
    assert LINK_NOT_FOUND.search(messages), small_site["messages"]
    assert ANCHOR_HERE.search(messages), small_site["messages"]
    assert ANCHOR_OTHER.search(messages), small_site["messages"]
    not_in_nav = [message for message in small_site["messages"] if "not included in the" in message]
    assert not_in_nav == [] or NOT_IN_NAV.search(not_in_nav[0])
    rewritten = [line for message in small_site["messages"] for line in rewrite(message, Path("/nowhere"))]
    assert all(line.startswith(("docs/", "mkdocs.yml")) for line in rewritten), rewritten


def test_materials_script_bundle_is_the_one_its_base_template_names(small_site: dict) -> None:
    bundle = internals.material_bundle(small_site["config"])
    assert f"'{bundle}'" in (MATERIAL / "base.html").read_text(encoding="utf-8")


# Material's partials the site overrides with a copy, and the sha256 (first 16 digits) of Material's
# file the copy was made from. A new release that changes one fails here: compare the copy's
# changes (its first comment says what differs) with Material's new file, then update the hash.
COPIED_PARTIALS = {
    "partials/alternate.html": "572b1d4dae611aa5",
    "partials/copyright.html": "bc86bca3bf75070f",
    "partials/header.html": "8cf3fb15bcf969ff",
    "partials/javascripts/palette.html": "8790389765ea6036",
    "partials/nav-item.html": "89895208f22d68ce",
    "partials/nav.html": "af33f6e032f632eb",
    "partials/search.html": "bfd556535abcddb9",
    "partials/toc.html": "fde48f583563364b",
}


def test_material_has_the_blocks_the_site_extends() -> None:
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    for block in ("site_meta", "htmltitle", "header", "extrahead", "scripts", "content", "site_nav"):
        assert f"{{% block {block} %}}" in base, f"Material's base.html has no block {block}"
    # The palette script the site leaves out (overrides/partials/javascripts/palette.html).
    assert '{% include "partials/javascripts/palette.html" %}' in (MATERIAL / "partials/header.html").read_text(encoding="utf-8")


def test_every_copied_partial_was_copied_from_the_installed_materials_file() -> None:
    overridden = sorted(partial.relative_to(ROOT / "overrides").as_posix()
                        for partial in ROOT.joinpath("overrides/partials").rglob("*.html")
                        if "site" not in partial.relative_to(ROOT / "overrides/partials").parts)
    assert overridden == sorted(COPIED_PARTIALS), "a partial outside partials/site/ overrides Material's: list it here"
    for name, digest in COPIED_PARTIALS.items():
        material = MATERIAL / name
        assert material.exists(), f"Material no longer has {name}"
        assert hashlib.sha256(material.read_bytes()).hexdigest()[:16] == digest, (
            f"Material's {name} changed: compare overrides/{name} with it, then update COPIED_PARTIALS")


def test_materials_script_has_the_hooks_the_front_end_relies_on() -> None:
    bundle = next((MATERIAL / "assets/javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    # video.js marks the player data-preview: Material's tooltips leave such elements alone.
    assert '[title]:not([data-preview])' in bundle
    # lazy-search.html holds back the index (search/search_index.json) and the worker (config.search).
    assert "search_index.json" in bundle
    # material-on-first-use.html starts Material by sending DOMContentLoaded again.
    assert "DOMContentLoaded" in bundle


def test_an_edit_of_markup_that_is_not_there_stops_the_build_naming_it() -> None:
    assert markup.edit("<p>a</p>", "<p>", "<p class=x>", what="a paragraph", where="index.html") == "<p class=x>a</p>"
    with pytest.raises(markup.MarkupChanged) as error:
        markup.edit("<div>a</div>", "<p>", "<p class=x>", what="a paragraph", where="index.html")
    assert str(error.value).startswith("index.html: expected a paragraph 1 time(s), found it 0 time(s).")
    with pytest.raises(markup.MarkupChanged):
        markup.edit("<p>a</p><p>b</p>", "<p>", "", what="a paragraph", where="index.html")
    assert markup.edit("<p>a</p><p>b</p>", "<p>", "", what="a paragraph", where="index.html", expected=range(1, 3)) == "a</p>b</p>"


def test_the_published_address_is_read_as_mkdocs_reads_it(tmp_path: Path, monkeypatch) -> None:
    """hooks/pdf.py prints the published address in the PDFs, also under `mkdocs serve`."""
    (tmp_path / "mkdocs.yml").write_text('site_name: S\nsite_url: !ENV [SITE_URL, "https://example.org/guide/"]\n')
    (tmp_path / "docs").mkdir()
    monkeypatch.delenv("SITE_URL", raising=False)
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.site_url = "http://127.0.0.1:8000/guide/"  # what `mkdocs serve` does
    assert internals.configured_site_url(config) == "https://example.org/guide/"
    monkeypatch.setenv("SITE_URL", "https://elsewhere.example/")
    assert internals.configured_site_url(config) == "https://elsewhere.example/"


def test_mkdocs_serve_can_be_told_to_reload_the_browsers(tmp_path: Path) -> None:
    """hooks/pdf.py reloads the preview when the PDFs that follow a build are ready."""
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        before = server._visible_epoch
        assert internals.reload_browsers(server)
        assert server._visible_epoch > before and server._visible_epoch == server._wanted_epoch
        server._want_rebuild = True  # a build is wanted: it reloads them itself
        assert not internals.reload_browsers(server)
    finally:
        server.server_close()


def test_weasyprint_has_what_the_pdfs_structure_tree_relies_on() -> None:
    """shared/pdf_structure.py: the release it was written for, the functions it wraps, and what
    they make of a page with a running header, a list over a page break, a link holding markup
    and an English phrase in a Polish text."""
    import weasyprint
    from weasyprint import document, pdf
    from weasyprint.pdf import stream, tags

    from shared import pdf_render, pdf_structure

    assert weasyprint.__version__ == pdf_structure.WEASYPRINT_CHECKED, (
        f"WeasyPrint {weasyprint.__version__}: check shared/pdf_structure.py against its drawing and tagging "
        "code (and whether it now does what that file adds), then change WEASYPRINT_CHECKED")
    for owner, name in ((document, "draw_page"), (stream.Stream, "marked"), (stream.Stream, "artifact"),
                        (tags, "_build_box_tree"), (pdf, "add_tags")):
        assert callable(getattr(owner, name, None)), f"WeasyPrint no longer has {owner.__name__}.{name}"
    items = "".join(f"<li>Step {n} of a list that runs over a page break</li>" for n in range(40))
    html = ('<!doctype html><html lang="pl"><head><title>T</title></head><body><h1>Tytuł</h1>'
            f'<p>Tekst <i lang="en">co-production</i> i <a href="#end">link <b>pogrubiony</b></a>.</p><ul>{items}</ul>'
            '<h2 id="end">Koniec</h2></body></html>')
    css = "@page { size: A6; @top-center { content: 'Header' } @bottom-center { content: counter(page) } }"
    data, pages, errors, _ = pdf_render.render(html, ROOT.as_uri() + "/", css)
    assert pages > 1 and errors == []
    with pikepdf.open(io.BytesIO(data)) as document_pdf:
        found, seen = [], set()

        def walk(node) -> None:
            if isinstance(node, pikepdf.Array):
                for child in node:
                    walk(child)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                found.append(node)
                seen.add(node.objgen)
                if "/K" in node:
                    walk(node.K)

        walk(document_pdf.Root.StructTreeRoot.K)
        assert [str(element.S) for element in found].count("/L") == 1, "the list is split at the page break"
        assert any(str(element.get("/Lang", "")) == "en" for element in found), "the English phrase has no /Lang"
        annotations = [a for page in document_pdf.pages for a in page.obj.get("/Annots", [])]
        assert annotations and all(str(a.Contents) == "link pogrubiony" for a in annotations)
        artifacts = sum(1 for page in document_pdf.pages for operands, operator in pikepdf.parse_content_stream(page)
                        if str(operator) in ("BMC", "BDC") and str(operands[0]) == "/Artifact")
        assert artifacts >= 2 * pages, "the running header and page numbers are not artifacts"
