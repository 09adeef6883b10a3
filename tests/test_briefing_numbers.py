"""Numbers in bureau prose."""

import pytest

from zhibiao.briefing.numbers import against_schedule, against_target, cn_ordinal, num, percent, points, quantity


@pytest.mark.parametrize("value, unit, text", [
    (12000, "亩", "1.2万亩"),
    (10000, "亩", "1万亩"),
    (1200, "家", "1200家"),
    (250000000, "元", "2.5亿元"),
    (15.1, "万吨标煤", "15.1万吨标煤"),  # the unit already carries 万: never 0.00151亿…
    (118, "亿元", "118亿元"),
    (35.4333, "万元/亩", "35.43万元/亩"),
    (7.0, "%", "7%"),
    (None, "家", "—"),
])
def test_quantity(value, unit, text):
    assert quantity(value, unit) == text


def test_against_schedule_says_which_way():
    assert against_schedule(0.583, 0.667) == "完成年度目标的58.3%，低于序时进度8.4个百分点"
    assert against_schedule(0.62, 0.5) == "完成年度目标的62.0%，高于序时进度12.0个百分点"
    assert against_schedule(0.5, 0.5) == "完成年度目标的50.0%，与序时进度持平"


def test_against_target_uses_points_for_percent_and_units_otherwise():
    assert against_target(6.5, 7, "%") == "实际6.5%，低于目标0.5个百分点"
    assert against_target(38.5, 37, "万元/亩") == "实际38.5万元/亩，高于目标1.5万元/亩"
    assert against_target(3.9, 3.5, "%", lower_is_better=True) == "实际3.9%，高于目标0.4个百分点（越低越好）"


def test_small_helpers():
    assert (num(7.0), num(35.4333), num(-0.0001)) == ("7", "35.43", "0")
    assert (num(12345.678), num(float("nan")), num(None)) == ("12345.68", "—", "—")  # prose never groups digits
    assert (percent(0.5833), points(-8.44)) == ("58.3%", "8.4个百分点")
    assert [cn_ordinal(n) for n in (1, 4, 10, 12, 20)] == ["一", "四", "十", "十二", "二十"]


def test_a_change_reads_as_one():
    from zhibiao.briefing.numbers import actual_text

    assert actual_text(1.2, "个百分点", "数字经济核心产业增加值占比提高") == "实际提高1.2个百分点"
    assert actual_text(-3.5, "%", "规上工业增加值增长") == "实际下降3.5%"
    assert actual_text(7.5, "%", "规上工业增加值增速") == "实际增长7.5%"
    assert actual_text(-3.5, "%", None) == "实际下降3.5%"
    assert actual_text(38.5, "万元/亩", "规上工业亩均税收") == "实际38.5万元/亩"
    assert against_target(-3.5, 7, "%", name="规上工业增加值增长") == "实际下降3.5%，低于目标10.5个百分点"
