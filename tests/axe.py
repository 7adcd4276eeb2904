"""Run axe-core in a page and describe its violations in a readable way."""

from __future__ import annotations

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page

# WCAG 2.2 A and AA, best practices, and the enhanced (AAA, 7:1) contrast rule: the site aims
# for 7:1 text contrast, and checking it keeps that aim honest. No rule is switched off.
OPTIONS = {
    "runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice", "wcag2aaa",
    ]},
    "resultTypes": ["violations"],
}

# axe-core, put into the page once (it stays until the page is left) and run with the site's
# options; only the violations come back, each as "rule (impact): target – help".
RUN_AXE = """([context, options]) => axe.run(context || document, options).then(results => results.violations.flatMap(
  violation => violation.nodes.map(node =>
    `${violation.id} (${violation.impact}): ${JSON.stringify(node.target)} – ${violation.help}`)))"""

# axe looks at where the page ends up: running transitions and animations (the header's title
# fading in as the page scrolls) are waited for first; one that never ends is not.
SETTLED = """() => Promise.all(document.getAnimations()
  .filter(animation => animation.effect && isFinite(animation.effect.getComputedTiming().endTime))
  .map(animation => animation.finished.catch(() => null)))"""


def violations(page: Page, *parts: str) -> list[str]:
    """axe's violations in the whole page, or in the parts of it named (CSS selectors); an empty
    list means none."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    page.evaluate(SETTLED)
    context = {"include": [[part] for part in parts]} if parts else None
    return page.evaluate(RUN_AXE, [context, OPTIONS])
