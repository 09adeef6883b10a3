"""Multi-year targets: the annual rate each step implies, and steps that go the wrong way or jump.

A target system with year columns (`2023年 | 2025年 | 2027年`, a `2022年基数` column first) says where an
indicator should be each year; between two milestones the implied rate is compound for amounts
((b/a)^(1/n) − 1 a year) and in points a year for rates and shares ((b − a)/n). A higher-is-better target
that falls, a lower-is-better one that rises, and a 累计 (cumulative) figure that falls are
`trajectory-reversed`; a step whose rate is more than three times the previous step's is `trajectory-steep`.
"""

from __future__ import annotations

import math
import re

from ..expr import Target, format_number
from ..kinds import Direction

_RATE_UNIT = re.compile(r"%|‰|百分点")
_CUMULATIVE = re.compile(r"累计|累积")
STEEP = 3.0


def implied_steps(points: list[tuple[int, Target, str, str]], unit: str | None) -> list[dict]:
    """[(year, target, label, cell)] in column order -> one step per pair of numeric milestones."""
    in_points = bool(unit and _RATE_UNIT.search(unit))
    steps = []
    usable = [p for p in points if p[1].is_number and p[1].value is not None and math.isfinite(p[1].value)]
    for (y0, t0, l0, c0), (y1, t1, l1, c1) in zip(usable, usable[1:]):
        years = y1 - y0
        if years <= 0:
            continue
        a, b = t0.value, t1.value
        if in_points:
            rate, basis = (b - a) / years, "points"
        elif a > 0 and b > 0:
            rate, basis = (b / a) ** (1 / years) - 1, "compound"
        else:
            continue
        steps.append({"from": l0, "to": l1, "years": years, "from_value": a, "to_value": b, "rate": rate,
                      "basis": basis, "from_cell": c0, "to_cell": c1})
    return steps


def describe(step: dict) -> str:
    """每年约提高2个百分点 / 年均增长28.1%"""
    rate = step["rate"]
    if step["basis"] == "points":
        verb = "提高" if rate >= 0 else "降低"
        return f"每年{verb}{format_number(abs(rate), 2)}个百分点"
    verb = "增长" if rate >= 0 else "下降"
    return f"年均{verb}{format_number(abs(rate) * 100, 1)}%"


def problems(name: str, direction: Direction, steps: list[dict]):
    """(code, step, fields) for each reversed or steep step."""
    cumulative = bool(_CUMULATIVE.search(name))
    previous = None
    for step in steps:
        falls = step["to_value"] < step["from_value"] - 1e-9
        rises = step["to_value"] > step["from_value"] + 1e-9
        if (falls and (direction is Direction.HIGHER or cumulative)) or (rises and direction is Direction.LOWER and not cumulative):
            why = "累计指标不应下降" if cumulative and falls else ("越高越好的指标目标不应下降" if falls else "越低越好的指标目标不应上升")
            yield "trajectory-reversed", step, {"why": why}
        elif previous is not None and previous["rate"] > 0 and step["rate"] > STEEP * previous["rate"]:
            yield "trajectory-steep", step, {"previous": describe(previous)}
        previous = step
