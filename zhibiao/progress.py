"""Progress against targets (`zhibiao progress`): 序时进度, 红黄绿 lights and the 赛马 ranking.

Targets come from the split table the core finds; actual cumulative figures from a 进度 sheet of the
same shape. The rules for one cell live in progress_status, the bands and schedules in progress_rules,
the ranking in progress_rank; this module matches the two sheets and assembles the report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .api import find_tables
from .basis import find_basis
from .checks import check_table
from .codes import CODES, Severity
from .errors import NoTableFound, UsageError
from .expr import ValueType, format_number, normalize_text, parse_target
from .formats import read_workbook
from .grid import Workbook
from .kinds import Direction, infer_direction, infer_kind, split_unit
from .layout import IndicatorRow, Role, Table, TableKind, detect_table
from .progress_period import Period, ProgressSheet, choose_sheet, progress_sheets
from .progress_rank import RankRow, rank_regions
from .progress_rules import Rules, load_rules
from .progress_status import Status, direction_of, evaluate, no_light_reason, target_value
from .report import Finding
from .settings import read_settings

__all__ = ["ProgressReport", "RankRow", "Status", "list_periods", "progress_file", "progress_workbook"]


@dataclass
class ProgressReport:
    """The lights and the ranking for one period."""

    period: str  # 2023-06
    month: int
    statuses: list[Status]
    ranking: list[RankRow]
    findings: list[Finding]
    source: str = "(内存)"
    sheet: str = ""  # the 进度 sheet
    split_sheet: str = ""
    parent: str = "全市"
    regions: list[str] = field(default_factory=list)
    rules: Rules | None = field(default=None, repr=False)

    @property
    def period_label(self) -> str:
        year, month = self.period.split("-")
        return Period(int(year), int(month)).label

    def count(self, status: str | None) -> int:
        return sum(1 for s in self.statuses if s.status == status)

    @property
    def exit_code(self) -> int:
        return 1 if any(f.severity is Severity.ERROR for f in self.findings) else 0

    def summary(self) -> dict:
        rules = self.rules
        by_code: dict[str, int] = {}
        for f in self.findings:
            by_code[f.code] = by_code.get(f.code, 0) + 1
        return {
            "source": self.source, "sheet": self.sheet, "split_sheet": self.split_sheet,
            "period": self.period, "period_label": self.period_label, "month": self.month,
            "parent": self.parent, "regions": self.regions,
            "indicators": len({s.indicator for s in self.statuses}),
            "green": self.count("green"), "yellow": self.count("yellow"), "red": self.count("red"),
            "no_light": self.count(None),
            "preset": rules.bands.preset if rules else None,
            "bands": {"green_within": rules.bands.green_within, "yellow_max": rules.bands.yellow_max,
                      "text": rules.bands.describe()} if rules else None,
            "schedule": rules.schedule.label if rules else None,
            "method": rules.method if rules else None,
            "leader": self.ranking[0].region if self.ranking else None,
            "by_code": by_code,
        }

    def headline(self) -> str:
        """One Chinese line: the period and the count of each light."""
        return (f"{self.period_label}：绿灯 {self.count('green')} 个，黄灯 {self.count('yellow')} 个，"
                f"红灯 {self.count('red')} 个，不亮灯 {self.count(None)} 个")

    def to_json(self) -> dict:
        return {"statuses": [s.to_json() for s in self.statuses], "ranking": [r.to_json() for r in self.ranking],
                "findings": [f.to_json() for f in self.findings], "summary": self.summary()}

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2)

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


def progress_workbook(book: Workbook, period: str | None = None, sheet: str | None = None) -> ProgressReport:
    """Lights and ranking for an already-read workbook; `sheet` names the split (分解) sheet holding the targets."""
    chosen = choose_sheet(book, period)
    splits = [t for t in find_tables(book, sheet) if t.kind is TableKind.SPLIT]
    if not splits:
        raise NoTableFound("没有找到指标分解表（各地区目标），无法对照进度" if sheet is None
                           else f"工作表“{sheet}”是目标体系表，不是分解表，无法对照进度")
    actuals = detect_table(chosen.grid)
    if actuals is None or actuals.kind is not TableKind.SPLIT:
        raise NoTableFound(f"进度工作表“{chosen.grid.name}”中没有找到与分解表同样的表头（指标名称、各地区、全市）")
    findings: list[Finding] = []
    rules = load_rules(read_settings(book))
    for key, raw, why in rules.problems:
        message = CODES["setting-invalid"][1].format(key=key, raw=raw, why=why)
        findings.append(Finding("setting-invalid", message, raw=raw, sheet="设置"))
    target = splits[0]
    builder = _Builder(target, actuals, chosen, rules, findings, book)
    builder.run()
    _explain_uncached(book, chosen.grid.name, findings, builder.statuses)
    regions = [c.label for c in target.regions]
    ranking = rank_regions(builder.statuses, regions, builder.weights, rules.method)
    return ProgressReport(
        period=str(chosen.period), month=chosen.period.month, statuses=builder.statuses, ranking=ranking,
        findings=_sorted(findings), source=str(book.path) if book.path else "(内存)", sheet=chosen.grid.name,
        split_sheet=target.name, parent=target.parent_name, regions=regions, rules=rules,
    )


def _explain_uncached(book: Workbook, sheet: str, findings: list[Finding], statuses: list[Status]) -> None:
    """A blank that is really a formula without a cached value says so (the core's lookup, only when blanks exist)."""
    if book.format != "xlsx" or book.path is None:
        return
    from .formats.xlsx import uncached_formulas
    from .grid import a1

    refs = {a1(*f.position): f for f in findings
            if f.code in ("actual-missing", "progress-unmatched") and f.sheet == sheet and f.position}
    if not refs:
        return
    for ref in uncached_formulas(book.path, sheet, set(refs)):
        finding = refs[ref]
        finding.code, finding.message = "formula-uncached", CODES["formula-uncached"][1]
        for s in statuses:
            if s.position == finding.position:
                s.note = "实际值单元格是公式但没有保存计算结果，不亮灯"


def _sorted(findings: list[Finding]) -> list[Finding]:
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return sorted(findings, key=lambda f: (order[f.severity], f.sheet or "", f.position or (0, 0)))


def _key(name: str) -> str:
    """Match names across sheets: white space, quotes and the unit's bracket style ignored."""
    return normalize_text(name).replace("“", "").replace("”", "").replace('"', "").replace("（", "(").replace("）", ")")


class _Builder:
    """Walks the split's rows and regions, pairs each with the 进度 sheet's cell, and evaluates it."""

    def __init__(self, target: Table, actuals: Table, chosen: ProgressSheet, rules: Rules, findings: list[Finding], book):
        self.target, self.actuals, self.chosen, self.rules, self.findings = target, actuals, chosen, rules, findings
        self.grid = actuals.grid
        self.month = chosen.period.month
        self.statuses: list[Status] = []
        self.weights: dict[str, float] = {}
        scratch: list[Finding] = []  # the split's own problems are `zhibiao check`'s business
        self.results = check_table(target, find_basis(book), scratch)

    def run(self) -> None:
        rows = {}
        for row in self.actuals.rows:
            rows.setdefault(_key(row.name), row)
            rows.setdefault(_key(split_unit(row.name)[0]), row)
        matched: set[int] = set()
        columns = self._columns()
        self._weights()
        for trow, result in zip(self.target.rows, self.results):
            arow = rows.get(_key(trow.name)) or rows.get(_key(split_unit(trow.name)[0]))
            if arow is None:
                self._add("progress-row-missing", trow, None, None, sheet=self.grid.name,
                          message=CODES["progress-row-missing"][1].format(sheet=self.grid.name))
            else:
                matched.add(arow.row)
            self._row(trow, arow, result, columns)
        name_col = next(c.index for c in self.actuals.columns if c.role is Role.NAME)
        for arow in self.actuals.rows:
            if arow.row not in matched:
                self._add("progress-unmatched", arow, None, name_col, raw=arow.display_name,
                          message=CODES["progress-unmatched"][1].format(raw=arow.display_name, what="指标"))

    def _columns(self) -> list[tuple[str, int, int | None, bool]]:
        """(region, target column, 进度 column or None, is parent) for the split's regions and parent."""
        have = {_key(c.label): c.index for c in self.actuals.regions}
        out = []
        for i, col in enumerate(self.target.regions):
            out.append((col.label, i, have.pop(_key(col.label), None), False))
        if self.target.parent:
            parent = self.actuals.parent.index if self.actuals.parent else None
            out.append((self.target.parent_name, len(self.target.regions), parent, True))
        header = self.actuals.header_rows[0]
        for label, index in have.items():
            self.findings.append(Finding(
                "progress-unmatched", CODES["progress-unmatched"][1].format(raw=label, what="地区"),
                region=label, raw=label, cell=self.grid.ref(header, index), sheet=self.grid.name, position=(header, index)))
        for region, _, index, is_parent in out:
            if index is None and not is_parent:
                self.findings.append(Finding(
                    "progress-region-missing", CODES["progress-region-missing"][1].format(region=region, sheet=self.grid.name),
                    region=region, sheet=self.grid.name))
        return out

    def _weights(self) -> None:
        """赛马权重 column of the split: a blank cell there means the indicator is not raced."""
        given = any(r.score_weight not in (None, "") for r in self.target.rows)
        for row in self.target.rows:
            if not given:
                self.weights[row.name] = 1.0
                continue
            t = parse_target(row.score_weight)
            if t.type is ValueType.BLANK:
                self.weights[row.name] = 0.0
            elif t.is_number and t.value >= 0:
                self.weights[row.name] = t.value
            else:
                self.weights[row.name] = 0.0
                self._add("weight-invalid", row, None, None, grid=self.target.grid, raw=str(row.score_weight),
                          message=CODES["weight-invalid"][1].format(raw=row.score_weight))

    def _row(self, trow: IndicatorRow, arow: IndicatorRow | None, result, columns) -> None:
        targets = [parse_target(v) for v in trow.values]
        included = {t.includes: name for t, (name, *_rest) in zip(targets, columns) if t.includes}
        inferred = infer_kind(trow.name, trow.unit, trow.method, trow.weight_hint)
        row_kind = result.kind if result.kind in ("sum", "weighted", "uniform") else str(inferred.kind)
        declared = infer_direction(trow.name, trow.direction or (arow.direction if arow else None))
        expected = self.rules.schedule_for(trow.name).at(self.month)
        for region, ti, ai, is_parent in columns:
            target = targets[ti]
            raw_actual = arow.values[self.actuals.value_columns.index(self._col(ai))] if arow is not None and ai is not None else None
            actual = parse_target(raw_actual)
            position = (arow.row, ai) if arow is not None and ai is not None else None
            kind = {"pending": "pending", "qualitative": "qualitative"}.get(str(target.type), row_kind)
            direction = direction_of(target, declared) if target.is_number else declared
            status = Status(
                indicator=trow.name, region=region, actual=actual.value if actual.is_number else None,
                target=None, completion=None, schedule=None, status=None, lag=None, kind=kind,
                direction=str(direction), cell=self.grid.ref(*position) if position else None,
                responsible=trow.responsible, note=None, display_name=trow.display_name,
                unit=trow.unit or split_unit(trow.name)[1], category=trow.category, is_parent=is_parent,
                target_cell=self.target.grid.ref(trow.row, self.target.value_columns[ti].index), position=position,
            )
            self.statuses.append(status)
            if actual.type is ValueType.UNPARSED or (actual.type in (ValueType.QUALITATIVE, ValueType.PENDING) and target.is_number):
                self._add("actual-unparsed", trow, region, position, raw=actual.raw,
                          message=CODES["actual-unparsed"][1].format(raw=actual.raw))
            reason = no_light_reason(target, included.get(region))
            if reason:
                status.note = reason
                continue
            status.target = target_value(target, direction)
            if arow is None or ai is None:
                status.note = "进度表中没有该指标" if arow is None else "进度表中没有该地区"
                continue
            if not actual.is_number:
                if actual.type in (ValueType.BLANK, ValueType.NOT_APPLICABLE):
                    shown = f"（填为“{actual.raw}”）" if actual.raw else ""
                    status.note = f"实际值未填报{shown}，不按0计，不亮灯"
                    self._add("actual-missing", trow, region, position, raw=actual.raw,
                              message=CODES["actual-missing"][1].format(region=region, period=self.chosen.period.label, shown=shown))
                else:
                    status.note = "实际值无法识别，不亮灯"
                continue
            outcome = evaluate(target, actual, row_kind == "sum", direction, expected, self.rules.bands)
            status.target, status.completion, status.schedule = outcome.target, outcome.completion, outcome.schedule
            status.status, status.lag, status.note = outcome.status, outcome.lag, outcome.note

    def _col(self, index: int):
        return next(c for c in self.actuals.value_columns if c.index == index)

    def _add(self, code: str, row: IndicatorRow, region: str | None, position, message: str, grid=None, **fields) -> None:
        grid = grid or self.grid
        if isinstance(position, int):  # a column index: the row's own cell in that column
            position = (row.row, position)
        self.findings.append(Finding(
            code, message, indicator=row.name, region=region, cell=grid.ref(*position) if position else None,
            sheet=fields.pop("sheet", grid.name), position=position, **fields))
