"""A parent printed without a parent label is found by its figures (太原市 over its districts), never a district
that merely holds half the figures: a candidate named at the level of most of the others is one of them."""

from __future__ import annotations

import pytest

from zhibiao import Grid, Workbook, check_workbook
from zhibiao.layout.dominance import same_level


def _read(rows: list[list]) -> list[tuple]:
    return [(t.parent, t.regions) for t in check_workbook(Workbook(None, [Grid("s", rows)])).tables]


def _across(names: list[str], figures: list) -> list[list]:
    return [["指标", *names], ["制造业投资(亿元)", *figures], ["企业数(家)", *(2 * f for f in figures)]]


def _down(names: list[str], figures: list) -> list[list]:
    return [["地区", "制造业投资(亿元)", "企业数(家)"], *([n, f, 2 * f] for n, f in zip(names, figures))]


@pytest.mark.parametrize("layout", [_across, _down], ids=["regions across", "regions down"])
def test_a_district_holding_half_the_figures_is_no_parent(layout):
    assert _read(layout(["甲区", "乙区", "丙区"], [50, 20, 30])) == [(None, ["甲区", "乙区", "丙区"])]
    assert _read(layout(["丙区", "乙区", "甲区"], [20, 30, 50])) == [(None, ["丙区", "乙区", "甲区"])]


@pytest.mark.parametrize("layout", [_across, _down], ids=["regions across", "regions down"])
def test_a_place_over_its_lower_level_is_still_the_parent(layout):
    assert _read(layout(["太原市", "小店区", "迎泽区", "清徐县"], [100, 40, 35, 25])) == [
        ("太原市", ["小店区", "迎泽区", "清徐县"])]
    assert _read(layout(["某县", "城关镇", "河口镇", "东乡"], [90, 40, 30, 20])) == [("某县", ["城关镇", "河口镇", "东乡"])]


def test_same_level_counts_the_others_suffixes():
    assert same_level("甲区", ["乙区", "丙区"]) and same_level("甲镇", ["乙镇", "丙镇", "丁乡"])
    assert not same_level("达州市", ["市本级", "通川区", "达川区", "宣汉县", "万源市"])  # one 市 of five
    assert not same_level("泰州市", ["海陵区", "高港区", "姜堰区", "兴化市", "靖江市", "泰兴市"])  # half: not most
    assert not same_level("小计", ["杭州市", "宁波市"]) and not same_level("湖州", ["吴兴", "南浔"])  # no level named
