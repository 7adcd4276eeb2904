"""A reader's browser runs only the scripts the site was built with: the site ships `_headers`
with a strict Content-Security-Policy, and no page, in any language or consent state, breaks it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Callable

import pytest
from playwright.sync_api import Browser, Page

from built_pages import document
from conftest import hook, page_file, search_for, site_pages
from servers import read_headers_file, serve, served


def site_headers(site: Path) -> dict[str, str]:
    rules = read_headers_file(site / "_headers")
    return {name: value for pattern, headers in rules if pattern.match("/any/page/") for name, value in headers}


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        if part.strip():
            name, *values = part.split()
            parsed[name] = values
    return parsed


# ---------------------------------------------------------------------------------------------
# The _headers file

def test_every_page_gets_the_security_headers(built_site: Path) -> None:
    headers = site_headers(built_site)
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert int(re.search(r"max-age=(\d+)", headers["Strict-Transport-Security"])[1]) >= 31536000
    assert headers["Referrer-Policy"] in ("no-referrer", "strict-origin-when-cross-origin", "same-origin")
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]
    assert read_headers_file(built_site / "_headers")[0][0].pattern == "^/.*$", "the rule must cover every path"


def test_the_policy_allows_no_inline_script_except_by_hash(built_site: Path) -> None:
    policy = directives(site_headers(built_site)["Content-Security-Policy"])
    script_src = policy["script-src"]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert [value for value in script_src if not value.startswith("'sha256-")] == ["'self'"]
    assert policy["frame-src"] == ["https://www.youtube-nocookie.com"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]


def test_the_hook_finds_the_inline_scripts_a_full_parse_of_each_page_finds(built_site: Path, tmp_path: Path) -> None:
    security_headers = hook("security_headers")
    for path in site_pages():
        file = page_file(path)
        assert security_headers.inline_scripts(file) == security_headers.scripts_in(file.read_text(encoding="utf-8")), path
    tricky = tmp_path / "tricky.html"
    tricky.write_text('<p>a</p><SCRIPT data-note="1 > 0">one()</SCRIPT ><script type="application/json">{}</script>'
                      '<script src="x.js"></script><p>b</p><script>\r\ntwo()</script>', encoding="utf-8")
    assert security_headers.inline_scripts(tricky) == ["one()", "\ntwo()"]


# Inline event handlers (onclick=…), javascript: links and inline styles of one page.
def inline_code(path: Path) -> list[str]:
    found = []
    for element in document(path).root.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if name.startswith("on"):
                found.append(f"<{element.tag} {name}=…> (inline event handler)")
            if name in ("href", "src", "action") and value.strip().lower().startswith("javascript:"):
                found.append(f"<{element.tag} {name}=\"javascript:…\">")
            if name == "style":
                found.append(f"<{element.tag} style=…> (inline style: move it into a stylesheet)")
        if element.tag == "style":
            found.append("<style> element (move it into a stylesheet)")
    return found


@pytest.mark.parametrize("path", site_pages())
def test_no_page_has_inline_event_handlers_or_inline_styles(built_site: Path, path: str) -> None:
    assert inline_code(page_file(path, built_site)) == []


# ---------------------------------------------------------------------------------------------
# The browser, with the headers applied

# The consent states a reader can be in. Each puts a freshly opened page (on the home page) into
# its state; every page is then visited in that state (after a choice, each page starts the
# consent manager, so its library runs under the policy too).
# To add a state (e.g. "accepted, then played the video"), add a function and list it below.
def new_visitor(page: Page) -> None:
    pass


# A choice in the cookie banner, waited for until the confirmation shows (the record is written).
def choose(page: Page, button: str) -> None:
    page.click(button)
    page.locator("[data-consent-confirmation]").wait_for(state="visible")


def after_accept_all(page: Page) -> None:
    choose(page, "[data-consent-accept]")


def after_reject_all(page: Page) -> None:
    choose(page, "[data-consent-reject]")


def after_opening_and_closing_the_settings(page: Page) -> None:
    page.click("[data-consent-choose]")
    page.wait_for_selector("#cc-main .pm", state="visible")
    page.keyboard.press("Escape")
    page.wait_for_selector("#cc-main .pm", state="hidden")


CONSENT_STATES: list[Callable[[Page], None]] = [new_visitor, after_accept_all, after_reject_all,
                                               after_opening_and_closing_the_settings]

# Records every CSP violation of the page (and of its frames) before any page script runs.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
});
"""


