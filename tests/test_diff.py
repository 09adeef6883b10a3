"""zhibiao diff on the seed tables, and multi-year trajectories / target-mismatch in zhibiao check."""

import copy
import json
from pathlib import Path

import openpyxl
import pytest

from test_layout_variants import HZ, Sheet, clean, save, seed_sheet
from xlsx_templates import seed_data as sd
from zhibiao import check_file
from zhibiao.diff import diff_files

FILES = Path(__file__).resolve().parent / "files"
EXAMPLES = Path(__file__).resolve().parent.parent / "xlsx_templates" / "examples"


def variant(tmp_path, name, edit=None, title=None, table=HZ):
    """The seed table as bundled, after an edit of its rows (a list of lists, header excluded)."""
    t = copy.deepcopy(table)
    if edit:
        edit(t["rows"])
    return save(tmp_path, seed_sheet(t, title=title), name=name)


def kinds(report):
    return sorted((c.kind, c.indicator, c.region) for c in report.changes)


def test_identical_and_other_layouts_give_no_changes(tmp_path):
    base = variant(tmp_path, "a.xlsx")
    assert diff_files(base, variant(tmp_path, "b.xlsx")).changes == []
    for other in ("huzhou_plain.xlsx", "huzhou_two_row_header.xlsx", "huzhou_heji_unit.xlsx", "huzhou.docx",
                  "huzhou_text_values.xlsx"):
        report = diff_files(base, FILES / other)
        assert report.changes == [], (other, [c.message for c in report.changes])
        assert report.exit_code == 0


def test_reordered_rows_give_no_changes(tmp_path):
    base = variant(tmp_path, "a.xlsx")

    def reorder(rows):  # the pending rows (10, 11) keep their merged places
        rows[0], rows[13], rows[2], rows[8] = rows[13], rows[0], rows[8], rows[2]
    reordered = variant(tmp_path, "b.xlsx", reorder)
    assert diff_files(base, reordered).changes == []


def test_every_kind_of_change_on_the_huzhou_split(tmp_path):
    def edit(rows):
        rows[12][1] = 200  # 吴兴 高耗低效整治企业数 150 -> 200
        rows[12][7] = 1250  # 全市 1200 -> 1250
        rows[11][0] = "“品字标浙江制造”认证企业数(家)"  # a small rename
        rows[13][8] = "市自然资源局"  # 责任部门
        del rows[14]  # 腾出能耗空间 removed
        rows.append(["新增省级工业互联网平台(个)", 1, 1, 1, 1, 1, 0, 5, "市经信局"])
    report = diff_files(variant(tmp_path, "old.xlsx"), variant(tmp_path, "new.xlsx", edit))
    assert kinds(report) == sorted([
        ("target-changed", "高耗低效整治企业数(家)", "吴兴"),
        ("parent-changed", "高耗低效整治企业数(家)", "全市"),
        ("indicator-renamed", "“品字标浙江制造”认证企业数(家)", None),
        ("responsible-changed", "高耗低效整治腾出用地面积(亩)", None),
        ("indicator-removed", "高耗低效整治腾出能耗空间(万吨标煤)", None),
        ("indicator-added", "新增省级工业互联网平台(个)", None),
    ])
    change = next(c for c in report.changes if c.kind == "target-changed")
    assert (change.old, change.new, change.difference) == (150, 200, 50)
    assert change.percent == pytest.approx(1 / 3)
    assert change.message == "吴兴：150 → 200（增加50，+33.3%）"
    assert change.old_cell == change.new_cell == "分解!B15"
    renamed = next(c for c in report.changes if c.kind == "indicator-renamed")
    assert renamed.old == "“品字标浙江制造”认证企业(家)" and renamed.new == "“品字标浙江制造”认证企业数(家)"
    assert report.exit_code == 1


def test_regions_added_and_removed_are_said_once(tmp_path):
    t = copy.deepcopy(HZ)
    t["header"][6] = "太湖新区"
    t["regions"] = t["regions"][:5] + ["太湖新区"]
    report = diff_files(variant(tmp_path, "old.xlsx"), variant(tmp_path, "new.xlsx", table=t))
    assert kinds(report) == [("region-added", None, "太湖新区"), ("region-removed", None, "南太湖新区")]


def test_kind_changed_by_the_method_column(tmp_path):
    old = variant(tmp_path, "old.xlsx")
    wb = openpyxl.load_workbook(old)
    ws = wb["分解"]
    ws.cell(2, 10, "汇总方式")
    ws.cell(3 + 12, 10, "加权平均")  # 高耗低效整治企业数: 合计 -> 加权平均
    new = tmp_path / "new.xlsx"
    wb.save(new)
    report = diff_files(old, new)
    assert kinds(report) == [("kind-changed", "高耗低效整治企业数(家)", None)]
    assert report.changes[0].old == "合计" and report.changes[0].new.startswith("加权平均")


