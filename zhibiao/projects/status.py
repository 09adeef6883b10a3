"""The light of one project (三色): its nodes (开工, 竣工) against the period's end, its investment against 序时进度.

red: a node overdue (planned start or finish passed, not done) or investment behind beyond the yellow band;
yellow: a start later than planned that has happened, or investment inside the yellow band; green otherwise;
none for 谋划 projects and for rows with neither a node nor an annual plan.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from ..expr import format_number
from .dates import NodeDate, months_between
from .reader import Project, money
from .rules import ProjectRules

LIGHT_LABEL = {"green": "绿", "yellow": "黄", "red": "红", None: "—"}
_ORDER = {"red": 2, "yellow": 1, "green": 0}


def pct(x: float | None) -> str:
    return "—" if x is None else f"{format_number(x * 100, 1)}%"


@dataclass
class ProjectStatus:
    """One project evaluated for a period: node flags, investment against schedule, the light and why."""

    project: Project
    status: str | None  # green | yellow | red | None
    reasons: list[str]
    started: bool
    start_due: bool
    finished: bool
    finish_due: bool
    investment_rate: float | None  # 本年累计 ÷ 年度计划, a fraction
    schedule: float | None  # the investment 序时进度 for the period, a fraction
    lag: float | None = None  # points behind the investment schedule (negative: ahead)
    start_delay_months: int | None = None  # a late start, in calendar months (0: later in the same month)
    note: str | None = None  # why there is no light
    cell: str | None = None
    future: list[str] = field(default_factory=list)  # actual nodes typed after the period's end
    causes: list[tuple[str, str]] = field(default_factory=list)  # (light, field) behind a red or yellow light

    @property
    def start_overdue(self) -> bool:
        return self.start_due and not self.started

    @property
    def finish_overdue(self) -> bool:
        return self.finish_due and not self.finished

    def to_json(self) -> dict:
        """The stable names of the JSON interface, then a few extras."""
        p = self.project
        return {
            "name": p.name, "region": p.region, "category": p.category, "status": self.status,
            "reasons": list(self.reasons),
            "planned_start": p.planned_start.iso(), "actual_start": p.actual_start.iso(),
            "planned_finish": p.planned_finish.iso(), "actual_finish": p.actual_finish.iso(),
            "started": self.started, "start_due": self.start_due, "finished": self.finished, "finish_due": self.finish_due,
            "investment_plan": p.investment_plan, "investment_done": p.investment_done,
            "investment_rate": self.investment_rate, "schedule": self.schedule, "cell": self.cell,
            "lag": self.lag, "note": self.note, "total_investment": p.total_investment, "responsible": p.responsible,
            "progress_text": p.progress_text, "intro_year": p.intro_year,
            "dates_as_typed": {k: getattr(p, k).text or None for k in ("planned_start", "actual_start", "planned_finish", "actual_finish")},
        }


def _by(period_end: dt.date, node: NodeDate) -> bool:
    """An actual node that happened by the period's end (已开工 counts; a date after the end does not)."""
    return node.kind == "done" or (node.first is not None and node.first <= period_end)


def _until(period_end: dt.date, year: int) -> str:
    """至6月底, or 至2023年6月底 when the node lies in another year."""
    return f"至{period_end.month}月底" if year == period_end.year else f"至{period_end.year}年{period_end.month}月底"


