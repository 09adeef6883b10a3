"""月报 — 运行分析报告: the period against the previous 进度 sheet, indicator by indicator and region by region."""

from __future__ import annotations

import datetime as dt

from ..progress.report import ProgressReport
from ..settings import Settings
from .changes import (best_and_worst, change_phrase, count_change, index, lag_change, name_of, rank_delta, rank_move,
                      target_text, unit_of, value_text)
from .common import key_indicators, light_cell, page
from .context import Headings
from .numbers import num, percent, points
from .progress_prose import _subject, chart_caption, completion_by_region, lights_sentence, status_phrase
from .trend import Trend, TrendChart


def monthly_context(series: list[ProgressReport], settings: Settings, today: dt.date | None = None) -> dict:
    """Everything the 运行分析报告 says; `series` is the year's periods up to the report's, oldest first."""
    today = today or dt.date.today()
    now = series[-1]
    before = series[-2] if len(series) > 1 else None
    pm = before.month if before else None
    before_at = index(before)
    parent = now.parent
    heads = Headings()
    ctx = page(settings, today, settings.text("月报标题") or f"{parent}主要指标运行分析报告", "月报")
    ctx["headline"] = f"{now.period_label}{ctx['header']['title']}"
    ctx["period"] = {"label": now.period_label, "period": now.period, "previous": before.period_label if before else "",
                     "sheet": now.sheet, "previous_sheet": before.sheet if before else ""}
    parents = [s for s in now.statuses if s.is_parent]

    # 一、总体运行
    lit = len({s.indicator for s in now.statuses if s.status})
    first = f"{now.period_label}，{len(now.regions)}个地区{lit}项指标纳入亮灯评价，{lights_sentence(now) or '均未亮灯'}。"
    if before:
        first += "与" + f"{pm}月相比，" + "，".join(
            count_change(now.count(k), before.count(k), w) for k, w in (("red", "红灯"), ("yellow", "黄灯"), ("green", "绿灯"))) + "。"
    overall = [first]
    keys = key_indicators(settings, parents)
    if keys:
        clauses = []
        for s in keys:
            change = change_phrase(s, before_at.get((s.indicator, s.region)), pm, now.month) if before else ""
            clauses.append(f"{_subject(s)}{status_phrase(s)}" + (f"，{change}" if change else ""))
        overall.append(f"{parent}层面，" + "；".join(clauses) + "。")
    if now.standings:
        top = now.standings[0]
        overall.append(f"赛马比拼中，{top.region}以{num(top.score, 1)}分居首。")

    # 二、分指标分析
    by_indicator: dict[str, list] = {}
    for s in now.statuses:
        by_indicator.setdefault(s.indicator, []).append(s)
    indicator_rows, indicator_paras = [], []
    for indicator, cells in by_indicator.items():
        head = next((s for s in cells if s.is_parent), None)
        if not any(s.status for s in cells):
            continue
        shown = head if head is not None and head.actual is not None else None
        change = change_phrase(shown, before_at.get((indicator, shown.region)), pm, now.month) if shown and before else ""
        extremes = best_and_worst(cells)
        row = {"name": name_of(cells[0]), "unit": unit_of(cells[0]) or "—", "target": target_text(head),
               "actual": value_text(head),
               "completion": percent(head.completion) if head and head.kind == "sum" and head.completion is not None else "—",
               "schedule": percent(head.schedule) if head and head.kind == "sum" and head.schedule is not None else "—",
               "light": light_cell(_light_word(head), head.status if head else None),
               "change": change or "—", "best": extremes[0].region if extremes else "—",
               "worst": extremes[1].region if extremes else "—"}
        indicator_rows.append(row)
        text = f"{row['name']}："
        if shown is not None and shown.target is None:  # 完成省定目标: no figure to hold it to
            text += f"{parent}目标为“{_raw_target(shown)}”，{now.period_label}实际{row['actual']}"
            text += f"，{change}。" if change else "。"
        elif shown is not None and shown.kind == "sum":
            text += f"{parent}年度目标{row['target']}，{now.period_label}累计完成{row['actual']}，{status_phrase(shown)}"
            text += f"；{change}。" if change else "。"
        elif shown is not None:
            text += f"{parent}年度目标{row['target']}，{now.period_label}{status_phrase(shown)}"
            text += f"；{change}。" if change else "。"
        else:
            text += f"{parent}暂无实际数。"
        if extremes:
            best, worst = extremes
            # the best of the regions has not necessarily reached its schedule or target
            word = "最好" if _on_track(best) else "相对较好"
            text += f"分地区看，{best.region}{word}（{status_phrase(best)}），{worst.region}相对落后（{status_phrase(worst)}）。"
        indicator_paras.append(text)

    # 三、分地区分析
    before_rank = {r.region: r.rank for r in before.standings} if before else {}
    region_rows, region_paras = [], []
    for r in now.standings:
        lights = r.details.get("lights", {})
        move = rank_move(r.rank, before_rank.get(r.region))
        region_rows.append({"rank": str(r.rank), "region": r.region, "score": num(r.score, 1),
                            "green": lights.get("green", 0), "yellow": lights.get("yellow", 0), "red": lights.get("red", 0),
                            "move": rank_delta(r.rank, before_rank.get(r.region)) or "—"})
        reds = [name_of(s) for s in now.statuses if s.region == r.region and s.status == "red"]
        text = f"{r.region}：综合得分{num(r.score, 1)}分，排名第{r.rank}位" + (f"，{move}" if move else "")
        text += f"；亮绿灯{lights.get('green', 0)}项、黄灯{lights.get('yellow', 0)}项、红灯{lights.get('red', 0)}项"
        if reds:
            text += f"，红灯指标为{'、'.join(reds[:3])}{'等' if len(reds) > 3 else ''}"
        region_paras.append(text + "。")

    # 四、存在问题 and 五、下步建议
    problems, suggestions = _problems(now, before_at, pm)

    charts = _trends(series, keys)
    region_chart = completion_by_region(now)
    ctx.update({
        "overall": {"heading": heads.h1("总体运行情况"), "paragraphs": overall},
        "indicators": {"heading": heads.h1("分指标分析"), "rows": indicator_rows, "paragraphs": indicator_paras,
                       "previous": f"{pm}月" if pm else ""},
        "regions": {"heading": heads.h1("分地区分析"), "rows": region_rows, "paragraphs": region_paras,
                    "chart": region_chart, "chart_caption": chart_caption(region_chart)},
        "problems": {"heading": heads.h1("存在问题"), "paragraphs": problems or ["本期没有亮红灯或较上期明显回落的指标。"]},
        "suggestions": {"heading": heads.h1("下步建议"), "paragraphs": suggestions,
                        "note": "以下建议为待编辑稿，按红灯指标逐项列出，请结合实际修改后印发。" if suggestions else
                                "本期没有亮红灯的指标。"},
        "trends": {"charts": charts, "caption": "重点指标逐月走势（虚线为序时进度或目标）"},
        "source": now.source,
    })
    return ctx


