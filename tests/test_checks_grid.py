"""Check rules on small in-memory grids (the host seam), one rule per test."""

from __future__ import annotations

import pytest

from zhibiao import Grid, Workbook, check_workbook

HEADER = ["指标名称", "甲区", "乙区", "丙区", "全市", "责任部门"]


def check(*rows, header=HEADER, extra=()):
    book = Workbook(None, [Grid("分解", [header, *rows]), *extra])
    return check_workbook(book)


def flat(report, *fields):
    return report.flatten(list(fields) or ["code", "region", "cell"])


def test_exact_sum_is_quiet():
    assert flat(check(["企业数(家)", 1.0, 2.0, 3.0, 6.0, "局"])) == []


def test_short_sum_names_the_parent_cell_and_gap():
    r = check(["企业数(家)", 1.0, 2.0, 2.0, 6.0, "局"])
    assert flat(r, "code", "cell", "gap", "allocated") == [["split-short", "分解!E2", 1.0, 5.0]]


def test_rounding_tolerance_follows_printed_precision():
    # 0.1 + 0.2 + 0.3 is 0.6000000000000001 in floats: not a finding
    assert flat(check(["腾出能耗空间(万吨标煤)", 0.1, 0.2, 0.3, 0.6, "局"])) == []
    assert flat(check(["腾出能耗空间(万吨标煤)", 0.1, 0.2, 0.29, 0.6, "局"]), "code", "gap") == [["split-short", 0.01]]


def test_text_numbers_and_bounds_count_in_sums():
    assert flat(check(["企业数(家)", "1个以上", "１", "0.0004万", 6.0, "局"])) == []
    r = check(["企业数(家)", "1个以上", "１", "0.0003万", "6", "局"])
    assert flat(r, "code", "allocated", "gap") == [["split-short", 5.0, 1.0]]


def test_missing_and_unparsed_cells_are_reported_and_not_read_as_zero():
    r = check(["企业数(家)", 1.0, None, "两个", 3.0, "局"])
    assert flat(r) == [["unparsed-value", "丙区", "分解!D2"], ["missing-value", "乙区", "分解!C2"]]
    assert r.indicators[0].verdict == "incomplete"


def test_not_applicable_and_included_are_not_missing():
    r = check(["企业数(家)", "5(含乙区)", "/", None, 5.0, "局"])
    # 丙区 is blank, but 甲区's 5 already covers 全市's 5: a note, not a warning (issue 10)
    assert flat(r) == [["missing-value-covered", "丙区", "分解!D2"]]
    r = check(["企业数(家)", "4(含乙区)", "/", None, 5.0, "局"])
    assert flat(r) == [["missing-value", "丙区", "分解!D2"]]
    r = check(["企业数(家)", "5(含丙区)", 1.0, None, 6.0, "局"])
    assert flat(r) == []


def test_included_region_that_does_not_exist():
    r = check(["企业数(家)", "5(含丁区)", "/", 1.0, 6.0, "局"])
    assert flat(r, "code") == [["included-unmatched"]]


def test_pending_region_only():
    r = check(["企业数(家)", 1.0, "待定", 3.0, 6.0, "局"])
    assert flat(r) == [["pending", "乙区", "分解!C2"]]


def test_uniform_method_column_flags_each_region_below():
    header = ["指标名称", "汇总方式", "甲区", "乙区", "丙区", "全市"]
    r = check(["某增速(%)", "统一", 12.0, 11.5, 12.0, 12.0], header=header)
    assert flat(r, "code", "region", "gap") == [["uniform-below", "乙区", 0.5]]
    assert r.indicators[0].kind_source == "column"


def test_at_least_region_meets_at_least_parent():
    header = ["指标名称", "汇总方式", "甲区", "乙区", "丙区", "全市"]
    r = check(["工业用地比例(%)", "统一", "不低于40", "40%以上", 41.0, "不低于40"], header=header)
    assert flat(r) == []


def test_weighted_infeasible_respects_direction():
    header = ["指标名称", "方向", "甲区", "乙区", "丙区", "全市"]
    assert flat(check(["单位增加值能耗(吨标煤/万元)", "越低越好", 0.5, 0.6, 0.7, 0.4], header=header), "code") == [
        ["weighted-infeasible"]]
    # lower is better and every region is already below the parent: no weights needed
    assert flat(check(["单位增加值能耗(吨标煤/万元)", "越低越好", 0.5, 0.6, 0.7, 0.8], header=header)) == []


