"""The checks on one reported figure: the target left alone, a cumulative that does not fall, no unit slip."""

from __future__ import annotations

from dataclasses import dataclass

from ..expr import Target, ValueType, format_number, parse_target
from ..progress.period import Period
from .source import Indicator, key

OUTLIER = 10.0  # ≥ 10× or ≤ 1/10 of what was expected: a unit slip (元 for 万元, 0.075 for 7.5%)


def shown(x: float | None) -> str:
    """A figure as the clerk reads it in a message."""
    return format_number(x, 4)


def same_value(a: Target, b: Target) -> bool:
    """Two cells say the same: equal numbers (to rounding), or the same text."""
    if a.is_number and b.is_number:
        return abs(a.value - b.value) <= 1e-9 * max(1.0, abs(a.value), abs(b.value)) and (a.high or 0) == (b.high or 0)
    if a.type is ValueType.BLANK or b.type is ValueType.BLANK:
        return a.type is b.type
    return key(a.raw or "") == key(b.raw or "")


@dataclass
class Flag:
    """One problem with a figure: its code and the fields of the code's message."""

    code: str
    fields: dict
    expected: float | None = None
    previous: float | None = None


def check_figure(ind: Indicator, region: str, value: float, previous: Target | None, previous_period: Period | None,
                 period: Period) -> list[Flag]:
    """return-decreasing and return-outlier for a number reported for this indicator and region."""
    flags = []
    prev = previous.value if previous is not None and previous.is_number else None
    cumulative = ind.kind == "sum"
    if cumulative and prev is not None and value < prev - 1e-9 * max(1.0, abs(prev)):
        flags.append(Flag("return-decreasing", {"region": region, "value": shown(value), "previous": shown(prev),
                                                "previous_period": previous_period.label}, previous=prev))
    expected, basis = _expected(ind, region, prev, previous_period, period)
    if expected is not None and expected > 0 and value > 0:
        ratio = value / expected
        if ratio >= OUTLIER or ratio <= 1 / OUTLIER:
            text = f"{format_number(ratio, 1)}倍" if ratio >= 1 else f"{format_number(ratio * 100, 2)}%"
            flags.append(Flag("return-outlier", {"region": region, "value": shown(value), "basis": basis,
                                                 "expected": shown(expected), "ratio": text}, expected=expected, previous=prev))
    return flags


def _expected(ind: Indicator, region: str, prev: float | None, previous_period: Period | None, period: Period):
    """What the figure should be near: last period's (cumulative: carried on pro rata), else the target (pro rata)."""
    cumulative = ind.kind == "sum"
    if prev is not None and prev > 0:
        if cumulative:
            return prev * period.month / previous_period.month, f"按上期累计{shown(prev)}推算的"
        return prev, "上期数值"
    target = parse_target(ind.targets.get(region))
    if not target.is_number or target.value <= 0:
        return None, ""
    if cumulative:
        return target.value * period.month / 12, "按年度目标推算的序时数"
    return target.value, "年度目标"
