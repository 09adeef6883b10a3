"""docxtpl's DocxTemplate with three of its passes over the rendered body made cheap, and their result unchanged.

A briefing of 100 indicators × 100 regions renders a 5.7 MB body. docxtpl then
- resolves "listing" characters (tab, newline, bell, form feed typed in a value) with three nested regular
  expressions per paragraph, run and text: 26,000 Python calls that change nothing when no w:t holds one;
- checks each table's w:tblGrid against its rows (a {%tc for %} loop adds cells) with a Python call per cell.
Both are kept: the listing pass still runs whenever a text holds such a character, and the grid pass is done
the same way with the per-cell work only for tables that span cells (tests/test_docx_template.py compares
both with docxtpl's own on the same XML). And docxtpl
- parses the rendered body on its own and moves it into the document: lxml's move between documents costs time
  quadratic in the body (0.1 s at 6 MB, 17 s at 63 MB). The body is parsed inside the document's own root
  instead (docx_body.py), with python-docx's element classes, and that document becomes the part's: the same
  tree, no move.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from docx.oxml.ns import nsmap
from docx.oxml.parser import element_class_lookup
from docxtpl import DocxTemplate, template as docxtpl_template
from jinja2 import Template as JinjaTemplate, TemplateError
from lxml import etree

from .docx_body import in_document
from .jinja_cache import string_name
from .docx_style import grid_from_first_row

# a w:t element and its text (the body is well-formed XML: a text holds no "<"), and what the listing pass changes
_TEXT = re.compile(r"<w:t(?: [^>]*)?>.*?</w:t>", re.DOTALL)
_DOCPR = "{%s}docPr" % nsmap["wp"]


def _paragraphs_apart(xml: str) -> str:
    """re.sub(r"<w:p([ >])", r"\\n<w:p\\1", xml), as docxtpl puts each paragraph on a line of its own."""
    return xml.replace("<w:p ", "\n<w:p ").replace("<w:p>", "\n<w:p>")


@lru_cache(maxsize=1)
def _patching() -> str:
    """A digest of the code that turns the template's XML into Jinja source (docxtpl's and this module's)."""
    return hashlib.sha256(Path(docxtpl_template.__file__).read_bytes() + Path(__file__).read_bytes()).hexdigest()


def has_listing(xml: str) -> bool:
    """Whether any w:t of the XML holds a tab, newline, bell or form feed (all docxtpl's listing pass replaces).

    Each such character is found at memchr speed (a rendered body holds a few, in a picture's pretty-printed XML)
    and is in a w:t when the tag it follows is a w:t's: well-formed, a text or an attribute holds no "<"."""
    for char in "\t\a\n\f":
        at = xml.find(char)
        while at >= 0:
            if xml.startswith(("<w:t>", "<w:t "), xml.rfind("<", 0, at)):
                return True
            at = xml.find(char, at + 1)
    return False


# docxtpl's {% cellbg %} and {% colspan %} put their w:shd / w:gridSpan first in the cell's w:tcPr, before a
# w:tcW, where Word's schema does not allow them (Word then calls the file damaged; LibreOffice opens it). The
# leading run of a w:tcPr's children up to w:shd is put back in CT_TcPr's sequence after docxtpl's patch.
_TCPR_RANK = {name: i for i, name in enumerate(("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd"))}
_TCPR_HEAD = re.compile(r"(<w:tcPr(?: [^>]*)?>)((?:<w:(?:cnfStyle|tcW|gridSpan|hMerge|vMerge|shd)(?: [^>]*)?/>"
                        r"|<w:tcBorders(?: [^>]*)?>.*?</w:tcBorders>)+)", re.DOTALL)
_TCPR_CHILD = re.compile(r"<w:(\w+)(?: [^>]*)?/>|<w:(tcBorders)(?: [^>]*)?>.*?</w:tcBorders>", re.DOTALL)


def cell_properties_in_order(xml: str) -> str:
    """Each w:tcPr's leading w:cnfStyle … w:shd children in the schema's order (stable: a repeat keeps its place)."""
    def ordered(m: re.Match) -> str:
        children = sorted(_TCPR_CHILD.finditer(m.group(2)), key=lambda c: _TCPR_RANK[c.group(1) or c.group(2)])
        return m.group(1) + "".join(c.group(0) for c in children)
    return _TCPR_HEAD.sub(ordered, xml) if "<w:tcPr" in xml else xml


