"""年报 — 年度考评: the year's results per indicator and region, the lights at each quarter, the annual 赛马 score."""

from __future__ import annotations

import datetime as dt
import re

from ..errors import UsageError
from ..progress.rank import places
from ..progress.report import ProgressReport
from ..settings import Settings
from .changes import index, name_of, target_text, unit_of, value_text
from .common import LIGHT_WORD, light_cell, page
from .context import Headings
from .numbers import num, percent
from .lights import lights_table
from .paper import TEXT_WIDTH_MM, twips
from .progress_prose import lights_sentence, status_phrase
from .showcase import quarter_label


APPENDIX_FIXED_MM = 30 + 20


def counted_periods(series: list[ProgressReport], settings: Settings) -> tuple[list[ProgressReport], list[float]]:
    """设置 → 年报计分期间 (months: 3、6、9、12) and 年报计分权重 (as many numbers); default every quarter's end, equal weights."""
    months_text = settings.text("年报计分期间")
    by_month = {r.month: r for r in series}
    if months_text:
        months = [int(m) for m in re.findall(r"\d+", months_text)]
        chosen = [by_month[m] for m in months if m in by_month]
        if not chosen:
            raise UsageError(f"设置“年报计分期间”为 {months_text}，但工作簿中没有这些月份的进度工作表")
    else:
        chosen = [r for r in series if r.month % 3 == 0] or list(series)
    weights_text = settings.text("年报计分权重")
    if weights_text:
        weights = [float(w) for w in re.findall(r"\d+(?:\.\d+)?", weights_text)]
        months = [int(m) for m in re.findall(r"\d+", months_text)] if months_text else [r.month for r in chosen]
        if len(weights) != len(months):
            raise UsageError(f"设置“年报计分权重”有 {len(weights)} 个数，与计分期间的 {len(months)} 期不一致")
        weight_of = dict(zip(months, weights))
        weights = [weight_of[r.month] for r in chosen]
    else:
        weights = [1.0] * len(chosen)
    return chosen, weights


def annual_context(series: list[ProgressReport], settings: Settings, today: dt.date | None = None) -> dict:
    today = today or dt.date.today()
    now = series[-1]
    parent = now.parent
    year = now.period[:4]
    heads = Headings()
    quarters = [r for r in series if r.month % 3 == 0] or [now]
    counted, weights = counted_periods(series, settings)
    at_q = [index(r) for r in quarters]
    ctx = page(settings, today, settings.text("年报标题") or f"{year}年{parent}主要指标年度考评报告", "年报")
    upto = "" if now.month == 12 else f"（截至{now.period_label}）"
    ctx["headline"] = f"{ctx['header']['title']}{upto}"
    ctx["period"] = {"label": now.period_label, "period": now.period, "quarters": [quarter_label(r) for r in quarters],
                     "counted": [quarter_label(r) for r in counted], "weights": [num(w) for w in weights]}

    # 二、分指标完成情况: the parent's final figure and its light at each quarter
    indicator_rows = []
    for s in now.statuses:
        if not s.is_parent or not any(o.status for o in now.statuses if o.indicator == s.indicator):
            continue
        lights = [light_cell(LIGHT_WORD.get(a[(s.indicator, s.region)].status, "—") if (s.indicator, s.region) in a else "—",
                             a[(s.indicator, s.region)].status if (s.indicator, s.region) in a else None) for a in at_q]
        regions = [o for o in now.statuses if o.indicator == s.indicator and not o.is_parent and o.status]
        indicator_rows.append({
            "name": name_of(s), "unit": unit_of(s) or "—", "target": target_text(s), "actual": value_text(s),
            "completion": percent(s.completion) if s.kind == "sum" and s.completion is not None else "—",
            "text": status_phrase(s), "lights": lights,
            "green_regions": sum(1 for o in regions if o.status == "green"), "regions": len(regions)})

    # 三、年度赛马: each counted period's score, weighted
    scores = {region: [] for region in now.regions}
    for report in counted:
        got = {r.region: r.score for r in report.standings}
        for region in now.regions:
            scores[region].append(got.get(region))
    total = sum(weights)
    annual = {region: sum(w * (v or 0.0) for w, v in zip(weights, vals)) / total if total else 0.0
              for region, vals in scores.items()}
    rank = places(annual, True)
    race_rows = [{"rank": str(rank[r]), "region": r, "scores": [num(v, 1) if v is not None else "—" for v in scores[r]],
                  "annual": num(annual[r], 1),
                  "tied": sum(1 for o in rank.values() if o == rank[r]) > 1}
                 for r in sorted(now.regions, key=lambda r: (rank[r], now.regions.index(r)))]

    lit = len(indicator_rows)
    finished = sum(1 for row in indicator_rows if row["lights"] and row["lights"][-1]["status"] == "green")
    overall = [f"{now.period_label}，{parent}{lit}项指标纳入考评，{parent}层面{finished}项亮绿灯。"
               f"分地区看，{lights_sentence(now) or '均未亮灯'}。"]
    if race_rows:
        labels = ctx["period"]["counted"]
        if len(set(weights)) == 1:
            weights_said = f"{'、'.join(labels)}得分等权平均"
        else:
            weights_said = "、".join(f"{label}（权重{w}）" for label, w in zip(labels, ctx["period"]["weights"])) + "得分加权平均"
        top = "、".join(f"{row['region']}（{row['annual']}分）" for row in race_rows[:3])
        overall.append(f"年度赛马按{weights_said}计分，前三位为{top}。")
    ctx.update({
        "overall": {"heading": heads.h1("全年总体情况"), "paragraphs": overall},
        "indicators": {"heading": heads.h1("分指标完成情况"), "rows": indicator_rows},
        "race": {"heading": heads.h1("年度赛马考评"), "rows": race_rows,
                 "note": f"年度得分为各计分期综合得分的加权平均（计分期间与权重见设置“年报计分期间”“年报计分权重”），"
                         f"各期按“{now.standings[0].method if now.standings else ''}”计分。"},
        # the appendix's 指标 and 对照 columns take 30 + 20 mm (reports/build_report_templates.py, annual.html.j2)
        "appendix": {"title": f"{now.period_label}各地区主要指标完成情况",
                     "table": lights_table(now, TEXT_WIDTH_MM - APPENDIX_FIXED_MM)},
        "source": now.source,
        # Word needs the repeated columns' widths: the type area less the fixed columns of each table
        "layout": {"quarter_twips": twips(TEXT_WIDTH_MM - 40 - 20 - 20 - 16 - 18) // max(len(quarters), 1),
                   "race_twips": twips(TEXT_WIDTH_MM - 14 - 30 - 24) // max(len(counted), 1),
                   "appendix_twips": twips(TEXT_WIDTH_MM - APPENDIX_FIXED_MM) // max(len(now.regions) + 1, 1)},
    })
    return ctx

