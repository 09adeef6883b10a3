"""The light of one indicator × region: completion against 序时进度 (additive) or the target itself (rates)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields

from ..expr import Bound, Target, ValueType, format_number
from ..kinds import Direction
from .rules import Bands

LIGHT_LABEL = {"green": "绿", "yellow": "黄", "red": "红", None: "—"}


@dataclass(slots=True)
class Status:
    """One indicator × region (the parent too): actual against target, and its light (None: no light, see note)."""

    indicator: str
    region: str
    actual: float | None
    target: float | None
    completion: float | None  # actual ÷ target as a fraction (0.583)
    schedule: float | None  # fraction expected by this period: m/12 or the indicator's own; 1.0 for rates
    status: str | None  # green | yellow | red | None
    lag: float | None  # points behind schedule (positive = behind), None without a light
    kind: str
    direction: str
    cell: str | None  # the actual's cell in the 进度 sheet
    responsible: str | None
    note: str | None
    display_name: str = ""
    unit: str | None = None
    category: str | None = None
    is_parent: bool = False
    target_cell: str | None = None
    # 0-based (row, col) in the 进度 sheet, for write-back; not part of the JSON interface
    position: tuple[int, int] | None = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict:
        """Every field but position, in order, as one dict display (dataclasses.asdict deep-copies, 10× slower;
        dict(zip(names, values)) hashes each name again, 1.7× slower: 100,000 statuses at 10× size)."""
        return {"indicator": self.indicator, "region": self.region, "actual": self.actual, "target": self.target,
                "completion": self.completion, "schedule": self.schedule, "status": self.status, "lag": self.lag,
                "kind": self.kind, "direction": self.direction, "cell": self.cell, "responsible": self.responsible,
                "note": self.note, "display_name": self.display_name, "unit": self.unit, "category": self.category,
                "is_parent": self.is_parent, "target_cell": self.target_cell}


JSON_FIELDS = tuple(f.name for f in fields(Status) if f.name != "position")  # to_json's keys (a test holds it to this)


@dataclass
class Outcome:
    """What evaluate() found for one figure: completion, schedule, light, lag, note."""

    completion: float | None = None
    schedule: float | None = None
    status: str | None = None
    lag: float | None = None
    note: str | None = None
    target: float | None = None
    actual: float | None = None


_NO_LIGHT = {
    ValueType.PENDING: "目标待下达，不亮灯",
    ValueType.BLANK: "目标未填写，不亮灯",
    ValueType.UNPARSED: "目标值无法识别，不亮灯",
}


def direction_of(target: Target, inferred: Direction) -> Direction:
    """A bound in the target decides (不超过5 is lower-is-better); otherwise the indicator's direction."""
    if target.bound is Bound.AT_MOST:
        return Direction.LOWER
    if target.bound is Bound.AT_LEAST:
        return Direction.HIGHER
    return inferred


def target_value(target: Target, direction: Direction) -> float:
    """The figure to hold a region to: a range's low end, or its top when lower is better (1-2个 → 1)."""
    if target.high is not None and direction is Direction.LOWER:
        return target.high
    return target.value


def no_light_reason(target: Target, included_in: str | None = None) -> str | None:
    """Why a target gets no light, or None when it is a number."""
    if target.is_number:
        return None
    if target.type is ValueType.QUALITATIVE:
        return f"定性目标“{target.raw}”，不亮灯"
    if target.type is ValueType.NOT_APPLICABLE:
        if included_in:
            return f"目标含在{included_in}中，不单独亮灯"
        return "该地区不承担此项目标，不亮灯"
    return _NO_LIGHT[target.type]


def evaluate(target: Target, actual: Target, cumulative: bool, direction: Direction, expected: float, bands: Bands) -> Outcome:
    """Compare a numeric target with an actual figure; `expected` is the 序时进度 fraction for cumulative indicators."""
    higher = direction is Direction.HIGHER
    tv = target_value(target, direction)
    av = actual.value
    schedule = expected if cumulative else 1.0
    if tv <= 0:
        # a zero or negative target has no completion ratio: it is met or not
        met = av >= tv if higher else av <= tv
        note = f"目标为{format_number(tv, 4)}，无法计算完成率，按是否达到目标判定"
        return Outcome(None, schedule, "green" if met else "red", 0.0 if met else None, note, tv, av)
    completion = av / tv
    lag = (schedule - completion) * 100 if higher else (completion - schedule) * 100
    if not math.isfinite(lag):  # a figure near the float limit (1e308): no ratio to light, and no Infinity in JSON
        return Outcome(None, schedule, None, None, "实际值超出可计算范围，不亮灯，请核对", tv, av)
    return Outcome(round(completion, 6), schedule, bands.light(lag), round(lag, 6), None, tv, av)
