"""The text a PDF gives for the pieces of a right-to-left line, so that PDF readers read it as written.

A PDF reader takes the characters of a line in the order they stand on the page, from left to
right, and puts a right-to-left line back in reading order with rules of its own. The two readers
the site is checked with (tests/test_pdf_text.py) have different rules, so each is given a text of
its own, in the form its rules turn back into the text as written:

- poppler (pdftotext, Evince, Okular) reverses a right-to-left line but keeps in drawn order each
  run of characters it does not count as right-to-left (Latin letters, digits, and with them
  ".,:-/" and the spaces and brackets beside them), and reverses a text that is all
  right-to-left (it takes it for a ligature's). It reads the /ActualText of a span written in the
  content stream itself, one span for each piece (text box) of the line: poppler_text().
- pdfium (Chrome's PDF viewer) splits a line into runs by direction (pdfium_direction) and gives
  the runs of a right-to-left line from the right, each as it stands but for a neutral one, which
  it reverses, mirroring its brackets when it follows a right-to-left run. It spreads the
  /ActualText of a span over the first text object the span covers, from the left, or from the
  right when that text object reads right to left or the first one of the span before it on the
  page did; it skips the span's other text objects, and makes up a space between two spans when
  the first text object of the first is far from the second. So all the pieces of a line share
  one span (pdfium_placed_text(), page_spans()). pdfium reads /ActualText from a property list
  named in the page's resources, which poppler does not: each reader finds its own text.

The marks these texts carry are invisible: copied text keeps them, and a search or a screen reader
passes over them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

RLM, LRM = "\u200f", "\u200e"  # right-to-left and left-to-right marks
MIRRORED = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<",
            "\u00ab": "\u00bb", "\u00bb": "\u00ab"}


def is_right_to_left(character: str) -> bool:
    return unicodedata.bidirectional(character) in ("R", "AL")


# The text of a piece as poppler must find it: its units (a run of Latin letters, a run of digits,
# or one other character) from the last to the first, as they stand from left to right, with a
# right-to-left mark between two units that are not right-to-left and at the ends, so that poppler
# keeps no two of them together.
def poppler_text(text: str) -> str:
    units: list[str] = []
    for character in text:
        kind = unicodedata.bidirectional(character)
        if units and kind in ("L", "EN", "AN") and unicodedata.bidirectional(units[-1][-1]) == kind:
            units[-1] += character
        else:
            units.append(character)
    pieces: list[str] = []
    after_right_to_left = True
    for unit in reversed(units):
        right_to_left = is_right_to_left(unit[0])
        if not right_to_left and not after_right_to_left:
            pieces.append(RLM)
        pieces.append(unit)
        after_right_to_left = right_to_left
    if not after_right_to_left:
        pieces.append(RLM)
    given = "".join(pieces)
    if units and not is_right_to_left(units[-1][0]):
        given = RLM + given
    if all(is_right_to_left(character) for character in given):
        given += LRM + RLM  # so that poppler does not take it for a ligature's text and reverse it
    return given


# pdfium's classes of direction (CFX_BidiChar): "L" left to right, "R" right to left, "W" weak
# (digits, combining marks, ",.:-") and "N" neutral (spaces, brackets, quotes, dashes).
def pdfium_direction(character: str) -> str:
    kind = unicodedata.bidirectional(character)
    if kind == "L":
        return "L"
    if kind in ("R", "AL"):
        return "R"
    return "W" if kind in ("AN", "EN", "NSM", "CS", "ES", "ET", "BN") else "N"


def pdfium_runs(text: str) -> list[str]:
    runs: list[str] = []
    for character in text:
        if runs and pdfium_direction(runs[-1][-1]) == pdfium_direction(character):
            runs[-1] += character
        else:
            runs.append(character)
    return runs


# Whether pdfium takes a text object for right-to-left: among its characters' runs, as many
# right-to-left ones as left-to-right ones at least, and one at least.
def pdfium_reads_right_to_left(characters: str) -> bool:
    kinds = [pdfium_direction(run[0]) for run in pdfium_runs(characters)]
    return kinds.count("R") > 0 and kinds.count("R") >= kinds.count("L")


# The text of a line as pdfium must find it placed from left to right: its runs from the last to
# the first, each neutral character a run of its own, a right-to-left mark between two runs that
# are not right-to-left (so that the line counts as right-to-left and no two runs merge) and at
# the ends, brackets as pdfium will mirror them back.
def pdfium_placed_text(text: str) -> str:
    runs: list[str] = []
    # A neutral character is a run of its own: pdfium reverses a longer neutral run.
    for run in (part for run in pdfium_runs(text)
                for part in (run if pdfium_direction(run[0]) == "N" else [run])):
        if runs and pdfium_direction(run[0]) != "R" and pdfium_direction(runs[-1][0]) != "R":
            runs.append(RLM)
        runs.append(run)
    if runs and pdfium_direction(runs[0][0]) != "R":
        runs.insert(0, RLM)
    if runs and pdfium_direction(runs[-1][0]) != "R":
        runs.append(RLM)
    given: list[str] = []
    after_right_to_left = True
    for run in runs:
        kind = pdfium_direction(run[0])
        if kind == "N" and after_right_to_left:
            run = "".join(MIRRORED.get(character, character) for character in run)
        elif kind in ("L", "R"):
            after_right_to_left = kind == "R"
        given.append(run)
    return "".join(reversed(given))


@dataclass
class Shown:
    """A text object drawn: its characters (one for each glyph, as the glyph's own text)."""

    characters: str


@dataclass
class Piece:
    """A text box drawn on a page, and what PDF readers see of it."""

    stream: object  # the content stream it is drawn in
    start: int  # its first operator in the stream
    end: int  # the operator after its last
    text: str  # as it is written
    line: int | None  # the right-to-left line it is a piece of (None for other text)
    x: float
    baseline: float
    shown: list[Shown] = field(default_factory=list)


@dataclass
class Spans:
    """The text readers are given for a piece: poppler's (None: its glyphs say it) and pdfium's
    (the text of the piece's whole line, which all of the line's pieces share)."""

    piece: Piece
    poppler: str | None
    pdfium: str
    line: int  # the line's number on the page: its pieces share one span of pdfium's


# The lines of a page in the order pdfium reads them: as they are drawn, a line at a time (the
# pieces of one line of text, drawn one after the other), each line from left to right.
def pdfium_reading_order(pieces: list[Piece]) -> list[list[Piece]]:
    lines: list[list[Piece]] = []
    for piece in pieces:
        if lines and lines[-1][-1].line == piece.line and abs(lines[-1][-1].baseline - piece.baseline) < 1:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    return [sorted(line, key=lambda piece: piece.x) for line in lines]


# The text each reader is given for each piece of a right-to-left line of a page (its pieces in
# the order they are drawn, which is the order they are written in).
#
# pdfium reads a line's pieces in one span: it gives a span's text once, spread over the first
# text object it covers, and skips the span's other text objects; as two spans it would make up
# a space between them where the first text object of the first is far from the second. It
# spreads the text from the right when that text object reads right to left, or the first text
# object of the span before it on the page did.
#
# poppler reads each piece's own span. Pieces drawn from left to right one after the other with
# no right-to-left letter (an address broken over several pieces, within a right-to-left line)
# are given as written: poppler keeps them in drawn order; other pieces get poppler_text(). A
# lone character (a dot of a leader, a bracket in a piece of its own) keeps its glyph's text.
def page_spans(pieces: list[Piece]) -> list[Spans]:
    if all(piece.line is None for piece in pieces):
        return []  # a page with no right-to-left line
    drawn = {id(piece): index for index, piece in enumerate(pieces)}
    spans: list[Spans] = []
    before = False
    for number, line in enumerate(pdfium_reading_order(pieces)):
        shown = [piece.shown for piece in line if piece.shown]
        if not shown:
            continue
        if line[0].line is None:
            before = pdfium_reads_right_to_left(shown[-1][-1].characters)
            continue
        first = pdfium_reads_right_to_left(shown[0][0].characters)
        written = sorted(line, key=lambda piece: drawn[id(piece)])
        placed = pdfium_placed_text("".join(piece.text for piece in written))
        pdfium = placed[::-1] if first or before else placed
        before = first
        as_written = set()
        run: list[Piece] = []
        for piece in written + [None]:
            if piece is not None and reads_left_to_right(piece) and (not run or run[-1].x < piece.x):
                run.append(piece)
                continue
            if len(run) >= 2:
                as_written.update(map(id, run))
            run = [piece] if piece is not None and reads_left_to_right(piece) else []
        for piece in written:
            if len(piece.text.strip()) <= 1 and not any(map(is_right_to_left, piece.text)):
                poppler = None
            elif id(piece) in as_written:
                poppler = piece.text
            else:
                poppler = poppler_text(piece.text)
            spans.append(Spans(piece, poppler, pdfium, number))
    return spans


# A piece with no right-to-left letter, longer than one character.
def reads_left_to_right(piece: Piece) -> bool:
    return len(piece.text.strip()) > 1 and not any(map(is_right_to_left, piece.text))
