"""Progress rules on small in-memory workbooks: kinds, schedules, direction, bounds, missing actuals."""

from __future__ import annotations

import datetime as dt

import pytest

from zhibiao import Grid, NoTableFound, UsageError, Workbook, check_workbook
from zhibiao.progress.report import progress_workbook

HEADER = ["指标名称", "甲区", "乙区", "丙区", "全市", "责任部门"]


def make_book(targets, actuals, sheet="进度 2023-06", settings=None, header=HEADER, more=()):
    """A 分解 sheet of targets and a 进度 sheet of actuals with the same rows and regions."""
    grids = [Grid("分解", [header, *targets]), Grid(sheet, [header[:-1], *actuals]), *more]
    if settings:
        grids.append(Grid("设置", [["项目", "值"], *[[k, v] for k, v in settings.items()]]))
    return Workbook(None, grids)


def run(targets, actuals, period=None, **kw):
    return progress_workbook(make_book(targets, actuals, **kw), period)


def flat(report, *fields):
    return report.flatten(list(fields) or ["region", "status"])


def one(report, region, indicator=None):
    return next(s for s in report.statuses if s.region == region and (indicator is None or s.indicator == indicator))


# -- kinds ------------------------------------------------------------------------
def test_additive_compares_completion_with_months_elapsed():
    r = run([["企业数(家)", 100.0, 200.0, 300.0, 600.0, "局"]], [["企业数(家)", 50.0, 90.0, 180.0, 320.0]])
    assert flat(r, "region", "completion", "schedule", "lag", "status") == [
        ["甲区", 0.5, 0.5, 0.0, "green"],
        ["乙区", 0.45, 0.5, 5.0, "yellow"],
        ["丙区", 0.6, 0.5, -10.0, "green"],
        ["全市", 0.533333, 0.5, -3.333333, "green"],
    ]
    assert {s.kind for s in r.statuses} == {"sum"}


def test_rates_compare_the_actual_with_the_target_itself():
    r = run([["规上工业增加值增长(%)", 7.0, 8.0, 9.0, 8.0, "局"]], [["规上工业增加值增长(%)", 7.0, 7.2, 8.0, 7.6]])
    assert flat(r, "region", "kind", "schedule", "lag", "status") == [
        ["甲区", "weighted", 1.0, 0.0, "green"],
        ["乙区", "weighted", 1.0, 10.0, "yellow"],
        ["丙区", "weighted", 1.0, 11.111111, "red"],
        ["全市", "weighted", 1.0, 5.0, "yellow"],
    ]


def test_uniform_and_share_are_rates_too():
    r = run([["制造业投资增长(%)", 12.0, 12.0, 12.0, 12.0, "局"],
             ["高新技术产业增加值占规上工业增加值比重(%)", 60.0, 50.0, 70.0, 60.0, "局"]],
            [["制造业投资增长(%)", 6.0, 12.0, -3.0, 9.0],
             ["高新技术产业增加值占规上工业增加值比重(%)", 61.0, 45.0, 70.0, 59.0]])
    assert flat(r, "kind", "region", "status") == [
        ["uniform", "甲区", "red"], ["uniform", "乙区", "green"], ["uniform", "丙区", "red"], ["uniform", "全市", "red"],
        ["weighted", "甲区", "green"], ["weighted", "乙区", "yellow"], ["weighted", "丙区", "green"], ["weighted", "全市", "yellow"],
    ]


def test_qualitative_parent_gets_no_light_but_numeric_regions_do():
    r = run([["单位GDP能耗下降率(%)", "4.5(含丙区)", 4.8, "/", "完成省定\n目标", "发改委"]],
            [["单位GDP能耗下降率(%)", 4.1, 4.8, "/", 4.4]])
    assert flat(r, "region", "status", "kind", "note") == [
        ["甲区", "yellow", "weighted", None],
        ["乙区", "green", "weighted", None],
        ["丙区", None, "weighted", "目标含在甲区中，不单独亮灯"],
        ["全市", None, "qualitative", "定性目标“完成省定目标”，不亮灯"],
    ]
    assert r.findings == []  # a '/' actual against a '/' target is not missing


