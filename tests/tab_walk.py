"""A keyboard user's walk through a page: press Tab until the focus leaves the page, and at each
stop note what a sighted keyboard user and a screen reader user get there.

A stop is wrong when the reader cannot see it (in a `visibility: hidden` or `opacity: 0` box,
1 px or smaller, outside the window after the browser scrolled to it, or entirely covered by
something else), when it does not show that it has the focus (no outline, shadow or the site's
focus colour), or when it has no accessible name (the name Chromium gives screen readers,
read from its accessibility tree).

Keys go to the page through Chromium's DevTools protocol, as Playwright sends them, but without
waiting for Playwright between presses: a walk through every page, language and width has
thousands of stops."""

from __future__ import annotations

from dataclasses import dataclass, field

from playwright.sync_api import CDPSession, Page

# What the page says about the focused element, measured after the browser has scrolled to it;
# kept in the page until the walk ends. A stop is covered when none of five points of its visible
# part (its centre and four points near its corners) hits it or something inside it. Returns the
# element's id in the walk and whether it was seen before (its accessible name is asked for once),
# or null when the focus is not on an element of the page.
STOP_INFO = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const describe = node => {
    if (!node || !node.tagName) return String(node);
    const text = (node.getAttribute('aria-label') || node.textContent || '').trim().replace(/\\s+/g, ' ');
    return node.tagName.toLowerCase() + (node.id ? '#' + node.id : '') +
      [...node.classList].filter(c => c !== 'focus-visible').map(c => '.' + c).join('') +
      (text ? ' "' + text.slice(0, 50) + '"' : '');
  };
  const r = el.getBoundingClientRect();
  const left = Math.max(r.left, 0), top = Math.max(r.top, 0);
  const width = Math.min(r.right, innerWidth) - left, height = Math.min(r.bottom, innerHeight) - top;
  const problems = [];
  if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true}))
    problems.push('cannot be seen (in a hidden or transparent box)');
  if (r.width <= 1 || r.height <= 1) problems.push(`is ${r.width}×${r.height} px`);
  if (width <= 1 || height <= 1) problems.push(`is outside the window (at ${Math.round(r.left)},${Math.round(r.top)})`);
  // The focus shows: an outline, a shadow (the site's focus style, after GOV.UK) or its yellow.
  const s = getComputedStyle(el), transparent = colour => /^(transparent|rgba\\(.*,\\s*0\\))$/.test(colour);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1 && !transparent(s.outlineColor);
  if (!outline && s.boxShadow === 'none' && s.backgroundColor !== 'rgb(255, 221, 0)')
    problems.push('shows no focus (no outline, shadow or focus colour)');
  else {
    const points = [[0.5, 0.5], [0.1, 0.1], [0.9, 0.1], [0.1, 0.9], [0.9, 0.9]];
    const hits = points.map(([x, y]) => document.elementFromPoint(left + x * width, top + y * height));
    if (!hits.some(hit => hit && (hit === el || el.contains(hit) || (hit.contains(el) && hit !== document.body))))
      problems.push('is covered by ' + describe(hits[0]));
  }
  // An id for the element, the same at every stop on it while the page is loaded.
  window.__tabWalkIds = window.__tabWalkIds || new WeakMap();
  window.__tabWalkPage = window.__tabWalkPage || String(Math.random());
  if (!window.__tabWalkIds.has(el)) window.__tabWalkIds.set(el, window.__tabWalkPage + ':' + (++window.__tabWalkCount || (window.__tabWalkCount = 1)));
  const id = window.__tabWalkIds.get(el);
  const known = (window.__tabWalkKnown = window.__tabWalkKnown || new Set()).has(id);
  window.__tabWalkKnown.add(id);
  const stop = {id, known, element: describe(el), problems};
  (window.__tabWalk = window.__tabWalk || []).push(stop);
  return stop;
}"""

KEYS = {"Tab": ("Tab", 9, None), "Enter": ("Enter", 13, "\r"), "Escape": ("Escape", 27, None),
        " ": ("Space", 32, " ")}


@dataclass
class Stop:
    element: str
    role: str = ""
    name: str = ""
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.element} ({self.role} {self.name!r})"


class Keyboard:
    """A keyboard on a page, and what the page's accessibility tree calls each focused element."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.cdp: CDPSession = page.context.new_cdp_session(page)
        self.cdp.send("Accessibility.enable")
        self.names: dict[str, tuple[str, str]] = {}
        self.walking = False

    def press(self, key: str, shift: bool = False) -> None:
        """A key pressed and let go. (Tab moves the focus when it goes down: in a walk, where
        nothing listens for Tab going up, it is not sent up, which halves the messages.)"""
        code, number, text = KEYS[key]
        event = {"key": key, "code": code, "windowsVirtualKeyCode": number, "modifiers": 8 if shift else 0}
        self.cdp.send("Input.dispatchKeyEvent", {"type": "keyDown" if text else "rawKeyDown",
                                                 **({"text": text} if text else {}), **event})
        if key != "Tab" or not self.walking:
            self.cdp.send("Input.dispatchKeyEvent", {"type": "keyUp", **event})

    def run(self, expression: str):
        """A JavaScript expression's value (by value), quicker than Playwright's evaluate."""
        result = self.cdp.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                    "awaitPromise": False})
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def focus(self, selector: str) -> None:
        self.run(f"document.querySelector({selector!r}).focus()")

    def to_the_top(self) -> None:
        """Tab starts again at the top of the page, as after the page loaded."""
        self.run("(() => { const b = document.body; b.tabIndex = -1; b.focus(); b.removeAttribute('tabindex');"
                 " window.scrollTo(0, 0); })()")

    def _note_stop(self) -> dict | None:
        """Note the focused element; None when the focus is not on an element of the page."""
        noted = self.run(f"({STOP_INFO})()")
        if noted is None:
            return None
        if noted["id"] not in self.names:
            element = self.cdp.send("Runtime.evaluate", {"expression": "document.activeElement",
                                                         "objectGroup": "tab-walk"})["result"]
            nodes = self.cdp.send("Accessibility.getPartialAXTree",
                                  {"objectId": element["objectId"], "fetchRelatives": False})["nodes"]
            self.cdp.send("Runtime.releaseObjectGroup", {"objectGroup": "tab-walk"})
            node = next((n for n in nodes if not n.get("ignored")), nodes[0] if nodes else {})
            self.names[noted["id"]] = (node.get("role", {}).get("value", ""),
                                       str(node.get("name", {}).get("value", "")).strip())
        return noted

    def _stop(self, info: dict) -> Stop:
        role, name = self.names[info["id"]]
        stop = Stop(info["element"], role, name, list(info["problems"]))
        if not name:
            stop.problems.append("has no accessible name")
        return stop

    def _stops(self) -> list[Stop]:
        noted = self.run("(() => { const w = window.__tabWalk || []; window.__tabWalk = []; return w; })()")
        return [self._stop(info) for info in noted]

    def stop(self) -> Stop | None:
        """The element that has the focus now, checked (None when the focus is not in the page)."""
        noted = self._note_stop()
        self.run("window.__tabWalk = []")
        return self._stop(noted) if noted else None

    def walk(self, limit: int = 250, shift: bool = False) -> list[Stop]:
        """Press Tab (or Shift+Tab) until the focus leaves the page; every stop on the way."""
        self.walking = True
        try:
            for _ in range(limit):
                self.press("Tab", shift=shift)
                if not self._note_stop():
                    return self._stops()
        finally:
            self.walking = False
        stops = self._stops()
        raise AssertionError(f"the focus never left the page after {limit} presses of Tab: a keyboard trap? "
                             f"Last stops: {[str(s) for s in stops[-5:]]}")


def problems(stops: list[Stop]) -> list[str]:
    """Each wrong stop as "element (role 'name'): problem, problem"."""
    return [f"{stop}: {', '.join(stop.problems)}" for stop in stops if stop.problems]
