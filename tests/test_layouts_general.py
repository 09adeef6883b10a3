"""The general reader of issue 10 on small in-memory tables: orientation, parents, units, bands, subtotals,
target lists, tables without a parent, blank columns and rows, the weighted edge, 进度 sheets laid out down."""

from __future__ import annotations

from zhibiao import Grid, Workbook, check_workbook
from zhibiao.progress.report import progress_workbook


def check(*grids: Grid):
    return check_workbook(Workbook(None, list(grids)))


def codes(report) -> list[tuple]:
    return sorted((f.code, f.indicator, f.region, f.cell, f.period) for f in report.findings)


# -- orientation and the parent row -------------------------------------------------------

def test_regions_as_rows_with_the_parent_last_and_the_corner_naming_the_regions():
    r = check(Grid("分解", [
        ["镇（街道）", "新增规上工业企业(家)", "工业投资(亿元)"],
        ["甲镇", 3, 10.0],
        ["乙街道", 2, 5.0],
        ["全  区", 6, 15.0],
    ]))
    assert [(t.orientation, t.parent, t.regions) for t in r.tables] == [("down", "全区", ["甲镇", "乙街道"])]
    assert codes(r) == [("split-short", "新增规上工业企业(家)", None, "分解!B4", None)]
    assert r.findings[0].position == (3, 1)  # the sheet's own row and column, for write-back


def test_a_header_naming_a_parent_column_reads_across_whatever_the_first_column_holds():
    r = check(Grid("分解", [["指标名称", "甲县", "乙县", "全市"], ["企业数(家)", 1.0, 2.0, 3.0]]))
    assert r.tables[0].orientation == "across" and r.tables[0].regions == ["甲县", "乙县"]


def test_a_total_column_beside_phase_columns_totals_each_region_row_and_the_table_reads_down():
    """满城's layout: 乡镇 down the rows, a band of phases and a 合计 column that adds up each row. The names
    down the first column are regions and no other column label is one, so 合计 is an indicator, not the
    parent of regions across; the parent is the 合计 row."""
    r = check(Grid("分解", [
        ["序号", "乡镇", "分阶段任务(亩)", None, "合计"],
        [None, None, "春种", "夏种", None],
        [1, "甲镇", 10.0, 5.0, 15.0],
        [2, "乙乡", 20.0, None, 20.0],
        [None, "合计", 30.0, 5.0, 36.0],
    ], merges=[(0, 2, 0, 3), (0, 0, 1, 0), (0, 1, 1, 1), (0, 4, 1, 4)]))
    assert [(t.orientation, t.parent, t.regions) for t in r.tables] == [("down", "合计", ["甲镇", "乙乡"])]
    assert [(i.name, i.verdict) for i in r.indicators] == [("春种", "ok"), ("夏种", "ok"), ("合计", "short")]
    # the 合计 row's 36 is neither 15 + 20 down its column nor 30 + 5 across its row (row-total-mismatch)
    assert [(f.code, f.indicator, f.region) for f in r.findings if f.severity != "info"] == [
        ("split-short", "合计", None), ("row-total-mismatch", "合计", "合计")]


def test_without_a_parent_label_a_dominating_first_row_is_the_parent_and_a_dominating_town_is_not():
    taiyuan = check(Grid("表", [["单位名称", "签约项目(亿元)"], ["甲市", 100.0], ["A区", 40.0], ["B区", 30.0], ["C县", 30.0]]))
    assert taiyuan.tables[0].parent == "甲市" and codes(taiyuan) == []
    big_town = check(Grid("表", [["地区", "面积(亩)"], ["大镇", 1500.0], ["A镇", 480.0], ["B镇", 300.0], ["C镇", 85.0]]))
    assert big_town.tables[0].parent is None
    assert [f.code for f in big_town.findings] == ["parent-missing"]



def test_a_city_corner_names_bare_city_names_and_a_source_line_below_is_a_note_not_a_region():
    """河北's 2009 城建 plan (a newspaper's table): corner `城市`, city names without 市 (two-character ones
    spaced), no total row, and a `來源:河北日報` line under the table (traditional, as the page prints it)."""
    r = check(Grid("计划", [
        ["城市", "拆除面积(万平方米)", "项目(个)"],
        ["石家庄", 400, 119],
        ["承 德", 130, 100],
        ["张家口", 220, 152],
        ["來源:河北日報"],
    ]))
    assert [(t.orientation, t.parent, t.regions) for t in r.tables] == [("down", None, ["石家庄", "承德", "张家口"])]
    assert [f.code for f in r.findings] == ["parent-missing"]
    with_source = check(Grid("表", [["地区", "面积(亩)"], ["甲镇", 4.0], ["乙镇", 5.0], ["合计", 9.0], ["来源：县农业局"]]))
    assert with_source.tables[0].regions == ["甲镇", "乙镇"] and codes(with_source) == []