def test_pending_row_has_no_light_and_says_so():
    # as in the 湖州 annex: the pending text merged over the regions and the parent
    split = Grid("分解", [HEADER, ["“浙江制造”标准(项)", "待省下达任务指标后再分解", None, None, None, "局"]], [(1, 1, 1, 4)])
    book = Workbook(None, [split, Grid("进度 2023-06", [HEADER[:-1], ["“浙江制造”标准(项)", 3.0, 2.0, 5.0, 10.0]])])
    r = progress_workbook(book)
    assert {(s.status, s.kind, s.note) for s in r.statuses} == {(None, "pending", "目标待下达，不亮灯")}
    assert [s.actual for s in r.statuses] == [3.0, 2.0, 5.0, 10.0]
    assert r.findings == []


def test_not_applicable_and_blank_targets_get_no_light():
    r = run([["企业数(家)", "/", None, 10.0, 20.0, "局"]], [["企业数(家)", 1.0, 2.0, 6.0, 9.0]])
    assert flat(r, "region", "status", "note")[:2] == [
        ["甲区", None, "该地区不承担此项目标，不亮灯"], ["乙区", None, "目标未填写，不亮灯"]]


# -- schedules ----------------------------------------------------------------------
QUARTERLY = {"序时进度：新开工项目数(个)": "30/65/85/100"}


@pytest.mark.parametrize("month, expected", [(3, 0.3), (5, 0.533333), (6, 0.65), (9, 0.85), (12, 1.0), (1, 0.1)])
def test_an_indicator_can_carry_its_own_quarterly_schedule(month, expected):
    r = run([["新开工项目数(个)", 10.0, 10.0, 10.0, 30.0, "局"], ["企业数(家)", 12.0, 12.0, 12.0, 36.0, "局"]],
            [["新开工项目数(个)", 5.0, 6.0, 7.0, 18.0], ["企业数(家)", 6.0, 6.0, 6.0, 18.0]],
            sheet=f"进度 2023-{month:02d}", settings=QUARTERLY)
    assert one(r, "甲区", "新开工项目数(个)").schedule == expected
    assert one(r, "甲区", "企业数(家)").schedule == round(month / 12, 6)  # the others keep m/12


def test_quarterly_schedule_changes_the_light():
    targets, actuals = [["新开工项目数(个)", 100.0, 100.0, 100.0, 300.0, "局"]], [["新开工项目数(个)", 55.0, 60.0, 66.0, 181.0]]
    plain = run(targets, actuals)  # June: 50% due
    custom = run(targets, actuals, settings=QUARTERLY)  # June: 65% due
    assert flat(plain) == [["甲区", "green"], ["乙区", "green"], ["丙区", "green"], ["全市", "green"]]
    assert flat(custom) == [["甲区", "yellow"], ["乙区", "yellow"], ["丙区", "green"], ["全市", "yellow"]]


def test_default_schedule_for_all_additive_indicators_from_settings():
    r = run([["企业数(家)", 100.0, 100.0, 100.0, 300.0, "局"]], [["企业数(家)", 30.0, 20.0, 10.0, 60.0]],
            sheet="进度 2023-03", settings={"序时进度": "0.3/0.65/0.85/1"})
    assert flat(r, "region", "schedule", "status") == [
        ["甲区", 0.3, "green"], ["乙区", 0.3, "yellow"], ["丙区", 0.3, "red"], ["全市", 0.3, "yellow"]]


@pytest.mark.parametrize("bad", ["30/65/85", "30/20/85/100", "三成", "10/20/30/40/50/100/100"])
def test_unusable_schedule_is_a_finding_and_falls_back_to_months(bad):
    r = run([["企业数(家)", 100.0, 100.0, 100.0, 300.0, "局"]], [["企业数(家)", 50.0, 50.0, 50.0, 150.0]],
            settings={"序时进度": bad})
    assert [f.code for f in r.findings] == ["setting-invalid"]
    assert one(r, "甲区").schedule == 0.5


