"""进度, 赛马 and 预警清单 for the briefing: lights table, ranking, red items, in bureau prose."""

from __future__ import annotations

import math

from ..codes import Severity
from ..progress.report import ProgressReport, Status
from ..progress.status import LIGHT_LABEL
from .charts import STATUS_FILL, Bar, Chart, completion_chart
from .numbers import against_schedule, against_target, num, percent
from .split_prose import bare_and_unit


def status_phrase(s: Status) -> str:
    """完成年度目标的58.3%，低于序时进度8.4个百分点 (cumulative) or 实际6.5%，低于目标0.5个百分点 (rates)."""
    if s.completion is not None and s.kind == "sum":
        return against_schedule(s.completion, s.schedule if s.schedule is not None else 1.0)
    if s.actual is not None and s.target is not None:
        return against_target(s.actual, s.target, s.unit, s.direction == "lower")
    return s.note or "无实际值"


def cell_text(s: Status) -> str:
    """What a lights-table cell shows: completion for cumulative indicators, the value itself for rates."""
    if s.kind == "sum" and s.completion is not None:
        return percent(s.completion)
    if s.actual is not None:
        return num(s.actual)
    return "—"


def lights_table(progress: ProgressReport) -> dict:
    """Indicators with at least one light × regions (parent last); cells carry text, light and fill."""
    columns = list(progress.regions) + [progress.parent]
    by_indicator: dict[str, dict[str, Status]] = {}
    for s in progress.statuses:
        by_indicator.setdefault(s.indicator, {})[s.region] = s
    rows, unlit = [], []
    for indicator, cells in by_indicator.items():
        if not any(c.status for c in cells.values()):
            unlit.append(bare_and_unit(indicator)[0])
            continue
        first = next(iter(cells.values()))
        bare, unit = bare_and_unit(first.display_name or indicator)
        schedule = next((c.schedule for c in cells.values() if c.schedule is not None), None)
        if first.kind == "sum":
            shown = f"完成率（序时{num(schedule * 100, 1)}%）" if schedule is not None else "完成率"
        else:
            shown = unit or first.unit or ""
        row_cells = []
        for region in columns:
            s = cells.get(region)
            light = s.status if s else None
            row_cells.append({"text": cell_text(s) if s else "—", "status": light or "none",
                              "light": LIGHT_LABEL[light] if light else "", "fill": STATUS_FILL[light] if light else "FFFFFF"})
        rows.append({"name": bare, "unit": shown, "cells": row_cells})
    return {"columns": columns, "rows": rows, "unlit": unlit}


def red_items(progress: ProgressReport) -> list[dict]:
    """预警清单: every red light, the furthest behind first, with its 责任部门."""
    reds = [s for s in progress.statuses if s.status == "red"]
    reds.sort(key=lambda s: (-(s.lag or 0), s.is_parent))
    return [{"indicator": bare_and_unit(s.display_name or s.indicator)[0], "region": s.region,
             "text": status_phrase(s), "responsible": s.responsible or "—", "cell": s.cell or ""} for s in reds]


def ranking_rows(progress: ProgressReport) -> list[dict]:
    """The overall 赛马 table: place, region, score, lights, and the tie explanation where there is one."""
    rows = []
    for r in progress.ranking:
        lights = r.details.get("lights", {})
        rows.append({"rank": f"{r.rank}", "region": r.region, "score": num(r.score, 1),
                     "green": lights.get("green", 0), "yellow": lights.get("yellow", 0), "red": lights.get("red", 0),
                     "note": "并列" if r.tied else ""})
    return rows


def ranking_sentence(progress: ProgressReport) -> str:
    """综合得分前三位为… ；排名后两位为… (with ties said as such)."""
    ranking = progress.ranking
    if not ranking:
        return "本期参与赛马的指标不足，未排名。"
    method = ranking[0].method
    top = "、".join(f"{r.region}（{num(r.score, 1)}分）" for r in ranking[:3])
    text = f"按“{method}”方法计分，综合得分前三位为{top}"
    tail = [r for r in ranking[3:]][-2:]
    if tail:
        text += f"；排名靠后的是{'、'.join(f'{r.region}（{num(r.score, 1)}分）' for r in tail)}"
    ties = list(dict.fromkeys(r.details["tie"] for r in ranking if r.tied and r.details.get("tie")))
    text += "。" + "".join(t.rstrip("。") + "。" for t in ties[:2])
    return text


def parent_sentences(progress: ProgressReport, limit: int = 3) -> list[str]:
    """The parent's (全市) indicators furthest behind, as clauses for the summary."""
    behind = [s for s in progress.statuses if s.is_parent and s.status and (s.lag or 0) > 0]
    behind.sort(key=lambda s: -(s.lag or 0))
    return [f"{bare_and_unit(s.display_name or s.indicator)[0]}{status_phrase(s)}" for s in behind[:limit]]


def completion_by_region(progress: ProgressReport) -> Chart | None:
    """Mean completion of the cumulative indicators per region, against 序时进度, coloured by the bands."""
    values: dict[str, list[float]] = {r: [] for r in progress.regions}
    schedules = []
    for s in progress.statuses:
        if s.kind == "sum" and s.completion is not None and not s.is_parent and s.region in values:
            values[s.region].append(s.completion)
            schedules.append(s.schedule)
    means = {r: sum(v) / len(v) for r, v in values.items() if v}
    # a figure typed absurdly large (1e308) has no place on an axis; the tables still show it
    means = {r: m for r, m in means.items() if math.isfinite(m * 1000)}
    if len(means) < 2:
        return None
    reference = sum(schedules) / len(schedules) if schedules else None
    bands = progress.rules.bands if progress.rules else None
    bars = []
    for region, mean in sorted(means.items(), key=lambda kv: -kv[1]):
        light = bands.light((reference - mean) * 100) if bands and reference is not None else None
        bars.append(Bar(region, mean, light))
    return completion_chart(bars, reference, "序时进度", "累计类指标平均完成年度目标（%）")


def lights_sentence(progress: ProgressReport) -> str:
    """绿灯g个、黄灯y个、红灯r个, counted over indicator × region cells with a light."""
    g, y, r = progress.count("green"), progress.count("yellow"), progress.count("red")
    return f"共亮绿灯{g}个、黄灯{y}个、红灯{r}个"


def data_notes(progress: ProgressReport) -> list[str]:
    """Gaps in the reported figures (a missing actual is said, never read as 0), one sentence each."""
    notes = [f for f in progress.findings if f.severity in (Severity.ERROR, Severity.WARNING)]
    if not notes:
        return []
    said = "；".join(f"{bare_and_unit(f.indicator)[0] + '：' if f.indicator else ''}{f.message}" for f in notes[:5])
    more = f"等{len(notes)}处" if len(notes) > 5 else ""
    return [f"数据说明：{said}{more}。"]
