"""Build reports/monthly.docx, showcase.docx and annual.docx (docxtpl templates) with the 简报's styles and page setup.

The styles, page numbers and table helpers come from build_docx_template.py, so every report prints alike.
Run: .venv/bin/python reports/build_report_templates.py
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "reports"))
sys.path.insert(0, str(ROOT))
from build_docx_template import (DEFAULT_FONTS, LINE, define_styles, page_number, para,  # noqa: E402
                                 table, tag)

from zhibiao.briefing.docx_style import apply_fonts, sync_grids  # noqa: E402


def new_document(title: str, landscape: bool = False) -> Document:
    doc = Document()
    define_styles(doc)
    apply_fonts(doc, DEFAULT_FONTS)
    props = doc.core_properties
    props.title, props.subject = title, "{{ headline }}"
    props.author = props.last_modified_by = "{{ header.issuer }}"
    props.created = props.modified = dt.datetime(2024, 1, 1)
    props.revision = 1
    section = doc.sections[0]
    if landscape:  # 亮晒: one A4 landscape page, narrow margins
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
            setattr(section, side, Mm(15))
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.header_distance, section.footer_distance = Mm(15), Mm(24)
        footer = section.footer.paragraphs[0]
        footer.style, footer.alignment = doc.styles["Footer"], WD_ALIGN_PARAGRAPH.CENTER
        page_number(footer)
    return doc


def paragraphs(doc, loop: str, style: str = "Normal") -> None:
    tag(doc, f"{{%p for paragraph in {loop} %}}")
    para(doc, "{{ paragraph }}", style)
    tag(doc, "{%p endfor %}")


def monthly() -> Document:
    doc = new_document("{{ headline }}")
    tag(doc, "{%p if red_header %}")
    para(doc, "{{ header.title }}", "简报版头")
    para(doc, "\u3000{{ header.issuer }}\t{{ header.date }}", "编发行")
    tag(doc, "{%p endif %}")
    para(doc, "{{ headline }}", "文章标题")
    para(doc, "（{{ header.issuer }}　{{ header.date }}）", "期号")
    para(doc, "{{ overall.heading }}", "一级标题")
    paragraphs(doc, "overall.paragraphs")
    tag(doc, "{%p for chart in trends.charts %}")
    para(doc, "{{ chart }}", "图")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if trends.charts %}")
    para(doc, "图1　{{ trends.caption }}", "表题")
    tag(doc, "{%p endif %}")
    para(doc, "{{ indicators.heading }}", "一级标题")
    paragraphs(doc, "indicators.paragraphs")
    para(doc, "表1　主要指标完成情况", "表题")
    t = table(doc, ["指标", "年度目标", "实际", "完成率", "序时", "亮灯", "较上期变化", "最好", "最差"],
              [29, 16, 16, 14, 13, 10, 27, 15, 15],
              ["{{ row.name }}", "{{ row.target }}", "{{ row.actual }}", "{{ row.completion }}", "{{ row.schedule }}",
               "{% cellbg row.light.fill %}{{ row.light.text }}", "{{ row.change }}", "{{ row.best }}", "{{ row.worst }}"],
              "indicators.rows")
    for i in (0, 6):
        t.rows[2].cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    para(doc, "{{ regions.heading }}", "一级标题")
    paragraphs(doc, "regions.paragraphs")
    para(doc, "表2　各地区亮灯与赛马排名", "表题")
    table(doc, ["名次", "地区", "综合得分", "绿灯", "黄灯", "红灯", "较上期"], [16, 36, 24, 18, 18, 18, 26],
          ["{{ row.rank }}", "{{ row.region }}", "{{ row.score }}", "{{ row.green }}", "{{ row.yellow }}", "{{ row.red }}",
           "{{ row.move }}"], "regions.rows")
    tag(doc, "{%p if regions.chart %}")
    para(doc, "{{ regions.chart }}", "图")
    para(doc, "图2　{{ regions.chart_caption }}", "表题")
    tag(doc, "{%p endif %}")
    para(doc, "{{ problems.heading }}", "一级标题")
    paragraphs(doc, "problems.paragraphs")
    para(doc, "{{ suggestions.heading }}", "一级标题")
    para(doc, "{{ suggestions.note }}", "二级标题")
    tag(doc, "{%p for paragraph in suggestions.paragraphs %}")
    p = para(doc)
    run = p.add_run("{{ paragraph }}")
    from docx.enum.text import WD_COLOR_INDEX

    run.font.highlight_color = WD_COLOR_INDEX.YELLOW  # a draft the clerk must edit: impossible to miss
    tag(doc, "{%p endfor %}")
    sync_grids(doc)
    return doc


def showcase() -> Document:
    """One landscape page: the regions × indicators board with a column per indicator ({%tc for %})."""
    from docx.enum.table import WD_TABLE_ALIGNMENT

    from build_docx_template import cell_width, fill_cell, keep_rows_whole, loop_row, narrow_margins, repeat_header, shade, twips

    doc = new_document("{{ headline }}", landscape=True)
    title = para(doc, "{{ headline }}", "文章标题")
    title.paragraph_format.space_before, title.paragraph_format.space_after = Pt(0), Pt(4)
    para(doc, "（{{ period.label }}，数据截至{{ period.sheet }}）", "期号").paragraph_format.space_after = Pt(4)
    summary = para(doc, "{{ summary }}", "表格文字")
    summary.alignment = WD_ALIGN_PARAGRAPH.LEFT
    board = doc.add_table(rows=4, cols=7)
    board.style = doc.styles["Table Grid"]
    board.alignment = WD_TABLE_ALIGNMENT.CENTER
    narrow_margins(board)
    head = ["地区", "{%tc for column in columns %}", "{{ column.name }}（{{ column.basis }}）", "{%tc endfor %}",
            "得分", "名次", "{% if period.previous %}较{{ period.previous }}{% else %}升降{% endif %}"]
    row = ["{{ row.region }}", "{%tc for cell in row.cells %}", "{% cellbg cell.fill %}{{ cell.text }}", "{%tc endfor %}",
           "{{ row.score }}", "{{ row.rank }}", "{{ row.move or '—' }}"]
    widths = [twips(24), 0, "{{ layout.cell_twips }}", 0, twips(14), twips(12), twips(20)]
    for cells, texts, style in ((board.rows[0].cells, head, "表头"), (board.rows[2].cells, row, "表格文字")):
        for cell, text, width in zip(cells, texts, widths):
            fill_cell(cell, text, style)
            cell_width(cell, width)
    for cell in board.rows[0].cells:
        shade(cell, "F2F2F2")
    repeat_header(board.rows[0])
    keep_rows_whole(board.rows[0], board.rows[2])
    loop_row(board.rows[1], "{%tr for row in rows %}")
    loop_row(board.rows[3], "{%tr endfor %}")
    legend = para(doc, "", "表格文字")
    legend.alignment = WD_ALIGN_PARAGRAPH.LEFT
    legend.add_run("图例（单元格底色）：{% for item in legend %}{{ item.text }}　{% endfor %}")
    note = para(doc, "注：{{ legend_note }}", "表格文字")
    note.alignment = WD_ALIGN_PARAGRAPH.LEFT
    para(doc, "{{ header.issuer }}　{{ header.date }}", "表格文字").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    sync_grids(doc)
    return doc


def loop_table(doc, before: list[tuple[str, str, float]], loop: tuple[str, str, str, str], after: list[tuple[str, str, float]],
               rows: str):
    """A table whose middle columns repeat ({%tc for %}): before/after are (header, cell, width mm);
    loop is (for-expression over columns, header text, cell text, width expression)."""
    from docx.enum.table import WD_TABLE_ALIGNMENT

    from build_docx_template import cell_width, fill_cell, keep_rows_whole, loop_row, narrow_margins, repeat_header, shade, twips

    n = len(before) + 3 + len(after)
    t = doc.add_table(rows=4, cols=n)
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    narrow_margins(t)
    over_head, over_cell, head_text, cell_text, width = loop
    head = [h for h, _, _ in before] + [f"{{%tc for {over_head} %}}", head_text, "{%tc endfor %}"] + [h for h, _, _ in after]
    body = [c for _, c, _ in before] + [f"{{%tc for {over_cell} %}}", cell_text, "{%tc endfor %}"] + [c for _, c, _ in after]
    widths = [twips(w) for _, _, w in before] + [0, width, 0] + [twips(w) for _, _, w in after]
    for cells, texts, style in ((t.rows[0].cells, head, "表头"), (t.rows[2].cells, body, "表格文字")):
        for cell, text, w in zip(cells, texts, widths):
            fill_cell(cell, text, style)
            cell_width(cell, w)
    for cell in t.rows[0].cells:
        shade(cell, "F2F2F2")
    t.rows[2].cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
    repeat_header(t.rows[0])
    keep_rows_whole(t.rows[0], t.rows[2])
    loop_row(t.rows[1], f"{{%tr for row in {rows} %}}")
    loop_row(t.rows[3], "{%tr endfor %}")
    return t


def annual() -> Document:
    doc = new_document("{{ headline }}")
    para(doc, "{{ headline }}", "文章标题")
    para(doc, "（{{ header.issuer }}　{{ header.date }}）", "期号")
    para(doc, "{{ overall.heading }}", "一级标题")
    paragraphs(doc, "overall.paragraphs")
    para(doc, "{{ indicators.heading }}", "一级标题")
    para(doc, "表1　主要指标全年完成情况及各季度亮灯", "表题")
    loop_table(doc, [("指标", "{{ row.name }}", 40), ("年度目标", "{{ row.target }}", 20), ("实际", "{{ row.actual }}", 20),
                     ("完成率", "{{ row.completion }}", 16)],
               ("q in period.quarters", "cell in row.lights", "{{ q }}", "{% cellbg cell.fill %}{{ cell.text }}",
                "{{ layout.quarter_twips }}"),
               [("达标地区", "{{ row.green_regions }}/{{ row.regions }}", 18)], "indicators.rows")
    para(doc, "{{ race.heading }}", "一级标题")
    para(doc, "{{ race.note }}")
    para(doc, "表2　年度赛马得分", "表题")
    loop_table(doc, [("名次", "{{ row.rank }}", 14), ("地区", "{{ row.region }}", 30)],
               ("q in period.counted", "v in row.scores", "{{ q }}", "{{ v }}", "{{ layout.race_twips }}"),
               [("年度得分", "{{ row.annual }}", 24)], "race.rows")
    label = para(doc, "附表", "附件标签")
    label.paragraph_format.page_break_before = True
    para(doc, "{{ appendix.title }}", "文章标题").paragraph_format.space_before = Pt(6)
    loop_table(doc, [("指标", "{{ row.name }}", 34), ("对照", "{{ row.unit }}", 22)],
               ("column in appendix.table.columns", "cell in row.cells", "{{ column }}",
                "{% cellbg cell.fill %}{{ cell.text }}", "{{ layout.appendix_twips }}"), [], "appendix.table.rows")
    sync_grids(doc)
    return doc


BUILDERS = {"monthly": monthly, "showcase": showcase, "annual": annual}


def main() -> None:
    for name, build in BUILDERS.items():
        out = ROOT / "reports" / f"{name}.docx"
        build().save(str(out))
        print(out)


if __name__ == "__main__":
    main()
