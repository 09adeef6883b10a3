"""Merge the 项目报送 part of a return into the city's project list for the period.

The list for the period is the one the workbook already has, or a copy of the latest earlier list renamed to the
period (重大项目 2023-07), its actual dates kept and this year's investment and 形象进度 cleared for the new figures.
Figures are checked like indicator figures: a cumulative investment that falls, a unit slip against last period
(or the annual plan pro rata), a changed annual plan, text where a number belongs, a different figure already there.
"""

from __future__ import annotations

import datetime as dt

from ..expr import ValueType, cell_text, normalize_text, parse_target
from ..grid import a1, quote_sheet
from ..projects import parse_node
from .findings import make
from .project_returns import UPDATED, factor, region_projects, shown_cell
from .source import key
from .validate import OUTLIER, shown

PROJECT_COPY = "重大项目 {period}"
_LABEL = {"actual_start": "实际开工时间", "actual_finish": "实际竣工时间", "progress": "形象进度"}


def target_list(report) -> str:
    """The sheet the period's project figures go to (a copy is planned when the list is of an earlier period)."""
    plist = report.plist
    if plist.period == report.period:
        return plist.sheet
    report.project_copy = (plist.sheet, PROJECT_COPY.format(period=report.period))
    return report.project_copy[1]


def previous_list(book, period, plist):
    """The project list of the latest earlier period of the same year (cumulative investment restarts in January)."""
    from ..projects.reader import project_sheets, read_projects
    from ..progress.period import parse_period

    if plist.period < period:
        return plist if plist.period.year == period.year else None
    earlier = [p for p in (parse_period(g.name) for g, _ in project_sheets(book)) if p and p < period and p.year == period.year]
    return read_projects(book, str(max(earlier))) if earlier else None


def _text(value) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    return normalize_text(cell_text(value))


def merge_projects(report, ret, region: str, entry: dict, replace: bool, write) -> None:
    """Check and place one return's project rows; `write(sheet, row, col, value)` records a figure."""
    plist = report.plist
    sheet = target_list(report)
    copied = report.project_copy is not None
    projects = {key(p.name): p for p in region_projects(plist, region)}
    before = report.prev_plist
    earlier = {key(p.name): p for p in region_projects(before, region)} if before is not None else {}
    done_factor = factor(plist, "done")
    for row, cells in ret.project_rows:
        name = cell_text(cells["name"][0]).strip()
        where = {"region": region, "file": ret.file, "indicator": name}
        project = projects.get(key(name))
        if project is None:
            report.findings.append(make("return-unparsed", {"why": f"{ret.file} 中的项目“{name}”不在{plist.sheet}的{region}项目中"},
                                        cell=_ref(ret, row, cells["name"][1]), **where))
            continue
        if "plan" in cells:
            given, city = parse_target(cells["plan"][0]), parse_target(shown_cell(plist, project, "plan"))
            if given.is_number and city.is_number and abs(given.value - city.value) > 1e-6 * max(1.0, abs(city.value)):
                report.findings.append(make("return-target-changed", {"region": region, "raw": shown(given.value),
                                            "expected": shown(city.value)}, cell=_ref(ret, row, cells["plan"][1]),
                                            raw=shown(given.value), **where))
        for field in UPDATED:
            if field not in cells or field not in project.cells:
                continue
            value, col = cells[field]
            place = project.cells[field]
            mark = (sheet, *place)
            target_cell = f"{quote_sheet(sheet)}!{a1(*place)}"
            here = {**where, "cell": _ref(ret, row, col), "target_cell": target_cell}
            old = None if copied and field in ("done", "progress") else plist.grid.value(*place)
            if field == "done":
                figure = parse_target(value)
                if figure.type is ValueType.BLANK:
                    report.findings.append(make("return-blank", {"region": region, "what": f"项目“{name}”的本年累计完成投资"}, **here))
                    continue
                if not figure.is_number:
                    report.findings.append(make("return-unparsed", {"why": f"项目“{name}”的本年累计完成投资“{cell_text(value)}”不是数字"},
                                                raw=cell_text(value), **here))
                    continue
                last = earlier.get(key(name))
                previous = parse_target(shown_cell(before, last, "done")) if last is not None else None
                _check_investment(report, figure.value, previous, project, before, here, mark)
                new, old_t = round(figure.value / done_factor, 9), parse_target(old)
                if old_t.is_number and abs(old_t.value * done_factor - figure.value) <= 1e-6 * max(1.0, figure.value):
                    entry["merged"] += 1
                    continue
                differs = old_t.type is not ValueType.BLANK
            else:
                if _text(value) == "":
                    continue
                new = value
                if _same(old, value, field):
                    entry["merged"] += 1
                    continue
                differs = _text(old) != ""
            if differs:
                code = "return-replaced" if replace else "return-conflict"
                report.findings.append(make(code, {"region": region, "old": _text(old), "value": _text(value), "where": "项目清单"},
                                            raw=cell_text(old), mark=mark, **here))
                if not replace:
                    continue
            write(sheet, *place, new)
            entry["merged"] += 1


def _same(old, new, field: str) -> bool:
    """The same text, or the same date however typed (2023年5月 and 2023-05)."""
    if _text(old) == _text(new):
        return True
    if field == "progress":
        return False
    a, b = parse_node(old), parse_node(new)
    return a.is_date and b.is_date and (a.first, a.last) == (b.first, b.last)


def _check_investment(report, value: float, previous, project, before, here: dict, mark) -> None:
    """return-decreasing and return-outlier for a project's cumulative investment (万元)."""
    prev = previous.value if previous is not None and previous.is_number else None
    if prev is not None and value < prev - 1e-9 * max(1.0, prev):
        report.findings.append(make("return-decreasing", {"region": here["region"], "value": shown(value), "previous": shown(prev),
                                    "previous_period": before.period.label}, value=value, previous=prev, mark=mark, **here))
    month = report.period.month
    if prev is not None and prev > 0:
        expected, basis = prev * month / before.period.month, f"按上期累计{shown(prev)}推算的"
    elif project.investment_plan:
        expected, basis = project.investment_plan * month / 12, "按年度计划投资推算的序时数"
    else:
        return
    if value > 0 and expected > 0 and not 1 / OUTLIER < value / expected < OUTLIER:
        ratio = value / expected
        text = f"{ratio:.1f}倍" if ratio >= 1 else f"{ratio * 100:.2f}%"
        report.findings.append(make("return-outlier", {"region": here["region"], "value": shown(value), "basis": basis,
                                    "expected": shown(expected), "ratio": text}, value=value, expected=expected, mark=mark, **here))


def _ref(ret, row: int, col: int) -> str:
    return f"{quote_sheet(ret.project_sheet)}!{a1(row, col)}"
