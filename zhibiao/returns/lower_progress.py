"""`zhibiao progress UPPER --lower REGION=LOWER`: additive actuals summed up a level, from the lower 进度 sheets.

The upper workbook's 进度 sheet is filled in memory (the file is not changed): a blank cell of an additive
indicator takes the sum of the lower level's regions, once every one of them with a target has a figure; a
figure the upper sheet already holds stays, and a different lower sum is a warning.
"""

from __future__ import annotations

from pathlib import Path

from ..checks.numbers import tolerance
from ..codes import CODES
from ..errors import UsageError
from ..expr import ValueType, parse_target
from ..formats import read_workbook
from ..grid import Grid, Workbook
from ..progress.period import Period, parse_period, progress_sheets
from ..report import Finding
from .levels import lower_region
from .source import Figures, Source, load_source, read_figures
from .validate import shown


def sum_lower_actuals(book: Workbook, lowers: dict, period: str | None = None, sheet: str | None = None) -> list[Finding]:
    """Fill the upper book's 进度 grid for the period from the lower workbooks; the findings say what came from where."""
    upper = load_source(book, sheet)
    levels = [(lower_region(upper, name), Path(path), read_workbook(path)) for name, path in lowers.items()]
    wanted = _period(book, [b for _, _, b in levels], period)
    figures = upper.figures(wanted)
    if figures is None or figures.table is None:
        grid = _blank_sheet(upper, wanted)
        book.grids.append(grid)
        figures = read_figures(grid, wanted)
    findings: list[Finding] = []
    for region, path, lower_book in levels:
        lower = load_source(lower_book)
        below = lower.figures(wanted)
        if below is None or below.table is None:
            findings.append(_finding("level-no-progress", region=region, file=path.name, period=wanted.label))
            continue
        for ind in upper.indicators:
            if ind.kind == "sum":
                _sum_one(findings, figures, below, upper, lower, ind, region, path.name)
    return findings


def _sum_one(findings, figures: Figures, below: Figures, upper: Source, lower: Source, ind, region: str, file: str) -> None:
    found = lower.find(ind.name)
    raw, place = figures.get(ind, region)
    if found is None or place is None:
        return
    total, decimals = 0.0, 0
    for town in lower.regions:
        if parse_target(found.targets.get(town)).type is ValueType.NOT_APPLICABLE:
            continue
        figure = parse_target(below.get(found, town)[0])
        if not figure.is_number:
            return  # a town has not reported: no sum yet
        total += figure.value
        decimals = max(decimals, figure.decimals)
    total = round(total, 9)
    current = parse_target(raw)
    cell = figures.grid.ref(*place)
    if current.type is ValueType.BLANK:
        row = figures.grid.rows[place[0]]
        row.extend([None] * (place[1] + 1 - len(row)))
        row[place[1]] = total
        findings.append(_finding("level-summed", ind.name, region, cell, place, figures.grid.name, value=shown(total), file=file))
    elif current.is_number and abs(current.value - total) > tolerance(decimals, total):
        findings.append(_finding("level-actual-differs", ind.name, region, cell, place, figures.grid.name,
                                 upper=shown(current.value), lower=shown(total), file=file))


def _finding(code: str, indicator=None, region=None, cell=None, position=None, sheet=None, **fields) -> Finding:
    message = CODES[code][1].format(region=region, **fields)
    return Finding(code, message, indicator=indicator, region=region, cell=cell, sheet=sheet, position=position)


def _period(book: Workbook, lowers: list[Workbook], given: str | None) -> Period:
    if given is not None:
        wanted = parse_period(given)
        if wanted is None:
            raise UsageError(f"无法识别的期间“{given}”，请写成 2023-06 或 2023年1-6月")
        return wanted
    for books in ([book], lowers):
        dated = [s.period for b in books for s in progress_sheets(b) if s.period]
        if dated:
            return max(dated)
    raise UsageError("上级和下级工作簿中都没有注明期间的进度工作表，请用 --period 指定")


def _blank_sheet(upper: Source, period: Period) -> Grid:
    """An empty 进度 sheet in the template's layout, in memory only, for the sums to go into."""
    header = ["序号", "指标名称", *upper.regions, upper.parent]
    rows = [["报告期", str(period)] + [None] * (len(header) - 2), header]
    rows += [[i, ind.display_name] + [None] * (len(header) - 2) for i, ind in enumerate(upper.indicators, 1)]
    return Grid(f"进度 {period}", rows)
