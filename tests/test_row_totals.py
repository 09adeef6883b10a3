"""A 合计 column that should equal its parts region by region (row-total-mismatch), on the real 焦作 2018 扶貧資金
table (`資金合計 = 中央資金 + 省級資金`) and the real 满城 2020 table (`合计` beside the band `分阶段任务(亩)` over
春种 / 夏种), as printed and with one figure misprinted; checked only where the structure makes it certain."""

from __future__ import annotations

import openpyxl

from zhibiao import Grid, Workbook, check_file, check_workbook
from zhibiao.checks.totals import total_groups
from zhibiao.formats import read_workbook
from zhibiao.layout import detect_tables

from conftest import ROOT

REAL = ROOT / "tests" / "files" / "real"


def groups(path) -> list[tuple]:
    book = read_workbook(path)
    return [(t.name, [p.name for p in ps]) for g in book.grids for table in detect_tables(g)
            for t, ps in total_groups(table)]


def mismatches(report) -> list[tuple]:
    return [(f.region, f.cell, f.target, f.allocated, f.gap, f.message) for f in report.findings
            if f.code == "row-total-mismatch"]


def misprint(tmp_path, name: str, sheet: str, ref: str, value) -> object:
    wb = openpyxl.load_workbook(REAL / name)
    wb[sheet][ref] = value
    path = tmp_path / name
    wb.save(path)
    return check_file(path)


def test_the_published_tables_hold_and_their_totals_are_recognised():
    assert groups(REAL / "jiaozuo_2018_fupin.xlsx") == [("資金合計", ["中央資金", "省級資金"])]
    assert groups(REAL / "mancheng_2020_jiegou.xlsx") == [("合计", ["春种", "夏种"])]
    for name in ("jiaozuo_2018_fupin.xlsx", "mancheng_2020_jiegou.xlsx"):
        assert mismatches(check_file(REAL / name)) == []
    # 总面积 beside 其中成片造林 …: no total word, no band: nothing is assumed
    assert groups(REAL / "yangzhou_2010_zaolin.xlsx") == []


def test_a_misprinted_total_is_an_error_naming_both_cells(tmp_path):
    # 修武: 10 + 1106.7 = 1116.7, printed 1161.7
    r = misprint(tmp_path, "jiaozuo_2018_fupin.xlsx", "公示", "B3", 1161.7)
    assert mismatches(r) == [("修武", "公示!B3", 1161.7, 1116.7, 45.0,
                              "修武的資金合計1161.7（公示!B3）不等于“中央資金”+“省級資金”之和1116.7（公示!C3、公示!D3），相差45")]
    assert next(f for f in r.findings if f.code == "row-total-mismatch").severity == "error"
    # 满城镇: 2242.6 + 18.1 = 2260.7, printed 2206.7; the one-phase towns (a blank 夏种) still hold
    r = misprint(tmp_path, "mancheng_2020_jiegou.xlsx", "附件", "E5", 2206.7)
    assert [m[:5] for m in mismatches(r)] == [("满城镇", "附件!E5", 2206.7, 2260.7, 54.0)]


def _jiaozuo_rows() -> list[list]:
    book = read_workbook(REAL / "jiaozuo_2018_fupin.xlsx")
    return [list(r) for r in book.grids[0].rows[2:] if any(v is not None for v in r)]


def test_a_band_over_the_total_and_its_parts_reads_down_and_is_checked():
    # the 焦作 figures under one band, as many notices print them; 孟州's 合計 printed 856.8 (10 + 855.8 = 865.8)
    rows = _jiaozuo_rows()
    data = [[n, 856.8 if n == "孟州" else t, c, p] for n, t, c, p, _ in rows]
    grid = Grid("分配", [["市縣", "扶貧資金(萬元)", None, None], [None, "合計", "中央", "省級"], *data],
                [(0, 0, 1, 0), (0, 1, 0, 3)])
    r = check_workbook(Workbook(None, [grid]))
    [table] = r.tables
    assert (table.orientation, table.parent) == ("down", "合計")
    assert [(i.name, i.unit) for i in r.indicators] == [("扶貧資金合計", "萬元"), ("中央", "萬元"), ("省級", "萬元")]
    assert [m[:5] for m in mismatches(r)] == [("孟州", "分配!B7", 856.8, 865.8, 9.0)]


def test_other_parts_may_leave_something_out_so_only_parts_above_the_total_are_wrong():
    # 其中 parts: a total above them is allowed (other sources), parts above the total are not
    grid = Grid("表", [
        ["县(市、区)", "资金合计(万元)", "其中:中央资金(万元)", "其中:省级资金(万元)"],
        ["甲县", 120, 10, 100],  # short by 10: other sources, fine
        ["乙县", 100, 20, 90],  # 110 above 100: wrong
        ["合计", 220, 30, 190],
    ])
    r = check_workbook(Workbook(None, [grid]))
    assert [m[:5] for m in mismatches(r)] == [("乙县", "表!B3", 100, 110, 10)]
    # 其中 parts that are not sources may overlap (技改投资 is often also 制造业投资): nothing is assumed
    overlapping = Grid("表", [
        ["县(市、区)", "工业投资合计(亿元)", "其中:技改投资(亿元)", "其中:制造业投资(亿元)"],
        ["甲县", 100, 60, 80],
        ["乙县", 50, 30, 40],
        ["合计", 150, 90, 120],
    ])
    assert mismatches(check_workbook(Workbook(None, [overlapping]))) == []


def test_a_total_row_among_indicators_across_is_checked_column_by_column():
    # the same 焦作 figures with the regions as columns: 資金合計 / 中央資金 / 省級資金 are rows
    rows = _jiaozuo_rows()
    names = [n for n, *_ in rows]
    grid = Grid("公示", [
        ["指标名称", *names],
        *[[label, *[r[k] if not (label == "資金合計(萬元)" and r[0] == "沁陽") else 1071.4 for r in rows]]
          for k, label in ((1, "資金合計(萬元)"), (2, "中央資金(萬元)"), (3, "省級資金(萬元)"))],
    ])
    r = check_workbook(Workbook(None, [grid]))
    assert r.tables[0].orientation == "across"
    # 沁陽: 15 + 1002.4 = 1017.4, printed 1071.4
    assert [m[:5] for m in mismatches(r)] == [("沁陽", "公示!E2", 1071.4, 1017.4, 54.0)]
