"""Levels: a lower level's own split (平湖 to its towns) against what the upper level (嘉兴) allocated to it."""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from conftest import PINGHU
from returns_helpers import fill, on_schedule
from zhibiao.formats import read_workbook
from zhibiao.returns import collect_returns, merge_returns, write_merge
from zhibiao.returns.levels import check_levels
from zhibiao.returns.source import load_source

# what the test's upper workbook allocates to 平湖 where it differs from 平湖's own 全市 column
CHANGED = {"制造业投资(亿元)": 120, "高价值发明专利拥有量(件)": 900, "规上工业亩均税收(万元/亩)": 36}
DROPPED = "“品字标浙江制造”认证企业(家)"  # the upper has no such indicator
EXTRA = "新增规上工业企业(家)"  # the lower has no such indicator


def upper_workbook(path):
    """A city split whose 平湖 column is 平湖's own 全市 targets (the seed: what 嘉兴 gave 平湖), a few changed.

    The 海宁 column is a constructed neighbour (平湖's figures), only there so the table has two regions.
    """
    lower = load_source(read_workbook(PINGHU))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "分解"
    ws.append(["2023年主要指标分解表（测试用上级表）"])
    ws.append(["序号", "指标名称", "平湖", "海宁", "全市"])
    n = 0
    for ind in lower.indicators:
        if ind.name == DROPPED:
            continue
        n += 1
        given = CHANGED.get(ind.name, ind.targets["全市"])
        ws.append([n, ind.display_name, given, ind.targets["全市"], None])
    ws.append([n + 1, EXTRA, 30, 30, 60])
    wb.save(path)
    return path


def test_levels_hold_the_lower_parent_against_the_allocation(tmp_path):
    upper = upper_workbook(tmp_path / "嘉兴.xlsx")
    report = check_levels(upper, {"平湖": PINGHU})
    found = [(f.code, f.indicator, f.cell, f.lower_cell, f.gap) for f in report.findings]
    assert ("level-short", "制造业投资(亿元)", "分解!C4", "目标任务分解!K4", 2) in found  # 118 against 120
    assert ("level-short", "规上工业亩均税收(万元/亩)", "分解!C5", "目标任务分解!K5", 1) in found  # a rate: 35 against 36
    assert ("level-over", "高价值发明专利拥有量(件)", "分解!C10", "目标任务分解!K10", 53) in found  # 953 against 900
    unmatched = {(f.indicator, f.cell is None, f.lower_cell is None) for f in report.findings if f.code == "level-unmatched"}
    assert unmatched == {(EXTRA, False, True), (DROPPED, True, False)}
    assert len(found) == 5  # every other indicator agrees (or is pending)
    # the lower split itself is checked as usual: 平湖's own findings, with its file
    assert report.lower_findings and {f.file for f in report.lower_findings} == {PINGHU.name}
    assert report.exit_code == 1


def test_levels_cli_json_and_write(tmp_path, runner):
    upper = upper_workbook(tmp_path / "嘉兴.xlsx")
    result = runner.invoke("levels", upper, f"平湖={PINGHU}", "--json", "-w")
    assert result.exit_code == 1
    data = result.json()
    assert set(data) == {"levels", "findings", "summary"} and data["levels"][0]["regions"][0] == "当湖街道"
    short = [f for f in data["findings"] if f["code"] == "level-short"]
    assert {"cell", "lower_cell", "gap", "message"} <= set(short[0]) and short[0]["severity"] == "error"
    ws = openpyxl.load_workbook(tmp_path / "嘉兴.层级.xlsx")
    assert ws["层级核对"]["B3"].value == "level-short"
    assert ws["分解"]["C4"].fill.fgColor.rgb.endswith("FFC7CE") and "缺口2" in ws["分解"]["C4"].comment.text


@pytest.mark.parametrize("args, words", [
    (["levels", PINGHU], "请给出至少一个下级工作簿"),
    (["levels", PINGHU, "平湖"], "应写成 地区=文件"),
    (["levels", PINGHU, "余杭=x.xlsx"], "不是"),
])
def test_levels_bad_input_is_one_line(runner, args, words):
    result = runner.invoke(*args)
    assert result.exit_code == 2 and words in result.stderr and len(result.stderr.strip().splitlines()) == 1


def merged_lower_and_upper(tmp_path):
    """平湖's own split with its towns' June returns merged (every town on schedule), and an upper 嘉兴 split."""
    lower = tmp_path / "平湖.xlsx"
    shutil.copy(PINGHU, lower)
    returns = collect_returns(lower, "2023-06", tmp_path / "r").files
    for path in returns.values():
        fill(path, on_schedule(6))
    write_merge(merge_returns(lower, list(returns.values())), in_place=True)
    return lower, upper_workbook(tmp_path / "嘉兴.xlsx")


def test_progress_sums_the_towns_up_a_level(tmp_path, runner):
    lower, upper = merged_lower_and_upper(tmp_path)
    result = runner.invoke("progress", upper, "--lower", f"平湖={lower}", "--period", "2023-06", "--json")
    data = result.json()
    statuses = {(s["indicator"], s["region"]): s for s in data["statuses"]}
    towns = load_source(read_workbook(PINGHU))
    invest = towns.find("制造业投资(亿元)")
    expected = sum(on_schedule(6)("制造业投资(亿元)", invest.targets[t], None) for t in towns.regions)
    assert statuses[("制造业投资(亿元)", "平湖")]["actual"] == pytest.approx(expected)
    assert statuses[("规上工业亩均税收(万元/亩)", "平湖")]["actual"] is None  # a rate is not summed
    assert statuses[("制造业投资(亿元)", "海宁")]["actual"] is None  # no lower workbook for 海宁
    summed = [f for f in data["findings"] if f["code"] == "level-summed"]
    assert {f["indicator"] for f in summed} >= {"制造业投资(亿元)", "高耗低效整治企业数(家)"}


def test_a_figure_the_upper_sheet_holds_stays(tmp_path, runner):
    lower, upper = merged_lower_and_upper(tmp_path)
    wb = openpyxl.load_workbook(upper)
    ws = wb.create_sheet("进度 2023-06")
    ws.append(["序号", "指标名称", "平湖", "海宁", "全市"])
    ws.append([1, "制造业投资(亿元)", 50, None, None])
    wb.save(upper)
    data = runner.invoke("progress", upper, "--lower", f"平湖={lower}", "--json").json()
    statuses = {(s["indicator"], s["region"]): s for s in data["statuses"]}
    assert statuses[("制造业投资(亿元)", "平湖")]["actual"] == 50
    differs = [f for f in data["findings"] if f["code"] == "level-actual-differs"]
    assert [(f["indicator"], f["region"], f["cell"]) for f in differs] == [("制造业投资(亿元)", "平湖", "'进度 2023-06'!C2")]