def evaluate(p: Project, period_end: dt.date, rules: ProjectRules, cell: str | None = None) -> ProjectStatus:
    """The light of one project at the end of a period (cumulative from January)."""
    month = period_end.month
    started = _by(period_end, p.actual_start) or _by(period_end, p.actual_finish) or p.category == "续建"
    finished = _by(period_end, p.actual_finish)
    future = [name for name, node in (("actual_start", p.actual_start), ("actual_finish", p.actual_finish))
              if node.first is not None and node.first > period_end]
    start_due = p.category != "续建" and p.planned_start.last is not None and p.planned_start.last <= period_end
    finish_due = p.planned_finish.last is not None and p.planned_finish.last <= period_end
    plan, done = p.investment_plan, p.investment_done
    rate = lag = None
    schedule = rules.investment_schedule.at(month) if plan is not None else None
    if plan is not None and plan > 0 and done is not None:
        rate = done / plan
        lag = (schedule - rate) * 100
        if not math.isfinite(lag):
            rate = lag = None
        else:
            rate, lag = round(rate, 6), round(lag, 6)
    status = ProjectStatus(p, None, [], started, start_due, finished, finish_due, rate, schedule, lag,
                           cell=cell, future=future)
    if p.category == "谋划":
        status.note = "谋划类项目尚未进入建设阶段，不评价进度"
        status.reasons = [status.note]
        return status
    has_nodes = any(n.first is not None or n.kind == "done" for n in (p.planned_start, p.planned_finish, p.actual_start, p.actual_finish))
    if not has_nodes and rate is None:
        status.note = ("没有计划开工、竣工时间，年度计划投资未填或为0，无法评价" if plan in (None, 0)
                       else "没有计划开工、竣工时间，本年累计完成投资未填报（不按0计），无法评价")
        status.reasons = [status.note]
        return status
    lights: list[tuple[str, str, str]] = []  # (light, reason, the field it is about)
    until = _until(period_end, p.planned_start.last.year if p.planned_start.last else period_end.year)
    if status.start_overdue:
        lights.append(("red", f"计划{p.planned_start.label()}开工，{until}未开工", "planned_start"))
    elif (started and p.actual_start.first and p.planned_start.last and p.actual_start.first > p.planned_start.last
          and p.actual_start.first.year == period_end.year):  # last year's late start is not this year's news
        delay = months_between(p.planned_start.last, p.actual_start.first)
        status.start_delay_months = delay
        late = f"推迟{delay}个月" if delay else "晚于计划"
        lights.append(("yellow", f"计划{p.planned_start.label()}开工，实际{p.actual_start.label()}开工，{late}", "actual_start"))
    if status.finish_overdue:
        until = _until(period_end, p.planned_finish.last.year)
        lights.append(("red", f"计划{p.planned_finish.label()}竣工，{until}未竣工", "planned_finish"))
    if lag is not None:
        light = rules.bands.light(lag)
        if light != "green":
            lights.append((light, f"本年完成投资{money(done)}，为年度计划{money(plan)}的{pct(rate)}，"
                                  f"序时进度{pct(schedule)}，落后{format_number(lag, 1)}个百分点", "done"))
    if lights:
        worst = max(lights, key=lambda x: _ORDER[x[0]])[0]
        status.status = worst
        ordered = sorted(lights, key=lambda x: -_ORDER[x[0]])
        status.reasons = [text for _, text, _ in ordered]
        status.causes = [(light, where) for light, _, where in ordered]
        return status
    status.status = "green"
    status.reasons = _green_reasons(p, status, period_end)
    return status


def _green_reasons(p: Project, s: ProjectStatus, period_end: dt.date) -> list[str]:
    """What is on track, in a few words: 已于2023年3月开工；投资完成率55.0%，达到序时进度50.0%."""
    out = []
    if s.finished:
        out.append(f"已于{p.actual_finish.label()}竣工" if p.actual_finish.first else "已竣工")
    elif p.category == "续建" and not p.actual_start.done:
        out.append("续建项目")
    elif s.started:
        out.append(f"已于{p.actual_start.label()}开工" if p.actual_start.first else "已开工")
    elif p.planned_start.last:
        out.append(f"计划{p.planned_start.label()}开工，未到节点")
    if s.investment_rate is not None:
        out.append(f"投资完成率{pct(s.investment_rate)}，{'达到' if (s.lag or 0) <= 0 else '接近'}序时进度{pct(s.schedule)}")
    elif p.investment_plan is not None and p.investment_done is None:
        out.append("本年累计完成投资未填报，不评价投资进度")
    return out or ["按计划推进"]
