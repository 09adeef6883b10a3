"""Build reports/briefing.docx, the docxtpl template of the Word briefing, with python-docx (reproducibly).

Layout after GB/T 9704: A4, margins 37 mm top / 35 bottom / 28 left / 26 right, a red masthead, 第N期,
编发单位 left and date right above a red rule, 仿宋 3号 body on a 28 pt grid, 一、 in 黑体, （一） in 楷体,
a 报送/抄送 block between rules, page numbers "— N —" (odd pages right, even pages left).

The bureau may edit the generated file in Word (wording, spacing, colours); the Jinja tags ({{ … }},
{%p … %}, {%tr … %}, {%tc … %}) must stay. The fonts come from 设置 at render time.
Run: .venv/bin/python reports/build_docx_template.py
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from zhibiao.briefing.docx_style import apply_fonts, sync_grids  # noqa: E402

OUT = ROOT / "reports" / "briefing.docx"
RED = RGBColor(0xC0, 0x00, 0x00)
TEXT_WIDTH_MM = 156  # 210 - 28 - 26
DEFAULT_FONTS = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "h1": "黑体", "h2": "楷体_GB2312",
                 "latin": "Times New Roman"}
LINE = Pt(28)  # 22 lines of 28 characters on the type area, as GB/T 9704 asks


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


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
    paragraph_style(doc, "图", 11, align=C, exact_line=False, before=6, keep_next=True)
    paragraph_style(doc, "附件标签", 16, align=L)
    paragraph_style(doc, "版记", 14, align=L, exact_line=False, before=3, after=3)
    footer = doc.styles["Footer"]
    footer.font.size = Pt(14)


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


def shade(cell, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    for key, value in (("val", "clear"), ("color", "auto"), ("fill", fill)):
        shd.set(qn(f"w:{key}"), value)
    tcpr.append(shd)


def repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    trpr.append(header)


def keep_rows_whole(*rows) -> None:
    """A row never breaks across pages (a cell's last line alone at the top of the next page)."""
    for row in rows:
        trpr = row._tr.get_or_add_trPr()
        trpr.insert(0, OxmlElement("w:cantSplit"))  # CT_TrPr: cantSplit comes before tblHeader


def narrow_margins(t) -> None:
    """1 mm left and right cell padding: the lights table has seven number columns on 156 mm."""
    tblpr = t._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side, width in (("top", 0), ("left", twips(1)), ("bottom", 0), ("right", twips(1))):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(width))
        edge.set(qn("w:type"), "dxa")
        mar.append(edge)
    tblpr.append(mar)


def table(doc, headers: list[str], widths_mm: list[float], body: list[str], loop: str):
    """A bordered table: a header row (repeated on each page), then a {%tr for %} row of `body` cells."""
    t = doc.add_table(rows=3, cols=len(headers))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    narrow_margins(t)
    for cells, texts in ((t.rows[0].cells, headers), (t.rows[2].cells, body)):
        for cell, text, width in zip(cells, texts, widths_mm):
            fill_cell(cell, text, "表头" if cells is t.rows[0].cells else "表格文字")
            cell_width(cell, twips(width))
    for cell in t.rows[0].cells:
        shade(cell, "F2F2F2")
    repeat_header(t.rows[0])
    keep_rows_whole(t.rows[0], t.rows[2])
    loop_row(t.rows[1], f"{{%tr for row in {loop} %}}")
    end = t.add_row()
    loop_row(end, "{%tr endfor %}")
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


# ---- the document -----------------------------------------------------------------------------------

