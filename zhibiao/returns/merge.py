"""`zhibiao merge`: the districts' returns into the period's 进度 sheet of the city workbook.

Returns are recognised (identity), read (read), each figure validated (validate) and placed on the 进度 sheet
(an existing one, or one created in the template's layout, write_merge); what the sheet already holds is never
overwritten by a different figure unless asked (replace). The report lists every return, the regions still
missing and the findings; merging the same returns again changes nothing.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .. import steps
from ..codes import Severity
from ..errors import UsageError
from ..expr import ValueType, as_indicator, cell_text, parse_target
from ..formats import read_workbook
from ..grid import a1, quote_sheet
from ..progress.period import Period, parse_period
from ..report import count_codes
from .collect import NOT_APPLICABLE
from .findings import RoundFinding, make, order
from .read import Return, read_return
from .collect import load_round
from .project_merge import merge_projects, previous_list
from .source import Source
from .status_sheet import earlier_received, status_sheet_name
from .validate import check_figure, same_value
from .write_merge import progress_sheet_name, new_sheet_positions


@dataclass
class Write:
    """One figure to put on the 进度 sheet, or on the named sheet (the project list), at 0-based row, col."""

    row: int
    col: int
    value: object
    sheet: str | None = None


@dataclass
class MergeReport:
    """What a merge found and will write."""

    period: Period
    source: Source
    sheet: str  # the 进度 sheet written
    created: bool  # the sheet is new
    returns: list[dict] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    findings: list[RoundFinding] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)
    earlier: dict[str, list] = field(default_factory=dict)  # region -> its row on the earlier 报送情况 sheet
    plist: object = None  # the city's project list (ProjectList), when it has one
    project_copy: tuple[str, str] | None = None  # (earlier list, the period's new list) to create on writing
    prev_plist: object = None  # the project list of the latest earlier period this year

    @property
    def exit_code(self) -> int:
        return 1 if any(f.severity is Severity.ERROR for f in self.findings) else 0

    @property
    def status_sheet(self) -> str:
        return status_sheet_name(self.period)

    def summary(self) -> dict:
        received = sorted({r["region"] for r in self.returns if r["status"] == "merged"} | set(self.earlier))
        return {
            "source": str(self.source.book.path) if self.source.book.path else "(内存)",
            "period": str(self.period), "period_label": self.period.label, "sheet": self.sheet, "created": self.created,
            "regions": self.source.regions, "received": [r for r in self.source.regions if r in received],
            "missing": self.missing, "merged": sum(r["merged"] for r in self.returns), "written": len(self.writes),
            "errors": sum(1 for f in self.findings if f.severity is Severity.ERROR),
            "warnings": sum(1 for f in self.findings if f.severity is Severity.WARNING),
            "by_code": count_codes(self.findings),
        }

    def headline(self) -> str:
        s = self.summary()
        missing = f"（{'、'.join(self.missing)}）" if self.missing else ""
        return (f"{self.period.label}：应报 {len(s['regions'])} 个地区，已报 {len(s['received'])} 个，"
                f"未报 {len(self.missing)} 个{missing}；合并 {s['merged']} 个数值；错误 {s['errors']} 条，警告 {s['warnings']} 条")

    def to_json(self) -> dict:
        return {"returns": self.returns, "missing": self.missing, "findings": [f.to_json() for f in self.findings],
                "summary": self.summary()}

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2)


def merge_returns(city, returns: list, period: str | None = None, replace: bool = False, sheet: str | None = None) -> MergeReport:
    """Read the city workbook and the returns; validate every figure and plan the 进度 sheet's new values."""
    book = read_workbook(city)
    source, plist = load_round(book, sheet)
    if not returns:
        raise UsageError("请给出至少一份报送表")
    read = [read_return(Path(p), i, source) for i, p in enumerate(steps.counted(returns, f"正在读取 {len(returns)} 份报送表"))]
    wanted = _period(read, period)
    existing = source.figures(wanted) if source.indicators else None
    report = MergeReport(wanted, source, existing.grid.name if existing else progress_sheet_name(wanted),
                         existing is None and bool(source.indicators), plist=plist)
    report.earlier = earlier_received(book, wanted, source.regions)
    if plist is not None:
        report.prev_plist = previous_list(book, wanted, plist)
    accepted = _accept(read, wanted, source, report)
    previous = source.previous(wanted)
    positions = new_sheet_positions(source) if existing is None else None
    for region in steps.counted(source.regions, f"正在核对 {len(source.regions)} 个地区的报送"):
        ret = accepted.get(region)
        if ret is None:
            if region not in report.earlier:
                report.missing.append(region)
                report.findings.append(make("return-missing", {"region": region, "period": wanted.label}, region=region))
            continue
        _merge_one(report, ret, region, existing, positions, previous, replace)
    if source.indicators:
        _parent_sums(report, existing, positions)
    report.findings.sort(key=order)
    return report


