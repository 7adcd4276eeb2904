"""The PDFs' structure tree as assistive technology needs it, where WeasyPrint 70 falls short.

Imported only in the PDF worker processes (shared/pdf_render.py), which import WeasyPrint.
WeasyPrint tags a PDF/UA-1 document page by page; four things it does not do are added here:

- Page numbers and running headers (the page's margin boxes) are drawn as artifacts. WeasyPrint
  tags them as content that no structure element reaches (Kozea/WeasyPrint#1836).
- An element that runs over a page break is one structure element: its parts on each page are
  joined (WeasyPrint makes one per page, so a list over a page break would be two lists,
  Kozea/WeasyPrint#2903). The parts on one page of a link broken over two lines are joined too.
- A link annotation is described by the link's text (WeasyPrint writes its target, such as the
  heading's id "go-in-open-minded"), and belongs to its link: WeasyPrint gives every element
  inside a link (a <strong>, the parts of an address) an annotation of its own, which it puts
  in that element's structure element, not in the link's (Kozea/WeasyPrint#185).
- An element with a `lang` attribute gives its structure element that language (/Lang), so a
  screen reader pronounces an English phrase in a Polish PDF as English.

This reaches into WeasyPrint's drawing and tagging code, so it is only applied to the release it
was written for (WEASYPRINT_CHECKED); tests/test_internals.py fails, naming what changed, when
an upgrade moves any of it, and tests/test_pdf.py checks the PDFs it makes.
"""

from __future__ import annotations

WEASYPRINT_CHECKED = "70.0"

# The boxes drawn in the current page's margins (page numbers, running headers), by id.
_margin_boxes: set[int] = set()
# Where each structure element came from: id(structure element) → (HTML element, box tag, page).
_origins: dict[int, tuple[object, str, int]] = {}


def improve_tagging() -> bool:
    """Put the four changes in place (once per process); False when WeasyPrint is not the
    release they were written for, and nothing was changed."""
    import pydyf
    import weasyprint
    from weasyprint import document as document_module
    from weasyprint import pdf as pdf_module
    from weasyprint.pdf import stream as stream_module
    from weasyprint.pdf import tags as tags_module

    if weasyprint.__version__ != WEASYPRINT_CHECKED:
        return False
    if getattr(tags_module, "_site_improved", False):
        return True
    draw_page = document_module.draw_page
    marked = stream_module.Stream.marked
    build_box_tree = tags_module._build_box_tree
    add_tags = pdf_module.add_tags

    def draw_page_with_margins_as_artifacts(page_box, stream):
        _margin_boxes.clear()
        for child in page_box.children:
            if isinstance(child, _boxes().MarginBox):
                _margin_boxes.update(id(box) for box in _descendants(child))
        try:
            draw_page(page_box, stream)
        finally:
            _margin_boxes.clear()

    def marked_or_artifact(self, box, tag):
        if id(box) in _margin_boxes:
            return self.artifact()
        return marked(self, box, tag)

    def box_tree(box, parent, pdf, page_number, nums, annotations, tags):
        if isinstance(box, _boxes().MarginBox):
            return  # drawn as artifacts: nothing to tag
        for element in build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
            own = getattr(box, "_box", box)  # an absolutely placed box is tagged as its own box
            if own.element is not None and id(element) not in _origins:  # not a child's, passed up
                _origins[id(element)] = (own.element, own.element_tag, page_number)
                if own.element.get("lang") and own.element_tag == own.element.tag:
                    element["Lang"] = pydyf.String(own.element.get("lang"))
            yield element

    def add_tags_joined(pdf, document, pdf_version, page_streams):
        _origins.clear()
        try:
            add_tags(pdf, document, pdf_version, page_streams)
            _join_split_elements(pdf)
            _links_described_by_their_text(pdf)
        finally:
            _origins.clear()

    document_module.draw_page = draw_page_with_margins_as_artifacts
    stream_module.Stream.marked = marked_or_artifact
    tags_module._build_box_tree = box_tree
    pdf_module.add_tags = add_tags_joined
    tags_module._site_improved = True
    return True


