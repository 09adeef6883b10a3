"""进度 and 赛马 for the briefing in bureau prose: status phrases, ranking, the completion chart (表1 and the
预警清单 are in lights.py)."""

from __future__ import annotations

import math

from ..codes import CODES, Severity
from ..progress.rank import TIE_NAMED
from ..progress.report import ProgressReport, Status
from .charts import Bar, Chart, completion_chart
from .numbers import against_schedule, against_target, num, trend_verb
from .split_prose import bare_and_unit


def status_phrase(s: Status) -> str:
    """完成年度目标的58.3%，低于序时进度8.4个百分点 (cumulative) or 实际6.5%，低于目标0.5个百分点 (rates)."""
    if s.completion is not None and s.kind == "sum":
        return against_schedule(s.completion, s.schedule if s.schedule is not None else 1.0)
    if s.actual is not None and s.target is not None:
        return against_target(s.actual, s.target, s.unit, s.direction == "lower",
                              bare_and_unit(s.display_name or s.indicator)[0])
    return s.note or "无实际值"


def ranking_rows(progress: ProgressReport) -> list[dict]:
    """The overall 赛马 table: place, region, score, lights, and the tie explanation where there is one."""
    rows = []
    for r in progress.standings:
        lights = r.details.get("lights", {})
        rows.append({"rank": f"{r.rank}", "region": r.region, "score": num(r.score, 1),
                     "green": lights.get("green", 0), "yellow": lights.get("yellow", 0), "red": lights.get("red", 0),
                     "note": "并列" if r.tied else ""})
    return rows


def ranking_sentence(progress: ProgressReport) -> str:
    """综合得分前三位为… ；排名后两位为… (with ties said as such)."""
    ranking = progress.standings
    if not ranking:
        return "本期参与赛马的指标不足，未排名。"
    method = ranking[0].method
    top = "、".join(f"{r.region}（{num(r.score, 1)}分）" for r in ranking[:3])
    text = f"按“{method}”方法计分，综合得分前三位为{top}"
    tail = [r for r in ranking[3:]][-2:]
    if tail:
        text += f"；排名靠后的是{'、'.join(f'{r.region}（{num(r.score, 1)}分）' for r in tail)}"
    shared: dict[int, list] = {}  # the tied regions at each shared place, in ranking order
    for r in ranking:
        if r.tied:
            shared.setdefault(r.rank, []).append(r)
    text += "。" + "".join(_tie_sentence(rows) for rows in list(shared.values())[:2])
    return text


def _tie_sentence(rows: list) -> str:
    """甲区、乙区并列第1名：… once for the place (each region's own tie text names the others, not itself: two of
    them read as two sentences without a subject); a large tie names three and counts them, as rank._mates does."""
    names = [r.region for r in rows]
    who = "、".join(names) if len(names) <= TIE_NAMED + 1 else f"{'、'.join(names[:3])}等{len(names)}个地区"
    return f"{who}并列第{rows[0].rank}名：加权得分同为{num(rows[0].score, 2)}，名次不再细分，下一名次顺延。"


def parent_sentences(progress: ProgressReport, limit: int = 3) -> list[str]:
    """The parent's (全市) indicators furthest behind, as clauses for the summary."""
    behind = [s for s in progress.statuses if s.is_parent and s.status and (s.lag or 0) > 0]
    behind.sort(key=lambda s: -(s.lag or 0))
    return [f"{_subject(s)}{status_phrase(s)}" for s in behind[:limit]]


def _subject(s: Status) -> str:
    """The name before a phrase: …占比 + 实际提高1.2个百分点, not …占比提高 + 实际提高…."""
    bare = bare_and_unit(s.display_name or s.indicator)[0]
    verb = trend_verb(bare)
    if verb and s.kind != "sum" and s.actual is not None and s.target is not None:
        return bare[: -len(verb)]
    return bare


