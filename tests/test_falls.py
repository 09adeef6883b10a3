"""Targets written as a fall (下降3%): the indicator's name decides the sign, the arithmetic is the plain figure's."""

from __future__ import annotations

import pytest

from zhibiao import Grid, Workbook, check_workbook
from zhibiao.expr import Bound, ValueType, as_indicator, parse_target
from zhibiao.progress.report import progress_workbook

FALL_RATE, GROWTH, LEVEL = "单位GDP能耗下降率(%)", "规上工业增加值增长(%)", "能耗总量(万吨标准煤)"


@pytest.mark.parametrize("raw,name,value,high,bound", [
    ("下降3%", FALL_RATE, 3.0, None, Bound.EXACT),
    ("同比下降3%", GROWTH, -3.0, None, Bound.EXACT),
    ("降低5%", "单位GDP能耗降低率(%)", 5.0, None, Bound.EXACT),
    ("下降3个百分点", FALL_RATE, 3.0, None, Bound.EXACT),
    ("下降0.5个百分点", "八大新兴产业链营业收入占比提高(个百分点)", -0.5, None, Bound.EXACT),  # a change in points
    ("力争下降2%", FALL_RATE, 2.0, None, Bound.AT_LEAST),  # a fall of at least 2
    ("力争下降2%", GROWTH, -2.0, None, Bound.AT_MOST),  # growth of −2 or less
    ("下降3%以内", GROWTH, -3.0, None, Bound.AT_LEAST),
    ("下降2-3%", GROWTH, -3.0, -2.0, Bound.EXACT),
    ("下降2-3%", FALL_RATE, 2.0, 3.0, Bound.EXACT),
    ("下降3%①", FALL_RATE, 3.0, None, Bound.EXACT),
    ("比上年下降1.5%", "居民消费价格涨幅(%)", -1.5, None, Bound.EXACT),
    ("减少2家", "压减落后产能企业(家)", 2.0, None, Bound.EXACT),
    ("压减30", "压减燃煤消费量(万吨)", 30.0, None, Bound.EXACT),
    ("负增长3%", GROWTH, -3.0, None, Bound.EXACT),  # a growth of −3
    ("同比负增长1.5%", "规上工业增加值增速", -1.5, None, Bound.EXACT),
    ("−3%", GROWTH, -3.0, None, Bound.EXACT),  # U+2212, the minus sign of a Word or PDF copy
    ("−0.5", FALL_RATE, -0.5, None, Bound.EXACT),
    ("1−2%", GROWTH, 1.0, 2.0, Bound.EXACT),  # between two figures: a range, as 1-2%
])
def test_a_fall_is_read_by_its_indicator(raw, name, value, high, bound):
    t = as_indicator(parse_target(raw), name)
    assert (t.is_number, t.value, t.high, t.bound, t.raw) == (True, value, high, bound, raw)


@pytest.mark.parametrize("raw,name", [
    ("下降3%", LEVEL),  # a level: the fall is a change from the base year, not the level
    ("下降3%", "规上工业增加值(亿元)"),  # 增加值 is a level, not a growth
    ("下降3个百分点", "高新技术产业增加值占规上工业增加值比重(%)"),  # a share's level
    # a growth rate's change in points (增速回落3个百分点), not the rate: unread, as a share's
    ("下降3个百分点", "规上工业增加值增速"), ("同比下降1个百分点", GROWTH), ("回落2个百分点", "工业投资增长(%)"),
    ("压减3%", "压减燃煤消费量(万吨)"),  # a fall in % where the figure is in 万吨
    ("下降3%", None), ("下降3%", ""), ("下降较快", FALL_RATE), ("完成省定目标", FALL_RATE),
])
def test_what_no_indicator_can_read_stays_as_it_was(raw, name):
    t = parse_target(raw)
    assert as_indicator(t, name) is t and not t.is_number


def test_the_cell_alone_marks_the_fall_and_reads_no_number():
    t = parse_target("同比下降3%")
    assert (t.type, t.value, t.fall.value, t.fall.percent) == (ValueType.QUALITATIVE, None, 3.0, True)
    assert parse_target("降低5%").type is ValueType.QUALITATIVE  # was unparsed: an error where the fall is read
    assert parse_target("下降3%").to_json() == {"type": "qualitative", "raw": "下降3%"}  # what no indicator knows is unchanged
    assert parse_target(8.0).fall is None and as_indicator(parse_target("8"), GROWTH) == parse_target("8")


def split(name, parent, regions, *more):
    book = Workbook(None, [Grid("分解", [["指标名称", "甲区", "乙区", "全市"], [name, *regions, parent]]), *more])
    report = check_workbook(book)
    return report.flatten(["code", "cell", "message", "gap"]), [(i.kind, i.verdict) for i in report.indicators]


BASE = Grid("基数", [["地区", "上年规上工业增加值(亿元)"], ["甲区", 100.0], ["乙区", 300.0]])


