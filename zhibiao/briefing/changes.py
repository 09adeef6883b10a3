"""Change since an earlier period, in bureau prose: 比3月提高4.2个百分点, 环比回落0.3个百分点, 当月完成1200亩."""

from __future__ import annotations

from ..progress.report import ProgressReport, Status
from .numbers import points, quantity
from .split_prose import bare_and_unit


def index(report: ProgressReport | None) -> dict[tuple[str, str], Status]:
    """(indicator, region) → Status of one period."""
    return {(s.indicator, s.region): s for s in report.statuses} if report else {}


def unit_of(s: Status) -> str:
    return s.unit or bare_and_unit(s.display_name or s.indicator)[1] or ""


def name_of(s: Status) -> str:
    return bare_and_unit(s.display_name or s.indicator)[0]


def lag_change(now: Status, before: Status | None) -> float | None:
    """How many points further behind (positive) or closer (negative) than in the earlier period."""
    if before is None or now.lag is None or before.lag is None:
        return None
    return round(now.lag - before.lag, 6)


def change_phrase(now: Status, before: Status | None, month: int, now_month: int = 0) -> str:
    """比3月提高4.2个百分点，当月完成1200亩 (cumulative) or 环比提高0.3个百分点 (rates); empty without a figure."""
    if before is None:
        return ""
    now_month = now_month or month + 1
    if now.kind == "sum" and now.completion is not None and before.completion is not None:
        diff = round((now.completion - before.completion) * 100, 1)
        text = (f"完成率比{month}月{'提高' if diff > 0 else '下降'}{points(diff)}" if diff
                else f"完成率与{month}月持平")
        if now.actual is not None and before.actual is not None:
            step = now.actual - before.actual
            since = "当月" if now_month == month + 1 else f"{month + 1}-{now_month}月"
            if step >= 0:
                text += f"，{since}完成{quantity(step, unit_of(now))}"
            else:  # a cumulative figure that fell: a correction, said as it is
                text += f"，累计数比{month}月减少{quantity(-step, unit_of(now))}，请核实"
        return text
    if now.actual is not None and before.actual is not None:
        diff = now.actual - before.actual
        unit = unit_of(now)
        if round(diff, 2) == 0:
            return f"与{month}月持平"
        if "%" in unit or "百分点" in unit:
            return f"环比{'提高' if diff > 0 else '回落'}{points(diff)}"
        return f"比{month}月{'增加' if diff > 0 else '减少'}{quantity(abs(diff), unit)}"
    return ""


def rank_move(now: int, before: int | None) -> str:
    """排名较上期上升2位 / 下降1位 / 与上期持平; empty without an earlier rank."""
    if before is None:
        return ""
    if now == before:
        return "排名与上期持平"
    return f"排名较上期{'上升' if now < before else '下降'}{abs(now - before)}位"


def rank_delta(now: int, before: int | None) -> str:
    """The table form: ↑2, ↓1, —."""
    if before is None:
        return ""
    if now == before:
        return "—"
    return f"{'↑' if now < before else '↓'}{abs(now - before)}"


def count_change(now: int, before: int, what: str) -> str:
    """红灯减少2个地区次 (after 与3月相比)."""
    if now == before:
        return f"{what}持平"
    return f"{what}{'增加' if now > before else '减少'}{abs(now - before)}个地区次"


def value_text(s: Status | None) -> str:
    """A figure with its unit for tables: 6000亩, 7.5%."""
    if s is None or s.actual is None:
        return "—"
    return quantity(s.actual, unit_of(s))


def target_text(s: Status | None) -> str:
    if s is None or s.target is None:
        return "—"
    return quantity(s.target, unit_of(s))


def best_and_worst(statuses: list[Status]) -> tuple[Status, Status] | None:
    """The regions furthest ahead and furthest behind (by points against 序时/目标), when two or more are lit."""
    lit = [s for s in statuses if not s.is_parent and s.status and s.lag is not None]
    if len(lit) < 2:
        return None
    ordered = sorted(lit, key=lambda s: s.lag)
    return ordered[0], ordered[-1]