def _period(read: list[Return], given: str | None) -> Period:
    """The round's period: as given, else the one most returns name (the latest on a tie)."""
    if given is not None:
        wanted = parse_period(given)
        if wanted is None:
            raise UsageError(f"无法识别的期间“{given}”，请写成 2023-06 或 2023年1-6月")
        return wanted
    named = Counter(r.identity.period for r in read if r.identity and r.identity.period)
    if not named:
        raise UsageError("无法从报送表识别期间，请用 --period 指定，如 --period 2023-06")
    top = max(named.values())
    return max(p for p, n in named.items() if n == top)


def _entry(ret: Return, status: str, region: str | None) -> dict:
    ident = ret.identity
    return {"file": ret.file, "path": str(ret.path), "region": region, "period": str(ident.period) if ident and ident.period else None,
            "recognised_by": ident.how if ident else None, "status": status, "unit": ret.block.get("报送单位"),
            "reporter": ret.block.get("填报人"), "phone": ret.block.get("联系电话"), "date": ret.block.get("报送日期"),
            "merged": 0, "written": 0, "findings": 0}


def _accept(read: list[Return], wanted: Period, source: Source, report: MergeReport) -> dict[str, Return]:
    """The return that counts for each region; the others get their finding and their entry."""
    by_region: dict[str, list[Return]] = {}
    for ret in read:
        if ret.problem:
            report.returns.append(_entry(ret, "unparsed", None))
            report.findings.append(make("return-unparsed", {"why": ret.problem}, file=ret.file))
            continue
        ident = ret.identity
        region = source.region_of(ident.region) if ident.region else None
        if region is None:
            raw = f"“{ident.region}”" if ident.region else "（文件名和标题中都没有地区名称）"
            report.returns.append(_entry(ret, "unknown-region", None))
            report.findings.append(make("return-unknown-region", {"file": ret.file, "raw": raw}, file=ret.file, raw=ident.region))
            continue
        if ident.period is not None and ident.period != wanted:
            report.returns.append(_entry(ret, "wrong-period", region))
            report.findings.append(make("return-wrong-period", {"file": ret.file, "got": ident.period.label, "period": wanted.label},
                                        region=region, file=ret.file, raw=str(ident.period)))
            continue
        by_region.setdefault(region, []).append(ret)
    accepted = {}
    for region, rets in by_region.items():
        rets.sort(key=lambda r: (r.mtime, r.index))  # the later file wins: the district's correction
        accepted[region] = rets[-1]
        if len(rets) > 1:
            files = "、".join(r.file for r in rets)
            report.findings.append(make("return-duplicate", {"region": region, "count": len(rets), "files": files,
                                                             "kept": rets[-1].file}, region=region, file=rets[-1].file))
            for r in rets[:-1]:
                report.returns.append(_entry(r, "superseded", region))
    return accepted


