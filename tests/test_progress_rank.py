"""赛马: places per indicator, the two scoring methods, weights, ties and missing figures."""

from __future__ import annotations

from zhibiao import Grid, Workbook
from zhibiao.progress.report import progress_workbook

HEADER = ["指标名称", "甲区", "乙区", "丙区", "丁区", "全市", "赛马权重", "责任部门"]
P_HEADER = ["指标名称", "甲区", "乙区", "丙区", "丁区", "全市"]


def race(targets, actuals, method=None):
    grids = [Grid("分解", [HEADER, *targets]), Grid("进度 2023-06", [P_HEADER, *actuals])]
    if method:
        grids.append(Grid("设置", [["项目", "值"], ["赛马计分", method]]))
    return progress_workbook(Workbook(None, grids))


def table(report):
    return [[r.rank, r.region, r.score, r.tied] for r in report.ranking]


def places(report, region):
    return {d["indicator"]: (d["place"], d["points"]) for d in next(r for r in report.ranking if r.region == region).details["indicators"]}


SUM = ["企业数(家)", 100.0, 200.0, 100.0, 100.0, 500.0]
RATE = ["增加值增长(%)", 8.0, 8.0, 8.0, 8.0, 8.0]


def test_zhengxian_jinwei_first_gets_100_then_5_less_per_place():
    r = race([SUM + [1, "局"]], [["企业数(家)", 60.0, 100.0, 40.0, 20.0, 220.0]])
    assert table(r) == [[1, "甲区", 100.0, False], [2, "乙区", 95.0, False], [3, "丙区", 90.0, False], [4, "丁区", 85.0, False]]
    assert places(r, "乙区") == {"企业数(家)": (2, 95.0)}  # 100 of 200 is 50%: completion, not the count, decides


def test_rates_race_on_the_value_and_lower_is_better_inverts():
    r = race([["单位工业增加值能耗(吨标煤/万元)", 0.5, 0.5, 0.5, 0.5, 0.5, 1, "局"]],
             [["单位工业增加值能耗(吨标煤/万元)", 0.52, 0.40, 0.61, 0.45, 0.5]])
    assert [row.region for row in r.ranking] == ["乙区", "丁区", "甲区", "丙区"]


def test_ties_share_the_better_place_and_say_so():
    r = race([SUM + [1, "局"]], [["企业数(家)", 60.0, 120.0, 50.0, 30.0, 260.0]])
    # 甲 60/100 = 乙 120/200 = 60%: both first, 丙 third, 丁 fourth
    assert table(r) == [[1, "甲区", 100.0, True], [1, "乙区", 100.0, True], [3, "丙区", 90.0, False], [4, "丁区", 85.0, False]]
    first = r.ranking[0]
    assert first.details["tie"] == "与乙区并列第1名：加权得分同为100，名次不再细分，下一名次顺延"
    assert first.details["indicators"][0]["tied_with"] == ["乙区"]
    assert r.ranking[2].details["tie"] is None


def test_weights_from_the_split_decide_the_overall_score():
    targets = [SUM + [3, "局"], RATE + [1, "局"]]
    actuals = [["企业数(家)", 60.0, 100.0, 40.0, 20.0, 220.0], ["增加值增长(%)", 5.0, 6.0, 7.0, 9.0, 7.0]]
    r = race(targets, actuals)
    # 甲: (3×100 + 1×85)/4 = 96.25; 乙: (3×95 + 90)/4 = 93.75; 丙: (3×90 + 95)/4 = 91.25; 丁: (3×85 + 100)/4 = 88.75
    assert table(r) == [[1, "甲区", 96.25, False], [2, "乙区", 93.75, False], [3, "丙区", 91.25, False], [4, "丁区", 88.75, False]]
    flipped = race([SUM + [1, "局"], RATE + [3, "局"]], actuals)
    assert [row.region for row in flipped.ranking] == ["丁区", "丙区", "乙区", "甲区"]


def test_a_blank_weight_keeps_an_indicator_out_of_the_race():
    r = race([SUM + [1, "局"], RATE + [None, "局"]],
             [["企业数(家)", 60.0, 100.0, 40.0, 20.0, 220.0], ["增加值增长(%)", 5.0, 6.0, 7.0, 9.0, 7.0]])
    assert [row.region for row in r.ranking] == ["甲区", "乙区", "丙区", "丁区"]
    assert list(places(r, "甲区")) == ["企业数(家)"]


def test_mubiao_wancheng_is_all_or_nothing():
    targets = [SUM + [1, "局"], RATE + [1, "局"]]
    actuals = [["企业数(家)", 50.0, 99.0, 80.0, 20.0, 249.0], ["增加值增长(%)", 8.0, 9.0, 7.9, 5.0, 7.0]]
    r = race(targets, actuals, "目标完成")
    # 甲 on schedule (50%) and on target: 100; 乙 49.5% misses by a hair: 0 + 100; 丙 80% but 7.9 < 8; 丁 nothing
    assert table(r) == [[1, "甲区", 100.0, False], [2, "乙区", 50.0, True], [2, "丙区", 50.0, True], [4, "丁区", 0.0, False]]
    assert places(r, "乙区") == {"企业数(家)": (3, 0.0), "增加值增长(%)": (1, 100.0)}
    assert {row.method for row in r.ranking} == {"目标完成"}


