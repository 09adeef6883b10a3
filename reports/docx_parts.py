"""The Word pieces every report template is built from: GB/T 9704 styles, page setup, tables, page numbers, 版头, 版记.

Used by build_docx_template.py (the 简报) and build_report_templates.py (月报, 亮晒, 年报), so every document prints
alike and a change to a style reaches all of them. python-docx writes the files reproducibly (fixed dates).
"""

from __future__ import annotations

import datetime as dt

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from zhibiao.briefing.paper import TEXT_WIDTH_MM, twips

RED = RGBColor(0xC0, 0x00, 0x00)
DEFAULT_FONTS = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "h1": "黑体", "h2": "楷体_GB2312",
                 "latin": "Times New Roman"}
LINE = Pt(28)  # 22 lines of 28 characters on the type area, as GB/T 9704 asks


# ---- styles -----------------------------------------------------------------------------------------

def paragraph_style(doc, name: str, size: float, *, align=None, bold=False, color=None, indent_chars=0,
                    exact_line=True, before=0, after=0, keep_next=False, outline=None):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name != "Normal":
        style.base_style = styles["Normal"]
        style.quick_style = True
    style.font.size = Pt(size)
    style.font.bold = bold
    if color is not None:
        style.font.color.rgb = color
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if exact_line:
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.keep_with_next = keep_next
    fmt.widow_control = True
    ppr = style.element.get_or_add_pPr()
    # in characters, so it follows the font size; 0 overrides Normal's two-character indent
    fmt.first_line_indent = Pt(size * indent_chars)
    ppr.find(qn("w:ind")).set(qn("w:firstLineChars"), str(indent_chars * 100))
    if outline is not None:
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(outline))
        ppr.append(level)
    return style


def border(ppr, side: str, color: str, eighths: int, space: int = 1) -> None:
    """A paragraph border (a rule): size in eighths of a point."""
    pbdr = ppr.find(qn("w:pBdr"))
    if pbdr is None:
        pbdr = OxmlElement("w:pBdr")
        # w:pBdr goes before w:spacing / w:ind / w:jc in CT_PPr's sequence
        anchor = next((ppr.find(qn(t)) for t in ("w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc") if ppr.find(qn(t)) is not None), None)
        if anchor is not None:
            anchor.addprevious(pbdr)
        else:
            ppr.append(pbdr)
    edge = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(eighths)), ("space", str(space)), ("color", color)):
        edge.set(qn(f"w:{key}"), value)
    pbdr.append(edge)


def define_styles(doc) -> None:
    C, L = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
    normal = paragraph_style(doc, "Normal", 16, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_chars=2)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    paragraph_style(doc, "简报版头", 36, align=C, bold=True, color=RED, exact_line=False, before=0, after=6)
    paragraph_style(doc, "期号", 16, align=C, after=14)
    masthead = paragraph_style(doc, "编发行", 16, align=L, after=0)
    # 编发单位 one character in from the left, the date one in from the right; the rule spans the full width
    masthead.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM) - Pt(16), WD_TAB_ALIGNMENT.RIGHT)
    border(masthead.element.get_or_add_pPr(), "bottom", "C00000", 18, space=6)  # the red rule, 2.25 pt
    paragraph_style(doc, "文章标题", 22, align=C, bold=True, exact_line=False, before=28, after=28, outline=0)
    paragraph_style(doc, "一级标题", 16, indent_chars=2, keep_next=True, outline=1)
    paragraph_style(doc, "二级标题", 16, indent_chars=2, keep_next=True, outline=2)
    paragraph_style(doc, "表题", 14, align=C, exact_line=False, before=8, after=4, keep_next=True)
    paragraph_style(doc, "表格文字", 10.5, align=C, exact_line=False, before=1.5, after=1.5)
    paragraph_style(doc, "表头", 10.5, align=C, exact_line=False, before=1.5, after=1.5)
    paragraph_style(doc, "图", 11, align=C, exact_line=False, before=6, keep_next=True)  # kept with its caption
    # a figure's caption, below it: not kept with what follows, so a figure that does not fit moves with its
    # caption alone (not with the next heading and its first lines)
    paragraph_style(doc, "图题", 14, align=C, exact_line=False, before=4, after=8).paragraph_format.keep_together = True
    paragraph_style(doc, "附件标签", 16, align=L)
    bookend = paragraph_style(doc, "版记", 14, align=L, exact_line=False, before=3, after=3)
    bookend.paragraph_format.line_spacing_rule, bookend.paragraph_format.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(20)
    footer = doc.styles["Footer"]
    footer.font.size = Pt(14)
    # the reports' 版头: the issuing body's name in red 小标宋, then the red rule (GB/T 9704 7.2.3, 7.2.6)
    paragraph_style(doc, "发文机关标志", 30, align=C, color=RED, exact_line=False, before=0, after=4)
    rule = paragraph_style(doc, "版头红线", 6, align=C, exact_line=False, before=0, after=18)
    border(rule.element.get_or_add_pPr(), "bottom", "C00000", 18, space=1)


