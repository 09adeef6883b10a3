"""Project-list returns: one per region, the 项目报送 sheet filled by the district, merged into the period's list."""

from __future__ import annotations

import shutil

import openpyxl

from conftest import EXAMPLES
from returns_helpers import unlocked
from test_returns import _values
from zhibiao.projects import projects_file
from zhibiao.returns import collect_returns, merge_returns, write_merge
from zhibiao.returns.project_returns import HEADER_ROW, PROJECT_SHEET

PROJECTS = EXAMPLES / "重大项目示例.xlsx"  # invented projects (see the examples' README)
PROGRESS_EXAMPLE = EXAMPLES / "湖州2023进度示例.xlsx"


def fill_projects(path, done, start=None):
    """Type done(name, previous) into 本年累计完成投资 (column K) and start(name) into 实际开工时间 (column I)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[PROJECT_SHEET]
    open_cells = unlocked(ws)
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        name, previous = ws.cell(r, 2).value, ws.cell(r, 8).value
        assert f"K{r}" in open_cells and f"E{r}" not in open_cells and f"H{r}" not in open_cells
        value = done(name, previous)
        if value is not None:
            ws.cell(r, 11).value = value
        if start and start(name):
            ws.cell(r, 9).value = start(name)
    wb.save(path)
    return path


def carried(name, previous):
    return round(previous * 7 / 6, 2) if isinstance(previous, (int, float)) else 10


def test_project_returns_round_trip(tmp_path):
    src = tmp_path / "重大项目.xlsx"
    shutil.copy(PROJECTS, src)
    done = collect_returns(src, "2023-07", tmp_path / "r")
    assert list(done.files) == ["吴兴区", "南浔区", "德清县", "长兴县", "安吉县", "南太湖新区"]
    wb = openpyxl.load_workbook(done.files["吴兴区"])
    assert wb.sheetnames == [PROJECT_SHEET, "_报送信息"] and wb[PROJECT_SHEET].protection.sheet
    ws = wb[PROJECT_SHEET]
    assert ws["B4"].value == "示例甲新材料公司年产5万吨新材料项目" and ws["D4"].value == 120000  # 12亿元 in 万元
    assert ws["H4"].value == 16500 and ws["K4"].value is None  # last period's cumulative beside the input
    f = done.files
    fill_projects(f["吴兴区"], lambda n, p: 5000 if "示例甲" in n else carried(n, p), lambda n: "2023-07" if "示例丁" in n else None)
    fill_projects(f["南浔区"], lambda n, p: p * 10000 if "示例己" in n else carried(n, p))
    wb = openpyxl.load_workbook(f["德清县"])
    wb[PROJECT_SHEET]["E4"] = 99999  # the 年度计划投资 edited
    wb.save(f["德清县"])
    fill_projects(f["德清县"], carried)
    fill_projects(f["长兴县"], lambda n, p: "见备注" if n == openpyxl.load_workbook(f["长兴县"])[PROJECT_SHEET]["B4"].value
                  else carried(n, p))
    for region in ("安吉县", "南太湖新区"):
        fill_projects(f[region], carried)
    report = merge_returns(src, list(f.values()))
    codes = sorted((x.code, x.region) for x in report.findings)
    assert ("return-decreasing", "吴兴区") in codes and ("return-outlier", "南浔区") in codes
    assert ("return-target-changed", "德清县") in codes and ("return-unparsed", "长兴县") in codes
    assert report.project_copy == ("重大项目 2023-06", "重大项目 2023-07") and report.missing == []
    write_merge(report, in_place=True)
    listed = openpyxl.load_workbook(src)
    assert "重大项目 2023-06" in listed.sheetnames and "重大项目 2023-07" in listed.sheetnames
    july = listed["重大项目 2023-07"]
    assert july["K4"].value == 5000 and july["K4"].comment is not None  # merged and marked
    assert july["F4"].value == listed["重大项目 2023-06"]["F4"].value  # the plan stays the city's
    ding = next(r for r in range(4, july.max_row + 1) if "示例丁" in str(july.cell(r, 2).value))
    assert july.cell(ding, 9).value == "2023-07"  # a new actual start
    projects = {p.name: p for p in projects_file(src, "2023-07").projects.projects}
    assert projects["示例甲新材料公司年产5万吨新材料项目"].investment_done == 5000
    assert projects[july.cell(ding, 2).value].actual_start.text == "2023-07"
    before = _values(src)
    again = merge_returns(src, list(f.values()))
    assert again.writes == [] and again.project_copy is None
    write_merge(again, in_place=True)
    assert _values(src) == before


def test_one_return_per_region_holds_indicators_and_projects(tmp_path):
    src = tmp_path / "湖州.xlsx"
    shutil.copy(PROGRESS_EXAMPLE, src)
    wb = openpyxl.load_workbook(src)
    listing = openpyxl.load_workbook(PROJECTS)["重大项目 2023-06"]
    ws = wb.create_sheet("重大项目 2023-06")
    for row in listing.iter_rows(values_only=True):
        ws.append(row)
    wb.save(src)
    done = collect_returns(src, "2023-07", tmp_path / "r")
    assert list(done.files) == ["吴兴", "南浔", "德清", "长兴", "安吉", "南太湖新区"]
    names = openpyxl.load_workbook(done.files["吴兴"]).sheetnames
    assert names == ["进度报送", PROJECT_SHEET, "_报送信息"]
    path = fill_projects(done.files["吴兴"], carried)
    report = merge_returns(src, [path])
    assert {w.sheet for w in report.writes} == {"重大项目 2023-07"}  # 吴兴's indicator figures were left blank
    assert len([w for w in report.writes if w.col == 10]) == 5  # 本年累计完成投资 of 吴兴's five projects
