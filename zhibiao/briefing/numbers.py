"""Numbers the way bureau prose writes them: 58.3%、8.4个百分点、1.2万亩、完成年度目标的58.3%."""

from __future__ import annotations

import math

from ..expr import format_number

# a unit that already carries a magnitude is never re-scaled (15亿元 stays 15亿元, not 0.0015万亿元)
_SCALED_UNITS = ("万", "亿", "%", "个百分点", "/")


def num(value: float | None, digits: int = 2) -> str:
    """A number with at most `digits` decimals and no trailing zeros: 7.0 → 7, 35.4333 → 35.43."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return format_number(value, digits, grouped=False)  # prose writes 12000, or 1.2万 through quantity()


def quantity(value: float | None, unit: str | None = None, digits: int = 2) -> str:
    """A figure with its unit, 万/亿 for large counts and areas: 12000 亩 → 1.2万亩, 1200 家 → 1200家."""
    if value is None:
        return "—"
    unit = unit or ""
    if unit and any(mark in unit for mark in _SCALED_UNITS):
        return f"{num(value, digits)}{unit}"
    size = abs(value)
    if size >= 1e8:
        return f"{num(value / 1e8, digits)}亿{unit}"
    if size >= 1e4:
        return f"{num(value / 1e4, digits)}万{unit}"
    return f"{num(value, digits)}{unit}"


def percent(fraction: float | None, digits: int = 1) -> str:
    """A fraction as a percentage with one decimal: 0.5833 → 58.3%."""
    if fraction is None:
        return "—"
    return f"{fraction * 100:.{digits}f}%"


def points(value: float, digits: int = 1) -> str:
    """A difference of percentages: 8.4个百分点 (never negative; the sentence says which way)."""
    return f"{abs(value):.{digits}f}个百分点"


def against_schedule(completion: float, schedule: float) -> str:
    """完成年度目标的58.3%，低于序时进度8.4个百分点 (or 高于…, or 与序时进度持平)."""
    head = f"完成年度目标的{percent(completion)}"
    diff = round((completion - schedule) * 100, 1)
    if diff == 0:
        return f"{head}，与序时进度持平"
    return f"{head}，{'高于' if diff > 0 else '低于'}序时进度{points(diff)}"


_RISING = ("提高", "提升", "增长", "增加", "增速")  # a name ending in a change reads 实际提高1.2个百分点, 实际下降3.5%


def trend_verb(name: str | None) -> str | None:
    """The change a name ends in (…占比提高, …增加值增长, …增速), or None."""
    return next((verb for verb in _RISING if (name or "").endswith(verb)), None)


def actual_text(actual: float, unit: str | None, name: str | None = None) -> str:
    """实际7.5%; for a change: 实际提高1.2个百分点, 实际增长7.5%, and a fall 实际下降3.5% (never 实际-3.5%)."""
    unit = unit or ""
    verb = trend_verb(name)
    if verb is None:
        if actual < 0 and "%" in unit:
            return f"实际下降{quantity(-actual, unit)}"
        return f"实际{quantity(actual, unit)}"
    if actual < 0:
        return f"实际下降{quantity(-actual, unit)}"
    return f"实际{'增长' if verb == '增速' else verb}{quantity(actual, unit)}"


def against_target(actual: float, target: float, unit: str | None, lower_is_better: bool = False,
                   name: str | None = None) -> str:
    """实际7.5%，高于目标0.5个百分点 for rates; 低于目标1.6万元/亩 for intensities."""
    unit = unit or ""
    head = actual_text(actual, unit, name)
    diff = actual - target
    if round(diff, 2) == 0:
        return f"{head}，与目标持平"
    word = "高于" if diff > 0 else "低于"
    amount = points(diff) if unit == "%" else quantity(abs(diff), unit)
    tail = "（越低越好）" if lower_is_better else ""
    return f"{head}，{word}目标{amount}{tail}"


def cn_ordinal(n: int) -> str:
    """1 → 一, 12 → 十二: heading numbers 一、 二、 and （一）."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
