"""`zhibiao progress` end to end: the 湖州 example, JSON, write-back, LibreOffice, the template's 进度 sheet."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from conftest import EXAMPLES
from zhibiao.api import check_file
from zhibiao.progress.report import list_periods, progress_file
from zhibiao.formats import read_workbook
from zhibiao.workbook.writeback import LEVEL_FILL

EXAMPLE = EXAMPLES / "湖州2023进度示例.xlsx"
LAND = "高耗低效整治腾出用地面积(亩)"


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_example_lights_and_ranking():
    r = progress_file(EXAMPLE)
    assert (r.period, r.sheet, r.split_sheet, r.rules.bands.preset) == ("2023-06", "进度 2023-06", "任务分解", "银川")
    assert [r.count("green"), r.count("yellow"), r.count("red"), r.count(None)] == [66, 23, 6, 17]
    assert [[f.code, f.region, f.cell] for f in r.findings] == [["actual-missing", "安吉", "'进度 2023-06'!F16"]]
    land = {s.region: s for s in r.statuses if s.indicator == LAND}
    assert land["南浔"].schedule == 0.65 and land["南浔"].status == "yellow"  # the example's own 30/65/85/100
    assert land["安吉"].actual is None and land["安吉"].status is None
    assert [row.region for row in r.ranking] == ["南太湖新区", "德清", "吴兴", "长兴", "南浔", "安吉"]
    assert list_periods(read_workbook(EXAMPLE)) == ["2023-03", "2023-06"]


def test_example_is_marked_illustrative_and_check_ignores_its_progress_sheets():
    wb = load_workbook(EXAMPLE)
    assert "虚构" in wb["说明"]["A2"].value
    for name in ("进度 2023-03", "进度 2023-06"):
        assert any("虚构" in str(c.value) for row in wb[name].iter_rows() for c in row if c.value)
    assert [t.sheet for t in check_file(EXAMPLE).tables] == ["任务分解"]


def test_cli_prints_matrix_ranking_and_findings(runner):
    res = runner.invoke("progress", EXAMPLE)
    assert res.exit_code == 0, res.stderr
    for text in ("2023年1-6月：绿灯 66 个", "赛马排名（争先进位）", "南太湖新区", "actual-missing", "序时65%", "红 -3.5"):
        assert text in res.stdout


def test_cli_json_and_period(runner):
    res = runner.invoke("progress", EXAMPLE, "--period", "2023-03", "--json")
    doc = res.json()
    assert res.exit_code == 0 and list(doc) == ["statuses", "ranking", "findings", "summary"]
    assert doc["summary"]["period"] == "2023-03" and doc["summary"]["month"] == 3
    assert {s["status"] for s in doc["statuses"]} == {"green", "yellow", "red", None}


@pytest.mark.parametrize("args, message", [
    (["--period", "2023-09"], "没有 2023-09 的进度工作表"),
    (["--in-place", "-o", "x.xlsx"], "不能同时使用"),
])
def test_cli_usage_errors_are_one_line(runner, args, message):
    res = runner.invoke("progress", EXAMPLE, *args)
    assert res.exit_code == 2 and message in res.stderr and "Traceback" not in res.stderr


def test_cli_on_a_split_without_progress_sheet(runner):
    res = runner.invoke("progress", EXAMPLES / "湖州2023区县分解.xlsx")
    assert res.exit_code == 2 and "没有进度工作表" in res.stderr


def test_demo_shows_progress(runner):
    res = runner.invoke("demo")
    assert res.exit_code == 0 and "进度示例" in res.stdout and "赛马排名" in res.stdout


@pytest.fixture
def copy(tmp_path):
    path = tmp_path / "进度.xlsx"
    shutil.copy(EXAMPLE, path)
    return path


def test_write_adds_result_sheets_and_colours_cells_without_touching_the_input(runner, copy):
    before = digest(copy)
    res = runner.invoke("progress", copy, "--write")
    assert res.exit_code == 0, res.stderr
    out = copy.with_name("进度.进度.xlsx")
    assert digest(copy) == before and out.exists()
    wb = load_workbook(out)
    assert {"进度结果", "进度赛马"} <= set(wb.sheetnames) and wb.active.title == "进度结果"
    ws = wb["进度 2023-06"]
    fill = lambda ref: ws[ref].fill.fgColor.rgb[-6:]  # noqa: E731
    # 甲: 吴兴 八大产业链 1.3 of 1.5 is yellow; 南浔 0.9 red; 德清 green; 安吉 腾出用地 missing: blue, with a comment
    assert [fill("B3"), fill("C3"), fill("D3"), fill("F16")] == [LEVEL_FILL["yellow"], LEVEL_FILL["red"], LEVEL_FILL["green"], LEVEL_FILL["info"]]
    assert "未填报" in ws["F16"].comment.text and "黄灯" in ws["B3"].comment.text
    result = wb["进度结果"]
    assert result["A1"].value.startswith("2023年1-6月：绿灯 66 个")
    assert [c.value for c in result[2]][:8] == ["指标", "地区", "实际值", "目标", "完成率", "序时进度", "落后(百分点)", "灯"]
    assert result.max_row == 2 + 16 * 7
    rank = wb["进度赛马"]
    assert [rank.cell(3, c).value for c in (1, 2)] == [1, "南太湖新区"]
    # the written file reads back the same and `check` still sees only the split
    assert progress_file(out).count("green") == 66
    assert [t.sheet for t in check_file(out).tables] == ["任务分解"]


def test_writing_twice_in_place_does_not_stack(runner, copy):
    assert runner.invoke("progress", copy, "--write", "--in-place").exit_code == 0
    first = load_workbook(copy).sheetnames
    assert runner.invoke("progress", copy, "--write", "--in-place", "--period", "2023-03").exit_code == 0
    wb = load_workbook(copy)
    assert wb.sheetnames == first
    assert wb["进度结果"]["A1"].value.startswith("2023年1-3月")
    # the June cells got their own fill back when March was written
    assert wb["进度 2023-06"]["C3"].fill.fgColor.rgb[-6:] != LEVEL_FILL["red"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_written_file_opens_in_libreoffice(runner, copy, tmp_path):
    assert runner.invoke("progress", copy, "--write").exit_code == 0
    out = copy.with_name("进度.进度.xlsx")
    # UTF-8 CSV of every sheet (LibreOffice >= 7.2): each sheet must come through
    options = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", options,
                           "--outdir", str(tmp_path / "csv"), str(out)], capture_output=True, timeout=180)
    assert done.returncode == 0, done.stderr
    result = (tmp_path / "csv" / "进度.进度-进度结果.csv").read_text("utf-8")
    race = (tmp_path / "csv" / "进度.进度-进度赛马.csv").read_text("utf-8")
    assert "绿灯 66 个" in result and "高耗低效整治企业数(家),安吉,64,250,25.6%,50%,24.4,黄" in result
    assert "1,南太湖新区" in race


def test_template_has_a_progress_sheet_that_progress_reads(tmp_path):
    from zhibiao.workbook.template import TemplateSpec, new_workbook

    wb = new_workbook(TemplateSpec(["吴兴", "南浔"], "全市", 2023))
    assert wb.sheetnames.index("进度") == wb.sheetnames.index("分解") + 1
    split, progress = wb["分解"], wb["进度"]
    header = [c.value for c in split[2]]
    row = {label: i + 1 for i, label in enumerate(header)}
    split.cell(3, row["指标名称"], "企业数(家)")
    for region, target in (("吴兴", 100), ("南浔", 100), ("全市", 200)):
        split.cell(3, row[region], target)
    p_header = {c.value: c.column for c in progress[2]}
    progress.cell(3, p_header["指标名称"], "企业数(家)")  # Excel would show the linked name; openpyxl keeps no cached value
    for region, actual in (("吴兴", 50), ("南浔", 30), ("全市", 80)):
        progress.cell(3, p_header[region], actual)
    progress["B1"] = "2023-06"
    path = tmp_path / "t.xlsx"
    wb.save(path)
    r = progress_file(path)
    assert (r.sheet, r.period) == ("进度", "2023-06")
    assert [[s.region, s.status] for s in r.statuses] == [["吴兴", "green"], ["南浔", "red"], ["全市", "yellow"]]
    assert [t.sheet for t in check_file(path).tables] == ["分解"]


def test_a_matrix_of_many_regions_shows_the_columns_that_fit():
    """100 districts' columns folded into a screen read as nothing: the ones that fit, the parent, and a count."""
    from io import StringIO

    from rich.console import Console

    from zhibiao.columns import display_width
    from zhibiao.grid import Grid, Workbook
    from zhibiao.progress.report import progress_workbook
    from zhibiao.progress.terminal import print_progress

    header = ["指标名称"] + [f"地区{j}" for j in range(60)] + ["全市"]
    split = [header] + [[f"指标{i}(家)"] + [10.0] * 60 + [600.0] for i in range(5)]
    actual = [header] + [[f"指标{i}(家)"] + [float(j % 9) for j in range(60)] + [240.0] for i in range(5)]
    report = progress_workbook(Workbook(None, [Grid("分解", split), Grid("进度 2023-06", actual)]))
    for width in (80, 160):
        console = Console(file=StringIO(), width=width, highlight=False, markup=False, emoji=False)
        print_progress(console, report, "进度表.xlsx")
        text = console.file.getvalue()
        matrix = text[:text.index("赛马排名")]
        assert max(map(display_width, matrix.splitlines())) <= width
        assert "地区1" in matrix and "全市" in matrix and "地区59" not in matrix
        assert re.search(r"另有 \d+ 个地区的列放不下", text)


def test_cli_json_and_write_work_out_the_ranking_once(runner, tmp_path, monkeypatch):
    """--json alone makes a 赛马 for the JSON (details made into dicts as written); with --write the write-back's
    ranking is the one written: worked out once."""
    from zhibiao.progress import report as progress_report

    calls = []
    real = progress_report.rank_regions
    monkeypatch.setattr(progress_report, "rank_regions", lambda *a, **k: calls.append(k) or real(*a, **k))
    book = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, book)
    res = runner.invoke("progress", book, "--json", "--write", "-o", tmp_path / "out.xlsx")
    assert res.exit_code == 0, res.stderr
    assert len(calls) == 1 and res.json()["ranking"][0]["region"] == "南太湖新区"
    calls.clear()
    alone = runner.invoke("progress", book, "--json")
    assert len(calls) == 1 and calls[0].get("as_tuples") and alone.stdout == res.stdout
