"""The project report (`zhibiao projects`): the list read, every project lit, regions rated and raced."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .. import steps
from ..codes import CODES, Severity
from ..errors import NoTableFound
from ..formats import read_workbook
from ..grid import Workbook
from ..progress import RankRow
from ..report import Finding, count_codes, finding_order
from ..settings import read_settings
from .dates import period_end
from .rank import rank_regions
from .rates import Rates, by_region, cohorts, tally
from .reader import FIELD_LABEL, ProjectList, read_projects
from .rules import ProjectRules, load_project_rules
from .status import ProjectStatus, evaluate

UNKNOWN_REGION = "未注明地区"


@dataclass
class ProjectsReport:
    """Lights, rates and the ranking of one project list for one period."""

    projects: ProjectList
    statuses: list[ProjectStatus]
    regions: list[Rates]
    total: Rates
    cohorts: list[Rates]
    ranking: list[RankRow]
    findings: list[Finding]
    rules: ProjectRules
    source: str = "(内存)"
    parent: str = "全市"
    split_regions: list[str] = field(default_factory=list)

    @property
    def period(self) -> str:
        return str(self.projects.period)

    @property
    def month(self) -> int:
        return self.projects.period.month

    @property
    def period_label(self) -> str:
        return self.projects.period.label

    @property
    def sheet(self) -> str:
        return self.projects.sheet

    def count(self, status: str | None) -> int:
        return sum(1 for s in self.statuses if s.status == status)

    @property
    def exit_code(self) -> int:
        return 1 if any(f.severity is Severity.ERROR for f in self.findings) else 0

    def headline(self) -> str:
        """One Chinese line: the period, the projects and the count of each light."""
        return (f"{self.period_label}重大项目{len(self.statuses)}个：绿灯{self.count('green')}个、黄灯{self.count('yellow')}个、"
                f"红灯{self.count('red')}个，不评价{self.count(None)}个")

    def summary(self) -> dict:
        r = self.rules
        return {
            "source": self.source, "sheet": self.sheet, "period": self.period, "period_label": self.period_label,
            "period_source": self.projects.period_source, "month": self.month, "parent": self.parent,
            "projects": len(self.statuses), "green": self.count("green"), "yellow": self.count("yellow"),
            "red": self.count("red"), "no_light": self.count(None), "investment_unit": "万元",
            "total": self.total.to_json(), "cohorts": [c.to_json() for c in self.cohorts],
            "start_schedule": r.start_schedule.label, "investment_schedule": r.investment_schedule.label,
            "preset": r.bands.preset, "bands": {"green_within": r.bands.green_within, "yellow_max": r.bands.yellow_max,
                                                "text": r.bands.describe()},
            "method": r.method, "leader": self.ranking[0].region if self.ranking else None,
            "by_code": count_codes(self.findings),
        }

    def to_json(self) -> dict:
        findings = []
        for f in self.findings:
            item = f.to_json()
            item["project"] = f.indicator  # a project finding names its project in `indicator` too
            findings.append(item)
        return {"projects": [s.to_json() for s in self.statuses], "regions": [r.to_json() for r in self.regions],
                "ranking": [r.to_json() for r in self.ranking], "findings": findings, "summary": self.summary()}

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2)

    def flatten(self, fields: list[str] | None = None) -> list[list]:
        """Projects as rows of JSON fields (default: name, region, status)."""
        fields = fields or ["name", "region", "status"]
        return [[s.to_json()[name] for name in fields] for s in self.statuses]


def split_regions(book: Workbook) -> tuple[list[str], str | None]:
    """The regions and parent of the workbook's first split table, if it has one (to check the list's region names)."""
    from ..api import find_tables
    from ..layout import TableKind

    try:
        tables = find_tables(book)
    except NoTableFound:
        return [], None
    split = next((t for t in tables if t.kind is TableKind.SPLIT), None)
    return ([c.label for c in split.regions], split.parent_name) if split else ([], None)


def projects_file(path, period: str | None = None) -> ProjectsReport:
    """Read a workbook and report its project list for one period (the latest list by default)."""
    return projects_workbook(read_workbook(Path(path)), period)


def projects_workbook(book: Workbook, period: str | None = None) -> ProjectsReport:
    """The project report of an already-read workbook."""
    settings = read_settings(book)
    regions, parent = split_regions(book)
    plist = read_projects(book, period, regions)
    rules = load_project_rules(settings)
    findings = list(plist.findings)
    for key, raw, why in rules.problems:
        findings.append(Finding("setting-invalid", CODES["setting-invalid"][1].format(key=key, raw=raw, why=why),
                                raw=raw, sheet="设置"))
    end = period_end(plist.period.year, plist.period.month)
    statuses = [evaluate(p, end, rules, plist.ref(p))
                for p in steps.counted(plist.projects, f"正在评价 {len(plist.projects)} 个项目")]
    for s in statuses:
        for name in s.future:
            node = getattr(s.project, name)
            what = "开工" if name == "actual_start" else "竣工"
            position = s.project.cells[name]
            findings.append(Finding(
                "project-date-future", CODES["project-date-future"][1].format(
                    field=FIELD_LABEL[name], raw=node.text, period_end=end.isoformat(), what=what),
                indicator=s.project.name, region=s.project.region, cell=plist.grid.ref(*position), raw=node.text,
                sheet=plist.sheet, position=position))
    year, month = plist.period.year, plist.period.month
    start_at, invest_at = rules.start_schedule.at(month), rules.investment_schedule.at(month)
    rates = by_region(statuses, regions, year, start_at, invest_at)
    ranking = rank_regions([r for r in rates if r.region != UNKNOWN_REGION and r.projects], rules.method)
    parent = parent or settings.text("上级名称") or "全市"
    total = tally(parent, statuses, year, start_at, invest_at)
    return ProjectsReport(
        plist, statuses, rates, total, cohorts(statuses, year, start_at, invest_at, rules.cohort_targets), ranking,
        sorted(findings, key=finding_order), rules, str(book.path) if book.path else "(内存)", parent, regions)
