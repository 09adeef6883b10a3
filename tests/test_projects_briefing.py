"""重大项目推进情况 in the briefing: a list alone or beside the split, escaped names, rendered by LibreOffice."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from briefing_helpers import DAY, EVIL_REGION, evil_book

from conftest import EXAMPLES
from zhibiao.briefing import briefing_context, render_briefing
from zhibiao.briefing.html import render_html
from zhibiao.grid import Grid
from zhibiao.projects import projects_file

EXAMPLE = EXAMPLES / "重大项目示例.xlsx"
EVIL_PROJECT = "A&B<b>示例</b>项目"


def test_a_workbook_holding_only_a_project_list():
    ctx = briefing_context(EXAMPLE, today=DAY)
    report = projects_file(EXAMPLE)
    assert ctx["split"] is None and ctx["appendix"] is None and ctx["progress"] is None
    assert ctx["headline"] == "2023年1-6月全市重大项目推进情况"
    section = ctx["projects"]
    assert section["heading"] == "二、重大项目推进情况" and section["red_heading"] == "（二）红灯项目"
    assert len(section["reds"]) == report.count("red") == 10
    assert section["reds"][0]["reasons"] and section["reds"][0]["responsible"] != "—"
    assert [r["region"] for r in section["rows"]][-1] == "全市" and section["rows"][-1]["red"] == 10
    assert "开工率71.4%（序时要求65%），高于序时6.4个百分点" in ctx["summary"]["paragraphs"][0]
    assert section["chart"] is not None and "开工率" in section["chart_caption"]
    html = render_html(ctx)
    assert "重大项目推进情况" in html and "附件：" not in html and "分解核对情况" not in html


def test_beside_the_split_and_its_progress_after_the_warnings():
    book = evil_book()
    header = ["序号", "项目名称", "所在地区", "项目类别", "年度计划投资", "计划开工时间", "实际开工时间", "本年累计完成投资", "责任单位"]
    book.grids.append(Grid("重大项目 2023-06", [header, [1, EVIL_PROJECT, EVIL_REGION, "新建", 100, "2023年3月", None, 10, "局<i>"],
                                               [2, "乙项目", "吴兴", "新建", 100, "2023年3月", "2023年3月", 50, "局"]]))
    ctx = briefing_context(book, today=DAY)
    assert ctx["split"] and ctx["progress"] and ctx["appendix"]
    assert ctx["warnings"]["heading"].startswith("四、") and ctx["projects"]["heading"] == "五、重大项目推进情况"
    assert ctx["summary"]["paragraphs"][-1].startswith("重大项目方面，")
    html = render_html(ctx)
    assert EVIL_PROJECT not in html and "A&amp;B&lt;b&gt;示例&lt;/b&gt;项目" in html
    assert "局&lt;i&gt;" in html


def test_period_applies_to_the_project_list():
    with pytest.raises(Exception, match="已有期间"):
        briefing_context(EXAMPLE, period="2023-09", today=DAY)


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="needs libreoffice-writer-nogui and poppler-utils")
def test_libreoffice_renders_the_section(tmp_path):
    docx, = render_briefing(EXAMPLE, formats=("docx",), out_dir=tmp_path, stem="projects", today=DAY)
    run = subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
                          "pdf", "--outdir", str(tmp_path), str(docx)], capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "projects.pdf"
    assert run.returncode == 0 and pdf.exists(), run.stderr
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "重大项目推进情况" in text and "红灯项目" in text and "示例己汽配公司轻量化零部件项目" in text
    assert "计划2023年一季度开工，至6月底未开工" in text and "南太湖新区" in text
