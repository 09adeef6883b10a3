"""重大项目推进情况 for the briefing: the 开工率 / 投资完成率 table by region, 三色 counts, every red project, a chart."""

from __future__ import annotations

from ..projects import ProjectsReport
from ..projects.reader import money
from .charts import STATUS_FILL, Bar, Chart, completion_chart
from ..projects.status import pct
from .numbers import num, points


def _against(rate: float | None, schedule: float | None, what: str) -> str:
    """开工率71.4%（序时要求65%），高于序时6.4个百分点 / 与序时持平."""
    if rate is None:
        return f"{what}无法计算"
    text = f"{what}{pct(rate)}"
    if schedule is None:
        return text
    text += f"（序时要求{pct(schedule)}）"
    diff = round((rate - schedule) * 100, 1)
    if diff == 0:
        return f"{text}，与序时持平"
    return f"{text}，{'高于' if diff > 0 else '低于'}序时{points(diff)}"


def lights_sentence(report: ProjectsReport) -> str:
    """绿灯7个、黄灯6个、红灯10个，2个谋划类或缺少数据的项目不评价."""
    text = f"绿灯{report.count('green')}个、黄灯{report.count('yellow')}个、红灯{report.count('red')}个"
    unlit = report.count(None)
    return text + (f"，{unlit}个谋划类或缺少节点和计划投资的项目不评价" if unlit else "")


def overview(report: ProjectsReport) -> str:
    """One paragraph: how many projects, the lights, 开工率, 竣工率, 投资完成率 of the whole list."""
    t = report.total
    by_kind = {}
    for s in report.statuses:
        by_kind[s.project.category or "未分类"] = by_kind.get(s.project.category or "未分类", 0) + 1
    kinds = "、".join(f"{k}类{n}个" for k, n in by_kind.items())
    text = (f"截至{report.period_label.split('年', 1)[1]}底，{t.region}纳入监测的重大项目{t.projects}个（{kinds}），"
            f"按节点和投资进度评价，{lights_sentence(report)}。")
    parts = []
    if t.new_projects:
        parts.append(f"新建项目{t.new_projects}个、已开工{t.started}个，{_against(t.start_rate, t.start_schedule, '开工率')}")
    if t.finish_due:
        parts.append(f"年内计划竣工{t.finish_due}个、已竣工{t.finished}个，竣工率{pct(t.finish_rate)}")
    if t.investment_rate is not None:
        parts.append(f"本年完成投资{money(t.investment_done)}，{_against(t.investment_rate, t.investment_schedule, '年度投资完成率')}")
    return text + ("；".join(parts) + "。" if parts else "")


def cohort_sentence(report: ProjectsReport) -> str:
    """当年引进项目开工率55.6%，达到50%的目标；…"""
    out = []
    for c in report.cohorts:
        if not c.projects:
            continue
        parts = []
        for measure, label in (("start_rate", "开工率"), ("finish_rate", "竣工率"), ("investment_rate", "投资完成率")):
            target = c.extras.get(f"{measure}_target")
            value = getattr(c, measure)
            if target is None or value is None:
                continue
            met = "达到" if c.extras.get(f"{measure}_met") else "未达到"
            parts.append(f"{label}{pct(value)}，{met}{pct(target)}的目标")
        if parts:
            out.append(f"{c.region}{c.projects}个，" + "，".join(parts))
    return "分类看，" + "；".join(out) + "。" if out else ""


def region_rows(report: ProjectsReport) -> list[dict]:
    """One row per region and the whole list: 开工率 and 投资完成率 beside their schedules, the lights."""
    rows = []
    for r in report.regions + [report.total]:
        rows.append({
            "region": r.region, "projects": r.projects, "new": r.new_projects, "started": r.started,
            "start_rate": pct(r.start_rate), "start_fill": _fill(r.start_rate, r.start_schedule, report),
            "finished": f"{r.finished}/{r.finish_due}" if r.finish_due else "—",
            "investment": num(r.investment_done / 1e4, 2) if r.investment_plan else "—",
            "investment_rate": pct(r.investment_rate),
            "investment_fill": _fill(r.investment_rate, r.investment_schedule, report),
            "green": r.green, "yellow": r.yellow, "red": r.red, "total": r is report.total,
        })
    return rows


def _fill(rate: float | None, schedule: float | None, report: ProjectsReport) -> str:
    if rate is None or schedule is None:
        return "FFFFFF"
    return STATUS_FILL[report.rules.bands.light((schedule - rate) * 100)]


def red_rows(report: ProjectsReport) -> list[dict]:
    """Every red project, by region in the table's order, with its reasons and 责任单位."""
    order = {r.region: i for i, r in enumerate(report.regions)}
    reds = [s for s in report.statuses if s.status == "red"]
    reds.sort(key=lambda s: (order.get(s.project.region, len(order)), s.project.row))
    return [{"name": s.project.name, "region": s.project.region, "category": s.project.category or "—",
             "reasons": "；".join(s.reasons), "responsible": s.project.responsible or "—"} for s in reds]


def chart(report: ProjectsReport) -> tuple[Chart | None, str]:
    """开工率 by region against the 开工 schedule; 投资完成率 when fewer than two regions have new projects."""
    for measure, schedule, label, xlabel in (
            ("start_rate", "start_schedule", "开工序时", "各地区新建项目开工率（%）"),
            ("investment_rate", "investment_schedule", "序时进度", "各地区年度投资完成率（%）")):
        regions = [r for r in report.regions if getattr(r, measure) is not None]
        if len(regions) < 2:
            continue
        reference = getattr(regions[0], schedule)
        bars = [Bar(r.region, getattr(r, measure), report.rules.bands.light((reference - getattr(r, measure)) * 100))
                for r in sorted(regions, key=lambda r: -getattr(r, measure))]
        caption = "各地区新建项目开工率（虚线为开工序时要求）" if measure == "start_rate" else "各地区重大项目年度投资完成率（虚线为序时进度）"
        return completion_chart(bars, reference, label, xlabel), caption
    return None, ""


def projects_section(report: ProjectsReport, heading: str, regions_heading: str, red_heading: str) -> dict:
    """The section's context: text, the region table, the red list and the chart, ready to place."""
    figure, caption = chart(report)
    reds = red_rows(report)
    start = report.rules.start_schedule.label
    return {
        "heading": heading,
        "overview": overview(report),
        "regions_heading": regions_heading,
        "cohorts": cohort_sentence(report),
        "table_title": f"各地区重大项目推进情况（{report.period_label}）",
        "rows": region_rows(report),
        "legend": (f"开工率为新建项目中已开工的比例，开工序时要求{pct(report.total.start_schedule)}"
                   f"（按季度{start}）；投资完成率为本年累计完成投资占年度计划投资的比例，序时进度"
                   f"{pct(report.total.investment_schedule)}；完成投资单位为亿元。底色：绿为达到序时，黄、红为落后"
                   f"（{report.rules.bands.describe()}）。"),
        "red_heading": red_heading,
        "red_intro": (f"以下{len(reds)}个项目亮红灯（时间节点逾期或投资进度明显落后），请责任单位会同属地加快推进。"
                      if reds else "本期没有亮红灯的重大项目。"),
        "reds": reds,
        "chart": figure,
        "chart_caption": caption,
    }
