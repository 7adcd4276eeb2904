"""Run axe-core in a page and describe its violations in a readable way."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

AXE = Axe()

# WCAG 2.2 A and AA, best practices, and the enhanced (AAA, 7:1) contrast rule: the site aims
# for 7:1 text contrast, and checking it keeps that aim honest. No rule is switched off.
OPTIONS = {
    "runOnly": {"type": "tag", "values": [
        "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice", "wcag2aaa",
    ]},
}


def violations(page: Page, context: str | dict | None = None) -> list[str]:
    """Each violation as "rule (impact): target – help"; an empty list means none."""
    results = AXE.run(page, context=context, options=OPTIONS)
    found = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            found.append(f"{violation['id']} ({violation['impact']}): {node['target']} – {violation['help']}")
    return found
