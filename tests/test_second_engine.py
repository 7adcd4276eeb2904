"""A second and a third opinion beside axe-core: IBM's Equal Access rules (accessibility-checker-
engine's ace.js) and HTML_CodeSniffer (HTMLCS.js, WCAG 2 AA), each injected into the real page in
Chromium, on every page in every language: the whole page as a new visitor sees it (the cookie
banner), then what changes when the reader opens the cookie settings (the dialog) and after the
reader has accepted cookies (the banner's confirmation); the rest of the page stays as checked.

IBM's results that fail are its violations and potential violations; HTML_CodeSniffer's are its
errors (its warnings and notices ask a person to look). Every rule left out below says why: most
ask a person to confirm something that a test of this project checks on every page (the focus
is visible and not covered: test_keyboard.py; colour is not the only mark: test_page_semantics.py),
or point at markup of Material's or of the vendored cookie library that works as it is.

The engines come from tests/package.json (installed by `make test` with `npm ci --ignore-scripts`
into tests/node_modules; nothing is downloaded while the tests run)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from conftest import shared_tab, site_pages, visit

MODULES = Path(__file__).resolve().parent / "node_modules"
ACE = MODULES / "accessibility-checker-engine" / "ace.js"
HTMLCS = MODULES / "html_codesniffer" / "build" / "HTMLCS.js"

# IBM rules left out, with the reason. A rule left out only for some elements names them (a CSS
# selector); elsewhere it still counts.
IBM_LEFT_OUT: dict[str, tuple[str | None, str]] = {
    "element_tabbable_unobscured": (None, "Potential: asks to confirm that a focused element is not covered. "
                                    "test_keyboard.py checks every Tab stop of every page at five widths."),
    "style_focus_visible": (None, "Potential: asks to confirm that the focus shows where CSS sets outline or border. "
                            "test_keyboard.py checks that every Tab stop shows its focus."),
    "style_color_misuse": (None, "Potential, on every stylesheet: asks to confirm that colour is not the only "
                           "mark. Links are underlined; the page being read is bold with a bar "
                           "(test_page_semantics.py)."),
    "text_block_heading": (None, "Potential: asks whether short texts are headings. They are the site's name and "
                           "page title in the header, \"Next\"/\"Previous\" in the footer, the copyright line, "
                           "\"Table of contents\": labels, not headings of sections."),
    "text_sensory_misuse": (None, "Potential: the word \"right\" in \"Do it for the right reasons\" (the "
                            "correct reasons, not a direction)."),
    "input_label_visible": (None, "Potential: the header's buttons (menu, languages, search), the search box's "
                            "Clear button and the settings' Close button show Material's icons; each has its "
                            "name in aria-label, in the page's language. The search box shows its name as "
                            "placeholder, as Material draws it."),
    "widget_tabbable_exists": (".md-search__options button[type=reset]",
                               "Potential: Material's Clear button in the search box is out of the Tab order "
                               "(tabindex=-1), as Material ships it; it is a mouse shortcut, the keyboard clears "
                               "the box itself."),
    "form_submit_button_exists": ("form[name=search]", "Potential: Material's search shows results as the reader "
                                  "types and Enter opens the best one: there is nothing to submit."),
    "svg_graphics_labelled": (None, "Material's icons and the cookie library's are SVG drawings inside links and "
                              "buttons that have their own name; an SVG without a title or role is left out of "
                              "the accessibility tree (Chromium), so it adds nothing to the name."),
    "input_checkboxes_grouped": ("#cc-main", "Potential, in the cookie library's settings dialog: each switch "
                                 "is labelled by its category's name and stands in that category's own section."),
    "element_tabbable_role_valid": (".site-table-wrapper[role=region], .md-search__scrollwrap[role=region]",
                                    "The cookie tables (sideways, on a phone) and the search results scroll "
                                    "inside their own box: a named region with tabindex=0 lets a keyboard "
                                    "scroll it (WCAG 2.1.1; axe's scrollable-region-focusable). IBM asks for a "
                                    "widget role, which a region of text is not."),
    "text_quoted_correctly": (None, "Potential: asks whether words in quotation marks are quotations. In the "
                              "guide they are a word or a phrase named, not something someone said."),
    "text_contrast_sufficient": ("[data-md-component=header-topic]",
                                 "Potential, on Material's second header title (the page's title, which takes the "
                                 "site name's place once the reader scrolls past the heading): hidden behind the "
                                 "first (opacity 0, z-index -1), IBM reads its background as its own colour. "
                                 "Shown, it is white on the header's blue (10.4:1)."),
    "label_content_exists": (".md-overlay", "Material's shade behind the open menu (base.html, not in a template "
                             "block): an empty <label> for Material's hidden menu checkbox, so that a click "
                             "beside the menu closes it. Not focusable; the menu button and Escape close the menu."),
    "label_ref_valid": (".md-overlay, label[for=__search][hidden]",
                        "The labels of Material's hidden checkboxes (display: none): the shade behind the open "
                        "menu (see label_content_exists) and an empty hidden label Material's script looks for."),
    "form_label_unique": (".md-overlay, label[for=__search][hidden]", "As label_ref_valid."),
}

# HTML_CodeSniffer errors left out, with the reason.
HTMLCS_LEFT_OUT: dict[str, str] = {
    "WCAG2AA.Principle3.Guideline3_2.3_2_2.H32.2": "Material's search form has no submit button: results show as "
                                                   "the reader types, Enter opens the best one.",
}

IBM_CHECK = r"""async ([leftOut, part]) => {
  const root = part ? document.querySelector(part) : document;
  const report = await new ace.Checker().check(root, ['IBM_Accessibility']);
  // The element a result is about, from its path (a part is checked as the only child of a
  // document of its own: /html[n]/body[1]/<the part>/…).
  const element = path => part
    ? document.evaluate(path.replace(/^\/html\[\d+\]\/body\[1\]\/[^/]+/, '.'), root, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue
    : document.evaluate(path, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
  return report.results
    .filter(r => r.value[0] === 'VIOLATION' && (r.value[1] === 'FAIL' || r.value[1] === 'POTENTIAL'))
    .filter(r => {
      if (!(r.ruleId in leftOut)) return true;
      const selector = leftOut[r.ruleId];
      if (selector === null) return false;
      const node = element(r.path.dom);
      return !(node && node.closest && node.closest(selector));
    })
    .map(r => `IBM ${r.ruleId} (${r.value[1].toLowerCase()}): ${r.message} – ${r.snippet.slice(0, 120)}`);
}"""

HTMLCS_CHECK = """([leftOut, part]) => new Promise(resolve => HTMLCS.process('WCAG2AA',
    part ? document.querySelector(part) : document, () => resolve(
  HTMLCS.getMessages().filter(m => m.type === HTMLCS.ERROR && !leftOut.includes(m.code))
    .map(m => `HTML_CodeSniffer ${m.code}: ${m.msg} – ${(m.element.outerHTML || '').slice(0, 120)}`))))"""


# Reduced motion: each state is checked as it ends up, never half-way through a fade.
tab = shared_tab(viewport={"width": 1280, "height": 800}, reduced_motion="reduce")


@pytest.fixture(scope="module", autouse=True)
def engines() -> None:
    for engine in (ACE, HTMLCS):
        if not engine.exists():
            pytest.fail(f"{engine.relative_to(MODULES.parent.parent)} is missing: run `make test`, which installs "
                        "the checkers from tests/package-lock.json (npm ci --ignore-scripts in tests/).")


def findings(page: Page, part: str | None = None) -> list[str]:
    """What both engines find in the page, or in one part of it (a CSS selector)."""
    ibm = {rule: selector for rule, (selector, _) in IBM_LEFT_OUT.items()}
    return page.evaluate(IBM_CHECK, [ibm, part]) + page.evaluate(HTMLCS_CHECK, [list(HTMLCS_LEFT_OUT), part])


@pytest.mark.parametrize("path", site_pages())
def test_ibm_equal_access_and_html_codesniffer_find_nothing(tab: Page, base_url: str, path: str) -> None:
    page = tab
    found = []
    visit(page, base_url + path)
    page.wait_for_selector("[data-consent-banner]", state="visible")
    page.add_script_tag(path=str(ACE))
    page.add_script_tag(path=str(HTMLCS))
    found += [f"banner: {finding}" for finding in findings(page)]
    page.click("[data-consent-choose]")
    page.wait_for_selector("#cc-main .pm", state="visible")
    page.wait_for_function("getComputedStyle(document.querySelector('#cc-main .pm')).opacity === '1'")
    found += [f"settings open: {finding}" for finding in findings(page, "#cc-main")]
    page.click("#cc-main .pm__btn[data-role=all]")
    page.wait_for_selector("[data-consent-hide]", state="visible")
    page.wait_for_function("getComputedStyle(document.querySelector('#cc-main .pm')).visibility === 'hidden'")
    found += [f"after consent: {finding}" for finding in findings(page, "[data-consent-banner]")]
    assert found == [], f"{path}:\n" + "\n".join(sorted(set(found)))