# -- direction and bounds ---------------------------------------------------------
def test_lower_is_better_inverts_the_comparison():
    r = run([["单位工业增加值能耗(吨标煤/万元)", 0.5, 0.5, 0.5, 0.5, "局"]],
            [["单位工业增加值能耗(吨标煤/万元)", 0.45, 0.55, 0.6, 0.5]])
    assert flat(r, "region", "direction", "lag", "status") == [
        ["甲区", "lower", -10.0, "green"], ["乙区", "lower", 10.0, "yellow"],
        ["丙区", "lower", 20.0, "red"], ["全市", "lower", 0.0, "green"]]


def test_an_at_most_bound_makes_an_additive_cap():
    # 不超过100: by June no more than half should be used
    r = run([["新增用能(万吨标煤)", "不超过100", "不超过100", "不超过100", "300以下", "局"]],
            [["新增用能(万吨标煤)", 40.0, 60.0, 50.0, 150.0]])
    assert flat(r, "region", "direction", "lag", "status") == [
        ["甲区", "lower", -10.0, "green"], ["乙区", "lower", 10.0, "yellow"],
        ["丙区", "lower", 0.0, "green"], ["全市", "lower", 0.0, "green"]]


def test_at_least_bounds_and_ranges_hold_regions_to_the_floor():
    r = run([["“专精特新”企业(家)", "2个以上", "1-2个", "4家以上", "7个以上", "局"]],
            [["“专精特新”企业(家)", 1.0, 0.5, 1.0, 2.5]])
    assert flat(r, "region", "target", "completion", "status") == [
        ["甲区", 2.0, 0.5, "green"], ["乙区", 1.0, 0.5, "green"], ["丙区", 4.0, 0.25, "red"], ["全市", 7.0, 0.357143, "red"]]


def test_a_declared_direction_column_overrides_the_name():
    header = ["指标名称", "方向", "甲区", "乙区", "丙区", "全市", "责任部门"]
    book = Workbook(None, [
        Grid("分解", [header, ["安全生产事故起数(起)", "越低越好", 10.0, 10.0, 10.0, 30.0, "局"]]),
        Grid("进度 2023-06", [["指标名称", "甲区", "乙区", "丙区", "全市"], ["安全生产事故起数(起)", 3.0, 5.0, 7.0, 15.0]]),
    ])
    r = progress_workbook(book)
    assert flat(r, "region", "direction", "status") == [
        ["甲区", "lower", "green"], ["乙区", "lower", "green"], ["丙区", "lower", "red"], ["全市", "lower", "green"]]


def test_zero_target_is_met_or_not():
    r = run([["安全生产事故起数(起)", 0.0, 0.0, 5.0, 5.0, "局"]], [["安全生产事故起数(起)", 0.0, 1.0, 2.0, 3.0]])
    assert flat(r, "region", "completion", "status")[:2] == [["甲区", None, "green"], ["乙区", None, "red"]]
    assert "目标为0" in one(r, "乙区").note


# -- missing and unreadable actuals ----------------------------------------------
def test_missing_actual_is_a_finding_and_never_zero():
    r = run([["企业数(家)", 100.0, 100.0, 100.0, 300.0, "局"]], [["企业数(家)", 50.0, None, "/", 150.0]])
    assert flat(r, "region", "actual", "completion", "status") == [
        ["甲区", 50.0, 0.5, "green"], ["乙区", None, None, None], ["丙区", None, None, None], ["全市", 150.0, 0.5, "green"]]
    assert [[f.code, f.region, f.cell] for f in r.findings] == [
        ["actual-missing", "乙区", "'进度 2023-06'!C2"], ["actual-missing", "丙区", "'进度 2023-06'!D2"]]
    assert "不按0计" in one(r, "乙区").note
    # the region and the period never run together (地区84 + 2023年1-6月 read "地区842023年1-6月")
    assert [f.message for f in r.findings] == ["乙区的2023年1-6月实际值未填报，不按0计，不亮灯",
                                               "丙区的2023年1-6月实际值未填报（填为“/”），不按0计，不亮灯"]


