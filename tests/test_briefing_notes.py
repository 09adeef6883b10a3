"""The 简报's 需关注的情况: a kind of note found for a few indicators is said per indicator, for many once."""

from __future__ import annotations

from zhibiao.api import check_workbook
from zhibiao.briefing.split_prose import EACH, note_sentences
from zhibiao.grid import Grid, Workbook

HEADER = ["指标名称", "吴兴", "南浔", "德清", "全市", "责任部门"]


def _notes(rows: list[list]) -> list[str]:
    return note_sentences(check_workbook(Workbook(None, [Grid("任务分解", [HEADER] + rows)])), "全市")


def _over(n: int) -> list[list]:
    """n indicators split above the city's target: indicator k by k·10 on a target of 1000 (k % relatively)."""
    return [[f"整治企业数{k}(家)", 400, 300, 300 + 10 * k, 1000, "市经信局"] for k in range(1, n + 1)]


def test_a_few_over_split_indicators_get_a_sentence_each():
    notes = _notes(_over(EACH))
    assert notes == [f"整治企业数{k}各地区分解合计{1000 + 10 * k}家，高于全市目标1000家（超出{10 * k}家），属加压分解。"
                     for k in range(1, EACH + 1)]


def test_many_over_split_indicators_are_said_once_with_the_furthest_above():
    rows = _over(EACH + 5)
    rows.insert(2, ["腾出用地面积(亩)", 50, 50, 50, 100, "市自然资源局"])  # 50 % above: the furthest, though the least in 亩
    notes = _notes(rows)
    assert notes == [f"整治企业数1、整治企业数2、腾出用地面积等{EACH + 6}项指标各地区分解合计高于全市目标，属加压分解；"
                     "其中腾出用地面积超出比例最大，各地区分解合计150亩，比全市目标100亩高50.0%。"]


def test_many_qualitative_targets_are_said_once():
    rows = [[f"指标{k}", "力争突破", "力争突破", "力争突破", "确保完成省定目标", "市经信局"] for k in range(1, EACH + 2)]
    notes = _notes(rows)
    assert notes == [f"指标1、指标2、指标3等{EACH + 1}项指标为定性目标，不作数值核对。"]
    assert _notes(rows[:EACH]) == [f"指标{k}为定性目标（确保完成省定目标），不作数值核对。" for k in range(1, EACH + 1)]


def test_other_notes_past_a_few_are_counted():
    rows = _over(1) + [[f"空白指标{k}(家)", None, None, None, None, "市经信局"] for k in range(1, EACH + 6)]
    notes = _notes(rows)
    assert notes[1:] == [f"空白指标{k}：该指标各地区和全市均未填写（整列/整行空白）。" for k in range(1, EACH + 1)] + [
        f"另有空白指标{EACH + 1}、空白指标{EACH + 2}、空白指标{EACH + 3}等5项指标同类情况。"]


def test_a_fall_under_a_level_is_not_called_a_qualitative_target():
    rows = [["能耗总量(万吨标准煤)", "下降3%", "下降2%", "下降4%", "下降3%", "市发改委"],
            ["指标1", "力争突破", "力争突破", "力争突破", "确保完成省定目标", "市经信局"]]
    assert _notes(rows) == ["能耗总量的全市目标“下降3%”是比基期的变化，不是能耗总量本身的目标值，无法折算，不作数值核对。",
                            "指标1为定性目标（确保完成省定目标），不作数值核对。"]
    many = [[f"能耗总量{k}(万吨标准煤)", "下降3%", "下降2%", "下降4%", "下降3%", "市发改委"] for k in range(1, EACH + 2)]
    assert _notes(many) == [f"能耗总量1、能耗总量2、能耗总量3等{EACH + 1}项指标的全市目标写成比基期的变化（如“下降3%”），"
                            "不是指标本身的目标值，无法折算，不作数值核对。"]


def test_a_tie_is_said_once_for_its_place_naming_who_shares_it():
    """Each tied region's own tie text names the others, not itself: the summary said 与乙区并列第1名。与甲区并列第1名。"""
    from types import SimpleNamespace

    from zhibiao.briefing.progress_prose import ranking_sentence
    from zhibiao.progress.rank import rank_regions
    from zhibiao.progress.status import Status

    def race(completions: list[float]) -> str:
        regions = [f"镇{i}" for i in range(1, len(completions) + 1)]
        statuses = [Status("企业数(家)", region, c, 100.0, c / 100, 0.5, "green", -10.0, "sum", "higher", "B1", None, None)
                    for region, c in zip(regions, completions)]
        return ranking_sentence(SimpleNamespace(standings=rank_regions(statuses, regions, {"企业数(家)": 1.0}, "争先进位",
                                                                        per_indicator=False)))

    assert race([60.0, 60.0, 50.0, 40.0]).endswith(
        "。镇1、镇2并列第1名：加权得分同为100，名次不再细分，下一名次顺延。")
    assert race([100.0 - i for i in range(30)]).endswith(
        "。镇21、镇22、镇23等10个地区并列第21名：加权得分同为0，名次不再细分，下一名次顺延。")