def test_two_years_compare_year_on_year(tmp_path):
    old = variant(tmp_path, "old.xlsx", title="2023年主要指标各区县任务分解表")

    def grow(rows):
        rows[12][1:8] = [165, 275, 275, 275, 275, 55, 1320]
    new = variant(tmp_path, "new.xlsx", grow, title="2024年主要指标各区县任务分解表")
    report = diff_files(old, new)
    assert report.yearly and report.summary()["old_year"] == 2023 and report.summary()["new_year"] == 2024
    whole = next(c for c in report.changes if c.kind == "parent-changed")
    assert whole.message == "全市：2023年1200 → 2024年1320（同比增长10%）"
    assert all("同比增长10%" in c.message for c in report.changes)


def test_target_systems_compare_by_year_column(tmp_path):
    old = save(tmp_path, seed_sheet(sd.PINGHU_TARGETS_2023_2027, name="目标体系"), name="old.xlsx")
    t = copy.deepcopy(sd.PINGHU_TARGETS_2023_2027)
    t["header"][4] = "2025年目标"
    t["rows"][1][4] = 2100
    new = save(tmp_path, seed_sheet(t, name="目标体系"), name="new.xlsx")
    report = diff_files(old, new)
    assert [(c.kind, c.region, c.old, c.new) for c in report.changes] == [("target-changed", "2025年目标", 2050, 2100)]


def test_cli_diff_json_exit_codes_and_write(tmp_path, runner):
    old = variant(tmp_path, "old.xlsx")
    same = runner.invoke("diff", old, variant(tmp_path, "same.xlsx"), "--json")
    assert same.exit_code == 0 and same.json()["changes"] == [] and same.json()["summary"]["identical"] is True

    def edit(rows):
        rows[12][1] = 200
    new = variant(tmp_path, "new.xlsx", edit)
    result = runner.invoke("diff", old, new, "--json")
    assert result.exit_code == 1
    change = result.json()["changes"][0]
    assert set(change) >= {"kind", "indicator", "region", "old", "new", "old_cell", "new_cell", "message"}
    shown = runner.invoke("diff", old, new, "-w")
    assert shown.exit_code == 1 and "高耗低效整治企业数" in shown.stdout and "目标值变化" in shown.stdout
    written = tmp_path / "new.变更.xlsx"
    wb = openpyxl.load_workbook(written)
    assert wb["变更"].max_row >= 3
    cell = wb["分解"]["B15"]
    assert cell.value == 200 and "原值：150" in cell.comment.text
    assert openpyxl.load_workbook(new)["分解"]["B15"].comment is None  # the input is not touched


def test_cli_diff_unreadable_file_is_one_line(runner):
    result = runner.invoke("diff", FILES / "broken.xlsx", FILES / "huzhou_plain.xlsx")
    assert result.exit_code == 2 and result.stderr.startswith("错误：") and "Traceback" not in result.stderr


# -- trajectories ------------------------------------------------------------------------------------

def targets_book(tmp_path, rows, header=("序号", "指标名称", "2023年", "2025年", "2027年", "责任单位")):
    table = [["目标体系表"] + [None] * (len(header) - 1), list(header)]
    table += [[k + 1, *r] for k, r in enumerate(rows)]
    return save(tmp_path, Sheet("目标体系", table), name="targets.xlsx")


def codes(report):
    return sorted((f.code, f.indicator, f.cell) for f in report.findings)


def test_pinghu_trajectories_are_computed_and_hold():
    report = check_file(EXAMPLES / "平湖2023-2027主要目标体系.xlsx")
    assert [f.code for f in report.findings if f.code.startswith("trajectory")] == []
    output = {i.name: i.implied_growth for i in report.indicators}
    chain = output["“四群八链”先进制造业集群规上企业总产值(亿元)"]
    assert [(s["from"], s["to"], s["basis"]) for s in chain] == [("2023年", "2025年", "compound"), ("2025年", "2027年", "compound")]
    assert chain[0]["rate"] == pytest.approx((2050 / 1250) ** 0.5 - 1)  # 28.1% a year
    share = output["高技术制造业增加值占规上工业增加值比重(%)"]
    assert [s["rate"] for s in share] == pytest.approx([0.5, 1.5])  # points a year; 1.5 is exactly 3×: not steep
    assert output["规上工业单位增加值能耗降幅(%)"] is None  # text targets: no trajectory