# ---- content helpers --------------------------------------------------------------------------------

def para(doc_or_cell, text: str = "", style: str = "Normal"):
    p = doc_or_cell.add_paragraph(style=style)
    if text:
        p.add_run(text)
    return p


def tag(doc, text: str) -> None:
    """A paragraph holding only a docxtpl {%p … %} tag: it disappears when rendered."""
    para(doc, text, "Normal")


def cell_width(cell, width) -> None:
    """A cell's width in twips, or a Jinja expression the docx skin fills in (dynamic columns)."""
    tcpr = cell._tc.get_or_add_tcPr()
    tcw = tcpr.find(qn("w:tcW"))
    if tcw is None:
        tcw = OxmlElement("w:tcW")
        tcpr.insert(0, tcw)
    tcw.set(qn("w:w"), str(width))
    tcw.set(qn("w:type"), "dxa")


def fill_cell(cell, text: str, style: str = "表格文字") -> None:
    p = cell.paragraphs[0]
    p.style = style
    p.add_run(text)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


# CT_TcPr's children in the order the schema demands (Word reports a file as damaged otherwise)
_TCPR_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
                   "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")


def shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    for key, value in (("val", "clear"), ("color", "auto"), ("fill", fill)):
        shd.set(qn(f"w:{key}"), value)
    later = next((child for child in tcpr if child.tag in {qn(t) for t in _TCPR_AFTER_SHD}), None)
    if later is None:
        tcpr.append(shd)
    else:
        later.addprevious(shd)


def repeat_header(row) -> None:
    """The header row: repeated on every page, and kept with the first body row (keep-with-next on its paragraphs),
    so it never stands alone at a page's foot. It is not made unbreakable: LibreOffice 7.4 drops the body rows of
    a table whose repeated, unbreakable header row is all that fits at the foot of a page."""
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    trpr.append(header)
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def keep_rows_whole(*rows) -> None:
    """A row never breaks across pages (a cell's last line alone at the top of the next page)."""
    for row in rows:
        trpr = row._tr.get_or_add_trPr()
        trpr.insert(0, OxmlElement("w:cantSplit"))  # CT_TrPr: cantSplit comes before tblHeader