def _merge_one(report: MergeReport, ret: Return, region: str, existing, positions, previous, replace: bool) -> None:
    source = report.source
    if all(parse_target(line.value).type is ValueType.BLANK or line.value == NOT_APPLICABLE for line in ret.lines) and \
            all(parse_target(cells.get("done", (None,))[0]).type is ValueType.BLANK for _, cells in ret.project_rows):
        # a return sent back as it went out: nothing reported yet, the region still owes its figures
        report.returns.append(_entry(ret, "empty", region))
        report.missing.append(region)
        report.findings.append(make("return-blank", {"region": region, "what": "所有指标的本期累计都"}, region=region,
                                    file=ret.file, cell=ret.lines[0].cell))
        return
    entry = _entry(ret, "merged", region)
    report.returns.append(entry)
    before, start = len(report.findings), len(report.writes)
    if ret.project_rows and report.plist is not None:
        merge_projects(report, ret, region, entry, replace, lambda sheet, r, c, v: report.writes.append(Write(r, c, v, sheet)))
    seen = set()
    for line in ret.lines:
        ind = source.find(line.name)
        where = {"region": region, "file": ret.file, "cell": line.cell}
        if ind is None or ind.name in seen:
            why = f"{ret.file} 中的指标“{line.name}”在分解表中找不到" if ind is None else f"{ret.file} 中指标“{line.name}”第二次出现（只合并第一次）"
            report.findings.append(make("return-unparsed", {"why": why}, indicator=line.name, **where))
            continue
        seen.add(ind.name)
        where["indicator"] = ind.name
        # 下降2% read as progress reads it: the indicator's sign (−2 for a growth), so a fall is a figure here too
        city_target = as_indicator(parse_target(ind.targets.get(region)), ind.name, ind.unit)
        given = as_indicator(parse_target(line.target), ind.name, ind.unit)
        if line.target_cell is not None and not same_value(given, city_target):
            report.findings.append(make("return-target-changed", {"region": region, "raw": cell_text(line.target),
                                        "expected": cell_text(ind.targets.get(region))},
                                        raw=cell_text(line.target), **{**where, "cell": line.target_cell}))
        value = as_indicator(parse_target(line.value), ind.name, ind.unit)
        if city_target.type is ValueType.NOT_APPLICABLE or value.type is ValueType.NOT_APPLICABLE or line.value == NOT_APPLICABLE:
            continue
        if value.type is ValueType.BLANK:
            if city_target.type is not ValueType.PENDING:
                report.findings.append(make("return-blank", {"region": region, "what": "该指标本期累计"}, **where))
            continue
        if not value.is_number and city_target.type is not ValueType.QUALITATIVE:
            why = f"{region}报送的本期累计“{cell_text(line.value)}”不是数字"
            report.findings.append(make("return-unparsed", {"why": why}, raw=cell_text(line.value), **where))
            continue
        figure = value.value if value.is_number else cell_text(line.value)
        place = positions.get((ind.name, region)) if positions is not None else existing.get(ind, region)[1]
        target_cell = f"{quote_sheet(report.sheet)}!{a1(*place)}" if place else None
        if place is None:
            has_row = any(existing.get(ind, r)[1] for r in source.regions)
            what = f"{region}这一列" if has_row else f"“{ind.display_name}”这一行"
            report.findings.append(make("return-unplaced", {"sheet": report.sheet, "what": what, "region": region,
                                                            "value": cell_text(figure)}, value=value.value, **where))
            continue
        flags = []
        if value.is_number:
            prev_raw = previous.get(ind, region)[0] if previous else None
            flags = check_figure(ind, region, value.value, parse_target(prev_raw) if prev_raw is not None else None,
                                 previous.period if previous else None, report.period)
        mark = (report.sheet, *place)
        for flag in flags:
            report.findings.append(make(flag.code, flag.fields, value=value.value, previous=flag.previous,
                                        expected=flag.expected, target_cell=target_cell, mark=mark, **where))
        old = existing.get(ind, region)[0] if existing else None
        old_t = parse_target(old)
        if old_t.type is ValueType.BLANK:
            report.writes.append(Write(*place, figure))
            entry["merged"] += 1
        elif same_value(old_t, value):
            entry["merged"] += 1  # already there: merging again changes nothing
        else:
            fields = {"region": region, "old": cell_text(old), "value": cell_text(figure), "where": "进度表"}
            code = "return-replaced" if replace else "return-conflict"
            report.findings.append(make(code, fields, value=value.value, raw=cell_text(old), target_cell=target_cell,
                                        mark=mark, **where))
            if replace:
                report.writes.append(Write(*place, figure))
    entry["findings"] = len(report.findings) - before
    entry["written"] = len(report.writes) - start


def _parent_sums(report: MergeReport, existing, positions) -> None:
    """A blank parent cell of an additive indicator gets the regions' sum once every region with a target has a figure."""
    source = report.source
    written = {(w.row, w.col): w.value for w in report.writes}
    for ind in source.indicators:
        if ind.kind != "sum":
            continue
        place = positions.get((ind.name, source.parent)) if positions is not None else existing.get(ind, source.parent)[1]
        if place is None or (existing is not None and parse_target(existing.get(ind, source.parent)[0]).type is not ValueType.BLANK):
            continue
        total = 0.0
        for region in source.regions:
            if parse_target(ind.targets.get(region)).type is ValueType.NOT_APPLICABLE:
                continue
            cell = positions.get((ind.name, region)) if positions is not None else existing.get(ind, region)[1]
            value = written.get(cell) if cell in written else (existing.get(ind, region)[0] if existing else None)
            figure = parse_target(value)
            if not figure.is_number:
                break
            total += figure.value
        else:
            report.writes.append(Write(*place, round(total, 9)))
