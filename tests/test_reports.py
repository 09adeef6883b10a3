"""zhibiao report: 月报, 亮晒, 年报 and the bureau's own templates, on the 湖州 example with an added earlier period."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile

import openpyxl
import pytest
from briefing_helpers import EVIL_REGION
from conftest import EXAMPLES

from zhibiao.briefing.kinds import KINDS, render_report, report_context
from zhibiao.briefing.skins import chromium
from zhibiao.errors import UsageError
from zhibiao.formats import read_workbook
from zhibiao.grid import Grid, Workbook

DAY = dt.date(2023, 7, 12)
PROGRESS = EXAMPLES / "湖州2023进度示例.xlsx"


@pytest.fixture(scope="module")
def book_path(tmp_path_factory):
    """The example plus a 进度 2023-05 sheet: 安吉 as good as 南太湖新区 in May, known 全市 figures for May."""
    folder = tmp_path_factory.mktemp("monthly")
    path = folder / "湖州2023进度.xlsx"
    wb = openpyxl.load_workbook(PROGRESS)
    may = wb.copy_worksheet(wb["进度 2023-06"])
    may.title = "进度 2023-05"
    header = [c.value for c in may[2]]
    anji, nantaihu, city = header.index("安吉") + 1, header.index("南太湖新区") + 1, header.index("全市") + 1
    for row in may.iter_rows(min_row=3):
        name = str(row[0].value or "")
        if name:
            row[anji - 1].value = row[nantaihu - 1].value
        if name.startswith("高耗低效整治企业数"):
            row[city - 1].value = 454
        if name.startswith("规上工业增加值增长"):
            row[city - 1].value = 6.8
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def monthly(book_path):
    return report_context("月报", read_workbook(book_path), None, DAY)


def test_monthly_says_the_change_since_may(monthly):
    assert monthly["period"]["previous_sheet"] == "进度 2023-05"
    text = "".join(monthly["indicators"]["paragraphs"])
    # 554 of 1200 in June, 454 in May: 46.2% against 37.8%
    assert "高耗低效整治企业数：全市年度目标1200家，2023年1-6月累计完成554家" in text
    assert "完成率比5月提高8.3个百分点，当月完成100家" in text
    # a rate: 7.1% in June against 6.8% in May
    assert "环比提高0.3个百分点" in text
    rows = {r["name"]: r for r in monthly["indicators"]["rows"]}
    assert rows["高耗低效整治企业数"]["completion"] == "46.2%"
    assert rows["高耗低效整治企业数"]["actual"] == "554家"


def test_monthly_rank_movement_and_problems(monthly):
    regions = {r["region"]: r for r in monthly["regions"]["rows"]}
    assert regions["安吉"]["rank"] == "6" and regions["安吉"]["move"].startswith("↓")
    said = next(p for p in monthly["regions"]["paragraphs"] if p.startswith("安吉"))
    assert "排名第6位，排名较上期下降" in said
    problems = "".join(monthly["problems"]["paragraphs"])
    assert "安吉" in problems and "亮红灯" in problems
    assert "亮灯较5月转差" in problems  # 安吉 was 南太湖新区's equal in May
    assert all(p.startswith("【待编辑】") for p in monthly["suggestions"]["paragraphs"])
    assert len(monthly["suggestions"]["paragraphs"]) == len({p.split("：")[0] for p in monthly["problems"]["paragraphs"]
                                                             if "亮红灯：" in p})


def test_monthly_trend_chart_has_every_month(monthly):
    (chart,) = monthly["trends"]["charts"]
    assert [t.months for t in chart.trends][0] == [3, 5, 6]
    sums = [t for t in chart.trends if t.reference_label.startswith("序时")]
    assert sums and sums[0].reference == pytest.approx([25.0, 41.6667, 50.0], abs=0.01)
    assert "<svg" in chart.svg


def test_every_kind_renders_both_formats(book_path, tmp_path):
    for kind in KINDS:
        paths = render_report(kind, book_path, None, ("docx", "html"), out_dir=tmp_path, today=DAY)
        assert [p.suffix for p in paths] == [".docx", ".html"]
        html = paths[1].read_text(encoding="utf-8")
        assert "{{" not in html and "{%" not in html
        with zipfile.ZipFile(paths[0]) as z:
            xml = z.read("word/document.xml").decode()
        assert "{{" not in xml and "{%" not in xml, kind


def test_month_report_html_holds_the_charts_inline(book_path, tmp_path):
    html = render_report("月报", book_path, None, ("html",), out_dir=tmp_path, today=DAY)[0].read_text(encoding="utf-8")
    assert html.count("<svg") == 2 and "排名较上期下降" in html and "比5月" in html


def test_showcase_board(book_path):
    ctx = report_context("亮晒", read_workbook(book_path), None, DAY)
    assert ctx["headline"] == "2023年二季度各地区主要指标亮晒"
    assert ctx["period"]["previous"] == "2023年一季度"  # the last quarter, not May
    first = ctx["rows"][0]
    assert first["region"] == "南太湖新区" and first["rank"] == "1"
    assert len(first["cells"]) == len(ctx["columns"]) and {c["status"] for r in ctx["rows"] for c in r["cells"]} >= {"red", "green"}
    assert [i["status"] for i in ctx["legend"]] == ["green", "yellow", "red"]


@pytest.mark.skipif(chromium() is None, reason="needs chromium for the PNG")
def test_showcase_png(book_path, tmp_path):
    (png,) = render_report("亮晒", book_path, None, ("png",), out_dir=tmp_path, today=DAY)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20000


def test_png_only_for_kinds_that_offer_it(book_path, tmp_path):
    with pytest.raises(UsageError, match="不支持的格式"):
        render_report("月报", book_path, None, ("png",), out_dir=tmp_path)


def hostile_book() -> Workbook:
    header = ["指标名称", "吴兴", EVIL_REGION, "=HYPERLINK(\"x\")", "全市"]
    rows = [["[重点]{{ 7*7 }}整治企业数(家)", 150, 250, 200, 600], ["腾出用地面积(亩)", 4000, 4000, 4000, 12000]]
    march = [header, ["[重点]{{ 7*7 }}整治企业数(家)", 30, 60, 20, 110], ["腾出用地面积(亩)", 900, 1500, 800, 3200]]
    june = [header, ["[重点]{{ 7*7 }}整治企业数(家)", 100, 60, 80, 240], ["腾出用地面积(亩)", 2000, 1500, 2500, 6000]]
    return Workbook(None, [Grid("任务分解", [header] + rows), Grid("进度 2023-03", march), Grid("进度 2023-06", june)])


def test_hostile_names_are_escaped(tmp_path):
    for kind in ("月报", "亮晒"):
        paths = render_report(kind, hostile_book(), None, ("docx", "html"), out_dir=tmp_path, stem=kind, today=DAY)
        html = paths[1].read_text(encoding="utf-8")
        assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "{{ 7*7 }}" in html.replace("&#123;", "{") or "[重点]" in html  # the name, not 49
        assert "[重点]49" not in html
        with zipfile.ZipFile(paths[0]) as z:
            xml = z.read("word/document.xml").decode()
        assert "<script>" not in xml and "&lt;script&gt;" in xml and "=HYPERLINK" in xml.replace("&quot;", '"')


def bureau(book_path, tmp_path, files: dict[str, str]):
    folder = tmp_path / "模板"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = tmp_path / book_path.name
    shutil.copy(book_path, path)
    return path


def test_bureau_template_renders_from_the_context(book_path, tmp_path):
    path = bureau(book_path, tmp_path, {"通报.html.j2": "<h1>{{ headline }}</h1>\n{% for r in regions.rows %}<p>{{ r.region }}{{ r.move }}</p>{% endfor %}"})
    from zhibiao.briefing.kinds import list_kinds

    assert ("通报" in [n for n, _ in list_kinds(read_workbook(path))])
    (out,) = render_report("通报", path, None, ("html",), out_dir=tmp_path, today=DAY)
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<h1>2023年1-6月全市主要指标运行分析报告</h1>") and "<p>安吉↓" in html


def test_bureau_copy_of_a_builtin_template_finds_its_parts(book_path, tmp_path):
    """A bureau that copies reports/年报's HTML into 模板/ gets the parts it includes from reports/."""
    from zhibiao.briefing.jinja import TEMPLATES

    builtin = (TEMPLATES / "annual.html.j2").read_text(encoding="utf-8")
    assert '{% include "_report_style.css.j2" %}' in builtin and '{% include "_lights_summary.css.j2" %}' in builtin
    (ours,) = render_report("年报", book_path, None, ("html",), out_dir=tmp_path / "ours", today=DAY)
    path = bureau(book_path, tmp_path, {"年报.html.j2": builtin.replace("<body>", "<body><!-- 本局 -->")})
    (mine,) = render_report("年报", path, None, ("html",), out_dir=tmp_path / "mine", today=DAY)
    mine = mine.read_text(encoding="utf-8")
    assert "<!-- 本局 -->" in mine and mine.replace("<!-- 本局 -->", "") == ours.read_text(encoding="utf-8")


