"""Progress against targets (`zhibiao progress`): 序时进度, 红黄绿 lights and the 赛马 ranking.

Targets come from the split table the core finds; actual cumulative figures from a 进度 sheet of the
same shape. The rules for one cell live in progress_status, the bands and schedules in progress_rules,
the ranking in progress_rank, the pairing of the two sheets in progress_match; this module assembles the report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter
from pathlib import Path

from ..api import find_tables, unresolved_message
from ..codes import CODES, Severity
from ..errors import NoTableFound
from ..formats import read_workbook
from ..grid import Workbook
from ..json_text import dumps_indented, write_indented_records
from ..layout import TableKind, detect_table
from .match import Builder, explain_uncached
from .period import Period, choose_sheet, progress_sheets
from .rank import RankRow, rank_regions, ranking_json
from .rules import Rules, load_rules
from .status import Status
from ..report import Finding, count_codes, finding_order
from ..settings import read_settings

_LIGHT, _INDICATOR = attrgetter("status"), attrgetter("indicator")

__all__ = ["ProgressReport", "RankRow", "Status", "list_periods", "progress_file", "progress_workbook"]


@dataclass
class ProgressReport:
    """The lights and the ranking for one period (the ranking is worked out when first asked for)."""

    period: str  # 2023-06
    month: int
    statuses: list[Status]
    findings: list[Finding]
    weights: dict[str, float]  # 赛马权重 per indicator (0: not raced)
    source: str = "(内存)"
    sheet: str = ""  # the 进度 sheet
    split_sheet: str = ""
    parent: str = "全市"
    regions: list[str] = field(default_factory=list)
    rules: Rules | None = field(default=None, repr=False)

    @cached_property
    def ranking(self) -> list[RankRow]:
        """The 赛马 table: a 年报 or 月报 over the year's 进度 sheets needs it for a few of them only."""
        return rank_regions(self.statuses, self.regions, self.weights, self.rules.method)

    @property
    def standings(self) -> list[RankRow]:
        """The 赛马 table as printed (places, scores, lights, ties): the ranking without each region's per-indicator
        details, which only the JSON and the workbook's sheet list (the ranking itself once worked out)."""
        if "ranking" in self.__dict__:
            return self.ranking
        if "_standings" not in self.__dict__:
            self.__dict__["_standings"] = rank_regions(self.statuses, self.regions, self.weights, self.rules.method,
                                                       per_indicator=False)
        return self.__dict__["_standings"]

    @property
    def period_label(self) -> str:
        year, month = self.period.split("-")
        return Period(int(year), int(month)).label

    def count(self, status: str | None) -> int:
        return sum(1 for s in self.statuses if s.status == status)

    def _counts(self) -> Counter:
        """How many statuses have each light (None: no light), in one pass at C speed."""
        return Counter(map(_LIGHT, self.statuses))

    @property
    def empty(self) -> bool:
        """No actual figure at all on the 进度 sheet (a template not filled in yet): no progress to report."""
        return all(s.actual is None for s in self.statuses) and not any(f.code == "actual-unparsed" for f in self.findings)

    @property
    def lit(self) -> int:
        """How many indicator × region cells have a light."""
        return sum(n for light, n in self._counts().items() if light)

    @property
    def exit_code(self) -> int:
        """0 only when something was lit and no error was found."""
        return 1 if not self.lit or any(f.severity is Severity.ERROR for f in self.findings) else 0

    def nothing_lit(self) -> str:
        """Why no light was lit, in one line (empty when some were)."""
        if self.lit:
            return ""
        if self.empty:
            return f"进度表“{self.sheet}”（{self.period_label}）还没有填报实际数，没有可亮灯的指标"
        return f"进度表“{self.sheet}”（{self.period_label}）没有可亮灯的指标：实际数与分解表目标对不上，见下列问题"

    def summary(self) -> dict:
        return self._summary(self.ranking)

    def _summary(self, ranking: list[RankRow]) -> dict:
        rules, counts = self.rules, self._counts()
        return {
            "source": self.source, "sheet": self.sheet, "split_sheet": self.split_sheet,
            "period": self.period, "period_label": self.period_label, "month": self.month,
            "parent": self.parent, "regions": self.regions,
            "indicators": len(set(map(_INDICATOR, self.statuses))),
            "green": counts["green"], "yellow": counts["yellow"], "red": counts["red"], "no_light": counts[None],
            "preset": rules.bands.preset if rules else None,
            "bands": {"green_within": rules.bands.green_within, "yellow_max": rules.bands.yellow_max,
                      "text": rules.bands.describe()} if rules else None,
            "schedule": rules.schedule.label if rules else None,
            "method": rules.method if rules else None,
            "leader": ranking[0].region if ranking else None,
            "by_code": count_codes(self.findings),
        }

    def indicators_lit(self, status: str) -> int:
        """How many indicators have at least one light of this colour (a light is one indicator × region)."""
        return len({s.indicator for s in self.statuses if s.status == status})

    def headline(self) -> str:
        """One Chinese line: the period and each light, counted as 地区次 and as indicators."""
        lights = "，".join(f"{label} {self.count(key)} 个地区次（{self.indicators_lit(key)} 项指标）"
                           for key, label in (("green", "绿灯"), ("yellow", "黄灯"), ("red", "红灯")))
        return f"{self.period_label}：{lights}，不亮灯 {self.count(None)} 个"

    def to_json(self) -> dict:
        return {"statuses": [s.to_json() for s in self.statuses], "ranking": [r.to_json() for r in self.ranking],
                "findings": [f.to_json() for f in self.findings], "summary": self.summary()}

    def dumps(self) -> str:
        return dumps_indented(self.to_json())  # json.dumps(…, indent=2) at C speed

    def write_json(self, stream) -> None:
        """dumps() and a newline written to a text stream, in pieces (megabytes for 100 regions: no joined copy)."""
        ranking, ranking_to_json = self.__dict__.get("ranking"), RankRow.to_json  # worked out already: as it is
        if ranking is None:  # for the JSON alone: each region's details made into dicts as they are written
            ranking = rank_regions(self.statuses, self.regions, self.weights, self.rules.method, as_tuples=True)
            ranking_to_json = ranking_json
        rest = {"findings": [f.to_json() for f in self.findings], "summary": self._summary(ranking)}
        runs = [("statuses", self.statuses, Status.to_json, 2048), ("ranking", ranking, ranking_to_json, 1)]
        write_indented_records(stream, runs, rest, "\n")  # to_json's text, a run of statuses or one region at a time

    def to_frame(self):
        """The statuses as a pandas DataFrame, one row per indicator × region (needs zhibiao[pandas])."""
        from ..frames import STATUS_COLUMNS, frame

        return frame([s.to_json() for s in self.statuses], STATUS_COLUMNS)

    def ranking_frame(self):
        """The 赛马 ranking as a pandas DataFrame, one row per region (needs zhibiao[pandas])."""
        from ..frames import RANKING_COLUMNS, frame

        return frame([r.to_json() for r in self.ranking], RANKING_COLUMNS)

    def flatten(self, fields: list[str] | None = None) -> list[list]:
        """Statuses as rows of the named fields (default: indicator, region, status)."""
        fields = fields or ["indicator", "region", "status"]
        return [[getattr(s, name) for name in fields] for s in self.statuses]


