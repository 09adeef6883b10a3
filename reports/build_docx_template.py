"""Build reports/briefing.docx, the docxtpl template of the Word briefing, with python-docx (reproducibly).

Layout after GB/T 9704: A4, margins 37 mm top / 35 bottom / 28 left / 26 right, a red masthead, 第N期,
编发单位 left and date right above a red rule, 仿宋 3号 body on a 28 pt grid, 一、 in 黑体, （一） in 楷体,
a 报送/抄送 block between rules, page numbers "— N —" (odd pages right, even pages left).

The bureau may edit the generated file in Word (wording, spacing, colours); the Jinja tags ({{ … }},
{%p … %}, {%tr … %}, {%tc … %}) must stay. The fonts come from 设置 at render time.
Run: .venv/bin/python reports/build_docx_template.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "reports"))
sys.path.insert(0, str(ROOT))
from docx_parts import (LINE, RED, distribution, lights_summary, loop_table, new_document, page_number,  # noqa: E402
                        para, portrait, shade, table, tag)

from zhibiao.briefing.docx_style import sync_grids  # noqa: E402

OUT = ROOT / "reports" / "briefing.docx"


# ---- the document -----------------------------------------------------------------------------------

def build():
    doc = new_document("{{ header.title }} {{ header.issue }}")
    section = doc.sections[0]
    portrait(section)
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
    tag(doc, "{%p if progress.lights.matrix %}")
    loop_table(doc, [("指标", "{{ row.name }}", 34), ("对照", "{{ row.unit }}", 22)],
               ("column in progress.lights.columns", "cell in row.cells", "{{ column }}",
                "{% cellbg cell.fill %}{{ cell.text }}", "{{ docx.lights_cell }}"), [], "progress.lights.rows",
               cell_pt=9.5, pad_mm=0.5)  # 100.0% on one line in a 14 mm column
    tag(doc, "{%p else %}")
    lights_summary(doc, "progress.lights")
    tag(doc, "{%p endif %}")
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
    para(doc, "图1　{{ progress.chart_caption }}", "图题")
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
    para(doc, "图{{ 2 if progress and progress.chart else 1 }}　{{ projects.chart_caption }}", "图题")
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


def main(out: Path = OUT) -> None:
    build().save(out)
    print(out)


if __name__ == "__main__":
    main()