def test_weighted_with_basis_sheet_and_uplift():
    basis = Grid("基数", [["地区", "规上工业用地面积(亩)"], ["甲区", 100.0], ["乙区", 100.0], ["丙区", 200.0]])
    r = check(["亩均税收(万元/亩)", 30.0, 40.0, 32.0, 34.0, "局"], extra=[basis])
    # implied (3000 + 4000 + 6400) / 400 = 33.5
    assert flat(r, "code", "implied", "gap") == [["weighted-short", 33.5, 0.5]]
    assert r.findings[0].adjustments == {"甲区": 0.5, "乙区": 0.5, "丙区": 0.5}
    ok = check(["亩均税收(万元/亩)", 30.0, 40.0, 34.0, 34.0, "局"], extra=[basis])
    assert flat(ok) == []


def test_weighted_named_by_weight_column():
    basis = Grid("基数", [["地区", "营业收入(亿元)", "从业人员(人)"], ["甲区", 1.0, 9.0], ["乙区", 3.0, 1.0], ["丙区", 0.0, 0.0]])
    header = ["指标名称", "权重依据", "甲区", "乙区", "丙区", "全市"]
    r = check(["某比率(%)", "营业收入(亿元)", 2.0, 4.0, 1.0, 3.6], header=header, extra=[basis])
    # (2*1 + 4*3 + 0) / 4 = 3.5 < 3.6
    assert flat(r, "code", "implied") == [["weighted-short", 3.5]]


def test_weights_needed_when_parent_inside_range():
    r = check(["亩均税收(万元/亩)", 30.0, 40.0, 32.0, 34.0, "局"])
    assert flat(r, "code") == [["weights-needed"]]
    assert r.valid


def test_parent_missing_and_unparsed():
    assert flat(check(["企业数(家)", 1.0, 2.0, 3.0, None, "局"]), "code") == [["parent-missing"]]
    assert flat(check(["企业数(家)", 1.0, 2.0, 3.0, "6个多", "局"]), "code") == [["unparsed-value"]]
    assert flat(check(["企业数(家)", 1.0, 2.0, 3.0, "约莫六个", "局"]), "code") == [["parent-qualitative"]]


def test_spread_adds_up_exactly():
    from zhibiao.checks import spread

    adds = spread(7.0, {"a": 1.0, "b": 1.0, "c": 1.0}, 0)
    assert sorted(adds.values()) == [2.0, 2.0, 3.0]
    assert spread(0.05, {"a": 3.0, "b": 1.0}, 2) == {"a": 0.04, "b": 0.01}


def test_section_heading_rows_become_categories():
    r = check(["一、空间腾换", None, None, None, None, None], ["企业数(家)", 1.0, 2.0, 3.0, 6.0, "局"])
    assert [(i.name, i.category) for i in r.indicators] == [("企业数(家)", "一、空间腾换")]


@pytest.mark.parametrize("header", [
    ["序号", "指标名称", "单位", "甲区", "乙区", "丙区", "合计", "牵头单位"],
    ["序号", "指标", "单位", "合计", "甲区", "乙区", "丙区", "责任单位"],
])
def test_header_variants(header):
    row = {"序号": 1.0, "指标名称": "企业数", "指标": "企业数", "单位": "家", "甲区": 1.0, "乙区": 2.0, "丙区": 2.0,
           "合计": 6.0, "牵头单位": "局", "责任单位": "局"}
    r = check([row[h] for h in header], header=header)
    assert flat(r, "code", "gap") == [["split-short", 1.0]]
    assert r.indicators[0].unit == "家"


def test_pending_text_without_merge_info_is_one_pending_row():
    """Excel UDFs and Office.js see a merged 待…下达 cell as one value and blanks."""
    r = check(["“浙江制造”标准(项)", "待省下达任务指标后再分解", None, None, None, "局"])
    assert flat(r) == [["pending", None, "分解!B2"]]
    assert r.indicators[0].kind == "pending"
    # a pending region beside filled ones stays a region finding
    assert flat(check(["企业数(家)", "待定", None, 3.0, 6.0, "局"])) == [["missing-value", "乙区", "分解!C2"], ["pending", "甲区", "分解!B2"]]


def test_lower_is_better_total_is_a_cap():
    """能耗总量 is split as allowances: going over the city's cap is the error, staying under is strict."""
    over = check(["能源消费总量(万吨标煤)", 300.0, 400.0, 350.0, 1000.0, "局"])
    assert flat(over, "code", "gap", "allocated") == [["split-over-cap", 50.0, 1050.0]]
    assert over.findings[0].adjustments == {"甲区": -14.0, "乙区": -19.0, "丙区": -17.0}
    assert over.indicators[0].verdict == "over-cap" and not over.valid
    under = check(["能源消费总量(万吨标煤)", 300.0, 300.0, 350.0, 1000.0, "局"])
    assert flat(under, "code", "gap") == [["split-under-cap", 50.0]] and under.valid


def test_at_most_parent_is_a_cap_whatever_the_name():
    r = check(["新增建设用地(亩)", 400.0, 400.0, 300.0, "不超过1000", "局"])
    assert flat(r, "code", "gap") == [["split-over-cap", 100.0]]
