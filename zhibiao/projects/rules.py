"""The project desk's rules from 设置: the 开工 schedule, the investment schedule and bands, the 赛马 method, cohort targets.

The bands and schedules are those of `zhibiao progress` (the same presets and parsing); a 项目… setting
overrides the general one, and a blank 项目… setting falls back to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..expr import normalize_text
from ..progress import METHODS, Bands, Schedule, ScheduleError, load_rules, parse_schedule
from ..settings import Settings

START_KEY = "项目开工序时"
DEFAULT_START = "30/65/85/100"
# 设置 key for projects -> the general key it overrides
_OVERRIDES = {"项目亮灯规则": "亮灯规则", "项目绿灯容差": "绿灯容差", "项目黄灯幅度": "黄灯幅度",
              "项目赛马计分": "赛马计分", "项目投资序时": "序时进度"}
COHORT_KEYS = {
    ("recent", "start_rate"): "近两年引进3亿元以上项目开工率",
    ("recent", "finish_rate"): "近两年引进3亿元以上项目竣工率",
    ("recent", "investment_rate"): "近两年引进3亿元以上项目投资完成率",
    ("current", "start_rate"): "当年引进项目开工率",
}
COHORT_DEFAULTS = {"近两年引进3亿元以上项目开工率": 80.0, "近两年引进3亿元以上项目竣工率": 50.0,
                   "近两年引进3亿元以上项目投资完成率": 50.0, "当年引进项目开工率": 50.0}


@dataclass
class ProjectRules:
    """What a project is held to: schedules (fractions by month), investment bands, scoring, cohort targets."""

    start_schedule: Schedule
    investment_schedule: Schedule
    bands: Bands
    method: str
    cohort_targets: dict[tuple[str, str], float] = field(default_factory=dict)  # fractions
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (setting key, raw value, why)


def load_project_rules(settings: Settings) -> ProjectRules:
    """Rules from 设置; an unusable value falls back to its default and is listed in `problems`."""
    view = Settings(settings)
    used_key = {}
    for own, general in _OVERRIDES.items():
        if settings.get(own) not in (None, ""):
            view[general] = settings[own]
            used_key[general] = own
    # a per-indicator 序时进度：… row is for indicators, not projects
    for key in [k for k in view if k.startswith("序时进度") and k != "序时进度"]:
        del view[key]
    general = load_rules(view)
    problems = [(used_key.get(key, key), raw, why) for key, raw, why in general.problems]
    try:
        start = parse_schedule(settings.get(START_KEY) or DEFAULT_START)
    except ScheduleError as exc:
        problems.append((START_KEY, normalize_text(str(settings.get(START_KEY))), f"{exc}，已按{DEFAULT_START}处理"))
        start = parse_schedule(DEFAULT_START)
    targets = {}
    for cohort_key, key in COHORT_KEYS.items():
        value = settings.number(key) if settings.get(key) not in (None, "") else COHORT_DEFAULTS[key]
        if value is None or value < 0:
            problems.append((key, str(settings.get(key)), f"应为百分数，已按{COHORT_DEFAULTS[key]:g}处理"))
            value = COHORT_DEFAULTS[key]
        targets[cohort_key] = value / 100 if value > 1 else value
    method = general.method if general.method in METHODS else METHODS[0]
    return ProjectRules(start, general.schedule, general.bands, method, targets, problems)