def narrow_margins(t, mm: float = 1) -> None:
    """1 mm left and right cell padding: the lights table has seven number columns on 156 mm."""
    tblpr = t._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side, width in (("top", 0), ("left", twips(mm)), ("bottom", 0), ("right", twips(mm))):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(width))
        edge.set(qn("w:type"), "dxa")
        mar.append(edge)
    # CT_TblPr: w:tblCellMar comes before w:tblLook (python-docx's table style writes one)
    tblpr.insert_element_before(mar, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


def table(doc, headers: list[str], widths_mm: list[float], body: list[str], loop: str):
    """A bordered table: a header row (repeated on each page), then a {%tr for %} row of `body` cells."""
    t = doc.add_table(rows=3, cols=len(headers))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    narrow_margins(t)
    for style, cells, texts in (("表头", t.rows[0].cells, headers), ("表格文字", t.rows[2].cells, body)):
        for cell, text, width in zip(cells, texts, widths_mm):
            fill_cell(cell, text, style)
            cell_width(cell, twips(width))
    for cell in t.rows[0].cells:
        shade(cell, "F2F2F2")
    repeat_header(t.rows[0])
    keep_rows_whole(t.rows[2])
    loop_row(t.rows[1], f"{{%tr for row in {loop} %}}")
    end = t.add_row()
    loop_row(end, "{%tr endfor %}")
    return t


def lights_summary(doc, table_expr: str):
    """The lights table when the regions do not fit across the page (zhibiao/briefing/lights.py): one row per
    indicator, the parent's figure in its light, the regions counted by light, the red and yellow ones named."""
    t = table(doc, ["指标", "对照", f"{{{{ {table_expr}.parent }}}}", "绿灯", "黄灯", "红灯", "红灯地区", "黄灯地区"],
              [30, 20, 16, 10, 10, 10, 32, 28],
              ["{{ row.name }}", "{{ row.unit }}", "{% cellbg row.parent.fill %}{{ row.parent.text }}", "{{ row.green }}",
               "{{ row.yellow }}", "{{ row.red }}", "{{ row.red_names }}", "{{ row.yellow_names }}"], f"{table_expr}.rows")
    for i in (0, 6, 7):
        t.rows[2].cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    return t


def loop_row(row, text: str) -> None:
    row.cells[0].paragraphs[0].add_run(text)


def page_number(paragraph) -> None:
    """— N —: the PAGE field between two em dashes."""
    paragraph.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
    paragraph.add_run(" —")




def loop_table(doc, before: list[tuple[str, str, float]], loop: tuple[str, str, str, str, object],
               after: list[tuple[str, str, float]], rows: str, left_first: bool = True, cell_pt: float | None = None,
               pad_mm: float = 1):
    """A table whose middle columns repeat ({%tc for %}): before/after are (header, cell, width mm); loop is
    (for-expression over the header's columns, over the row's cells, header text, cell text, width in twips or a
    Jinja expression the skin fills in). The body row repeats over `rows` ({%tr for %}). cell_pt: a smaller size
    for the repeated cells (a 14 mm column holds 100.0% on one line in 9.5 pt even in a wide fallback serif)."""
    over_head, over_cell, head_text, cell_text, width = loop
    t = doc.add_table(rows=4, cols=len(before) + 3 + len(after))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    narrow_margins(t, pad_mm)
    head = [h for h, _, _ in before] + [f"{{%tc for {over_head} %}}", head_text, "{%tc endfor %}"] + [h for h, _, _ in after]
    body = [c for _, c, _ in before] + [f"{{%tc for {over_cell} %}}", cell_text, "{%tc endfor %}"] + [c for _, c, _ in after]
    widths = [twips(w) for _, _, w in before] + [0, width, 0] + [twips(w) for _, _, w in after]
    for cells, texts, style in ((t.rows[0].cells, head, "表头"), (t.rows[2].cells, body, "表格文字")):
        for cell, text, w in zip(cells, texts, widths):
            fill_cell(cell, text, style)
            cell_width(cell, w)
    for cell in t.rows[0].cells:
        shade(cell, "F2F2F2")
    if left_first:
        t.rows[2].cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    if cell_pt:
        for run in t.rows[2].cells[len(before) + 1].paragraphs[0].runs:
            run.font.size = Pt(cell_pt)
    repeat_header(t.rows[0])
    keep_rows_whole(t.rows[2])
    loop_row(t.rows[1], f"{{%tr for row in {rows} %}}")
    loop_row(t.rows[3], "{%tr endfor %}")
    return t


def paragraphs(doc, loop: str, style: str = "Normal") -> None:
    """One paragraph per item of `loop` ({%p for %})."""
    tag(doc, f"{{%p for paragraph in {loop} %}}")
    para(doc, "{{ paragraph }}", style)
    tag(doc, "{%p endfor %}")


def core_properties(doc, title: str, subject: str = "{{ headline }}") -> None:
    props = doc.core_properties
    props.title, props.subject = title, subject
    props.author = props.last_modified_by = "{{ header.issuer }}"
    props.created = props.modified = dt.datetime(2024, 1, 1)
    props.revision = 1


def portrait(section) -> None:
    """A4 portrait with GB/T 9704's margins: 37 mm top, 35 bottom, 28 left, 26 right."""
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(24)


def landscape(section, margin_mm: float = 15) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(margin_mm))