class Template(DocxTemplate):
    """A DocxTemplate whose listing and table-grid passes cost what the document needs, with the same result."""

    # set by a caller that gives every table the grid of its first row's cell widths after rendering
    # (docx_style.sync_grids): done here instead, in the grid pass, and docxtpl's grid fix only for the tables
    # whose first row does not give every width (the result is the same: sync_grids discards that fix)
    grids_follow_first_row = False

    def patch_xml(self, src_xml: str) -> str:
        return cell_properties_in_order(super().patch_xml(src_xml))

    def resolve_listing(self, xml: str) -> str:
        return super().resolve_listing(xml) if has_listing(xml) else xml

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        """docxtpl 0.20's render_xml_part, its two passes over every paragraph (re.sub with a group, a Python call
        per match: 20,000 at 1,000 indicators) as plain replacements, which give the same text."""
        src_xml = _paragraphs_apart(src_xml)
        return self._rendered(lambda: jinja_env.from_string(src_xml) if jinja_env else JinjaTemplate(src_xml),
                              lambda: src_xml, part, context)

    def _rendered(self, template, source, part, context) -> str:
        """The rendering in render_xml_part: `template()` made and rendered, `source()` the text its errors quote."""
        try:
            self.current_rendering_part = part
            dst_xml = template().render(context)
        except TemplateError as exc:
            if getattr(exc, "lineno", None) is not None:
                line_number = max(exc.lineno - 4, 0)
                lines = source().splitlines()[line_number:line_number + 7]
                exc.docx_context = map(lambda x: re.sub(r"<[^>]+>", "", x), lines)
            raise exc
        dst_xml = dst_xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")  # re.sub(r"\n<w:p([ >])", …)
        dst_xml = dst_xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        return self.resolve_listing(dst_xml)

    def build_xml(self, context, jinja_env=None) -> str | list[str]:
        """docxtpl's build_xml (get_xml, patch_xml, render_xml_part), the body's compiled template taken from the
        bytecode cache (jinja_cache.py) under the digest of the template's XML and of the code that patches it:
        patch_xml's regular expressions over the template (0.014 s) run only when it is compiled. The rendered
        body then inside the document's root (the whole document.xml, in pieces) when that gives the same tree."""
        cache = getattr(jinja_env, "bytecode_cache", None)
        if cache is None:
            body = super().build_xml(context, jinja_env)
        else:
            raw = self.get_xml()

            def source() -> str:
                return _paragraphs_apart(self.patch_xml(raw))

            def template():
                bucket = cache.get_bucket(jinja_env, string_name(f"docx body {_patching()}\n{raw}"), None, raw)
                if bucket.code is None:
                    bucket.code = jinja_env.compile(source())
                    cache.set_bucket(bucket)
                return jinja_env.template_class.from_code(jinja_env, bucket.code, jinja_env.make_globals(None), None)

            body = self._rendered(template, source, self.docx._part, context)
        return in_document(self.docx._element, body) or body

    def fix_tables(self, xml: str | list[str]):
        # docxtpl's parser (recovering from a broken template), making python-docx's element classes as the
        # document's own parser does
        parser = etree.XMLParser(recover=True)
        parser.set_element_class_lookup(element_class_lookup)
        if isinstance(xml, str):
            tree = etree.fromstring(xml, parser=parser)
        else:  # fed piece by piece: the document is not copied into one string first
            for piece in xml:
                parser.feed(piece)
            tree = parser.close()
        return fix_grids(tree, self.grids_follow_first_row)

    def fix_docpr_ids(self, tree) -> None:
        # docxtpl's renumbering ("//wp:docPr", in document order), walking the tree for the one tag in C
        for elt in etree._Element.iter(tree, _DOCPR):
            self.docx_ids_index += 1
            elt.attrib["id"] = str(self.docx_ids_index)

    def map_tree(self, tree) -> None:
        if tree.tag != self.docx._element.tag:  # a body alone: docxtpl's move into the document
            super().map_tree(tree)
            return
        # the whole document: it becomes the part's root, and the Document proxy finds its body anew
        self.docx.part._element = self.docx._element = tree
        self.docx._Document__body = None


def fix_grids(tree, follow_first_row: bool = False):
    """Give each table as many w:gridCol as its widest row has cells, keeping the table's width.

    A row with more cells than the grid adds columns (all columns then share the old width equally, the old
    ones scaled); a grid wider than every row (grid spans counted) loses its last columns, their width spread
    over the rest. Widths are whole twips, rounded down, as docxtpl 0.20 writes them. With follow_first_row, a
    table whose first row gives every cell's width gets those widths as its grid instead (docx_style.sync_grids).
    """
    w = "{%s}" % tree.nsmap["w"]
    width_attr = w + "w"
    for tbl in tree.iter(w + "tbl"):
        if follow_first_row and grid_from_first_row(tbl):
            continue
        grid = tbl.find(w + "tblGrid")
        cols = grid.findall(w + "gridCol")
        rows = [tr.findall(w + "tc") for tr in tbl.iter(w + "tr")]  # nested tables' rows count too, as in docxtpl
        widest = max(map(len, rows), default=0)
        missing = widest - len(cols)
        if missing > 0:
            total = sum(float(c.get(width_attr)) for c in cols if c.get(width_attr) is not None)
            if total > 0:
                old, new = total / len(cols), total / (len(cols) + missing)
                for c in cols:
                    c.set(width_attr, str(int(float(c.get(width_attr)) * new / old)))
                for _ in range(missing):
                    etree.SubElement(grid, w + "gridCol", {width_attr: str(int(new))})
            cols = grid.findall(w + "gridCol")
        if tbl.find(f".//{w}gridSpan") is None:
            spanned = widest  # no cell spans columns: a row is as wide as its cell count
        else:
            spanned = max((sum(_span(tc, w) for tc in cells) for cells in rows), default=0)
        extra = len(cols) - spanned
        if extra > 0:
            removed = 0.0
            for c in cols[-extra:]:
                removed += float(c.get(width_attr))
                grid.remove(c)
            left = grid.findall(w + "gridCol")
            share = int(removed / len(left)) if left else 0
            for c in left:
                c.set(width_attr, str(int(float(c.get(width_attr)) + share)))
    return tree


def _span(tc, w: str) -> int:
    props = tc.find(w + "tcPr")
    span = None if props is None else props.find(w + "gridSpan")
    return 1 if span is None else int(span.get(w + "val"))