def build() -> Document:
    doc = Document()
    define_styles(doc)
    apply_fonts(doc, DEFAULT_FONTS)
    props = doc.core_properties
    props.title, props.subject = "{{ header.title }} {{ header.issue }}", "{{ headline }}"
    props.author = props.last_modified_by = "{{ header.issuer }}"
    props.created = props.modified = dt.datetime(2024, 1, 1)
    props.revision = 1

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(24)
    doc.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    odd.style, odd.alignment = doc.styles["Footer"], WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Pt(14)  # one character in from the edge, as GB/T 9704 asks
    page_number(odd)
    even = section.even_page_footer.paragraphs[0]
    even.style, even.alignment = doc.styles["Footer"], WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(14)
    page_number(even)

    para(doc, "{{ header.title }}", "简报版头")
    para(doc, "{{ header.issue }}", "期号")
    para(doc, "\u3000{{ header.issuer }}\t{{ header.date }}", "编发行")
    para(doc, "{{ headline }}", "文章标题")

    para(doc, "{{ summary.heading }}", "一级标题")
    tag(doc, "{%p for paragraph in summary.paragraphs %}")
    para(doc, "{{ paragraph }}")
    tag(doc, "{%p endfor %}")

    tag(doc, "{%p if split %}")
    para(doc, "{{ split.heading }}", "一级标题")
    para(doc, "{{ split.gaps_heading }}", "二级标题")
    tag(doc, "{%p for gap in split.gaps %}")
    p = para(doc)
    p.add_run("{{ loop.index }}. {{ gap.title }}。").font.bold = True
    p.add_run("{{ gap.text }}{{ gap.suggestion }}{% if gap.responsible %}（责任部门：{{ gap.responsible }}）{% endif %}")
    tag(doc, "{%p else %}")
    para(doc, "{{ split.gaps_none }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if split.notes %}")
    para(doc, "{{ split.notes_heading }}", "二级标题")
    tag(doc, "{%p for note in split.notes %}")
    para(doc, "{{ note }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if progress %}")
    para(doc, "{{ progress.heading }}", "一级标题")
    para(doc, "{{ progress.lights_heading }}", "二级标题")
    para(doc, "{{ progress.lights_intro }}")
    para(doc, "表1　各地区主要指标亮灯情况", "表题")
    lights = doc.add_table(rows=4, cols=5)
    lights.style = doc.styles["Table Grid"]
    lights.alignment = WD_TABLE_ALIGNMENT.CENTER
    narrow_margins(lights)
    head = ["指标", "对照", "{%tc for column in progress.lights.columns %}", "{{ column }}", "{%tc endfor %}"]
    row = ["{{ row.name }}", "{{ row.unit }}", "{%tc for cell in row.cells %}",
           "{% cellbg cell.fill %}{{ cell.text }}", "{%tc endfor %}"]
    widths = [twips(34), twips(22), 0, "{{ docx.lights_cell }}", 0]
    for cells, texts, style in ((lights.rows[0].cells, head, "表头"), (lights.rows[2].cells, row, "表格文字")):
        for cell, text, width in zip(cells, texts, widths):
            fill_cell(cell, text, style)
            cell_width(cell, width)
    for cell in lights.rows[0].cells:
        shade(cell, "F2F2F2")
    lights.rows[2].cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    repeat_header(lights.rows[0])
    keep_rows_whole(lights.rows[0], lights.rows[2])
    loop_row(lights.rows[1], "{%tr for row in progress.lights.rows %}")
    loop_row(lights.rows[3], "{%tr endfor %}")
    tag(doc, "{%p if progress.legend %}")
    para(doc, "注：{{ progress.legend }}", "表格文字").alignment = WD_ALIGN_PARAGRAPH.LEFT
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for note in progress.data_notes %}")
    para(doc, "{{ note }}")
    tag(doc, "{%p endfor %}")

    para(doc, "{{ progress.ranking_heading }}", "二级标题")
    para(doc, "{{ progress.ranking_intro }}")
    para(doc, "表2　赛马综合排名", "表题")
    table(doc, ["名次", "地区", "综合得分", "绿灯", "黄灯", "红灯", "备注"], [16, 34, 26, 18, 18, 18, 26],
          ["{{ row.rank }}", "{{ row.region }}", "{{ row.score }}", "{{ row.green }}", "{{ row.yellow }}",
           "{{ row.red }}", "{{ row.note }}"], "progress.ranking")
    tag(doc, "{%p if progress.chart %}")
    para(doc, "{{ progress.chart }}", "图")
    para(doc, "图1　{{ progress.chart_caption }}", "表题")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if warnings %}")
    para(doc, "{{ warnings.heading }}", "一级标题")
    para(doc, "{{ warnings.intro }}")
    tag(doc, "{%p if warnings.rows %}")
    para(doc, "表3　红灯预警清单", "表题")
    t = table(doc, ["序号", "指标", "地区", "完成情况", "责任部门"], [12, 40, 20, 56, 28],
              ["{{ loop.index }}", "{{ row.indicator }}", "{{ row.region }}", "{{ row.text }}",
               "{{ row.responsible }}"], "warnings.rows")
    shade(t.rows[2].cells[3], "{{ fills.red }}")
    for i in (1, 3):
        t.rows[2].cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")

    projects_section(doc)

    tag(doc, "{%p if appendix %}")
    attach = para(doc, "附件：{{ appendix.title }}")
    attach.paragraph_format.space_before = LINE

    label = para(doc, "附件", "附件标签")
    label.paragraph_format.page_break_before = True
    para(doc, "{{ appendix.title }}", "文章标题").paragraph_format.space_before = Pt(6)
    t = table(doc, ["序号", "指标名称", "单位", "{{ appendix.parent }}目标", "汇总方式", "核对结论", "责任部门"],
              [10, 40, 12, 20, 26, 20, 28],  # 核对结论 and 市自然资源局 on one line each
              ["{{ row.seq }}", "{{ row.name }}", "{{ row.unit }}", "{{ row.target }}", "{{ row.kind }}",
               "{{ row.verdict }}", "{{ row.responsible }}"], "appendix.rows")
    t.rows[2].cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    # a flagged verdict (有缺口 …) in red
    verdict = t.rows[2].cells[5].paragraphs[0]
    verdict.runs[0].text = ""
    verdict.add_run("{% if row.flag %}")
    flagged = verdict.add_run("{{ row.verdict }}")
    flagged.font.color.rgb, flagged.font.bold = RED, True
    verdict.add_run("{% else %}{{ row.verdict }}{% endif %}")
    tag(doc, "{%p endif %}")

    distribution(doc)
    sync_grids(doc)
    return doc