def red_header(doc, condition: str = "red_header") -> None:
    """The red 版头 of a document issued by the bureau (GB/T 9704 发文机关标志 over a red rule), when `condition` holds.

    The 简报 has its own masthead (title, 期号, 编发单位 and date); the reports carry the issuing body's name."""
    tag(doc, f"{{%p if {condition} %}}")
    para(doc, "{{ header.mark }}", "发文机关标志")
    para(doc, "", "版头红线")
    tag(doc, "{%p endif %}")


def new_document(title: str, subject: str = "{{ headline }}") -> Document:
    """A document with every style, the default fonts and fixed properties (so a rebuild gives the same bytes)."""
    from zhibiao.briefing.docx_style import apply_fonts

    doc = Document()
    define_styles(doc)
    apply_fonts(doc, DEFAULT_FONTS)
    core_properties(doc, title, subject)
    return doc


SEND_COPY = ["报送：{{ footer.send_to }}", "抄送：{{ footer.copy_to }}"]


def distribution(doc, lines: list[str] = SEND_COPY) -> None:
    """版记: the lines (报送, 抄送) between rules, then the issuer and date, closed by a thick rule.

    `lines` may hold {%tr for %} / {%tr endfor %} rows around one text row: docxtpl replaces those rows by the loop.

    GB/T 9704 puts the 版记 at the foot of the last page: the table goes into a text box at the foot of the type
    area, anchored by a last paragraph as tall as the box (zhibiao/briefing/docx_bookend.py says why).
    """
    from zhibiao.briefing.docx_bookend import HANG_EMS, INDENT_PT, foot_anchor

    rows = list(lines) + ["{{ footer.issuer }}\t{{ footer.date }}印发"]
    t = doc.add_table(rows=len(rows), cols=1)
    keep_rows_whole(*t.rows)
    for i, (row, text) in enumerate(zip(t.rows, rows)):
        cell = row.cells[0]
        cell_width(cell, twips(TEXT_WIDTH_MM))  # the rules as wide as the type area (GB/T 9704 7.4.1)
        p = cell.paragraphs[0]
        p.style = doc.styles["版记"]
        p.add_run(text)
        # GB/T 9704 7.4: one character (14 pt) in from the rules' ends, the 印发日期 right-aligned there too
        p.paragraph_format.left_indent = p.paragraph_format.right_indent = Pt(INDENT_PT)
        p.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM) - Pt(INDENT_PT), WD_TAB_ALIGNMENT.RIGHT)
        if i < len(rows) - 1 and not text.startswith("{%"):  # 报送：/ 抄送： a wrapped line starts under the colon's next character (7.4.2)
            p.paragraph_format.left_indent = Pt(INDENT_PT + HANG_EMS * 14)
            p.paragraph_format.first_line_indent = -Pt(HANG_EMS * 14)
    tblpr = t._tbl.tblPr
    edges = OxmlElement("w:tblBorders")
    for side, eighths in (("top", 12), ("left", 0), ("bottom", 12), ("right", 0), ("insideH", 4), ("insideV", 0)):
        edge = OxmlElement(f"w:{side}")
        for key, value in (("val", "single" if eighths else "nil"), ("sz", str(eighths)), ("space", "0"), ("color", "000000")):
            edge.set(qn(f"w:{key}"), value)
        edges.append(edge)
    after = next((tblpr.find(qn(f"w:{t}")) for t in ("tblLayout", "tblCellMar", "tblLook") if tblpr.find(qn(f"w:{t}")) is not None), None)
    if after is not None:
        after.addprevious(edges)
    else:
        tblpr.append(edges)
    # no cell padding: the rules (the table's edges) span the type area and the text starts at the indent alone
    # (Word's default 5.4 pt padding put it 1.4 characters in, and hung the rules out past the box's left edge)
    narrow_margins(t, 0)
    text_rows = sum(1 for text in rows if not text.startswith("{%tr"))
    body = t._tbl.getparent()
    at = body.index(t._tbl)
    body.insert(at, foot_anchor(t._tbl, Mm(TEXT_WIDTH_MM).pt, text_rows))  # the table moves into the box