def test_a_line_under_a_closing_total_row_is_a_note_and_a_per_unit_standard_is_carried():
    """三明's layout: 合 计 last, then a `资金安排表情况说明` heading (no colon) and its paragraph; a 标准(万元)
    column carries the same amount in every row and in 合计 (uniform), the 数量 columns add up."""
    r = check(Grid("表", [
        ["县(市、区)", "数量(栋)", "补助标准(万元)", "补助金额(万元)"],
        ["甲县", 2, 25, 50],
        ["乙区", 1, 25, 25],
        ["合 计", 3, 25, 75],
        ["资金安排表情况说明"],
    ]))
    assert [(t.parent, t.regions) for t in r.tables] == [("合计", ["甲县", "乙区"])]
    assert [(i.name, i.kind, i.verdict) for i in r.indicators][:2] == [
        ("数量(栋)", "sum", "ok"), ("补助标准(万元)", "uniform", "ok")]
    assert codes(r) == []

# -- units, bands, kinds ------------------------------------------------------------------

def test_a_unit_line_above_makes_an_improvement_area_a_sum():
    r = check(Grid("分解", [
        ["单位：万亩"],
        ["县(市、区)", "耕地质量提升面积", "土壤改良增长面积"],
        ["合计", 10.0, 4.0],
        ["甲县", 6.0, 2.0],
        ["乙县", 3.0, 2.0],
    ]))
    assert [(i.kind, i.unit, i.verdict) for i in r.indicators] == [("sum", "万亩", "short"), ("sum", "万亩", "ok")]


def test_period_bands_are_checked_one_by_one_and_findings_say_which():
    r = check(Grid("分解", [
        ["地区", "2024年", None, "2025年", None],
        [None, "企业数(家)", "投资(亿元)", "企业数(家)", "投资(亿元)"],
        ["全市", 10, 5.0, 12, 6.0],
        ["甲区", 6, 3.0, 6, 3.0],
        ["乙区", 4, 2.0, 5, 3.0],
    ], [(0, 0, 1, 0), (0, 1, 0, 2), (0, 3, 0, 4)]))
    assert [(i.name, i.verdict) for i in r.indicators] == [
        ("企业数(家)", "ok"), ("投资(亿元)", "ok"), ("企业数(家)", "short"), ("投资(亿元)", "ok")]
    assert codes(r) == [("split-short", "企业数(家)", None, "分解!D3", "2025年")]


# -- subtotals ------------------------------------------------------------------------------

def test_subtotal_rows_are_checked_against_their_members_and_not_counted_twice():
    r = check(Grid("分解", [
        ["县(市、区)", "新增企业(家)"],
        ["全市", 100],
        ["一、市区", 60],
        ["内四区", 35],
        ["外五区", 20],
        ["二、县域", 40],
        ["甲县", 25],
        ["乙县", 15],
    ]))
    assert codes(r) == [("subtotal-short", "新增企业(家)", "一、市区", "分解!B3", None)]
    assert r.indicators[0].verdict == "short"  # 市区 60 + 县域 40 = 100 = 全市; 35 + 20 = 55 < 60


def test_subtotal_columns_across_and_members_above_their_subtotal_are_info():
    r = check(Grid("分解", [
        ["指标名称", "全市", "长沙县", "其中：经开区", "园区外", "望城县"],
        ["合同外资(万美元)", 10000.0, 2180.0, 17000.0, 4800.0, 7820.0],
    ]))
    assert codes(r) == [("subtotal-over", "合同外资(万美元)", "长沙县", "分解!C2", None)]


# -- target lists with other columns -----------------------------------------------------------

def test_target_list_columns_are_roles_not_regions_and_upper_bounds_mean_lower_is_better():
    r = check(Grid("目标", [
        ["考核内容", "年度目标", "权重", "牵头单位", "配合单位"],
        ["城镇登记失业率(%)", "控制在4.5%以内", 5, "人社局", "统计局"],
        ["单位GDP能耗降低(%)", "3.4", 10, "发改局", None],
        ["新增就业(人)", "2千多人", 5, "人社局", None],
    ]))
    assert [(t.kind, t.regions, t.periods) for t in r.tables] == [("targets", [], ["年度目标"])]
    assert [i.direction for i in r.indicators] == ["lower", "higher", "higher"]
    assert codes(r) == [("unparsed-value", "新增就业(人)", "年度目标", "目标!B4", "年度目标")]


