"""Word styles of the briefing and their fonts: set through w:rFonts w:eastAsia, which python-docx's font.name skips."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# style name in reports/briefing.docx → which of the context's fonts it uses
STYLE_FONTS = {
    "Normal": "body",
    "简报版头": "title",
    "期号": "body",
    "编发行": "body",
    "文章标题": "title",
    "一级标题": "h1",
    "二级标题": "h2",
    "表题": "h1",
    "表格文字": "body",
    "表头": "h1",
    "图": "body",
    "图题": "h1",
    "附件标签": "h1",
    "版记": "body",
    "发文机关标志": "title",
    "版头红线": "body",
    "Footer": "body",
}
_THEME_ATTRS = ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme")


def set_fonts(rpr_owner, east_asia: str, latin: str) -> None:
    """Give an element with an rPr (style, run, rPrDefault) its Chinese and Latin fonts, theme fonts removed."""
    if hasattr(rpr_owner, "get_or_add_rPr"):
        rpr = rpr_owner.get_or_add_rPr()
    else:  # w:rPrDefault is not a python-docx element class
        rpr = rpr_owner.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            rpr_owner.append(rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_ATTRS:  # a theme font overrides an explicit one on the same element
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:hint"), "eastAsia")


def apply_fonts(document, fonts: dict[str, str]) -> None:
    """Set every briefing style's fonts (and the document default) from the context's font names."""
    latin = fonts["latin"]
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if rpr_default is not None:
        set_fonts(rpr_default, fonts["body"], latin)
    names = {s.name for s in document.styles}
    for name, key in STYLE_FONTS.items():
        if name in names:
            set_fonts(document.styles[name].element, fonts[key], latin)


def sync_grids(document) -> None:
    """Make each table's w:tblGrid follow its first row's cell widths (LibreOffice lays tables out by the grid)."""
    for tbl in document.element.body.iter(qn("w:tbl")):
        grid_from_first_row(tbl)


def grid_from_first_row(tbl) -> bool:
    """Give one table the grid of its first row's cell widths; False (nothing changed) when a width is unknown."""
    first, grid = tbl.find(qn("w:tr")), tbl.find(qn("w:tblGrid"))
    widths = _row_widths(first) if first is not None else None
    if grid is None or not widths:
        return False
    for col in list(grid):
        grid.remove(col)
    for width in widths:
        col = OxmlElement("w:gridCol")
        col.set(qn("w:w"), str(width))
        grid.append(col)
    return True


def _row_widths(tr) -> list[int] | None:
    """Grid column widths from a row's w:tcW (twips), or None when one is missing or not yet a number."""
    widths = []
    for tc in tr.findall(qn("w:tc")):
        tcw = tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
        value = tcw.get(qn("w:w")) if tcw is not None else None
        if value is None or not value.isdigit():
            return None
        span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        n = int(span.get(qn("w:val"))) if span is not None else 1
        widths += [int(value) // n] * n
    return widths