def _boxes():
    from weasyprint.formatting_structure import boxes

    return boxes


def _descendants(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


def _join_split_elements(pdf) -> None:
    """Join the consecutive structure elements that are parts of one HTML element."""
    import pydyf

    objects = {obj.reference: obj for obj in pdf.objects if isinstance(obj, pydyf.Dictionary)}
    root = objects[pdf.catalog["StructTreeRoot"]]
    replaced: dict[bytes, bytes] = {}

    def origin(reference):
        element = objects.get(reference)
        if element is None or element.get("Type") != "/StructElem":
            return None
        found = _origins.get(id(element))
        return None if found is None else (id(found[0]), found[1], element["S"])

    def join(kids) -> None:
        index = 0
        while index < len(kids) - 1:
            first, second = kids[index], kids[index + 1]
            if not isinstance(first, bytes) or not isinstance(second, bytes) or origin(first) is None \
                    or origin(first) != origin(second):
                index += 1
                continue
            keep, gone = objects[first], objects[second]
            for kid in gone["K"]:
                if isinstance(kid, int) and gone.get("Pg") != keep.get("Pg"):
                    kid = pydyf.Dictionary({"Type": "/MCR", "Pg": gone["Pg"], "MCID": kid})
                elif isinstance(kid, bytes) and kid in objects and "P" in objects[kid]:
                    objects[kid]["P"] = first
                keep["K"].append(kid)
            del kids[index + 1]
            replaced[second] = first
            gone.clear()
        for kid in kids:
            if isinstance(kid, bytes) and kid in objects and objects[kid].get("Type") == "/StructElem":
                join(objects[kid]["K"])

    for document in root["K"]:
        join(objects[document]["K"])

    def final(reference):
        while reference in replaced:
            reference = replaced[reference]
        return reference

    mapping = objects[root["ParentTree"]]["Nums"]
    for index, value in enumerate(mapping):
        if isinstance(value, pydyf.Array):
            value[:] = [final(reference) for reference in value]
        elif isinstance(value, bytes):
            mapping[index] = final(value)


def _links_described_by_their_text(pdf) -> None:
    """Put every link annotation in its link's structure element, described by the link's text."""
    import pydyf

    objects = {obj.reference: obj for obj in pdf.objects if isinstance(obj, pydyf.Dictionary)}
    root = objects[pdf.catalog["StructTreeRoot"]]
    mapping = objects[root["ParentTree"]]["Nums"]
    annotation_entries = {mapping[index]: index + 1 for index in range(0, len(mapping), 2)
                          if isinstance(mapping[index + 1], bytes)}

    def walk(reference) -> None:
        element = objects.get(reference)
        if element is None or element.get("Type") != "/StructElem":
            return
        for kid in list(element["K"]):
            if not isinstance(kid, bytes) or kid not in objects:
                continue
            if objects[kid].get("Type") == "/OBJR":
                link = _link_around(objects, reference)
                if link is None:
                    continue
                annotation = objects[objects[kid]["Obj"]]
                if link != reference:  # an annotation of an element inside the link: the link's
                    element["K"].remove(kid)
                    objects[link]["K"].append(kid)
                    mapping[annotation_entries[annotation["StructParent"]]] = link
                origin = _origins.get(id(objects[link]))
                text = " ".join("".join(origin[0].itertext()).split()) if origin else ""
                if text:
                    annotation["Contents"] = pydyf.String(text)
            else:
                walk(kid)

    for document in root["K"]:
        walk(document)


# The Link structure element that is, or holds, an element (None: the element is in no link).
def _link_around(objects: dict, reference):
    while reference in objects and objects[reference].get("Type") == "/StructElem":
        if objects[reference]["S"] == "/Link":
            return reference
        reference = objects[reference].get("P")
    return None