def test_broken_bureau_template_is_one_chinese_line(book_path, tmp_path):
    path = bureau(book_path, tmp_path, {"坏.html.j2": "<h1>{{ headline }}</h1>\n\n{{ overall.nothing_here }}\n",
                                        "语法.html.j2": "{% for x in regions.rows %}\n{{ x.region }\n"})
    with pytest.raises(UsageError) as caught:
        render_report("坏", path, None, ("html",), out_dir=tmp_path)
    message = str(caught.value)
    assert message.startswith("报告模板 坏.html.j2 第3行 出错") and "\n" not in message
    with pytest.raises(UsageError, match=r"报告模板 语法.html.j2 第2行 出错：模板语法错误"):
        render_report("语法", path, None, ("html",), out_dir=tmp_path)


def test_sandbox_refuses_python_internals(book_path, tmp_path):
    path = bureau(book_path, tmp_path, {"越权.html.j2": "{{ headline.__class__.__mro__[1].__subclasses__() }}"})
    with pytest.raises(UsageError, match="报告模板 越权.html.j2"):
        render_report("越权", path, None, ("html",), out_dir=tmp_path)


def test_cli_report_list_context_and_errors(runner, book_path, tmp_path):
    listed = runner.invoke("report", "--list")
    assert listed.exit_code == 0 and len(listed.stdout.strip().splitlines()) == len(KINDS)
    ctx = runner.invoke("report", "--context", str(book_path))
    assert ctx.exit_code == 0 and json.loads(ctx.stdout)["period"]["previous"] == "2023年1-5月"
    made = runner.invoke("report", "月报", str(book_path), "-o", str(tmp_path / "m.html"))
    assert made.exit_code == 0 and (tmp_path / "m.html").exists()
    wrong = runner.invoke("report", "周报", str(book_path))
    assert wrong.exit_code == 2 and "没有“周报”这种报告" in wrong.stderr and "Traceback" not in wrong.stderr


