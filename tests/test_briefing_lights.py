"""表1 and the 红灯预警清单 sized to the printed page: the matrix while the region columns are readable, one row per
indicator beyond; the red list capped. The threshold comes from the layout (column widths), not from a file."""

from __future__ import annotations

import re
import shutil
import subprocess

import docx
import pytest
from briefing_helpers import DAY

from zhibiao.briefing import briefing_context, render_briefing
from zhibiao.briefing import docx as briefing_docx
from zhibiao.briefing.annual import APPENDIX_FIXED_MM
from zhibiao.briefing.kinds import render_report
from zhibiao.briefing.lights import (BRIEFING_FREE_MM, MIN_REGION_MM, NAMES_SHOWN, RED_ROWS_SHOWN, TEXT_WIDTH_MM,
                                     matrix_fits)
from zhibiao.grid import Grid, Workbook

MOST = int(BRIEFING_FREE_MM // MIN_REGION_MM)  # region columns (the parent's included) that fit the briefing


def many_regions(regions: int, indicators: int = 3) -> Workbook:
    """`regions` towns (and 全市) on one 分解 and one 进度 2023-06 sheet: counts of 100 each, completed
    (i × 37) mod 100 % (so every light occurs, and region 1 is the furthest behind of all), and a growth rate."""
    names = [f"第{i}镇" for i in range(1, regions + 1)]
    header = ["指标名称", *names, "全市", "责任部门"]
    split, progress = [header], [header]
    for k in range(indicators):
        split.append([f"企业数{k + 1}(家)", *[100] * regions, 100 * regions, "市经信局"])
        done = [(i * 37 + k) % 100 for i in range(regions)]
        progress.append([f"企业数{k + 1}(家)", *done, sum(done), None])
    split.append(["规上工业增加值增长(%)", *[7] * regions, 7, "市统计局"])
    progress.append(["规上工业增加值增长(%)", *[7 + (i % 5) - 2 for i in range(regions)], 7, None])
    return Workbook(None, [Grid("任务分解", split), Grid("进度 2023-06", progress)])


def test_the_threshold_is_the_page_width_over_the_narrowest_readable_column():
    # the numbers the Word skin divides, and the ones this module divides, are the same
    assert briefing_docx.TEXT_WIDTH_TWIPS == round(TEXT_WIDTH_MM * 1440 / 25.4)
    assert briefing_docx.TEXT_WIDTH_TWIPS - briefing_docx.LIGHTS_FIXED_TWIPS == round(BRIEFING_FREE_MM * 1440 / 25.4)
    assert matrix_fits(MOST) and not matrix_fits(MOST + 1)
    assert (BRIEFING_FREE_MM / MOST) >= MIN_REGION_MM > BRIEFING_FREE_MM / (MOST + 1)
    assert MOST >= 9  # the 平湖 towns (8 and 全市) and the 湖州 districts (6 and 全市) keep their matrix
    # the 年报's appendix has its own fixed columns, so its own limit
    assert matrix_fits(int((TEXT_WIDTH_MM - APPENDIX_FIXED_MM) // MIN_REGION_MM), TEXT_WIDTH_MM - APPENDIX_FIXED_MM)


def test_matrix_up_to_the_limit_and_one_row_per_indicator_beyond():
    fits = briefing_context(many_regions(MOST - 1), today=DAY)["progress"]
    assert fits["lights"]["matrix"] and len(fits["lights"]["columns"]) == MOST
    assert all(len(row["cells"]) == MOST for row in fits["lights"]["rows"])
    assert fits["lights"]["note"] == "" and "逐地区列出" not in fits["legend"]

    ctx = briefing_context(many_regions(MOST), today=DAY)
    lights = ctx["progress"]["lights"]
    assert not lights["matrix"] and lights["parent"] == "全市"
    assert [row["name"] for row in lights["rows"]] == ["企业数1", "企业数2", "企业数3", "规上工业增加值增长"]
    assert all("cells" not in row for row in lights["rows"])
    assert f"共{MOST}个地区" in ctx["progress"]["legend"] and "进度结果" in ctx["progress"]["legend"]


def test_summary_rows_count_the_regions_and_name_the_laggards():
    regions = 40
    book = many_regions(regions)
    ctx = briefing_context(book, today=DAY)
    from zhibiao.progress.report import progress_workbook

    report = progress_workbook(book)
    for row, indicator in zip(ctx["progress"]["lights"]["rows"], dict.fromkeys(s.indicator for s in report.statuses)):
        mine = [s for s in report.statuses if s.indicator == indicator and not s.is_parent]
        for light in ("green", "yellow", "red"):
            assert row[light] == str(sum(1 for s in mine if s.status == light))
        parent = next(s for s in report.statuses if s.indicator == indicator and s.is_parent)
        assert row["parent"]["status"] == (parent.status or "none")
        reds = sorted((s for s in mine if s.status == "red"), key=lambda s: -s.lag)
        if len(reds) > NAMES_SHOWN:
            assert row["red_names"] == "、".join(s.region for s in reds[:NAMES_SHOWN]) + f"等{len(reds)}个"
        else:
            assert row["red_names"] == ("、".join(s.region for s in reds) or "—")
    first = ctx["progress"]["lights"]["rows"][0]
    assert first["red_names"].startswith("第1镇、")  # 0% done: the furthest behind is named first
    assert first["red_names"].endswith(f"等{first['red']}个")
    # the growth rate against 7: 5 and 6 are red, 5 (2 points behind) named before 6, equal lags in the regions' order
    rate = ctx["progress"]["lights"]["rows"][-1]
    assert (rate["red"], rate["yellow"], rate["yellow_names"]) == ("16", "0", "—")
    assert rate["red_names"] == "第1镇、第6镇、第11镇、第16镇、第21镇等16个"


def test_red_list_capped_with_the_rest_counted():
    small = briefing_context(many_regions(4, indicators=1), today=DAY)["warnings"]
    assert small["intro"].startswith("以下") and "其余" not in small["intro"]
    ctx = briefing_context(many_regions(80), today=DAY)
    warnings = ctx["warnings"]
    reds = int(re.search(r"(\d+)个地区次亮红灯", warnings["intro"]).group(1))
    assert reds > RED_ROWS_SHOWN and len(warnings["rows"]) == RED_ROWS_SHOWN
    assert f"下表列出落后最多的{RED_ROWS_SHOWN}个，其余{reds - RED_ROWS_SHOWN}个地区次见进度工作簿" in warnings["intro"]
    assert warnings["rows"][0]["region"] == "第1镇"  # the furthest behind first


def test_both_skins_print_the_summary_table(tmp_path):
    docx_path, html_path = render_briefing(many_regions(30), out_dir=tmp_path, today=DAY)
    document = docx.Document(str(docx_path))
    lights = document.tables[0]
    assert [c.text for c in lights.rows[0].cells] == ["指标", "对照", "全市", "绿灯", "黄灯", "红灯", "红灯地区", "黄灯地区"]
    assert len(lights.rows) == 1 + 4
    assert lights.rows[1].cells[6].text.startswith("第1镇、")
    fill = lights.rows[1].cells[2]._tc.xpath("string(./w:tcPr/w:shd/@w:fill)")
    assert fill in ("92D050", "FFD966", "FF7C80") or re.fullmatch(r"[0-9A-F]{6}", fill)
    widths = [c.width.mm for c in lights.rows[0].cells]
    assert min(widths) >= MIN_REGION_MM - 0.1 and abs(sum(widths) - TEXT_WIDTH_MM) < 1
    html = html_path.read_text(encoding="utf-8")
    assert html.count('<table class="lights-summary">') == 1 and '<table class="lights">' not in html
    assert "第30镇</th>" not in html and "table.lights-summary { table-layout: fixed; }" in html


def test_the_annual_appendix_follows_the_same_rule(tmp_path):
    from zhibiao.briefing.annual import annual_context
    from zhibiao.progress.report import progress_workbook
    from zhibiao.settings import read_settings

    for regions, matrix in ((8, True), (30, False)):
        book = many_regions(regions)
        ctx = annual_context([progress_workbook(book)], read_settings(book), DAY)
        assert ctx["appendix"]["table"]["matrix"] is matrix
    docx_path, html_path = render_report("年报", many_regions(30), None, ("docx", "html"), out_dir=tmp_path, today=DAY)
    heads = [[c.text for c in t.rows[0].cells] for t in docx.Document(str(docx_path)).tables]
    assert ["指标", "对照", "全市", "绿灯", "黄灯", "红灯", "红灯地区", "黄灯地区"] in heads
    assert "进度结果" in html_path.read_text(encoding="utf-8")


PROBE = """<script>
window.addEventListener('load', () => {
  const mm = 96 / 25.4, cells = [...document.querySelectorAll('table.lights td, table.lights-summary td')];
  document.body.setAttribute('data-narrowest', String(Math.min(...cells.map(c => c.getBoundingClientRect().width)) / mm));
});
</script>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium to lay the HTML out")
@pytest.mark.parametrize("regions", [MOST - 1, MOST, 100])
def test_html_region_columns_stay_readable(regions, tmp_path):
    (html,) = render_briefing(many_regions(regions), formats=("html",), out_dir=tmp_path, today=DAY)
    html.write_text(html.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path}/chr",
                          "--window-size=1240,1754", "--virtual-time-budget=5000", "--dump-dom", html.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    narrowest = float(re.search(r'data-narrowest="([\d.]+)"', dom).group(1))
    assert narrowest >= MIN_REGION_MM - 0.5, narrowest  # CSS px rounding and borders
