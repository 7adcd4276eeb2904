"""A new visitor prints a page from the browser (Ctrl+P): on paper is the page's text, all of it,
and not the cookie banner, the header, the menu, the contents beside the page or the footer.

Each page is opened as a new visitor has it (the cookie banner shown), printed to PDF by
Chromium (Playwright's page.pdf(), which prints as Ctrl+P does, with print styles) and read
back with pdftotext. What is expected comes from the page itself: the text of its article, and
the text that only its banner and navigation hold."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections import Counter

import pytest
from playwright.sync_api import Page

from conftest import shared_tab, site_pages, visit

# The page's text, block by block (headings, paragraphs, list items, table cells…), as a reader
# sees it on screen; text that is not for paper (buttons, the video player) is left out.
ARTICLE_TEXT = """() => {
  const skip = '.site-no-print, button, iframe, noscript, .site-video__frame';
  return [...document.querySelectorAll(
      'article :is(h1, h2, h3, h4, p, li, dt, dd, th, td, caption, figcaption, blockquote)')]
    .filter(el => !el.closest(skip) && !el.querySelector('p, li, ul, ol, table'))
    .map(el => {
      const parts = [], walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const parent = walker.currentNode.parentElement;
        if (!parent.closest(skip) && parent.checkVisibility()) parts.push(walker.currentNode.textContent);
      }
      return parts.join('');
    });
}"""

# The lines of text that the cookie banner, the skip link, the header, the sidebars and the
# footer show on screen, and the page's article does not hold.
NAVIGATION_TEXT = """() => {
  const article = document.querySelector('article').innerText;
  const lines = [...document.querySelectorAll(
      '[data-consent-banner], .site-skip-link, .md-header, .md-sidebar, .md-footer')]
    .flatMap(el => el.innerText.split('\\n'))
    .map(line => line.trim()).filter(line => line.length > 2 && !article.includes(line));
  return [...new Set(lines)];
}"""

BANNER_TEXT = """() => document.querySelector('[data-consent-banner]').innerText.split('\\n')
  .map(line => line.trim()).filter(Boolean)"""


RIGHT_TO_LEFT = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def normal(text: str, right_to_left: bool = False) -> str:
    """Text as compared: Unicode NFKC (ligatures as letters), without printed link addresses
    "(https://…)" and without spaces (a line break on paper falls anywhere, even inside a long
    word). In right-to-left text its right-to-left letters only: the text layer Chromium writes
    for Arabic script puts some vowel marks on the next letter, mirrors brackets, and draws a
    printed address (left to right) in pieces between the lines around it."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\(\s*[\u2066\u2069]?\s*(?:https?://|www\.)[^)]*\)", "", text)
    if right_to_left:
        return "".join(char for char in text if char.isalpha() and RIGHT_TO_LEFT.match(char)
                       and not unicodedata.combining(char))
    return re.sub(r"[\s\u00ad\u200e\u200f\u2066-\u2069\u202a-\u202e]", "", text)


def logical_order(line: str) -> str:
    """A line of right-to-left text as pdftotext gives it (in the order it stands on paper, left
    to right) in reading order: the line's right-to-left words, and the runs of left-to-right
    words between them, reversed; so are the pieces of a word that pdftotext gives as several
    right-to-left runs (U+202B … U+202C: the parts of "کو-پروڈکشن", a letter with a vowel mark)."""
    if not RIGHT_TO_LEFT.search(line):
        return line
    items: list[str] = []
    for word in line.split():
        if RIGHT_TO_LEFT.search(word):
            items.append("".join(reversed(re.findall(r"\u202b[^\u202c]*\u202c|[^\u202b]+", word))))
        elif items and not RIGHT_TO_LEFT.search(items[-1]):
            items[-1] += " " + word
        else:
            items.append(word)
    return " ".join(reversed(items))


def pdf_text(pdf: bytes) -> str:
    """The text of the pages, in the order it is drawn (-raw keeps a hyphen at the end of a line)."""
    result = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)
    return "\n".join(logical_order(line) for line in result.stdout.decode("utf-8").splitlines())


tab = shared_tab()


@pytest.mark.parametrize("path", site_pages())
def test_a_new_visitor_prints_the_page_text_without_banner_or_navigation(tab: Page, base_url: str, path: str) -> None:
    page = tab
    visit(page, base_url + path)
    page.wait_for_selector("[data-consent-banner]", state="visible")  # as a new visitor sees the page
    rtl = page.evaluate("getComputedStyle(document.querySelector('article')).direction") == "rtl"
    texts = page.evaluate(ARTICLE_TEXT)
    navigation = [normal(line, rtl) for line in page.evaluate(NAVIGATION_TEXT)]
    banner = [normal(line, rtl) for line in page.evaluate(BANNER_TEXT)]
    printed = pdf_text(page.pdf(format="A4"))
    paper = normal(printed, rtl)
    assert banner and not any(line in paper for line in banner), \
        f"{path}: the cookie banner is on paper: {[line for line in banner if line in paper]}"
    printed_navigation = [line for line in navigation if line and line in paper]
    assert printed_navigation == [], f"{path}: navigation is on paper: {printed_navigation}"
    missing = [text for text in texts if normal(text, rtl) not in paper]
    if rtl:
        # Where a line holds a printed address, pdftotext gives the right-to-left words around it
        # out of order: such a block is on paper when every one of its words is.
        words = Counter(filter(None, (normal(word, rtl) for word in printed.split())))
        missing = [text for text in missing if Counter(filter(None, (normal(w, rtl) for w in text.split()))) - words]
    assert texts and missing == [], \
        f"{path}: {len(missing)} of {len(texts)} blocks of text are not on paper: {[normal(t) for t in missing[:5]]}"
