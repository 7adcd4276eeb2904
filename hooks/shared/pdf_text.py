"""The PDFs' text layer: what copy, search and read-aloud get out of a PDF, in every script.

WeasyPrint writes each line's glyphs in the order they are drawn (right to left text reversed)
and maps each glyph to text once per font, the first time it draws it. That is enough for Latin
text, but not where one glyph is not one character: a Bengali conjunct or a vowel sign drawn
before its consonant, an Arabic letter with its diacritic; nor for a right-to-left line, which
each PDF reader puts back in order with rules of its own. And at a line end, PDF readers join a
word broken after a hyphen without its hyphen ("co-producția" comes out "coproducția").

In a worker process of hooks/pdf.py, install() replaces how WeasyPrint draws a line of text
(weasyprint.draw.text.draw_first_line, copied below from WeasyPrint 70.0, BSD licence) with a
copy that also wraps glyphs in marked content with /ActualText (ISO 32000-1, 14.9.4):

- in a left-to-right line, a word, or a grapheme (a character and its combining marks) of
  right-to-left text, whose glyphs are not one per character, or include a glyph that stands
  for other text elsewhere, gets its own text: Bengali conjuncts and vowel signs drawn before
  their consonant;
- a word that ends a line with a hyphen gets one hyphen more: readers drop a hyphen when they
  join the line with the next, so the word keeps its own ("co-" + "producția");
- a word broken at a soft hyphen gets a plain hyphen for the hyphen drawn there: readers drop
  it and join the word whole, as the page writes it;
- each piece (text box) of a right-to-left line is given its text whole three times: as written
  (outermost, for readers that follow the standard), in the form poppler reads back as written,
  and in pdfium's (shared/right_to_left_text.py). Those spans are put in once the page is drawn
  (install() also wraps WeasyPrint's Page.paint): pdfium's in a property list named in the
  page's resources (which WeasyPrint's Stream keeps in _resources), the others in the content.

The structure tree (its elements, MCIDs and tags) is not changed: the spans sit inside the
tagged content of their element and carry no MCID. Only for the WeasyPrint release the copy was
made from, whose function is still the one copied (WEASYPRINT_CHECKED, DRAW_FIRST_LINE_SHA256);
with any other, WeasyPrint draws as it does and install() returns False (tests/test_pdf_text.py
then fails, naming what to check).
"""

from __future__ import annotations

import hashlib
import inspect
import unicodedata

from shared import right_to_left_text

WEASYPRINT_CHECKED = "70.0"
# sha256 of the source of weasyprint.draw.text.draw_first_line in WEASYPRINT_CHECKED.
DRAW_FIRST_LINE_SHA256 = "1bb8eae6d88e71b17096a034656f3be17da8f1f513c78536c1c38d971927638b"
SOFT_HYPHEN = "\u00ad"
LINE_END = "_site_line_end"  # set on the last text box of each line before it is drawn
RIGHT_TO_LEFT_LINE = "_site_right_to_left_line"  # set on each text box of a right-to-left line: the line's id
# The text boxes drawn on the page being painted (right_to_left_text.Piece), while it is painted.
page_pieces: list[right_to_left_text.Piece] | None = None


# The hex string a PDF writes text outside the ASCII range with (UTF-16BE with its byte order mark).
def pdf_text_string(text: str) -> str:
    return "<" + ("\ufeff" + text).encode("utf-16-be").hex() + ">"


# The source of WeasyPrint's own draw_first_line, as a hash: a new WeasyPrint draws differently.
def weasyprint_draw_first_line_hash() -> str:
    from weasyprint.draw import text

    original = getattr(text.draw_first_line, "__wrapped__", text.draw_first_line)
    return hashlib.sha256(inspect.getsource(original).encode()).hexdigest()


def install() -> bool:
    """Draw text with its /ActualText where glyphs and text differ; return whether it is in place."""
    import weasyprint
    from weasyprint import document, draw
    from weasyprint.draw import text

    if getattr(text.draw_first_line, "__wrapped__", None) is not None:
        return True  # in place already (checked when it was put there): once per worker process
    if weasyprint.__version__ != WEASYPRINT_CHECKED or weasyprint_draw_first_line_hash() != DRAW_FIRST_LINE_SHA256:
        return False
    draw_first_line.__wrapped__ = text.draw_first_line
    text.draw_first_line = draw_first_line
    draw_inline_level.__wrapped__ = draw.draw_inline_level
    draw.draw_inline_level = draw_inline_level
    paint.__wrapped__ = document.Page.paint
    document.Page.paint = paint
    return True