def test_a_missing_figure_scores_nothing_but_is_not_read_as_zero():
    r = race([SUM + [1, "局"], RATE + [1, "局"]],
             [["企业数(家)", 60.0, None, 40.0, 20.0, 220.0], ["增加值增长(%)", 5.0, 6.0, 7.0, 9.0, 7.0]])
    detail = next(d for d in next(x for x in r.ranking if x.region == "乙区").details["indicators"] if d["indicator"] == "企业数(家)")
    assert (detail["place"], detail["points"], detail["value"]) == (None, 0.0, None)
    # the others keep their places as if 乙区 were absent: 丁区 20% is third of three, not fourth behind a zero
    assert places(r, "丁区")["企业数(家)"] == (3, 90.0)
    assert [f.code for f in r.findings] == ["actual-missing"]


def test_regions_without_a_target_are_not_penalised():
    r = race([["企业数(家)", 100.0, "/", 100.0, 100.0, 300.0, 1, "局"], RATE + [1, "局"]],
             [["企业数(家)", 60.0, "/", 40.0, 20.0, 120.0], ["增加值增长(%)", 5.0, 9.0, 7.0, 6.0, 7.0]])
    second = next(x for x in r.ranking if x.region == "乙区")
    assert (second.rank, second.score, second.details["weight_total"]) == (1, 100.0, 1.0)


def test_mubiao_wancheng_needs_the_schedule_even_where_a_preset_paints_green():
    grids = [Grid("分解", [HEADER, SUM + [1, "局"]]),
             Grid("进度 2023-06", [P_HEADER, ["企业数(家)", 45.0, 100.0, 50.0, 60.0, 255.0]]),
             Grid("设置", [["项目", "值"], ["赛马计分", "目标完成"], ["亮灯规则", "银川"]])]
    r = progress_workbook(Workbook(None, grids))
    # 甲 45% is green under 银川 (5 behind) but not on schedule: no points
    assert next(s for s in r.statuses if s.region == "甲区").status == "green"
    assert table(r) == [[1, "乙区", 100.0, True], [1, "丙区", 100.0, True], [1, "丁区", 100.0, True], [4, "甲区", 0.0, False]]


def test_rates_with_different_targets_race_on_the_value_not_on_completion():
    r = race([["规上工业亩均税收(万元/亩)", 48.0, 30.0, 37.0, 37.0, 37.0, 1, "局"]],
             [["规上工业亩均税收(万元/亩)", 45.0, 31.0, 36.0, 38.0, 37.0]])
    assert [row.region for row in r.ranking] == ["甲区", "丁区", "丙区", "乙区"]


def test_write_json_writes_the_ranking_dumps_holds_whether_worked_out_before_or_not():
    """write_json makes a ranking of its own, its details made into dicts a region at a time as they are written,
    when none was worked out; one worked out (and changed) before is written as it is."""
    import io

    targets = [SUM + [1, "局"], RATE + [2, "局"], ["单位GDP能耗(吨标煤/万元)", 0.5, "/", 0.5, 0.5, 0.5, 1, "局"]]
    actuals = [["企业数(家)", 60.0, 120.0, 50.0, None, 260.0], ["增加值增长(%)", 5.0, 6.0, 6.0, 9.0, 7.0],
               ["单位GDP能耗(吨标煤/万元)", 0.52, 0.4, "未报", 0.45, 0.5]]
    for method in (None, "目标完成"):
        fresh, reference = race(targets, actuals, method), race(targets, actuals, method)
        out = io.StringIO()
        fresh.write_json(out)
        assert out.getvalue() == reference.dumps() + "\n"
        assert "ranking" not in fresh.__dict__  # made for the JSON alone
        assert any(d["tied_with"] for r in reference.ranking for d in r.details["indicators"])
    changed = race(targets, actuals)
    changed.ranking[0].details["indicators"][0]["note"] = "改过"
    out = io.StringIO()
    changed.write_json(out)
    assert '"note": "改过"' in out.getvalue() and out.getvalue() == changed.dumps() + "\n"


def test_a_large_tie_names_a_few_and_counts_the_rest():
    """争先进位 scores places 1–20 only: of 30 regions the last 10 tie at 0, and each names 3 of its 9 mates."""
    from zhibiao.progress.rank import TIE_NAMED, rank_regions
    from zhibiao.progress.status import Status

    regions = [f"镇{i}" for i in range(1, 31)]
    statuses = [Status("企业数(家)", region, 100.0 - i, 100.0, (100.0 - i) / 100, 0.5, "green", -10.0, "sum", "higher",
                       f"B{i}", None, None) for i, region in enumerate(regions)]
    rows = rank_regions(statuses, regions, {"企业数(家)": 1.0}, "争先进位")
    last = [row for row in rows if row.score == 0.0]
    assert [row.region for row in last] == regions[20:] and {row.rank for row in last} == {21}
    assert last[0].details["tie"] == "与镇22、镇23、镇24等9个地区并列第21名：加权得分同为0，名次不再细分，下一名次顺延"
    assert last[1].details["tie"].startswith("与镇21、镇23、镇24等9个地区并列第21名")
    assert TIE_NAMED < 9
    few = rank_regions(statuses[:22], regions[:22], {"企业数(家)": 1.0}, "争先进位")
    assert few[-1].details["tie"] == "与镇21并列第21名：加权得分同为0，名次不再细分，下一名次顺延"
