"""Light bands at their edges, for every preset and a custom one, and how 设置 chooses them."""

from __future__ import annotations

import pytest

from zhibiao import Grid, Workbook
from zhibiao.progress.report import progress_workbook
from zhibiao.progress.rules import PRESETS, ScheduleError, load_rules, parse_schedule
from zhibiao.settings import SETTINGS, Settings

HEADER = ["指标名称", "甲区", "乙区", "丙区", "全市", "责任部门"]

EDGES = [
    # preset, points behind schedule, light
    ("标准", -5.0, "green"), ("标准", 0.0, "green"), ("标准", 0.01, "yellow"), ("标准", 10.0, "yellow"), ("标准", 10.01, "red"),
    ("银川", 0.0, "green"), ("银川", 9.99, "green"), ("银川", 10.0, "yellow"), ("银川", 30.0, "yellow"), ("银川", 30.01, "red"),
    ("严格", -0.01, "green"), ("严格", 0.0, "green"), ("严格", 0.01, "red"), ("严格", 50.0, "red"),
]


@pytest.mark.parametrize("preset, lag, light", EDGES)
def test_preset_edges(preset, lag, light):
    assert PRESETS[preset].light(lag) == light


def lights(settings: dict, *actuals: float) -> list[str]:
    """Lights of 甲/乙/丙 for a target of 100 each in June (50% due), through the whole pipeline."""
    book = Workbook(None, [
        Grid("分解", [HEADER, ["企业数(家)", 100.0, 100.0, 100.0, 300.0, "局"]]),
        Grid("进度 2023-06", [HEADER[:-1], ["企业数(家)", *actuals, None]]),
        Grid("设置", [["项目", "值"], *[[k, v] for k, v in settings.items()]]),
    ])
    return [s.status for s in progress_workbook(book).statuses if not s.is_parent]


def test_yinchuan_through_settings_at_its_edges():
    # 40 of 100 by June is 10 points behind: 0.5 - 0.4 is 0.09999… in floats, still exactly the edge
    assert lights({"亮灯规则": "银川"}, 40.01, 40.0, 20.0) == ["green", "yellow", "yellow"]
    assert lights({"亮灯规则": "银川"}, 19.99, 50.0, 60.0) == ["red", "green", "green"]


def test_strict_preset_below_schedule_is_red():
    assert lights({"亮灯规则": "严格"}, 49.99, 50.0, 80.0) == ["red", "green", "green"]


def test_standard_is_the_default():
    assert lights({}, 49.99, 40.0, 39.99) == ["yellow", "yellow", "red"]


def test_custom_bands_from_settings():
    rules = {"亮灯规则": "自定义", "绿灯容差": 5, "黄灯幅度": "20"}
    assert lights(rules, 45.01, 45.0, 30.0) == ["green", "yellow", "yellow"]
    assert lights(rules, 29.99, 50.0, 99.0) == ["red", "green", "green"]


def test_a_preset_can_be_adjusted():
    assert lights({"亮灯规则": "银川", "黄灯幅度": 20}, 30.0, 29.99, 40.01) == ["yellow", "red", "green"]


def test_bad_settings_are_findings_with_a_fallback():
    rules = load_rules(Settings({**Settings.defaults(), "亮灯规则": "宽松", "黄灯幅度": "很多", "赛马计分": "积分"}))
    assert [p[0] for p in rules.problems] == ["亮灯规则", "黄灯幅度", "赛马计分"]
    assert (rules.bands, rules.method) == (PRESETS["标准"], "争先进位")
    rules = load_rules(Settings({**Settings.defaults(), "亮灯规则": "自定义", "绿灯容差": 20, "黄灯幅度": 10}))
    assert (rules.bands.green_within, rules.bands.yellow_max) == (20, 20)
    assert rules.problems[0][0] == "黄灯幅度"


def test_settings_rows_are_declared_for_the_template():
    keys = {s.key: s for s in SETTINGS}
    assert set(keys["亮灯规则"].choices) == {*PRESETS, "自定义"}
    assert set(keys["赛马计分"].choices) == {"争先进位", "目标完成"}
    assert {"绿灯容差", "黄灯幅度", "序时进度"} <= set(keys)


@pytest.mark.parametrize("text, months", [
    ("按月", {1: 0.083333, 6: 0.5, 12: 1.0}),
    (None, {3: 0.25}),
    ("30%/65%/85%/100%", {2: 0.2, 3: 0.3, 4: 0.416667, 12: 1.0}),
    ("50、100", {3: 0.25, 6: 0.5, 9: 0.75}),
    ("40,100", {6: 0.4, 7: 0.5}),
])
def test_schedules(text, months):
    schedule = parse_schedule(text)
    assert {m: round(schedule.at(m), 6) for m in months} == months


@pytest.mark.parametrize("text", ["30/65/85/90", "65/30/85/100", "1/2/3/4/5", "按季"])
def test_bad_schedules(text):
    with pytest.raises(ScheduleError):
        parse_schedule(text)