def test_reversed_and_steep_trajectories(tmp_path):
    path = targets_book(tmp_path, [
        ["规上工业增加值(亿元)", 1000, 1100, 1050, "市经信局"],  # higher is better, falls in 2027
        ["单位工业增加值能耗(吨标煤/万元)", 0.50, 0.48, 0.52, "市发改局"],  # lower is better, rises
        ["累计建成智能工厂(家)", 10, 20, 18, "市经信局"],  # cumulative falls
        ["数字经济核心产业增加值(亿元)", 100, 110, 160, "市经信局"],  # 4.9%/yr then 20.6%/yr: steep
        ["高技术制造业增加值占比(%)", 11, 12, 15, "市经信局"],  # 0.5 then 1.5 points: exactly 3×, not steep
        ["研发费用占比(%)", 2.0, 2.2, 2.4, "市科技局"],
    ])
    report = check_file(path)
    found = codes(report)
    assert found == sorted([
        ("trajectory-reversed", "规上工业增加值(亿元)", "目标体系!E3"),
        ("trajectory-reversed", "单位工业增加值能耗(吨标煤/万元)", "目标体系!E4"),
        ("trajectory-reversed", "累计建成智能工厂(家)", "目标体系!E5"),
        ("trajectory-steep", "数字经济核心产业增加值(亿元)", "目标体系!E6"),
    ])
    reversed_ = next(f for f in report.findings if f.indicator == "规上工业增加值(亿元)")
    assert "目标体系!D3" in reversed_.message and reversed_.severity == "warning"
    energy = next(f for f in report.findings if f.indicator.startswith("单位工业增加值能耗"))
    assert "越低越好" in energy.message
    steep = next(f for f in report.findings if f.code == "trajectory-steep")
    assert steep.severity == "info" and "年均增长20.6%" in steep.message


def test_a_base_year_column_starts_the_trajectory(tmp_path):
    path = targets_book(tmp_path, [["制造业增加值(亿元)", 800, 1000, "市经信局"]],
                        header=("序号", "指标名称", "2022年基数", "2025年目标", "责任单位"))
    report = check_file(path)
    step = report.indicators[0].implied_growth[0]
    assert (step["from"], step["to"], step["years"]) == ("2022年基数", "2025年目标", 3)
    assert step["rate"] == pytest.approx((1000 / 800) ** (1 / 3) - 1)
    assert json.loads(report.dumps())["summary"]["indicators"][0]["implied_growth"][0]["basis"] == "compound"


def test_split_parent_against_the_target_system_of_its_year(tmp_path):
    split = seed_sheet(HZ, name="分解", title="2023年主要指标各区县任务分解表")
    system = seed_sheet(sd.HUZHOU_TARGETS_2023, name="目标体系")
    agree = check_file(save(tmp_path, split, system, name="agree.xlsx"))
    assert [f for f in agree.findings if f.code == "target-mismatch"] == []
    t = copy.deepcopy(sd.HUZHOU_TARGETS_2023)
    row = next(r for r in t["rows"] if str(r[2]).startswith("规上工业亩均税收"))
    row[3] = 38
    report = check_file(save(tmp_path, split, seed_sheet(t, name="目标体系"), name="differ.xlsx"))
    mismatch = [f for f in report.findings if f.code == "target-mismatch"]
    assert [(f.indicator, f.cell) for f in mismatch] == [("规上工业亩均税收(万元/亩)", "分解!H6")]
    assert "38" in mismatch[0].message and "目标体系!D" in mismatch[0].message
    assert clean(tmp_path, HZ).findings  # the split's own findings are still there


def transposed(src, dst, change=None):
    """The same table with regions as rows and indicators as columns (merges transposed too)."""
    wb = openpyxl.load_workbook(src)
    ws = wb.active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    out = openpyxl.Workbook()
    new = out.active
    new.title = ws.title
    for r in map(list, zip(*rows)):
        new.append(r)
    for m in ws.merged_cells.ranges:
        new.merge_cells(start_row=m.min_col, start_column=m.min_row, end_row=m.max_col, end_column=m.max_row)
    if change:
        new[change[0]] = change[1]
    out.save(dst)
    return dst


def test_regions_as_rows_compare_equal_to_regions_as_columns(tmp_path):
    plain = FILES / "huzhou_plain.xlsx"
    rows = transposed(plain, tmp_path / "rows.xlsx")
    assert diff_files(plain, rows).changes == []
    edited = transposed(plain, tmp_path / "edited.xlsx", ("N2", 100))  # 高耗低效整治企业数, 吴兴: 150 -> 100
    report = diff_files(plain, edited)
    assert [(c.kind, c.region, c.old, c.new, c.old_cell, c.new_cell) for c in report.changes] == [
        ("target-changed", "吴兴", 150, 100, "任务分解!B14", "任务分解!N2")]
