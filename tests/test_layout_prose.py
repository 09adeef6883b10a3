"""A line alone in its row under the indicators: a note (its heading, its paragraph) ends the table, an indicator
not filled in yet does not, whatever punctuation its name carries. A sign-off line above the header is no header."""

from __future__ import annotations

import pytest

from zhibiao.grid import Grid
from zhibiao.layout import detect_tables

HEAD = ["指标", "甲区", "乙区", "全市"]
FIRST, LAST = ["制造业投资(亿元)", 50.0, 70.0, 118.0], ["技改投资(亿元)", 20.0, 30.0, 48.0]


def names(rows):
    return [[r.name for r in t.rows] for t in detect_tables(Grid("分解", rows))]


@pytest.mark.parametrize("name", ["新增省级以上企业技术中心；重点实验室(家)", "企业上市情况说明"])
def test_an_indicator_not_filled_in_yet_keeps_the_rows_under_it(name):
    got = names([HEAD, FIRST, [name, None, None, None], LAST])
    assert got == [["制造业投资(亿元)", name.replace("；", ";"), "技改投资(亿元)"]]


def test_the_last_indicator_not_filled_in_yet_is_kept_by_its_unit():
    name = "新增省级以上企业技术中心；重点实验室(家)"
    assert names([HEAD, FIRST, LAST, [name, None, None, None]]) == [["制造业投资(亿元)", "技改投资(亿元)", name.replace("；", ";")]]


@pytest.mark.parametrize("under", [
    [["资金安排表情况说明"], ["本表资金按每栋15万元至25万元安排，由县级统筹使用"]],  # a heading over its paragraph
    [["本表资金按每栋15万元安排；由县级统筹使用"]],
    [["说明：增速按可比价计算。"]],
    [["资金安排表情况说明"], ["填报单位：市经信局", None, "制表日期：2023年3月1日"]],
])
def test_a_note_under_the_table_ends_it(under):
    assert names([HEAD, FIRST, LAST, *under]) == [["制造业投资(亿元)", "技改投资(亿元)"]]


SIGN_OFF = ["填报单位：湖州市经信局", None, "制表日期：2023年3月"]


@pytest.mark.parametrize("rows,regions,indicators", [
    # regions down, a sign-off line between the caption and the header
    ([["2023年目标分解表", None, None], SIGN_OFF, ["地区", "制造业投资(亿元)", "技改投资(亿元)"],
      ["甲区", 50.0, 20.0], ["乙区", 70.0, 30.0], ["合计", 118.0, 48.0]],
     ["甲区", "乙区"], ["制造业投资(亿元)", "技改投资(亿元)"]),
    # regions across, the same line above
    ([["2023年目标分解表", None, None, None], SIGN_OFF + [None], HEAD, FIRST, LAST],
     ["甲区", "乙区"], ["制造业投资(亿元)", "技改投资(亿元)"]),
])
def test_a_sign_off_line_above_the_table_is_not_its_header(rows, regions, indicators):
    (table,) = detect_tables(Grid("分解", rows))
    assert ([c.label for c in table.regions], table.parent.label, [r.name for r in table.rows]) == (
        regions, "合计" if "合计" in str(rows) else "全市", indicators)