@pytest.mark.parametrize("name,typed,plain,expected", [
    # 下降率: 3 lies between 2 and 4, so only weights can tell
    (FALL_RATE, ("下降3%", ["下降2%", "下降4%"]), (3, [2, 4]),
     ([["weights-needed", "分解!D2", "全市目标3在各地区分解值范围内（2至4），需上年单位GDP能耗权重才能核验", None]],
      [("weighted", "needs-weights")])),
    # 下降率: falls of 2 and 2.5 cannot make the city's 3 under any weights
    (FALL_RATE, ("下降3%", ["下降2%", "同比下降2.5%"]), (3, [2, 2.5]),
     ([["weighted-infeasible", "分解!D2", "各地区分解值在2至2.5之间，任何权重都无法达到全市目标3", 0.5]],
      [("weighted", "infeasible")])),
    # a growth: districts shrinking by 2 and 2.5 do better than the city's planned −3
    (GROWTH, ("下降3%", ["下降2%", "下降2.5%"]), (-3, [-2, -2.5]), ([], [("weighted", "ok")])),
])
def test_a_split_typed_as_falls_checks_as_the_plain_figures(name, typed, plain, expected):
    assert split(name, typed[0], typed[1]) == split(name, plain[0], plain[1]) == expected


def test_a_weighted_growth_typed_as_falls_has_the_plain_gap():
    # by hand: (100 × −2 + 300 × −4) / 400 = −3.5, below the city's −3 by 0.5
    typed = split(GROWTH, "下降3%", ["下降2%", "下降4%"], BASE)
    assert typed == split(GROWTH, -3, [-2, -4], BASE)
    assert [(code, gap) for code, _, _, gap in typed[0]] == [("weighted-short", 0.5)]


def test_a_fall_under_a_level_is_not_checked_and_the_finding_says_why():
    (finding,), verdicts = split(LEVEL, "下降3%", ["下降2%", "下降4%"])
    assert finding[:2] == ["parent-qualitative", "分解!D2"] and verdicts == [("qualitative", "qualitative")]
    assert finding[2] == ("全市目标“下降3%”是比基期的降幅或减少量，而“能耗总量(万吨标准煤)”不是增速、降幅类指标，"
                          "无法折算为目标值，不作数值核对")
    (finding,), _ = split(LEVEL, 500, [200, "下降4%"])  # a fall where a figure is due: an error, as before
    assert finding[:2] == ["unparsed-value", "分解!C2"] and "无法折算为目标值" in finding[2]


def test_a_growth_falling_by_points_is_not_checked_and_the_finding_says_why():
    """增速下降3个百分点 is the rate 3 points under the base year's, not a growth of −3."""
    (finding,), verdicts = split(GROWTH, "下降3个百分点", ["下降2个百分点", "下降4个百分点"])
    assert finding[:2] == ["parent-qualitative", "分解!D2"] and verdicts == [("qualitative", "qualitative")]
    assert finding[2] == ("全市目标“下降3个百分点”是增速比基期的变化（增减的百分点），不是“规上工业增加值增长(%)”本身，"
                          "无法折算为目标值，不作数值核对")


def test_a_split_against_its_target_system_compares_the_falls():
    """Two falls were two texts and never compared: 下降3% against 下降4% is a mismatch, against 3 it agrees."""
    def mismatches(system_figure):
        book = Workbook(None, [Grid("2023年分解", [["指标名称", "甲区", "乙区", "全市"], [FALL_RATE, "下降2%", "下降4%", "下降3%"]]),
                               Grid("目标体系", [["指标名称", "2023年"], [FALL_RATE, system_figure]])])
        return [f.code for f in check_workbook(book).findings if f.code == "target-mismatch"]

    assert mismatches("下降4%") == ["target-mismatch"] and mismatches(3) == [] and mismatches("下降3%") == []


HEADER = ["指标名称", "甲区", "乙区", "全市", "责任部门"]


def progress(targets, actuals):
    book = Workbook(None, [Grid("分解", [HEADER, *targets]), Grid("进度 2023-06", [HEADER[:-1], *actuals])])
    report = progress_workbook(book, None)
    return report.flatten(["indicator", "region", "actual", "target", "status", "lag"]), \
        [(f.code, f.region) for f in report.findings]


def test_progress_lights_a_fall_target_as_the_plain_figure():
    typed = progress([[FALL_RATE, "下降3%", "力争下降4%", "下降3.5%", "局"], [GROWTH, "下降2%", 5.0, "增长1%", "局"]],
                     [[FALL_RATE, "下降3.3%", 2.0, 3.4], [GROWTH, "下降2.5%", 6.0, -1.0]])
    plain = progress([[FALL_RATE, 3.0, "≥4", 3.5, "局"], [GROWTH, -2.0, 5.0, 1.0, "局"]],
                     [[FALL_RATE, 3.3, 2.0, 3.4], [GROWTH, -2.5, 6.0, -1.0]])
    assert typed == plain
    # by hand: 3.3 against 3 is ahead (green); a fall of 2 against at least 4 is half (red); 3.4 of 3.5 is yellow;
    # growth −2.5 against a planned −2 falls short, and −1 against the city's 1 does too
    assert [row[4] for row in typed[0]] == ["green", "red", "yellow", "red", "green", "red"]
    assert typed[1] == []