def test_unreadable_actual_is_an_error():
    r = run([["企业数(家)", 100.0, 100.0, 100.0, 300.0, "局"]], [["企业数(家)", "五十", "50家", 50.0, 150.0]])
    assert [[f.code, f.region, f.severity] for f in r.findings] == [["actual-unparsed", "甲区", "error"]]
    assert one(r, "乙区").actual == 50.0  # text numbers parse like targets
    assert r.exit_code == 1


def test_rows_and_regions_that_do_not_match_are_reported():
    r = run([["企业数(家)", 100.0, 100.0, 100.0, 300.0, "局"], ["亩均税收(万元/亩)", 30.0, 30.0, 30.0, 30.0, "局"]],
            [["企业 数（家）", 50.0, 50.0, 50.0, 150.0], ["不在分解表的指标(个)", 1.0, 1.0, 1.0, 3.0]])
    assert sorted(f.code for f in r.findings) == ["progress-row-missing", "progress-unmatched"]
    assert one(r, "甲区", "企业数(家)").status == "green"  # white space and bracket width ignored in names
    assert one(r, "甲区", "亩均税收(万元/亩)").note == "进度表中没有该指标"


# -- periods and sheets -------------------------------------------------------------
def two_periods():
    targets = [["企业数(家)", 120.0, 120.0, 120.0, 360.0, "局"]]
    return Workbook(None, [
        Grid("分解", [HEADER, *targets]),
        Grid("进度 2023-03", [HEADER[:-1], ["企业数(家)", 30.0, 30.0, 30.0, 90.0]]),
        Grid("进度 2023-06", [HEADER[:-1], ["企业数(家)", 30.0, 60.0, 70.0, 160.0]]),
    ])


def test_latest_period_by_default_and_any_period_on_request():
    book = two_periods()
    assert (progress_workbook(book).period, progress_workbook(book).month) == ("2023-06", 6)
    march = progress_workbook(book, "2023年1-3月")
    assert (march.sheet, flat(march)[0]) == ("进度 2023-03", ["甲区", "green"])
    assert flat(progress_workbook(book))[0] == ["甲区", "red"]


def test_unknown_or_unreadable_period_is_a_usage_error():
    with pytest.raises(UsageError, match="已有期间：2023-03、2023-06"):
        progress_workbook(two_periods(), "2023-09")
    with pytest.raises(UsageError, match="无法识别的期间"):
        progress_workbook(two_periods(), "上个月")


def test_no_progress_sheet_or_no_period_is_reported_plainly():
    with pytest.raises(NoTableFound, match="没有进度工作表"):
        progress_workbook(Workbook(None, [Grid("分解", [HEADER, ["企业数(家)", 1.0, 1.0, 1.0, 3.0, "局"]])]))
    with pytest.raises(UsageError, match="没有注明期间"):
        run([["企业数(家)", 1.0, 1.0, 1.0, 3.0, "局"]], [["企业数(家)", 1.0, 1.0, 1.0, 3.0]], sheet="进度")


@pytest.mark.parametrize("top", [
    [["报告期", "2023-06"]],
    [["报告期", dt.datetime(2023, 6, 1)]],
    [["湖州市2023年1-6月主要指标完成情况"]],
    [["报告期"], ["2023年上半年"]],
])
def test_period_from_a_cell_when_the_sheet_name_has_none(top):
    width = len(HEADER) - 1
    rows = [r + [None] * (width - len(r)) for r in top] + [HEADER[:-1], ["企业数(家)", 1.0, 1.0, 1.0, 3.0]]
    book = Workbook(None, [Grid("分解", [HEADER, ["企业数(家)", 2.0, 2.0, 2.0, 6.0, "局"]]), Grid("完成进度", rows)])
    r = progress_workbook(book)
    assert (r.period, r.sheet, r.statuses[0].completion) == ("2023-06", "完成进度", 0.5)