def list_periods(book: Workbook) -> list[str]:
    """The periods of the workbook's 进度 sheets, oldest first (undated sheets left out)."""
    return sorted({str(s.period) for s in progress_sheets(book) if s.period})


def progress_file(path, period: str | None = None, sheet: str | None = None) -> ProgressReport:
    """Read a workbook and report progress for one period (the latest 进度 sheet by default)."""
    return progress_workbook(read_workbook(Path(path)), period, sheet)


def _explain_unresolved(grid) -> None:
    """A 进度 sheet whose names are formulas zhibiao cannot work out (and Excel has not saved): say which, and what to do."""
    if not grid.unresolved:
        return
    (row, col), formula = min(grid.unresolved.items())
    more = f" 等 {len(grid.unresolved)} 个单元格" if len(grid.unresolved) > 1 else ""
    raise NoTableFound(f"进度工作表“{grid.name}”的 {grid.ref(row, col).split('!')[-1]}{more}是{unresolved_message(formula)}")


def progress_workbook(book: Workbook, period: str | None = None, sheet: str | None = None,
                      tables: list | None = None, shared: dict | None = None) -> ProgressReport:
    """Lights and ranking for an already-read workbook; `sheet` names the split (分解) sheet holding the targets.

    `tables` (find_tables(book, sheet), found once) spares a caller evaluating many periods the search per period,
    and `shared` (one empty dict for all of them) the split's check and the parsing of its targets.
    """
    chosen = choose_sheet(book, period)
    splits = [t for t in (tables if tables is not None else find_tables(book, sheet)) if t.kind is TableKind.SPLIT]
    if not splits:
        raise NoTableFound("没有找到指标分解表（各地区目标），无法对照进度" if sheet is None
                           else f"工作表“{sheet}”是目标体系表，不是分解表，无法对照进度")
    actuals = detect_table(chosen.grid)
    if actuals is None or actuals.kind is not TableKind.SPLIT:
        _explain_unresolved(chosen.grid)
    if actuals is None or actuals.kind is not TableKind.SPLIT:
        raise NoTableFound(f"进度工作表“{chosen.grid.name}”中没有找到与分解表同样的表头（指标名称、各地区、全市）")
    findings: list[Finding] = []
    rules = load_rules(read_settings(book))
    for key, raw, why in rules.problems:
        message = CODES["setting-invalid"][1].format(key=key, raw=raw, why=why)
        findings.append(Finding("setting-invalid", message, raw=raw, sheet="设置"))
    target = splits[0]
    builder = Builder(target, actuals, chosen, rules, findings, book, shared)
    builder.run()
    if not builder.matched:
        _explain_unresolved(chosen.grid)
    explain_uncached(book, findings, builder.statuses)
    regions = [c.label for c in target.regions]
    return ProgressReport(
        period=str(chosen.period), month=chosen.period.month, statuses=builder.statuses, weights=builder.weights,
        findings=sorted(findings, key=finding_order), source=str(book.path) if book.path else "(内存)", sheet=chosen.grid.name,
        split_sheet=target.name, parent=target.parent_name, regions=regions, rules=rules,
    )