# WeasyPrint's Page.paint, then the spans of the text of the right-to-left lines on the page.
def paint(self, stream, *args, **kwargs):
    global page_pieces
    page_pieces = []
    try:
        return paint.__wrapped__(self, stream, *args, **kwargs)
    finally:
        pieces, page_pieces = page_pieces, None
        add_spans(right_to_left_text.page_spans(pieces))


# Put in each piece's spans: /ActualText in the content, but pdfium's in a property list named in
# the page's resources (WeasyPrint's Stream keeps them in _resources), one for each line. From the
# last operator to the first, so that each goes where it was meant to.
def add_spans(spans: list[right_to_left_text.Spans]) -> None:
    import pydyf

    # Outermost, the piece as written, which a reader that follows the standard takes for all that
    # the span holds (ISO 32000-1, 14.9.4); inside it poppler's, innermost pdfium's, which each of
    # them takes instead. Every piece of a line is in as many marked contents (pdfium skips a text
    # object as read only when it is in as many as the one before it, the last of them the same).
    def span_of(text: str | None) -> list:
        if not text or not text.strip():
            return ['/Span', b'BMC']
        return ['/Span', pydyf.Dictionary({'ActualText': pdf_text_string(text)}), b'BDC']

    names: dict[tuple[int, int], str] = {}
    edits = []
    for span in spans:
        stream = span.piece.stream
        if (id(stream), span.line) not in names:
            properties = stream._resources.setdefault('Properties', pydyf.Dictionary())
            names[id(stream), span.line] = name = f'rtl{len(properties)}'
            properties[name] = pydyf.Dictionary({'ActualText': pdf_text_string(span.pdfium)})
        opening = [*span_of(span.piece.text), *span_of(span.poppler), '/Span', f'/{names[id(stream), span.line]}', b'BDC']
        closing = [b'EMC', b'EMC', b'EMC']
        edits.append((id(stream), span.piece.start, 1, stream, opening))
        edits.append((id(stream), span.piece.end, 0, stream, closing))
    for _, at, _, stream, operators in sorted(edits, key=lambda edit: edit[:3], reverse=True):
        stream.stream[at:at] = operators


# WeasyPrint's draw_inline_level, after marking the last text box of a line box as its line end.
def draw_inline_level(stream, page, box, *args, **kwargs):
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.LineBox):
        last = box
        while getattr(last, "children", None):
            last = last.children[-1]
        if isinstance(last, boxes.TextBox):
            setattr(last, LINE_END, True)
        if box.style["direction"] == "rtl":
            for text_box in box.descendants():
                if isinstance(text_box, boxes.TextBox):
                    setattr(text_box, RIGHT_TO_LEFT_LINE, id(box))
    return draw_inline_level.__wrapped__(stream, page, box, *args, **kwargs)


# What a unit's glyphs are read as, or None when the glyphs' own text is right: the unit's text
# (its characters, in the order they are written) when glyphs and characters do not pair up one
# to one, or a glyph already stands for other text.
def actual_text(text: str, glyphs: list[tuple[int, str]], to_unicode: dict[int, str]) -> str | None:
    if not text.strip():
        return None
    if len(glyphs) == len(text) and all(len(piece) == 1 and to_unicode.get(glyph, piece) == piece
                                        for glyph, piece in glyphs):
        return None
    return text


def is_mark(text: str) -> bool:
    return bool(text) and all(unicodedata.category(character)[0] == "M" for character in text)


# The units a glyph run is read in: {cluster start: unit start} and {unit start: its text}, from
# Pango's clusters (byte offsets into the run's UTF-8 text, one per glyph). A unit is a grapheme (a
# character and the combining marks after it); left-to-right text is read by words with the
# spaces after them, so that a reader finds no space inside a word whose letters are drawn
# apart, and the space after it (a glyph with nothing to see, which PDF readers may skip).
def units(clusters: list[int], run_text: bytes, by_words: bool) -> tuple[dict[int, int], dict[int, str]]:
    starts = sorted(set(clusters))
    ends = dict(zip(starts, starts[1:] + [len(run_text)]))
    unit_of: dict[int, int] = {}
    texts: dict[int, str] = {}
    current = None
    for start in starts:
        piece = run_text[start:ends[start]].decode()
        joins = is_mark(piece) or (by_words and current is not None
                                   and (not piece.strip() or texts[current][-1:].strip()))
        if current is None or not joins:
            current = start
        unit_of[start] = current
        texts[current] = texts.get(current, "") + piece
    return unit_of, texts