def projects_section(doc) -> None:
    """重大项目推进情况: the overview, the region table (开工率, 投资完成率 shaded by light), the chart, the red projects."""
    tag(doc, "{%p if projects %}")
    para(doc, "{{ projects.heading }}", "一级标题")
    tag(doc, "{%p if projects.overview %}")
    para(doc, "{{ projects.overview }}")
    tag(doc, "{%p endif %}")
    para(doc, "{{ projects.regions_heading }}", "二级标题")
    tag(doc, "{%p if projects.cohorts %}")
    para(doc, "{{ projects.cohorts }}")
    tag(doc, "{%p endif %}")
    para(doc, "表{{ 4 if warnings else 1 }}　{{ projects.table_title }}", "表题")
    t = table(doc, ["地区", "项目数", "新建", "已开工", "开工率", "竣工/应竣工", "完成投资(亿元)", "投资完成率", "绿", "黄", "红"],
              [24, 11, 10, 11, 17, 17, 16, 18, 10, 10, 10],
              ["{{ row.region }}", "{{ row.projects }}", "{{ row.new }}", "{{ row.started }}",
               "{% cellbg row.start_fill %}{{ row.start_rate }}", "{{ row.finished }}", "{{ row.investment }}",
               "{% cellbg row.investment_fill %}{{ row.investment_rate }}", "{{ row.green }}", "{{ row.yellow }}",
               "{{ row.red }}"], "projects.rows")
    para(doc, "注：{{ projects.legend }}", "表格文字").alignment = WD_ALIGN_PARAGRAPH.LEFT
    tag(doc, "{%p if projects.chart %}")
    para(doc, "{{ projects.chart }}", "图")
    para(doc, "图{{ 2 if progress and progress.chart else 1 }}　{{ projects.chart_caption }}", "表题")
    tag(doc, "{%p endif %}")
    para(doc, "{{ projects.red_heading }}", "二级标题")
    para(doc, "{{ projects.red_intro }}")
    tag(doc, "{%p if projects.reds %}")
    t = table(doc, ["序号", "项目名称", "地区", "原因", "责任单位"], [12, 42, 20, 56, 26],
              ["{{ loop.index }}", "{{ row.name }}", "{{ row.region }}", "{{ row.reasons }}", "{{ row.responsible }}"],
              "projects.reds")
    shade(t.rows[2].cells[3], "{{ fills.red }}")
    for i in (1, 3):
        t.rows[2].cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")


def distribution(doc) -> None:
    """版记: 报送 and 抄送 between rules, then the issuer and date, closed by a thick rule.

    GB/T 9704 puts the 版记 at the foot of the last page: a floating table anchored to the bottom margin,
    so it never starts a page of its own and the text of the last page flows above it.
    """
    rows = ["报送：{{ footer.send_to }}", "抄送：{{ footer.copy_to }}", "{{ footer.issuer }}\t{{ footer.date }}印发"]
    t = doc.add_table(rows=len(rows), cols=1)
    keep_rows_whole(*t.rows)
    for i, (row, text) in enumerate(zip(t.rows, rows)):
        cell = row.cells[0]
        # a hair narrower than the type area: LibreOffice keeps a floating table as wide as the text inline
        cell_width(cell, twips(TEXT_WIDTH_MM - 2))
        p = cell.paragraphs[0]
        p.style = doc.styles["版记"]
        p.add_run(text)
        p.paragraph_format.left_indent = p.paragraph_format.right_indent = Pt(14)
        p.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM - 2) - Pt(28), WD_TAB_ALIGNMENT.RIGHT)
        p.paragraph_format.keep_with_next = i < len(rows) - 1  # the three lines stay on one page
    tblpr = t._tbl.tblPr
    floating = OxmlElement("w:tblpPr")
    for key, value in (("leftFromText", "0"), ("rightFromText", "0"), ("topFromText", str(twips(4))),
                       ("bottomFromText", "0"), ("vertAnchor", "margin"), ("horzAnchor", "margin"),
                       ("tblpXSpec", "center"), ("tblpYSpec", "bottom")):
        floating.set(qn(f"w:{key}"), value)
    overlap = OxmlElement("w:tblOverlap")
    overlap.set(qn("w:val"), "never")
    style = tblpr.find(qn("w:tblStyle"))
    at = tblpr.index(style) + 1 if style is not None else 0
    tblpr.insert(at, floating)  # the schema's order: tblStyle, tblpPr, tblOverlap, …
    tblpr.insert(at + 1, overlap)
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
    para(doc).paragraph_format.space_before = Pt(0)  # Word ends a body with a paragraph; the table floats above it


def main(out: Path = OUT) -> None:
    build().save(out)
    print(out)


if __name__ == "__main__":
    main()