def test_annual_weights_from_settings(book_path, tmp_path):
    wb = openpyxl.load_workbook(book_path)
    ws = wb["设置"] if "设置" in wb.sheetnames else wb.create_sheet("设置")
    ws.append(["年报计分期间", "3、6"])
    ws.append(["年报计分权重", "1、3"])
    path = tmp_path / "weighted.xlsx"
    wb.save(path)
    ctx = report_context("年报", read_workbook(path), None, DAY)
    assert ctx["period"]["counted"] == ["2023年一季度", "2023年二季度"] and ctx["period"]["weights"] == ["1", "3"]
    anji = next(r for r in ctx["race"]["rows"] if r["region"] == "安吉")
    march, june = (float(v) for v in anji["scores"])
    assert float(anji["annual"]) == pytest.approx((march + 3 * june) / 4, abs=0.06)
    assert "（权重3）" in ctx["overall"]["paragraphs"][1]
    assert [c["text"] for c in ctx["indicators"]["rows"][0]["lights"]] == ["黄", "黄"]  # 全市 at March and June


def test_bureau_word_template(book_path, tmp_path):
    from docx import Document

    path = bureau(book_path, tmp_path, {})
    good = Document()
    good.add_paragraph("{{ headline }}：{{ regions.rows[5].region }}{{ regions.rows[5].move }}")
    good.save(tmp_path / "模板" / "通报.docx")
    (out,) = render_report("通报", path, None, ("docx",), out_dir=tmp_path / "out", today=DAY)
    text = "".join(p.text for p in Document(out).paragraphs)
    assert text.startswith("2023年1-6月全市主要指标运行分析报告：安吉↓")
    bad = Document()
    bad.add_paragraph("{{ headline.missing_key }}")
    bad.save(tmp_path / "模板" / "坏.docx")
    with pytest.raises(UsageError, match=r"^报告模板 坏.docx"):
        render_report("坏", path, None, ("docx",), out_dir=tmp_path / "out")


def test_trend_panel_of_a_whole_year_keeps_its_labels_apart():
    """Twelve months in a half-width panel: month numbers under a 月份 label and only the latest value written
    (twelve "N月" labels and twelve values ran together); up to six months keep "N月" and every value."""
    pytest.importorskip("matplotlib")
    from zhibiao.briefing.trend import Trend, TrendChart

    def texts(months):
        trend = Trend(title="指标1企业数", months=months, values=[float(m) for m in months],
                      reference=[float(m) for m in months], value_label="实际", reference_label="序时进度")
        ax = TrendChart([trend])._figure.axes[0]
        ticks = [t.get_text() for t in ax.get_xticklabels()]
        notes = [t.get_text() for t in ax.texts]
        return ticks, ax.get_xlabel(), notes

    ticks, xlabel, notes = texts(list(range(1, 13)))
    assert ticks == [str(m) for m in range(1, 13)] and xlabel == "月份" and notes == ["12.0"]
    ticks, xlabel, notes = texts([4, 5, 6])
    assert ticks == ["4月", "5月", "6月"] and xlabel == "" and notes == ["4.0", "5.0", "6.0"]


def test_monthly_calls_a_region_best_only_when_it_is_on_track(monthly):
    """分地区看，X最好（…） only when X is at or beyond its 序时进度 or target; the best of regions all short of it
    is 相对较好 (南太湖新区最好（…低于目标0.63件） read as praise)."""
    seen = set()
    for para in monthly["indicators"]["paragraphs"]:
        if "分地区看，" not in para:
            continue
        after = para.split("分地区看，", 1)[1]
        phrase = after[after.index("（") + 1:after.index("），")]
        short = "低于序时进度" in phrase or ("低于目标" in phrase and "越低越好" not in phrase) \
            or ("高于目标" in phrase and "越低越好" in phrase)
        word = after[:after.index("（")]
        assert word.endswith("相对较好" if short else "最好"), para
        seen.add(short)
    assert seen == {True, False}, seen  # the 湖州 example has both