def completion_by_region(progress: ProgressReport) -> Chart | None:
    """Mean completion of the cumulative indicators per region, against 序时进度, coloured by the bands."""
    values: dict[str, list[float]] = {r: [] for r in progress.regions}
    schedules: dict[str, list[float]] = {r: [] for r in progress.regions}
    for s in progress.statuses:
        if s.kind == "sum" and s.completion is not None and not s.is_parent and s.region in values:
            values[s.region].append(s.completion)
            schedules[s.region].append(s.schedule)
    means = {r: sum(v) / len(v) for r, v in values.items() if v}
    # a figure typed absurdly large (1e308) has no place on an axis; the tables still show it
    means = {r: m for r, m in means.items() if math.isfinite(m * 1000)}
    if len(means) < 2:
        return None
    # each region is held to the mean schedule of its own indicators (one indicator may have 30/65/85/100)
    own = {r: sum(schedules[r]) / len(schedules[r]) for r in means}
    shared = len({round(v, 9) for v in own.values()}) == 1
    bands = progress.rules.bands if progress.rules else None
    bars = []
    for region, mean in sorted(means.items(), key=lambda kv: -kv[1]):
        light = bands.light((own[region] - mean) * 100) if bands else None
        bars.append(Bar(region, mean, light, None if shared else own[region]))
    reference = next(iter(own.values())) if shared else None
    return completion_chart(bars, reference, "序时进度", "累计类指标平均完成年度目标（%）")


def chart_caption(chart: Chart | None) -> str:
    """What the dashed marks are: one 序时进度 for all, or each region's own."""
    if chart is None:
        return ""
    if chart.shared_reference:
        return "各地区累计类指标平均完成率（虚线为序时进度）"
    return "各地区累计类指标平均完成率（虚线为各地区序时进度，按其累计类指标的序时进度平均）"


def tally(progress: ProgressReport, status: str) -> str:
    """5项指标、6个地区次: a light is one indicator in one region, so both counts are said."""
    return f"{progress.indicators_lit(status)}项指标、{progress.count(status)}个地区次"


def lights_sentence(progress: ProgressReport) -> str:
    """亮红灯的有5项指标、6个地区次，… : every colour counted the same way as the 预警清单 (one pass over the lights)."""
    regions: dict[str, int] = {"red": 0, "yellow": 0, "green": 0}
    indicators: dict[str, set[str]] = {key: set() for key in regions}
    for s in progress.statuses:
        if s.status in regions:
            regions[s.status] += 1
            indicators[s.status].add(s.indicator)
    return "，".join(f"亮{label}的有{len(indicators[key])}项指标、{regions[key]}个地区次"
                    for key, label in (("red", "红灯"), ("yellow", "黄灯"), ("green", "绿灯")) if regions[key])


def data_notes(progress: ProgressReport) -> list[str]:
    """Gaps in the reported figures (a missing actual is said, never read as 0). The actuals not reported are
    said once, by indicator with its regions (180 of them in a 100-region workbook were the same sentence five
    times, then 等180处); the other gaps one by one, the first five."""
    notes = [f for f in progress.findings if f.severity in (Severity.ERROR, Severity.WARNING)]
    if not notes:
        return []
    label = progress.period_label
    plain = CODES["actual-missing"][1]
    missing: dict[str, list[str]] = {}
    rest = []
    for f in notes:
        if f.code == "actual-missing" and f.indicator and f.region \
                and f.message == plain.format(region=f.region, period=label, shown=""):
            missing.setdefault(f.indicator, []).append(f.region)
        else:
            rest.append(f)
    said = []
    if missing:
        items = [f"{bare_and_unit(name)[0]}（{_some_regions(regions)}）" for name, regions in list(missing.items())[:5]]
        more = f"等{len(missing)}项指标、{sum(map(len, missing.values()))}处" if len(missing) > 5 else ""
        said.append(f"{label}实际值未填报的，不按0计、不亮灯：{'；'.join(items)}{more}")
    if rest:
        more = f"等{len(rest)}处" if len(rest) > 5 else ""
        said.append("；".join(f"{bare_and_unit(f.indicator)[0] + '：' if f.indicator else ''}{f.message}"
                             for f in rest[:5]) + more)
    return [f"数据说明：{'。'.join(said)}。"]


def _some_regions(names: list[str]) -> str:
    """安吉、长兴 / 地区3、地区7、地区9、地区12、地区15等12个地区: the first five named, the rest counted."""
    return "、".join(names[:5]) + (f"等{len(names)}个地区" if len(names) > 5 else "")