def _raw_target(s) -> str:
    """The target as written (定性目标“完成省定目标”，不亮灯 → 完成省定目标)."""
    note = s.note or ""
    return note.split("“", 1)[1].split("”", 1)[0] if "“" in note else "—"


def _light_word(s) -> str:
    return {"green": "绿", "yellow": "黄", "red": "红"}.get(s.status, "—") if s is not None else "—"


def _problems(now: ProgressReport, before_at: dict, pm: int | None) -> tuple[list[str], list[str]]:
    """Red lights by indicator, and figures falling further behind than last month; a draft suggestion per red item."""
    reds: dict[str, list] = {}
    for s in now.statuses:
        if s.status == "red":
            reds.setdefault(s.indicator, []).append(s)
    problems, suggestions = [], []
    for i, (indicator, cells) in enumerate(reds.items(), 1):
        cells.sort(key=lambda s: -(s.lag or 0))
        where = "；".join(f"{s.region}{status_phrase(s)}" for s in cells[:4]) + (f"等{len(cells)}个地区" if len(cells) > 4 else "")
        problems.append(f"{name_of(cells[0])}亮红灯：{where}。")
        who = cells[0].responsible or "责任部门"
        regions = "、".join(s.region for s in cells)
        suggestions.append(f"【待编辑】{i}. 针对{name_of(cells[0])}在{regions}亮红灯的情况，建议{who}会同相关地区分析原因，"
                           f"提出加快推进的具体措施。")
    if pm is not None:
        falling = []
        for s in now.statuses:
            before = before_at.get((s.indicator, s.region))
            grew = lag_change(s, before)
            if grew is not None and grew >= 1 and s.status in ("yellow", "red"):
                falling.append((grew, s))
        falling.sort(key=lambda x: -x[0])
        if falling:
            said = "；".join(f"{s.region}{name_of(s)}落后幅度比{pm}月扩大{points(g)}" for g, s in falling[:5])
            more = f"等{len(falling)}处" if len(falling) > 5 else ""
            problems.append(f"部分指标较上月回落：{said}{more}。")
        worse = [s for s in now.statuses if (b := before_at.get((s.indicator, s.region))) is not None
                 and _order(s.status) > _order(b.status) > 0]
        if worse:
            problems.append(f"亮灯较{pm}月转差的有{len(worse)}个地区次：" + "、".join(
                f"{s.region}{name_of(s)}（{_word(before_at[(s.indicator, s.region)].status)}转{_word(s.status)}）"
                for s in worse[:5]) + ("等" if len(worse) > 5 else "") + "。")
    return problems, suggestions


def _order(light: str | None) -> int:
    return {"green": 1, "yellow": 2, "red": 3}.get(light, 0)


def _word(light: str | None) -> str:
    return {"green": "绿灯", "yellow": "黄灯", "red": "红灯"}.get(light, "不亮灯")


def _trends(series: list[ProgressReport], keys: list) -> list[TrendChart]:
    """One line chart per key indicator over the year's periods (completion vs 序时 for cumulative ones)."""
    if len(series) < 2:
        return []
    charts = []
    at = [index(r) for r in series]
    for s in keys:
        cells = [a.get((s.indicator, s.region)) for a in at]
        months = [r.month for r in series]
        if s.kind == "sum":
            values = [c.completion * 100 if c and c.completion is not None else None for c in cells]
            ref = [c.schedule * 100 if c and c.schedule is not None else None for c in cells]
            labels = ("完成年度目标（%）", "序时进度（%）")
        else:
            values = [c.actual if c else None for c in cells]
            ref = [c.target if c else None for c in cells]
            unit = unit_of(s)
            labels = (f"实际（{unit}）" if unit else "实际", f"目标（{unit}）" if unit else "目标")
        if sum(v is not None for v in values) >= 2:
            name = name_of(s)
            title = name if len(name) <= 16 else name[:16] + "\n" + name[16:32]
            charts.append(Trend(title, months, values, ref, *labels))
    return [TrendChart(charts)] if charts else []


def _on_track(s) -> bool:
    """At or beyond its 序时进度 (cumulative) or its target (rates; the other way round when lower is better),
    as status_phrase rounds: 持平 counts."""
    if s.completion is not None and s.kind == "sum":
        return round((s.completion - (s.schedule if s.schedule is not None else 1.0)) * 100, 1) >= 0
    if s.actual is not None and s.target is not None:
        diff = round(s.actual - s.target, 2)
        return diff <= 0 if s.direction == "lower" else diff >= 0
    return False
