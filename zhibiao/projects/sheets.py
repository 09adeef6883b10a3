"""Which sheets hold a project list, where its header is, and which period it reports.

A list is a sheet named …项目… whose header names the project and at least two things a list tracks. Its period
comes from the sheet name, then a title (2023年…（1-6月）, the year from elsewhere if the title has none), then
a 报告期 cell; `--period` picks among several lists, or dates one that says nothing.
"""

from __future__ import annotations

import re

from ..errors import UsageError
from ..expr import cell_text, fold_text, normalize_text, parse_target
from ..grid import Grid, Workbook
from ..progress import Period, parse_period
from . import columns as cols
from .dates import parse_node

PROJECT_SHEET = re.compile(r"项目")
NOT_PROJECT = re.compile(r"^(项目结果|项目赛马|校验结果|进度结果|说明|设置)")
_LABELLED = re.compile(r"报告期|统计期|数据期|截至|截止|填报时间")
_MONTH_ONLY = re.compile(r"(?:1|一)月?[-—~～至到](?P<m>\d{1,2})月|(?P<m2>\d{1,2})月(?:底|末|份)?|(?P<h>上)半年|(?P<q>[一二三四1-4])季度")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
HEADER_SCAN_ROWS = 30


def _label(value) -> str:
    return normalize_text(cell_text(value))


def _header(grid: Grid) -> tuple[int, int, list[str]] | None:
    """(first, last header row, folded labels) of a project header: one row, or a band over sub-labels."""
    width = grid.width
    for r in range(min(grid.height, HEADER_SCAN_ROWS)):
        upper = [_label(v) for v in grid.filled_row(r, width)]
        if not cols.looks_like_header(upper):
            continue
        if r + 1 < grid.height:
            lower = [_label(v) for v in grid.filled_row(r + 1, width)]
            if _continues(upper, lower):
                labels = [up if lo == up or not lo else (up + lo if up else lo) for up, lo in zip(upper, lower)]
                return r, r + 1, labels
        return r, r, upper
    return None


def _continues(upper: list[str], lower: list[str]) -> bool:
    """The row under the header holds sub-labels (计划 | 实际, units), not a project."""
    added = [lo for up, lo in zip(upper, lower) if lo and lo != up]
    if not added:
        return False
    if any(parse_target(lo).is_number or parse_node(lo).is_date for lo in added):
        return False
    return all(len(lo) <= 12 for lo in added) and any(cols.field_of(lo) or re.search(r"计划|实际|时间|亿元|万元", lo) for lo in added)


def title_and_unit(grid: Grid, first: int) -> tuple[str | None, str | None]:
    title = unit = None
    for r in range(first):
        for v in grid.rows[r]:
            text = _label(v)
            if not text:
                continue
            if m := cols.UNIT_LINE.match(text):
                unit = m.group("unit")
            elif title is None and not _LABELLED.search(text):
                title = fold_text(str(v))
    return title, unit


def list_period(grid: Grid, first: int, title: str | None, year_hint: int | None) -> tuple[Period | None, str]:
    """The list's period: sheet name, then title, then a 报告期 cell; a month-only title takes its year elsewhere."""
    if p := parse_period(grid.name):
        return p, f"工作表名称“{grid.name}”"
    texts: list[tuple[str, str]] = []
    for r in range(min(first, 8)):  # above the header only: the rows below hold projects
        for c, v in enumerate(grid.rows[r]):
            text = _label(v)
            if not text:
                continue
            if _LABELLED.search(text) and not re.search(r"\d", text):
                value = grid.raw(r, c + 1) if grid.raw(r, c + 1) not in (None, "") else grid.raw(r + 1, c)
                if p := parse_period(value):
                    return p, grid.ref(r, c)
                texts.append((_label(value), grid.ref(r, c)))
            elif p := parse_period(text):
                return p, grid.ref(r, c)
            else:
                texts.append((text, grid.ref(r, c)))
    years = [int(m.group(1)) for text, _ in [(grid.name, "")] + texts for m in [_YEAR.search(text)] if m]
    year = years[0] if years else year_hint
    for text, where in [(normalize_text(grid.name), f"工作表名称“{grid.name}”")] + texts:
        month = _month_only(text)
        if month and year:
            return Period(year, month), where
    return None, ""


def _month_only(text: str) -> int | None:
    """The month a year-less title names: （1-6月）, 6月底, 上半年, 二季度."""
    m = _MONTH_ONLY.search(text)
    if not m:
        return None
    if m["m"] or m["m2"]:
        month = int(m["m"] or m["m2"])
    elif m["h"]:
        month = 6
    else:
        month = 3 * ("一二三四".index(m["q"]) + 1 if m["q"] in "一二三四" else int(m["q"]))
    return month if 1 <= month <= 12 else None


def project_sheets(book: Workbook) -> list[tuple[Grid, tuple[int, int, list[str]]]]:
    """Every sheet named …项目… whose header reads as a project list."""
    found = []
    for grid in book.grids:
        if not PROJECT_SHEET.search(grid.name) or NOT_PROJECT.match(grid.name) or grid.name.startswith("_"):
            continue
        if header := _header(grid):
            found.append((grid, header))
    return found


def choose_list(dated, wanted: Period | None):
    if wanted is not None:
        same = [d for d in dated if d[2] == wanted]
        undated = [d for d in dated if d[2] is None]
        if same or len(undated) == 1 and not same:
            return (same or undated)[0]
        have = "、".join(str(d[2]) for d in dated if d[2]) or "无"
        raise UsageError(f"没有 {wanted} 的重大项目清单（已有期间：{have}）")
    with_period = [d for d in dated if d[2] is not None]
    if not with_period:
        names = "、".join(d[0].name for d in dated)
        raise UsageError(f"重大项目清单“{names}”没有注明期间：请在表名、标题或“报告期”单元格写明（如“重大项目 2023-06”），或用 --period 2023-06 指定")
    latest = max(d[2] for d in with_period)
    same = [d for d in with_period if d[2] == latest]
    if len(same) > 1:
        raise UsageError(f"期间 {latest} 有多张重大项目清单：{'、'.join(d[0].name for d in same)}，请只保留一张或用 --period 指定")
    return same[0]
