"""Rates per region and for the whole list: 开工率, 竣工率, 投资完成率, 三色 counts; cohorts by year of introduction.

开工率 = the year's 新建 projects started ÷ all the year's 新建 projects (against the 开工 schedule);
竣工率 = finished ÷ due to finish this year; 投资完成率 = Σ本年累计 ÷ Σ年度计划 over projects with both figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .status import ProjectStatus

RECENT_MIN_TOTAL = 30000.0  # 3亿元, in 万元
COHORT_LABEL = {"current": "当年引进项目", "recent": "近两年引进3亿元以上项目"}


@dataclass
class Rates:
    """One region (or the whole list, or a cohort): counts and rates as fractions (None without a denominator)."""

    region: str
    new_projects: int = 0
    started: int = 0
    start_rate: float | None = None
    start_schedule: float | None = None
    finish_due: int = 0  # due to finish this year (planned finish in the period's year or before)
    finished: int = 0
    finish_rate: float | None = None
    investment_plan: float = 0.0
    investment_done: float = 0.0
    investment_rate: float | None = None
    investment_schedule: float | None = None
    green: int = 0
    yellow: int = 0
    red: int = 0
    projects: int = 0
    no_light: int = 0
    start_overdue: int = 0
    finish_overdue: int = 0
    extras: dict = field(default_factory=dict)  # cohorts: targets and whether each is met

    def to_json(self) -> dict:
        out = {name: getattr(self, name) for name in (
            "region", "new_projects", "started", "start_rate", "start_schedule", "finish_due", "finished", "finish_rate",
            "investment_plan", "investment_done", "investment_rate", "investment_schedule", "green", "yellow", "red",
            "projects", "no_light", "start_overdue", "finish_overdue")}
        out.update(self.extras)
        return out


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 6) if b else None


def tally(label: str, statuses: list[ProjectStatus], year: int, start_schedule: float, investment_schedule: float,
          counts_new=lambda s: s.project.category == "新建") -> Rates:
    """The rates of a group of projects; `counts_new` says which ones the 开工率 counts (新建, or a whole cohort)."""
    r = Rates(label, start_schedule=start_schedule, investment_schedule=investment_schedule)
    for s in statuses:
        p = s.project
        r.projects += 1
        if s.status is None:
            r.no_light += 1
        else:
            setattr(r, s.status, getattr(r, s.status) + 1)
        r.start_overdue += s.start_overdue
        r.finish_overdue += s.finish_overdue
        planned_year = p.planned_start.last.year if p.planned_start.last else None
        if counts_new(s) and (planned_year is None or planned_year <= year):
            r.new_projects += 1
            r.started += s.started
        finish = p.planned_finish.last
        done_before = p.actual_finish.first is not None and p.actual_finish.first.year < year
        if finish is not None and finish.year <= year and not done_before:
            r.finish_due += 1
            r.finished += s.finished
        if p.investment_plan is not None and p.investment_plan > 0 and p.investment_done is not None:
            r.investment_plan += p.investment_plan
            r.investment_done += p.investment_done
    r.start_rate = _ratio(r.started, r.new_projects)
    r.finish_rate = _ratio(r.finished, r.finish_due)
    r.investment_rate = _ratio(r.investment_done, r.investment_plan)
    r.investment_plan, r.investment_done = round(r.investment_plan, 6), round(r.investment_done, 6)
    return r


def by_region(statuses: list[ProjectStatus], regions: list[str], year: int, start_schedule: float,
              investment_schedule: float) -> list[Rates]:
    """One Rates per region, in the given order (the split's, else first appearance in the list)."""
    groups: dict[str, list[ProjectStatus]] = {r: [] for r in regions}
    for s in statuses:
        groups.setdefault(s.project.region, []).append(s)
    return [tally(region, members, year, start_schedule, investment_schedule)
            for region, members in groups.items() if members or region in regions]


def cohorts(statuses: list[ProjectStatus], year: int, start_schedule: float, investment_schedule: float,
            targets: dict[tuple[str, str], float]) -> list[Rates]:
    """当年引进 and 近两年引进3亿元以上 projects (谋划 left out), with the seed's targets; none without 引进年份."""
    if not any(s.project.intro_year for s in statuses):
        return []
    members = {
        "current": [s for s in statuses if s.project.intro_year == year and s.project.category != "谋划"],
        "recent": [s for s in statuses if s.project.intro_year in (year - 1, year) and s.project.category != "谋划"
                   and (s.project.total_investment or 0) >= RECENT_MIN_TOTAL],
    }
    out = []
    for key, group in members.items():
        rates = tally(COHORT_LABEL[key], group, year, start_schedule, investment_schedule, counts_new=lambda s: True)
        extras = {"cohort": key}
        for measure in ("start_rate", "finish_rate", "investment_rate"):
            target = targets.get((key, measure))
            if target is None:
                continue
            value = getattr(rates, measure)
            extras[f"{measure}_target"] = target
            extras[f"{measure}_met"] = None if value is None else value >= target - 1e-9
        rates.extras = extras
        out.append(rates)
    return out
