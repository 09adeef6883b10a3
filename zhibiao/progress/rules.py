"""The bureau's progress rules from 设置: 序时进度 schedules, 红黄绿 bands and their presets, the scoring method."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..expr import normalize_text
from ..kinds import split_unit
from ..settings import Settings


@dataclass(frozen=True)
class Bands:
    """Light thresholds in points behind schedule: green below `green_within` (or on/ahead), yellow up to `yellow_max`."""

    preset: str
    green_within: float
    yellow_max: float

    def light(self, lag: float) -> str:
        """The light for a lag in points behind schedule (negative = ahead)."""
        return self.light_rounded(round(lag, 6))  # 0.5 - 0.4 is 0.09999…: compare what a clerk would compute

    def light_rounded(self, lag: float) -> str:
        """light() of a lag already rounded to 6 places (round(lag, 6) again gives it back unchanged)."""
        if lag <= 0 or lag < self.green_within:
            return "green"
        if lag <= self.yellow_max:
            return "yellow"
        return "red"

    def describe(self) -> str:
        """The bands in one Chinese sentence, for sheets and the briefing."""
        green = "达到或超过序时进度" if self.green_within <= 0 else f"落后不到{_pts(self.green_within)}个百分点"
        if self.yellow_max <= max(self.green_within, 0):
            return f"绿：{green}；红：其余"
        low = "落后" if self.green_within <= 0 else f"落后{_pts(self.green_within)}"
        return f"绿：{green}；黄：{low}至{_pts(self.yellow_max)}个百分点；红：落后超过{_pts(self.yellow_max)}个百分点"


def _pts(x: float) -> str:
    return f"{x:g}"


# 标准 follows the issue's plain rule; 银川 is 银川市's 序时进度 rule; 严格 is 'below schedule = red'
PRESETS: dict[str, Bands] = {
    "标准": Bands("标准", 0.0, 10.0),
    "银川": Bands("银川", 10.0, 30.0),
    "严格": Bands("严格", 0.0, 0.0),
}
CUSTOM = "自定义"
METHODS = ("争先进位", "目标完成")


@dataclass(frozen=True)
class Schedule:
    """序时进度: cumulative fractions due at the end of each of n equal parts of the year."""

    points: tuple[float, ...]
    label: str

    def at(self, month: int) -> float:
        """The fraction expected by the end of a month, interpolated inside a quarter or half."""
        n = len(self.points)
        position = month * n / 12  # how many parts have elapsed
        whole = int(position)
        if whole >= n:
            return self.points[-1]
        before = self.points[whole - 1] if whole else 0.0
        return round(before + (self.points[whole] - before) * (position - whole), 6)


MONTHLY = Schedule(tuple(m / 12 for m in range(1, 13)), "按月（第m月为m/12）")
_UNIFORM_WORDS = re.compile(r"^(按月|按月均匀|均匀|时间进度|默认|序时)?$")


class ScheduleError(ValueError):
    """A schedule text that cannot be used; the message is Chinese."""


def parse_schedule(text) -> Schedule:
    """按月 (m/12), or cumulative percentages per quarter (30/65/85/100), half (50/100) or month (12 values)."""
    raw = "" if text is None else normalize_text(str(text))
    if _UNIFORM_WORDS.match(raw):
        return MONTHLY
    parts = [p for p in re.split(r"[/、,，;；|]+", raw.replace("%", "")) if p]
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise ScheduleError("应为“按月”或用/分隔的累计百分比，如 30/65/85/100") from None
    if len(values) not in (1, 2, 3, 4, 6, 12):
        raise ScheduleError(f"有{len(values)}个数，应为4个（按季度）、2个（按半年）或12个（按月）")
    if max(values) <= 1:
        values = [v * 100 for v in values]  # written as fractions: 0.3/0.65/0.85/1
    if any(v < 0 for v in values) or any(b < a for a, b in zip(values, values[1:])):
        raise ScheduleError("累计百分比应逐期不减")
    if abs(values[-1] - 100) > 1e-9:
        raise ScheduleError("最后一期应为100%（全年目标）")
    return Schedule(tuple(v / 100 for v in values), "/".join(f"{v:g}" for v in values))


@dataclass
class Rules:
    """The progress rules of one workbook: bands, schedules, scoring method, and what in 设置 was unusable."""

    bands: Bands
    schedule: Schedule
    method: str
    by_indicator: dict[str, Schedule] = field(default_factory=dict)  # indicator name (bare) -> schedule
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (setting key, raw value, why)

    def schedule_for(self, name: str) -> Schedule:
        """An indicator's own schedule (by full or bare name), else the default."""
        return self.by_indicator.get(name) or self.by_indicator.get(split_unit(name)[0]) or self.schedule


SCHEDULE_KEY = "序时进度"


def load_rules(settings: Settings) -> Rules:
    """Rules from the settings; an unusable value falls back to the default and is listed in `problems`."""
    problems: list[tuple[str, str, str]] = []
    preset_name = settings.text("亮灯规则") or "标准"
    bands = PRESETS.get(preset_name)
    if bands is None and preset_name != CUSTOM:
        problems.append(("亮灯规则", preset_name, f"应为{'、'.join(PRESETS)}或{CUSTOM}，已按标准处理"))
        bands = PRESETS["标准"]
    green = _points(settings, "绿灯容差", problems)
    yellow = _points(settings, "黄灯幅度", problems)
    if bands is None:  # 自定义
        if yellow is None:
            problems.append(("黄灯幅度", "", "亮灯规则为自定义时须填写黄灯幅度，已按10处理"))
            yellow = 10.0
        bands = Bands(CUSTOM, green or 0.0, yellow)
    elif green is not None or yellow is not None:
        bands = Bands(f"{bands.preset}（已调整）", bands.green_within if green is None else green,
                      bands.yellow_max if yellow is None else yellow)
    if bands.yellow_max < bands.green_within:
        problems.append(("黄灯幅度", _pts(bands.yellow_max), f"小于绿灯容差{_pts(bands.green_within)}，已改为与之相同"))
        bands = Bands(bands.preset, bands.green_within, bands.green_within)
    method = settings.text("赛马计分") or METHODS[0]
    if method not in METHODS:
        problems.append(("赛马计分", method, f"应为{'或'.join(METHODS)}，已按{METHODS[0]}处理"))
        method = METHODS[0]
    schedule = MONTHLY
    by_indicator: dict[str, Schedule] = {}
    for key, value in settings.items():
        if not key.startswith(SCHEDULE_KEY):
            continue
        name = key[len(SCHEDULE_KEY):].lstrip(":：-—")
        try:
            parsed = parse_schedule(value)
        except ScheduleError as exc:
            problems.append((key, normalize_text(str(value)), f"{exc}，已按月处理"))
            continue
        if name:
            by_indicator[normalize_text(name)] = parsed
        else:
            schedule = parsed
    return Rules(bands, schedule, method, by_indicator, problems)


def _points(settings: Settings, key: str, problems: list) -> float | None:
    value = settings.get(key)
    if value in (None, ""):
        return None
    number = settings.number(key)
    if number is None or number < 0:
        problems.append((key, str(value), "应为不小于0的百分点数，已按亮灯规则处理"))
        return None
    return number