# -- no parent, blanks ---------------------------------------------------------------------------

def test_no_parent_is_said_once_and_every_cell_is_still_checked():
    r = check(Grid("分解", [["指标名称", "甲区", "乙区"], ["企业数(家)", 1.0, None], ["投资(亿元)", 2.0, "两亿"]]))
    assert codes(r) == [("missing-value", "企业数(家)", "乙区", "分解!C2", None),
                        ("parent-missing", None, None, "分解!A2", None),
                        ("unparsed-value", "投资(亿元)", "乙区", "分解!C3", None)]
    assert {i.verdict for i in r.indicators} == {"incomplete"}


def test_a_blank_column_and_a_blank_row_are_one_finding_each():
    r = check(Grid("分解", [
        ["地区", "企业数(家)", "投资(亿元)", "用地(亩)"],
        ["全市", 3, None, 9.0],
        ["甲区", 1, None, 4.0],
        ["乙区", 2, None, 5.0],
        ["丙区", None, None, None],
    ]))
    assert codes(r) == [("indicator-blank", "投资(亿元)", None, "分解!C1", None),
                        ("region-blank", None, "丙区", "分解!A5", None)]


# -- weighted means at the edge -------------------------------------------------------------------

def test_a_parent_at_the_regions_maximum_cannot_be_reached_by_positive_weights():
    header = ["指标名称", "甲区", "乙区", "全市"]
    edge = check(Grid("分解", [header, ["规上工业亩均税收(万元/亩)", 30.0, 37.0, 37.0]]))
    assert [f.code for f in edge.findings] == ["weighted-infeasible"]
    inside = check(Grid("分解", [header, ["规上工业亩均税收(万元/亩)", 30.0, 38.0, 37.0]]))
    assert [f.code for f in inside.findings] == ["weights-needed"]
    lower = check(Grid("分解", [header, ["单位工业增加值能耗(吨标准煤/万元)", 0.5, 0.8, 0.5]]))
    assert [f.code for f in lower.findings] == ["weighted-infeasible"]
    equal = check(Grid("分解", [header, ["规上工业亩均税收(万元/亩)", 37.0, 37.0, 37.0]]))
    assert equal.findings == []


# -- 进度 sheets laid out down ----------------------------------------------------------------------

def test_progress_with_split_and_actuals_both_as_regions_down():
    split = Grid("分解", [["地区", "新增企业(家)", "工业投资增长(%)"], ["甲区", 10, 8.0], ["乙区", 20, 9.0], ["全市", 30, 8.5]])
    actual = Grid("进度 2023-06", [["地区", "新增企业(家)", "工业投资增长(%)"], ["甲区", 5, 8.0], ["乙区", 7, 9.5], ["全市", 13, None]])
    r = progress_workbook(Workbook(None, [split, actual]))
    got = {(s.indicator, s.region): (s.status, s.cell) for s in r.statuses}
    assert got[("新增企业(家)", "甲区")] == ("green", "'进度 2023-06'!B2")
    assert got[("新增企业(家)", "乙区")] == ("red", "'进度 2023-06'!B3")
    assert [(f.code, f.cell, f.position) for f in r.findings] == [("actual-missing", "'进度 2023-06'!C4", (3, 2))]


def test_a_band_printed_once_heads_the_blank_top_cells_beside_it():
    """A two-row header whose band is not merged but printed once over its columns (a CSV export, a band centred
    across the columns in Excel — 跨列居中 —, a retyped table): the band heads every column whose top cell is
    blank and has a sub-label, until the next band; 单位, merged down in print, has nothing under it and heads none."""
    rows = [
        ["单位", "到2025年规划指标(万亩)", None, "到2030年规划指标(万亩)", None],
        [None, "累计建成", "累计改造提升", "累计建成", "累计改造提升"],
        ["全区", 5.0, 0.8, 6.0, 1.0],
        ["甲乡", 3.0, 0.8, 3.0, 0.5],
        ["乙乡", 2.0, None, 3.5, 0.5],
    ]
    r = check(Grid("规划", rows))
    assert [(i.name, i.period) for i in r.indicators] == [
        ("累计建成", "到2025年规划指标"), ("累计改造提升", "到2025年规划指标"),
        ("累计建成", "到2030年规划指标"), ("累计改造提升", "到2030年规划指标")]
    assert codes(r) == [("missing-value-covered", "累计改造提升", "乙乡", "规划!C5", "到2025年规划指标"),
                        ("split-over", "累计建成", None, "规划!D3", "到2030年规划指标")]
