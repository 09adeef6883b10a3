"""Findings and the report: plain records with a JSON form and flat rows for tables and tests."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from .codes import CODES, SEVERITY_ORDER, Severity, severity_of


JSON_FIELDS = ("code", "severity", "indicator", "region", "cell", "kind", "target", "allocated",
               "implied", "gap", "suggestion", "adjustments", "message", "raw", "sheet", "period")


class Coded:
    """What every kind of finding shares (the check's Finding, the round's and levels' RoundFinding): a code of
    zhibiao.codes, checked when made, its severity, and a JSON form holding the class's JSON_FIELDS in order."""

    JSON_FIELDS: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown finding code {self.code!r}")

    @property
    def severity(self) -> Severity:
        return severity_of(self.code)

    def to_json(self) -> dict:
        out = {name: getattr(self, name) for name in self.JSON_FIELDS}
        out["severity"] = str(self.severity)
        return out


@dataclass
class Finding(Coded):
    """One data problem (or note), pointing at a cell a clerk can click."""

    JSON_FIELDS = JSON_FIELDS

    code: str
    message: str
    indicator: str | None = None
    region: str | None = None
    cell: str | None = None
    kind: str | None = None
    target: float | None = None
    allocated: float | None = None
    implied: float | None = None
    gap: float | None = None
    suggestion: str | None = None
    adjustments: dict[str, float] | None = None
    raw: str | None = None
    sheet: str | None = None
    period: str | None = None  # the band (到2025年 / 2024年) of a table printed with period bands
    # 0-based (row, col) in the sheet, for write-back; not part of the JSON interface
    position: tuple[int, int] | None = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict:
        out = super().to_json()
        if self.adjustments is not None:
            out["adjustments"] = dict(self.adjustments)
        return out


def finding_order(f: Finding) -> tuple:
    """Sort key: errors first, then by sheet and position."""
    return SEVERITY_ORDER[f.severity], f.sheet or "", f.position or (0, 0)


def count_codes(findings: list[Finding]) -> dict[str, int]:
    """How many findings of each code, in order of first appearance."""
    by_code: dict[str, int] = {}
    for f in findings:
        by_code[f.code] = by_code.get(f.code, 0) + 1
    return by_code


@dataclass
class IndicatorResult:
    """The verdict on one indicator row, with its inferred kind, shown in every output."""

    sheet: str
    row: int  # 0-based
    cell: str
    name: str
    display_name: str
    unit: str | None
    kind: str
    kind_label: str
    kind_source: str
    weighting: str | None
    direction: str
    verdict: str  # ok | short | over | infeasible | needs-weights | pending | qualitative | incomplete | below | parsed
    verdict_label: str
    category: str | None = None
    responsible: str | None = None
    table_kind: str = "split"
    # target systems with year columns: the annual rate each step implies (checks/trajectory.py)
    implied_growth: list[dict] | None = None
    period: str | None = None  # the band (到2025年 / 2024年) of a table printed with period bands

    def to_json(self) -> dict:
        return dict(self.__dict__)


VERDICT_LABEL = {
    "ok": "通过",
    "short": "有缺口",
    "over": "超额分解",
    "over-cap": "超出上限",
    "under-cap": "从严分解",
    "infeasible": "无法达到",
    "needs-weights": "需权重核验",
    "pending": "待下达",
    "qualitative": "定性目标",
    "incomplete": "未填全",
    "below": "低于统一值",
    "parsed": "已识别",
    "unparsed": "有无法识别的值",
    "no-parent": "无上级目标",
    "blank": "未填写",
}
# how bad each verdict is: error verdicts are the splits that do not hold (gaps), shown red everywhere
VERDICT_LEVEL = {
    "ok": "ok", "parsed": "ok", "short": "error", "infeasible": "error", "below": "error", "unparsed": "error",
    "over-cap": "error", "under-cap": "info",
    "incomplete": "warning", "no-parent": "warning", "blank": "warning", "over": "info", "needs-weights": "info", "pending": "info", "qualitative": "info",
}


@dataclass
class TableInfo:
    """A table the check found: its sheet, kind, header range, parent, regions or periods."""

    sheet: str
    kind: str
    title: str | None
    header: str  # e.g. 任务分解!A2:I2
    parent: str | None
    regions: list[str]
    periods: list[str]
    indicators: int
    orientation: str = "across"  # across: regions are columns; down: regions are rows
    area: str | None = None  # the whole table in the sheet, header to last row (分解!A2:I18); None in a document


@dataclass
class Report:
    """The result of checking one file."""

    source: str
    findings: list[Finding] = field(default_factory=list)
    indicators: list[IndicatorResult] = field(default_factory=list)
    tables: list[TableInfo] = field(default_factory=list)

    def sort(self) -> None:
        """Errors first, then by sheet and position."""
        self.findings.sort(key=finding_order)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def valid(self) -> bool:
        return self.count(Severity.ERROR) == 0

    @property
    def exit_code(self) -> int:
        return 0 if self.valid else 1

    def summary(self) -> dict:
        return {
            "source": self.source,
            "valid": self.valid,
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "infos": self.count(Severity.INFO),
            "by_code": count_codes(self.findings),
            "tables": [asdict(t) for t in self.tables],
            "indicators": [i.to_json() for i in self.indicators],
        }

    def to_frame(self):
        """The findings as a pandas DataFrame, one row per finding, columns as in the JSON (needs zhibiao[pandas])."""
        from .frames import FINDING_COLUMNS, frame

        return frame([f.to_json() for f in self.findings], FINDING_COLUMNS)

    def indicators_frame(self):
        """The indicators (kind, verdict) as a pandas DataFrame, columns as in the JSON (needs zhibiao[pandas])."""
        from .frames import INDICATOR_COLUMNS, frame

        return frame([i.to_json() for i in self.indicators], INDICATOR_COLUMNS)

    def headline(self) -> str:
        """One Chinese line: 共检查 N 张表 M 项指标：错误 a 条，警告 b 条，提示 c 条."""
        n = sum(t.indicators for t in self.tables)
        return (f"共检查 {len(self.tables)} 张表、{n} 项指标：错误 {self.count(Severity.ERROR)} 条，"
                f"警告 {self.count(Severity.WARNING)} 条，提示 {self.count(Severity.INFO)} 条")

    def to_json(self) -> dict:
        return {"findings": [f.to_json() for f in self.findings], "summary": self.summary()}

    def dumps(self, indent: int | None = None) -> str:
        # compact by default: the C encoder is several times faster on large tables
        return json.dumps(self.to_json(), ensure_ascii=False, indent=indent)

    def flatten(self, fields: list[str] | None = None) -> list[list]:
        """Findings as rows of the named fields (default: code, indicator, region, cell)."""
        fields = fields or ["code", "indicator", "region", "cell"]
        return [[getattr(f, name) if name != "severity" else str(f.severity) for name in fields] for f in self.findings]
