"""`zhibiao levels`: each lower level's own split held against what the upper level allocated to it.

The upper workbook gives a district its targets (the district's column); the district's own workbook splits
them to its towns, with its own parent column (全区 / 全县). For every indicator matched by name, the lower
parent is compared with the upper cell by the indicator's kind; the lower split is also checked as usual.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..api import check_workbook
from ..checks.numbers import tolerance
from ..codes import Severity
from ..errors import UsageError
from ..expr import Target, parse_target
from ..formats import read_workbook
from ..report import count_codes
from .findings import RoundFinding, make, order
from .source import Indicator, Source, load_source
from .validate import shown


@dataclass
class Level:
    """One lower workbook: the region it splits, its parent column and its towns."""

    region: str
    path: Path
    source: Source

    def to_json(self) -> dict:
        return {"region": self.region, "file": self.path.name, "parent": self.source.parent,
                "regions": self.source.regions, "indicators": len(self.source.indicators)}


@dataclass
class LevelsReport:
    """The level findings (both cells) and each lower split's own findings."""

    upper: Source
    levels: list[Level] = field(default_factory=list)
    findings: list[RoundFinding] = field(default_factory=list)
    lower_findings: list[RoundFinding] = field(default_factory=list)  # the lower splits checked as usual

    @property
    def all_findings(self) -> list[RoundFinding]:
        return self.findings + self.lower_findings

    @property
    def exit_code(self) -> int:
        return 1 if any(f.severity is Severity.ERROR for f in self.all_findings) else 0

    def summary(self) -> dict:
        every = self.all_findings
        return {"upper": self.upper.name, "parent": self.upper.parent, "levels": [lv.to_json() for lv in self.levels],
                "errors": sum(1 for f in every if f.severity is Severity.ERROR),
                "warnings": sum(1 for f in every if f.severity is Severity.WARNING),
                "by_code": count_codes(every)}

    def headline(self) -> str:
        s = self.summary()
        short = sum(1 for f in self.findings if f.code == "level-short")
        return (f"核对 {len(self.levels)} 个下级工作簿：{short} 项低于上级下达，"
                f"错误 {s['errors']} 条，警告 {s['warnings']} 条（含下级分解表自身的核对）")

    def to_json(self) -> dict:
        return {"levels": [lv.to_json() for lv in self.levels], "findings": [f.to_json() for f in self.all_findings],
                "summary": self.summary()}

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2)


def parse_pairs(pairs) -> dict[str, Path]:
    """REGION=FILE arguments as a dict (one Chinese line for a malformed one)."""
    found = {}
    for pair in pairs:
        region, sep, path = str(pair).partition("=")
        if not sep or not region.strip() or not path.strip():
            raise UsageError(f"“{pair}”应写成 地区=文件，如 平湖=平湖2023镇街道分解.xlsx")
        found[region.strip()] = Path(path.strip())
    return found


def lower_region(upper: Source, region: str) -> str:
    """The upper's region this name denotes, or a UsageError listing them."""
    found = upper.region_of(region)
    if found is None:
        raise UsageError(f"“{region}”不是{upper.name}分解表中的地区（有：{'、'.join(upper.regions)}）")
    return found


def check_levels(upper_path, lowers: dict, sheet: str | None = None) -> LevelsReport:
    """Hold every lower workbook's parent against the upper's allocation, and check each lower split."""
    if not lowers:
        raise UsageError("请给出至少一个下级工作簿：地区=文件，如 平湖=平湖2023镇街道分解.xlsx")
    upper = load_source(read_workbook(upper_path), sheet)
    report = LevelsReport(upper)
    for name, path in lowers.items():
        region = lower_region(upper, name)
        book = read_workbook(path)
        level = Level(region, Path(path), load_source(book))
        report.levels.append(level)
        _compare(report, level)
        for f in check_workbook(book).findings:
            report.lower_findings.append(RoundFinding(f.code, f.message, region=f.region, indicator=f.indicator,
                                                      file=level.path.name, lower_cell=f.cell, gap=f.gap, raw=f.raw))
    report.findings.sort(key=order)
    report.lower_findings.sort(key=order)
    return report


def _compare(report: LevelsReport, level: Level) -> None:
    upper, lower, region = report.upper, level.source, level.region
    matched = set()
    for ind in upper.indicators:
        found = lower.find(ind.name)
        cell = ind.cells.get(region)
        if found is None:
            if parse_target(ind.targets.get(region)).is_number:
                report.findings.append(make("level-unmatched", {"name": ind.display_name, "where": f"下级工作簿{level.path.name}"},
                                            region=region, indicator=ind.name, cell=cell, file=level.path.name))
            continue
        matched.add(found.name)
        finding = _hold(ind, found, region, lower.parent, parse_target(ind.targets.get(region)),
                        parse_target(found.targets.get(lower.parent)))
        if finding is not None:
            finding.cell, finding.lower_cell, finding.file = cell, found.cells.get(lower.parent), level.path.name
            report.findings.append(finding)
    for ind in lower.indicators:
        if ind.name not in matched and parse_target(ind.targets.get(lower.parent)).is_number:
            report.findings.append(make("level-unmatched", {"name": ind.display_name, "where": f"上级工作簿{upper.name}"},
                                        region=region, indicator=ind.name, file=level.path.name,
                                        lower_cell=ind.cells.get(lower.parent)))


def _hold(ind: Indicator, lower: Indicator, region: str, lower_parent: str, given: Target, own: Target) -> RoundFinding | None:
    """level-short / level-over for one indicator, or None when the lower parent matches (or cannot be compared)."""
    if not given.is_number or not own.is_number or ind.kind not in ("sum", "weighted", "uniform"):
        return None
    cap = ind.direction == "lower" or given.raw is not None and ("不超过" in given.raw or "以内" in given.raw)
    allocated = given.high if cap and given.high is not None else given.value
    diff = own.value - allocated  # the lower level's own target above (+) or below (−) the allocation
    if abs(diff) <= tolerance(max(given.decimals, own.decimals), allocated, own.value):
        return None
    worse = diff > 0 if cap else diff < 0
    fields = {"region": region, "lower_parent": lower_parent, "lower": shown(own.value), "upper": shown(allocated),
              "relation": "高于" if diff > 0 else "低于", "gap": shown(abs(diff)),
              "over": "超出" if diff > 0 else "留有余量"}  # 加压分解 above a floor, 从严 below a cap
    return make("level-short" if worse else "level-over", fields, region=region, indicator=ind.name, value=own.value, expected=allocated,
                gap=round(abs(diff), 9))
