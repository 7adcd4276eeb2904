"""Letters cut off by a box: a box that clips what overflows it (overflow: hidden or clip, as
Material's ellipsis for long titles) also cuts off the parts of letters that reach beyond it,
above or below the line. Urdu's Nastaliq letters reach far (ک and گ rise high above the line).

How it is seen: a screenshot of the few pixels just above and just below every such box, then
the same after the box lets its text overflow up and down (overflow-y: visible; the end of the
line stays cut, with its ellipsis). Any difference is ink that the box cut off."""

from __future__ import annotations

import io
import math

from PIL import Image, ImageChops
from playwright.sync_api import Page

MARGIN = 12  # pixels above and below each box: room for Nastaliq's tallest letters

# Every box that clips its overflow and holds text that can be seen: its position in the page
# (the page is not scrolled) and what it says. Each is marked data-clip-check="n".
CLIPPING_BOXES = """() => {
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    const clips = [style.overflowX, style.overflowY].some(value => value === 'hidden' || value === 'clip');
    if (!clips || !el.textContent.trim()) continue;
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 2 || r.height <= 2 || style.clipPath !== 'none') continue;  // visually hidden text
    if (r.right <= 0 || r.left >= innerWidth || r.bottom <= 0) continue;       // off screen
    el.dataset.clipCheck = found.length;
    found.push({left: r.left + scrollX, top: r.top + scrollY, width: r.width, height: r.height,
                text: el.textContent.trim().replace(/\\s+/g, ' ').slice(0, 60),
                element: el.tagName.toLowerCase() + '.' + [...el.classList].join('.')});
  }
  return found;
}"""

LET_OVERFLOW_SHOW = """() => {
  for (const el of document.querySelectorAll('[data-clip-check]')) {
    const style = getComputedStyle(el);
    // Up and down: visible. Along the line: as it was (clip keeps the ellipsis where there is one).
    // A block stays a formatting context of its own, as overflow: hidden made it.
    if (style.display === 'block') el.style.display = 'flow-root';
    el.style.overflowX = style.overflowX === 'visible' ? 'visible' : 'clip';
    el.style.overflowY = 'visible';
  }
}"""

PUT_BACK = """() => {
  for (const el of document.querySelectorAll('[data-clip-check]')) {
    el.style.removeProperty('overflow-x');
    el.style.removeProperty('overflow-y');
    el.style.removeProperty('display');
    el.style.length || el.removeAttribute('style');
    delete el.dataset.clipCheck;
  }
}"""


def bands(boxes: list[dict], page_height: float) -> list[tuple[int, int]]:
    """Stretches of the page (top, bottom) that hold every box with its margins, few and small."""
    spans = sorted((max(0, int(b["top"]) - MARGIN - 1), min(int(page_height), int(b["top"] + b["height"]) + MARGIN + 1))
                   for b in boxes)
    merged: list[list[int]] = []
    for top, bottom in spans:
        if merged and top <= merged[-1][1] + 200:
            merged[-1][1] = max(merged[-1][1], bottom)
        else:
            merged.append([top, bottom])
    return [(top, bottom) for top, bottom in merged if bottom > top]


def shots(page: Page, spans: list[tuple[int, int]], width: int) -> list[Image.Image]:
    return [Image.open(io.BytesIO(page.screenshot(full_page=True, animations="disabled", caret="hide",
                                                  clip={"x": 0, "y": top, "width": width, "height": bottom - top})))
            .convert("RGB") for top, bottom in spans]


def cut_off_letters(page: Page) -> list[str]:
    """Each box that cuts off letters, as "element "its text": N pixels of ink above/below"."""
    boxes = page.evaluate(CLIPPING_BOXES)
    if not boxes:
        return []
    size = page.evaluate("[document.documentElement.clientWidth, document.documentElement.scrollHeight]")
    spans = bands(boxes, size[1])
    before = shots(page, spans, size[0])
    page.evaluate(LET_OVERFLOW_SHOW)
    after = shots(page, spans, size[0])
    page.evaluate(PUT_BACK)
    found = []
    for box in boxes:
        band = next(i for i, (top, bottom) in enumerate(spans) if top <= box["top"] < bottom)
        offset = spans[band][0]
        left, right = max(0, math.ceil(box["left"])), min(size[0], math.floor(box["left"] + box["width"]))
        top, bottom = math.floor(box["top"]) - offset, math.ceil(box["top"] + box["height"]) - offset
        strips = {"above": (left, max(0, top - MARGIN), right, max(0, top)),
                  "below": (left, bottom, right, min(before[band].height, bottom + MARGIN))}
        for side, area in strips.items():
            if area[2] <= area[0] or area[3] <= area[1]:
                continue
            red, green, blue = ImageChops.difference(before[band].crop(area), after[band].crop(area)).split()
            strongest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
            changed = strongest.point(lambda value: 255 if value > 40 else 0).histogram()[255]
            if changed:
                found.append(f'{box["element"]} "{box["text"]}": {changed} pixels of letters cut off {side} it')
    return found