def test_progress_leaves_a_fall_under_a_level_unlit():
    rows, findings = progress([[LEVEL, "下降3%", "下降2%", "下降2.5%", "局"]], [[LEVEL, 480.0, 300.0, 780.0]])
    assert [(r[1], r[3], r[4]) for r in rows] == [("甲区", None, None), ("乙区", None, None), ("全市", None, None)]


def test_a_fall_reported_for_a_level_is_no_figure():
    """下降2% reported for 能耗总量 read as −2 (a red light against 500) before: the level itself is due."""
    rows, findings = progress([[LEVEL, 200.0, 300.0, 500.0, "局"]], [[LEVEL, "下降2%", 140.0, 380.0]])
    assert rows[0][2:5] == [None, 200.0, None] and findings == [("actual-unparsed", "甲区")]


def test_a_return_reporting_a_fall_is_merged_as_progress_reads_it(tmp_path):
    """下降2% pasted into a district's return for 规上工业增加值增长 was return-unparsed (不是数字) and left out,
    though progress reads the same text as −2; against a target typed 下降3% it merges the same way."""
    import shutil

    import openpyxl
    from conftest import HUZHOU
    from returns_helpers import fill, on_schedule
    from zhibiao.returns import collect_returns, merge_returns
    from zhibiao.returns.collect import RETURN_SHEET

    src = tmp_path / "湖州.xlsx"
    shutil.copy(HUZHOU, src)
    wb = openpyxl.load_workbook(src)
    wb["任务分解"]["C4"] = "下降3%"  # 南浔's 规上工业增加值增长: a planned fall
    wb.save(src)
    files = collect_returns(src, "2023-06", tmp_path / "r").files
    for region, typed in (("吴兴", "下降2%"), ("南浔", "同比下降2.5%")):
        fill(files[region], on_schedule(6))
        wb = openpyxl.load_workbook(files[region])
        ws = wb[RETURN_SHEET]
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "规上工业增加值增长(%)")
        ws.cell(row, 6).value = typed  # pasted past the cell's number validation
        wb.save(files[region])
    report = merge_returns(src, [files["吴兴"], files["南浔"]])
    assert [(f.code, f.region) for f in report.findings if f.region in ("吴兴", "南浔")] == []
    assert [(w.row, w.col, w.value) for w in report.writes if w.row == 3][:2] == [(3, 2, -2.0), (3, 3, -2.5)]  # 进度!C4, D4


# ---- a rise in points (提高1个百分点): the figure only of a change counted in points ------------------------------

SHARE, POINTS = "研发投入占比(%)", "八大新兴产业链营业收入占比提高(个百分点)"


@pytest.mark.parametrize("raw,name,value,bound", [
    ("提高1个百分点", POINTS, 1.0, Bound.EXACT), ("提升0.5个百分点", POINTS, 0.5, Bound.EXACT),
    ("提高1.5个百分点以上", POINTS, 1.5, Bound.AT_LEAST), ("提高1个百分点①", POINTS, 1.0, Bound.EXACT),
    ("提高1个百分点", "数字经济占比提高", None, None),  # no unit in points: unread
    ("提高1个百分点", SHARE, None, None),  # a share's level rising 1 point is not 1
    ("提高1个百分点", GROWTH, None, None),  # nor a growth rate's
])
def test_a_rise_in_points_is_read_only_where_points_are_counted(raw, name, value, bound):
    t = parse_target(raw)
    assert t.type is ValueType.QUALITATIVE and t.rise is not None and t.value is None
    read = as_indicator(t, name)
    assert (read.value, read.bound if value is not None else None, read.raw) == (value, bound, raw)
    assert (read.type is ValueType.NUMBER) == (value is not None)


def test_a_rise_in_points_under_a_share_is_not_taken_for_its_level():
    """One district typing 提高0.2个百分点 under a share of 2.6 % read as a share of 0.2 (a false gap) after the
    growth verbs were read; now the cell is said to be a change, not the level."""
    (finding,), _ = split(SHARE, 2.6, [2.9, "提高0.2个百分点"])
    assert finding[:2] == ["unparsed-value", "分解!C2"]
    assert finding[2] == ("“提高0.2个百分点”是比基期的变化（增减的百分点），不是“研发投入占比(%)”本身，"
                          "无法折算为目标值，不作数值核对")
    assert split(POINTS, "提高1.5个百分点", ["提高1.3个百分点", "提高1.7个百分点"]) == split(POINTS, 1.5, [1.3, 1.7])


def test_progress_reads_a_rise_in_points_reported_for_a_change_in_points():
    typed = progress([[POINTS, "提高1.3个百分点", 1.7, 1.5, "局"]], [[POINTS, "提高1.2个百分点", 1.8, "提高1.6个百分点"]])
    assert typed == progress([[POINTS, 1.3, 1.7, 1.5, "局"]], [[POINTS, 1.2, 1.8, 1.6]])
