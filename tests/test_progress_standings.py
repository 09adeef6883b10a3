"""ProgressReport.standings: the 赛马 table as the briefing prints it, the ranking without per-indicator details."""

from __future__ import annotations

import pytest

from zhibiao import Grid, Workbook
from zhibiao.progress.report import progress_workbook

HEADER = ["指标名称", "甲区", "乙区", "丙区", "丁区", "全市", "赛马权重", "责任部门"]
P_HEADER = ["指标名称", "甲区", "乙区", "丙区", "丁区", "全市"]
TARGETS = [["企业数(家)", 100.0, 200.0, 100.0, 100.0, 500.0, 3, "局"],
           ["增加值增长(%)", 8.0, 8.0, 8.0, 8.0, 8.0, 1, "局"],
           ["投资(亿元)", 10.0, 10.0, None, 10.0, 30.0, 2, "局"]]
ACTUALS = [["企业数(家)", 60.0, 120.0, 50.0, 30.0, 260.0],  # 甲 and 乙 tie at 60%
           ["增加值增长(%)", 5.0, 6.0, 7.0, 9.0, 7.0],
           ["投资(亿元)", 4.0, None, None, 6.0, 10.0]]  # 乙 has a target and no figure; 丙 no target


def report(method=None):
    grids = [Grid("分解", [HEADER, *TARGETS]), Grid("进度 2023-06", [P_HEADER, *ACTUALS])]
    if method:
        grids.append(Grid("设置", [["项目", "值"], ["赛马计分", method]]))
    return progress_workbook(Workbook(None, grids))


def without_indicators(rows):
    return [(r.region, r.rank, r.score, r.method, r.tied, {k: v for k, v in r.details.items() if k != "indicators"})
            for r in rows]


@pytest.mark.parametrize("method", [None, "目标完成"])
def test_standings_are_the_ranking_without_each_indicators_details(method):
    standings = report(method).standings
    ranking = report(method).ranking
    assert without_indicators(standings) == without_indicators(ranking)
    assert all("indicators" not in r.details for r in standings)
    assert all(r.details["indicators"] for r in ranking)


def test_standings_work_out_no_details_and_reuse_a_ranking_already_there():
    fresh = report()
    fresh.standings
    assert "ranking" not in fresh.__dict__  # the JSON's ranking is still worked out in full when asked for
    assert fresh.ranking[0].details["indicators"]
    ranked = report()
    full = ranked.ranking
    assert ranked.standings is full