# A page opened and settled: consent.js has decided (and, after a choice, the consent library has
# read the record), and Material's script, started by a key press, is running.
def visit(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("html[data-site-consent]", state="attached")
    page.keyboard.press("Tab")
    page.wait_for_selector("html.js", state="attached")  # (a selector: the policy forbids eval)


# Every CSP violation seen while `visit` runs: console messages and securitypolicyviolation events.
def violations_during(page: Page, visit: Callable[[], None]) -> list[str]:
    seen: list[str] = []
    page.on("console", lambda message: "Content Security Policy" in message.text and seen.append(message.text))
    visit()
    return seen


def test_the_browser_test_sees_a_violation(browser: Browser, built_site: Path, tmp_path: Path) -> None:
    """The detector works: an injected inline script and an inline event handler are reported."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    (site / "probe.html").write_text(
        '<!doctype html><title>probe</title><script>document.title = "ran"</script>'
        '<button onclick="document.title = \'clicked\'">x</button>', encoding="utf-8")
    context = browser.new_context(bypass_csp=False)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    server = serve(site, headers=True)
    try:
        seen = violations_during(page, lambda: page.goto(server.url + "/probe.html", wait_until="load"))
        page.click("button")
        page.wait_for_function("() => window.__cspViolations.length >= 2")
        events = page.evaluate("window.__cspViolations")
        title = page.title()
    finally:
        context.close()
        server.close()
    assert title == "probe", "the injected script ran: the policy is not applied"
    assert len(events) == 2 and all("script-src" in event for event in events), events
    assert seen, "Chromium's console reported no violation"


# ---------------------------------------------------------------------------------------------
# The policy in every page, for hosts that send no headers (GitHub Pages)

META_POLICY = re.compile(r'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="([^"]+)">')


@pytest.mark.parametrize("path", site_pages())
def test_every_page_carries_the_policy_right_after_its_charset(built_site: Path, path: str) -> None:
    html = page_file(path, built_site).read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    match = META_POLICY.search(head)
    assert match, "no Content-Security-Policy <meta> right after <meta charset>"
    assert head.index("<meta http-equiv") < min(head.index(tag) for tag in ("<script", "<link") if tag in head)
    policy = directives(match[1])
    header = directives(site_headers(built_site)["Content-Security-Policy"])
    assert not {"frame-ancestors", "report-uri", "sandbox"} & set(policy), "directives a <meta> cannot carry"
    assert {name: values for name, values in header.items() if name not in ("frame-ancestors", "script-src")} == \
        {name: values for name, values in policy.items() if name != "script-src"}
    assert set(policy["script-src"]) <= set(header["script-src"]) and "'unsafe-inline'" not in policy["script-src"]


# Each violation once: with _headers the page has two policies (the header's and the <meta>'s),
# and each reports what it blocks.
RECORD_EACH_VIOLATION_ONCE = """
window.__cspViolations = [];
const seen = new Set();
document.addEventListener("securitypolicyviolation", (event) => {
  const key = `${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`;
  if (!seen.has(key)) { seen.add(key); window.__cspViolations.push(key); }
});
"""


# What an attacker's markup would try, put into the page as the server sends it (as a stored
# injection would be): an inline script, an event handler, a javascript: link and a frame from
# another site. Each sets a flag on the page if it runs.
INJECTED = ('<script>window.__injected = (window.__injected || []).concat("script")</script>'
            '<img src="/missing.png" alt="" onerror="window.__injected = (window.__injected || []).concat(\'handler\')">'
            '<a id="injected-link" href="javascript:window.__injected = (window.__injected || []).concat(\'url\')">x</a>'
            '<iframe src="{foreign}/" title="foreign"></iframe>')


def inject(page: Page, site_url: str, foreign: str) -> None:
    def handle(route) -> None:
        if route.request.resource_type != "document":
            route.continue_()
            return
        response = route.fetch()
        body = response.text()
        if "text/html" in response.headers.get("content-type", ""):
            body = body.replace("</body>", INJECTED.replace("{foreign}", foreign) + "</body>", 1)
        route.fulfill(response=response, body=body)

    # The site's pages only (an address ending in "/" or ".html"); what they load is not held up.
    page.route(re.compile(re.escape(site_url) + r"/(?:[^?#]*/)?(?:[^/?#]*\.html)?$"), handle)


# Served with `_headers`, a page has two policies, the header's and its <meta>'s: what runs is what
# both allow. The site's own code is checked there, in every consent state (what it runs differs).
# Served as GitHub Pages serves it, the <meta> alone: it carries the header's directives with only
# the page's own script hashes (test_every_page_carries_the_policy_right_after_its_charset), so
# code that runs under both policies runs under it too;
# what is checked is that the <meta> alone blocks the injected markup, which does not depend on the
# reader's choice (the policy is in the page as served): on every page, as a new visitor.
ROUNDS = [(True, state) for state in CONSENT_STATES] + [(False, new_visitor)]


@pytest.mark.parametrize(("headers", "state"), ROUNDS,
                         ids=[f"{'with _headers' if headers else 'without headers (GitHub Pages)'}-{state.__name__}"
                              for headers, state in ROUNDS])
def test_injected_markup_is_blocked_and_the_sites_own_code_is_not(browser: Browser, built_site: Path,
                                                                   headers: bool, state: Callable[[Page], None]) -> None:
    site_url = served(built_site, headers=headers)
    foreign = served(built_site / "assets")  # another origin (another port)
    context = browser.new_context(bypass_csp=False)
    context.add_init_script(RECORD_EACH_VIOLATION_ONCE)
    page = context.new_page()
    problems: list[str] = []
    # Until markup is injected, any violation Chromium reports in the console (a worker's too) is the site's.
    injected = [False]
    page.on("console", lambda message: "Content Security Policy" in message.text and not injected[0]
            and problems.append(f"console: {message.text}"))
    try:
        visit(page, site_url + "/")
        state(page)
        # A search: its worker loads the search index (connect-src, worker-src).
        page.locator("input.md-search__input").click()
        search_for(page, "co-production")
        page.locator(".md-search-result__item").first.wait_for(timeout=5000)
        problems.extend(f"/ (search): {violation}" for violation in page.evaluate("window.__cspViolations"))
        injected[0] = True
        inject(page, site_url, foreign)
        for path in site_pages():
            visit(page, site_url + path)  # Material's script, which starts at the first key press, runs too
            page.evaluate("document.getElementById('injected-link').click()")
            page.wait_for_function("() => window.__cspViolations.length >= 4")
            ran = page.evaluate("window.__injected || []")
            kinds = sorted(v.split(" ")[0] for v in page.evaluate("window.__cspViolations"))
            if ran:
                problems.append(f"{path}: the injected {', '.join(ran)} ran")
            if kinds != ["frame-src", "script-src-attr", "script-src-elem", "script-src-elem"]:
                problems.append(f"{path}: violations {kinds} (other than the four injected ones: the site's own code)")
    finally:
        context.close()
    assert problems == []
