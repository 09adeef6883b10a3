"""Build reports/monthly.docx, showcase.docx and annual.docx (docxtpl templates) with the 简报's styles and page setup.

The styles, page setup, tables, 版头 and 版记 come from docx_parts.py, shared with the 简报 (build_docx_template.py),
so every report prints alike. Run: .venv/bin/python reports/build_report_templates.py [OUT_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "reports"))
sys.path.insert(0, str(ROOT))
from docx_parts import (RED, distribution, landscape, lights_summary, loop_table, new_document, page_number, para,  # noqa: E402
                        paragraphs, portrait, red_header, table, tag)

from zhibiao.briefing.docx_style import sync_grids  # noqa: E402

# the reports' 版记: 报送 / 抄送 only when 设置 has them (footer.lines), then the issuer and date
REPORT_LINES = ["{%tr for line in footer.lines %}", "{{ line }}", "{%tr endfor %}"]


def report_document(landscape_page: bool = False):
    doc = new_document("{{ headline }}")
    section = doc.sections[0]
    if landscape_page:  # 亮晒: one A4 landscape page, narrow margins, no page number
        landscape(section)
    else:
        portrait(section)
        footer = section.footer.paragraphs[0]
        footer.style, footer.alignment = doc.styles["Footer"], WD_ALIGN_PARAGRAPH.CENTER
        page_number(footer)
    return doc


def report_opening():
    """A portrait report up to its first section's text: the 版头 (by 设置), the title, issuer and date, 一、."""
    doc = report_document()
    red_header(doc)
    para(doc, "{{ headline }}", "文章标题")
    para(doc, "（{{ header.issuer }}　{{ header.date }}）", "期号")
    para(doc, "{{ overall.heading }}", "一级标题")
    paragraphs(doc, "overall.paragraphs")
    return doc


def monthly():
    doc = report_opening()
    tag(doc, "{%p for chart in trends.charts %}")
    para(doc, "{{ chart }}", "图")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if trends.charts %}")
    para(doc, "图1　{{ trends.caption }}", "图题")
    tag(doc, "{%p endif %}")
    para(doc, "{{ indicators.heading }}", "一级标题")
    paragraphs(doc, "indicators.paragraphs")
    para(doc, "表1　主要指标完成情况", "表题")
    # 序时 holds 50.0% and 最好/最差 南太湖新区 on one line each
    t = table(doc, ["指标", "年度目标", "实际", "完成率", "序时", "亮灯", "较上期变化", "最好", "最差"],
              [27, 16, 16, 14, 15, 10, 23, 17, 17],
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
    para(doc, "图2　{{ regions.chart_caption }}", "图题")
    tag(doc, "{%p endif %}")
    para(doc, "{{ problems.heading }}", "一级标题")
    paragraphs(doc, "problems.paragraphs")
    para(doc, "{{ suggestions.heading }}", "一级标题")
    para(doc, "{{ suggestions.note }}", "二级标题")
    tag(doc, "{%p for paragraph in suggestions.paragraphs %}")
    run = para(doc).add_run("{{ paragraph }}")
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW  # a draft the clerk must edit: impossible to miss
    tag(doc, "{%p endfor %}")
    distribution(doc, REPORT_LINES)
    sync_grids(doc)
    return doc


def swatch(paragraph) -> None:
    """A run shown as a small box in the light's colour (its fill a Jinja expression: one per legend item)."""
    run = paragraph.add_run("\u3000\u3000")
    rpr = run._r.get_or_add_rPr()
    edge = OxmlElement("w:bdr")
    for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "000000")):
        edge.set(qn(f"w:{key}"), value)
    shd = OxmlElement("w:shd")
    for key, value in (("val", "clear"), ("color", "auto"), ("fill", "{{ item.fill }}")):
        shd.set(qn(f"w:{key}"), value)
    rpr.append(edge)  # CT_RPr's order: … bdr, shd …
    rpr.append(shd)


def showcase():
    """One landscape page: the regions × indicators board with a column per indicator ({%tc for %}), one table per
    band of indicators when they do not all fit across the page."""
    doc = report_document(landscape_page=True)
    title = para(doc, "{{ headline }}", "文章标题")
    title.paragraph_format.space_before, title.paragraph_format.space_after = Pt(0), Pt(4)
    title.runs[0].font.color.rgb = RED  # as the HTML and the PNG: a published board, not a 公文
    para(doc, "（{{ period.label }}，数据截至{{ period.through }}）", "期号").paragraph_format.space_after = Pt(4)
    summary = para(doc, "{{ summary }}", "表格文字")
    summary.alignment = WD_ALIGN_PARAGRAPH.LEFT
    # one table per band of indicators (zhibiao/briefing/showcase.py: a caption only when there are several)
    tag(doc, "{%p for band in bands %}")
    tag(doc, "{%p if band.caption %}")
    para(doc, "{{ band.caption }}", "表题")
    tag(doc, "{%p endif %}")
    loop_table(doc, [("地区", "{{ row.region }}", 24)],
                       ("column in band.columns", "cell in row.cells", "{{ column.name }}\n（{{ column.basis }}）",
                        "{% cellbg cell.fill %}{{ cell.text }}", "{{ band.cell_twips }}"),
                       [("得分", "{{ row.score }}", 14), ("名次", "{{ row.rank }}", 12),
                        ("{% if period.previous %}较{{ period.previous }}{% else %}升降{% endif %}", "{{ row.move or '—' }}", 18)],
                       "band.rows", left_first=False, cell_pt=9.5, pad_mm=0.5)  # 9.5 pt as in the HTML
    tag(doc, "{%p endfor %}")
    legend = para(doc, "", "表格文字")
    legend.alignment = WD_ALIGN_PARAGRAPH.LEFT
    legend.add_run("图例（单元格底色）：{% for item in legend %}")
    swatch(legend)
    legend.add_run("\u2002{{ item.text }}\u3000\u3000{% endfor %}")
    note = para(doc, "注：{{ legend_note }}", "表格文字")
    note.alignment = WD_ALIGN_PARAGRAPH.LEFT
    para(doc, "{{ header.issuer }}　{{ header.date }}", "表格文字").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    sync_grids(doc)
    return doc


def annual():
    doc = report_opening()
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
               [("年度得分", "{{ row.annual }}", 24)], "race.rows", left_first=False)
    label = para(doc, "附表", "附件标签")
    label.paragraph_format.page_break_before = True
    para(doc, "{{ appendix.title }}", "文章标题").paragraph_format.space_before = Pt(6)
    tag(doc, "{%p if appendix.table.matrix %}")
    loop_table(doc, [("指标", "{{ row.name }}", 30), ("对照", "{{ row.unit }}", 20)],
               ("column in appendix.table.columns", "cell in row.cells", "{{ column }}",
                "{% cellbg cell.fill %}{{ cell.text }}", "{{ layout.appendix_twips }}"), [], "appendix.table.rows",
               cell_pt=9, pad_mm=0.5)
    tag(doc, "{%p else %}")
    lights_summary(doc, "appendix.table")
    para(doc, "注：{{ appendix.table.note }}", "表格文字").alignment = WD_ALIGN_PARAGRAPH.LEFT
    tag(doc, "{%p endif %}")
    distribution(doc, REPORT_LINES)
    sync_grids(doc)
    return doc


BUILDERS = {"monthly": monthly, "showcase": showcase, "annual": annual}


def main(out_dir: Path = ROOT / "reports") -> list[Path]:
    written = []
    for name, build in BUILDERS.items():
        out = Path(out_dir) / f"{name}.docx"
        build().save(str(out))
        written.append(out)
        print(out)
    return written


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:2]))