def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
    """WeasyPrint 70.0's draw_first_line (weasyprint/draw/text.py), with /ActualText spans."""
    import pydyf
    from weasyprint.logger import LOGGER
    from weasyprint.text.ffi import FROM_UNITS, ffi, pango

    if text_overflow == 'ellipsis' or block_ellipsis != 'none':
        # Text cut short with an ellipsis: WeasyPrint draws it (the site's PDFs have none).
        return draw_first_line.__wrapped__(stream, textbox, text_overflow, block_ellipsis, matrix)

    # Don’t draw lines with only invisible characters.
    if not textbox.text.strip():
        return []

    if textbox.style['font_size'] < 1e-6:  # default float precision used by pydyf
        return []

    pango.pango_layout_set_single_paragraph_mode(textbox.pango_layout.layout, True)
    if draws_pictures(stream, textbox):
        # Emoji drawn as pictures: WeasyPrint draws the line.
        return draw_first_line.__wrapped__(stream, textbox, text_overflow, block_ellipsis, matrix)
    first_line, _ = textbox.pango_layout.get_first_line()
    utf8_text = textbox.pango_layout.text.encode()
    line_end = getattr(textbox, LINE_END, False)
    hyphenate_character = textbox.style['hyphenate_character']
    soft_break = line_end and textbox.pango_layout.text.endswith(SOFT_HYPHEN + hyphenate_character)
    hard_break = line_end and textbox.pango_layout.text.rstrip(' ').endswith('-') and not soft_break
    end_of_text = len(utf8_text.rstrip(b' '))
    line = getattr(textbox, RIGHT_TO_LEFT_LINE, None)
    right_to_left = line is not None

    stream.set_text_matrix(*matrix.values)
    # A piece of a right-to-left line is given its text whole, once for each reader, once the
    # page is drawn (see right_to_left_text).
    x, baseline = matrix.values[4:6]
    drawn = right_to_left_text.Piece(stream, len(stream.stream), 0, textbox.pango_layout.text.replace(SOFT_HYPHEN, ''),
                                     line, x, baseline)
    previous_pango_font = None
    string = ''
    in_span = False
    pending = []  # the characters of the glyphs not shown yet

    def show_text(string):
        nonlocal pending
        if pending:
            drawn.shown.append(right_to_left_text.Shown(''.join(pending)))
        stream.show_text(string)
        pending = []

    def show(string):
        # Close the glyph list and show it, unless it is empty.
        if string.endswith('<'):
            string = string[:-1]
        if string.count('<') > string.count('>'):
            string += '>'
        if string:
            show_text(string)

    def end_span():
        nonlocal string, in_span
        if in_span:
            show(string)
            string = '<'
            stream.end_marked_content()
            in_span = False

    run = first_line.runs[0]
    while run != ffi.NULL:
        # Get Pango objects.
        glyph_item = run.data
        run = run.next
        glyph_string = glyph_item.glyphs
        glyphs_info = glyph_string.glyphs
        num_glyphs = glyph_string.num_glyphs
        clusters = glyph_string.log_clusters
        offset_in_text = glyph_item.item.offset
        run_text = utf8_text[offset_in_text:offset_in_text + glyph_item.item.length]
        cluster_list = [clusters[i] for i in range(num_glyphs)]
        unit_of, unit_texts = units(cluster_list, run_text, by_words=not glyph_item.item.analysis.level % 2)
        # Each glyph with the text of its own cluster; a cluster drawn with several glyphs gives
        # each of them all of its text, so the unit cannot read as one glyph per character.
        cluster_ends = dict(zip(sorted(set(cluster_list)), sorted(set(cluster_list))[1:] + [len(run_text)]))
        unit_glyphs: dict[int, list[tuple[int, str]]] = {}
        for i in range(num_glyphs):
            piece = run_text[cluster_list[i]:cluster_ends[cluster_list[i]]].decode()
            unit_glyphs.setdefault(unit_of[cluster_list[i]], []).append((glyphs_info[i].glyph, piece))

        pango_font = glyph_item.item.analysis.font
        if pango_font != previous_pango_font:
            # Add font file content and get font size.
            previous_pango_font = pango_font
            end_span()
            font, font_size = stream.add_font(pango_font)

            # Pango before 1.48.2, and raster emoji fonts, give no usable size: the style's is used.
            if pango.pango_version() < 14802 or font.png:
                font_size = textbox.style['font_size']

            # Go through the run glyphs.
            show(string)
            string = ''
            stream.set_font_size(font.hash, 1 if font.bitmap else font_size)
        string += '<'
        current_unit = None
        for i, glyph_info in enumerate(glyphs_info[0:num_glyphs]):
            glyph_id = glyph_info.glyph
            width = glyph_info.geometry.width

            # Give each unit whose glyphs do not read as its text a span with its text.
            unit = unit_of[cluster_list[i]]
            if unit != current_unit and not right_to_left:
                current_unit = unit
                end_span()
                text = unit_texts[unit]
                at_line_end = offset_in_text + unit + len(text.encode()) >= end_of_text
                written = text.replace(SOFT_HYPHEN, '')
                if soft_break and at_line_end and written.endswith(hyphenate_character):
                    replacement = written[:-len(hyphenate_character)] + '-'
                elif hard_break and at_line_end and written.rstrip(' ').endswith('-'):
                    replacement = written.rstrip(' ') + '-'
                else:
                    replacement = actual_text(written, unit_glyphs[unit], font.to_unicode)
                if replacement is not None:
                    show(string)
                    string = '<'
                    stream.begin_marked_content(
                        'Span', pydyf.Dictionary({'ActualText': pdf_text_string(replacement)}))
                    in_span = True

            # Display zero-width empty glyph.
            if glyph_id == pango.PANGO_GLYPH_EMPTY:
                string += f'>{-width / font_size}<'
                continue

            # Display .notdef and log warning for missing glyphs.
            if glyph_id & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                codepoint = glyph_id - pango.PANGO_GLYPH_UNKNOWN_FLAG
                LOGGER.warning(
                    '.notdef glyph rendered for Unicode string unsupported by fonts: '
                    '"%s" (U+%04X)', chr(codepoint), codepoint)
                glyph_id = font.get_unused_glyph_id(codepoint)
                font.widths[glyph_id] = round(width * 1000 * FROM_UNITS / font_size)
                if 0 not in font.widths:
                    font.widths[0] = font.widths[glyph_id]

            # Create mapping between glyphs and Unicode codepoints.
            if glyph_id not in font.to_unicode:
                # Get positions of the glyph in the UTF-8 string.
                t1 = clusters[i]
                if glyph_item.item.analysis.level % 2:  # rtl
                    t2 = glyph_item.item.length if i == 0 else clusters[i-1]
                else:
                    t2 = glyph_item.item.length if i == num_glyphs-1 else clusters[i+1]
                # A glyph that shares its cluster with the next one is given the cluster's text,
                # not an empty string (an empty mapping makes a malformed ToUnicode CMap).
                font.to_unicode[glyph_id] = (run_text[t1:t2] or run_text[t1:cluster_ends[t1]]).decode()

            # Set horizontal and vertical offsets.
            offset = glyph_info.geometry.x_offset / font_size
            rise = glyph_info.geometry.y_offset / 1000
            if rise:
                if string[-1] == '<':
                    string = string[:-1]
                else:
                    string += '>'
                if string:
                    show_text(string)
                stream.set_text_rise(-rise)
                string = ''
                if offset:
                    string = f'{-offset}'
                pending.append(font.to_unicode[glyph_id][:1])
                string += f'<{glyph_id:02x}>' if font.bitmap else f'<{glyph_id:04x}>'
                show_text(string)
                stream.set_text_rise(0)
                string = '<'
            else:
                if offset:
                    string += f'>{-offset}<'
                pending.append(font.to_unicode[glyph_id][:1])
                string += f'{glyph_id:02x}' if font.bitmap else f'{glyph_id:04x}'

            # Get glyph logical widths.
            if glyph_id in font.widths:
                logical_width = font.widths[glyph_id]
            else:
                pango.pango_font_get_glyph_extents(
                    pango_font, glyph_id, stream.ink_rect, stream.logical_rect)
                logical_width = font.widths[glyph_id] = round(
                    stream.logical_rect.width * 1000 * FROM_UNITS / font_size)

            # Set kerning, word spacing, letter spacing.
            kerning = logical_width + offset - width * 1000 * FROM_UNITS / font_size
            if kerning:
                string += f'>{int(kerning)}<'

        # Close the last glyphs list, remove if empty.
        if string[-1] == '<':
            string = string[:-1]
        else:
            string += '>'

    # Draw text.
    show_text(string)
    if in_span:
        stream.end_marked_content()
    drawn.end = len(stream.stream)
    if page_pieces is not None:
        page_pieces.append(drawn)
    elif right_to_left:
        add_spans(right_to_left_text.page_spans([drawn]))
    return []


# Whether a line uses a font whose glyphs are pictures (colour emoji), which WeasyPrint draws
# as images next to the text.
def draws_pictures(stream, textbox) -> bool:
    from weasyprint.text.ffi import ffi

    first_line, _ = textbox.pango_layout.get_first_line()
    run = first_line.runs[0]
    while run != ffi.NULL:
        font, _ = stream.add_font(run.data.item.analysis.font)
        if font.svg or font.png or font.colr:
            return True
        run = run.next
    return False