def test_check_does_not_mistake_progress_sheets_for_splits():
    book = two_periods()
    book.grids.append(Grid("进度结果", [HEADER[:-1], ["企业数(家)", 1.0, 1.0, 1.0, 3.0]]))
    report = check_workbook(book)
    assert [t.sheet for t in report.tables] == ["分解"]


def test_sheet_option_names_the_split():
    book = two_periods()
    book.grids.insert(0, Grid("目标体系", [["指标名称", "2023年目标"], ["企业数(家)", 360.0]]))
    assert progress_workbook(book, sheet="分解").split_sheet == "分解"
    with pytest.raises(NoTableFound, match="不是分解表"):
        progress_workbook(book, sheet="目标体系")


# -- the JSON interface -----------------------------------------------------------------
def test_json_has_the_stable_names():
    doc = run([["企业数(家)", 100.0, 100.0, 100.0, 300.0, "局"]], [["企业数(家)", 50.0, None, 50.0, 150.0]]).to_json()
    assert list(doc) == ["statuses", "ranking", "findings", "summary"]
    status = doc["statuses"][0]
    for key in ("indicator", "region", "actual", "target", "completion", "schedule", "status", "lag", "kind",
                "direction", "cell", "responsible", "note"):
        assert key in status
    assert "position" not in status
    assert {s["status"] for s in doc["statuses"]} == {"green", None}
    assert doc["summary"]["green"] == 3 and doc["summary"]["no_light"] == 1 and doc["summary"]["period"] == "2023-06"
    assert set(doc["ranking"][0]) == {"region", "rank", "score", "method", "tied", "details"}


def test_a_status_json_is_every_field_but_position_in_order():
    """Status.to_json spells its fields out: a field added to Status and not to the JSON fails here."""
    from dataclasses import fields

    from zhibiao.progress.status import JSON_FIELDS, Status

    report = run([["企业数(家)", 100.0, 100.0, 100.0, 300.0, "局"]], [["企业数(家)", 50.0, None, 50.0, 150.0]])
    names = [f.name for f in fields(Status) if f.name != "position"]
    assert list(JSON_FIELDS) == names
    for s in report.statuses:
        assert list(s.to_json().items()) == [(name, getattr(s, name)) for name in names]


def test_a_fall_written_with_its_verb_takes_the_indicators_sign():
    """下降2.1% reported for a growth is −2.1; for 能耗下降率, a fall of 3.5 is 3.5 (was actual-unparsed, an error)."""
    r = run([["规上工业增加值增长(%)", 7.0, 8.0, 9.0, 8.0, "局"], ["单位GDP能耗下降率(%)", 3.0, 3.0, 3.0, 3.0, "局"]],
            [["规上工业增加值增长(%)", "下降2.1%", "同比增长7.2%", 8.0, "下降0.5%"],
             ["单位GDP能耗下降率(%)", "下降3.5%", "下降1%", 3.0, "同比下降2.8%"]])
    assert flat(r, "indicator", "region", "actual") == [
        ["规上工业增加值增长(%)", "甲区", -2.1], ["规上工业增加值增长(%)", "乙区", 7.2],
        ["规上工业增加值增长(%)", "丙区", 8.0], ["规上工业增加值增长(%)", "全市", -0.5],
        ["单位GDP能耗下降率(%)", "甲区", 3.5], ["单位GDP能耗下降率(%)", "乙区", 1.0],
        ["单位GDP能耗下降率(%)", "丙区", 3.0], ["单位GDP能耗下降率(%)", "全市", 2.8]]
    assert r.findings == [] and one(r, "甲区").status == "red"
