"""The core actions: read a file, find its tables, check them, return a Report."""

from __future__ import annotations

from pathlib import Path

from . import steps
from .basis import find_basis
from .codes import CODES
from .checks import check_table
from .checks.across import cross_check
from .errors import NoTableFound, UsageError
from .formats import read_workbook
from .expr import normalize_text
from .grid import Grid, Workbook, a1, parse_a1, quote_sheet
from .memory import collections_paused
from .layout import HEADER_SCAN_ROWS, SKIP_SHEETS, Role, Table, detect_tables, role_of
from .report import Finding, Report, TableInfo


@collections_paused()
def find_tables(book: Workbook, sheet: str | None = None) -> list[Table]:
    """Every grid that looks like a decomposition or target table (or just the named one)."""
    if sheet is not None:
        grid = book.grid(sheet)
        if grid is None:
            names = "、".join(g.name for g in book.grids)
            raise UsageError(f"找不到工作表“{sheet}”，文件中有：{names}")
        tables = detect_tables(grid)
        if not tables:
            if _header_only(grid):
                raise NoTableFound(f"工作表“{sheet}”{_EMPTY}")
            raise NoTableFound(f"工作表“{sheet}”{_NOT_FOUND}")
        return tables
    grids = [g for g in book.grids if not SKIP_SHEETS.search(g.name)]
    tables = [t for g in grids if not g.hidden for t in detect_tables(g)]
    if not tables:
        where = book.path.name if book.path else "工作簿"
        hidden = next((g for g in grids if g.hidden and detect_tables(g)), None)
        if hidden is not None:
            raise NoTableFound(f"{where} 的分解表在隐藏的工作表“{hidden.name}”中：请取消隐藏，或用 --sheet {hidden.name} 指定")
        if book.format == "docx" and not book.grids:
            raise NoTableFound(f"{where} 中没有表格：Word 文档里的分解表应是插入的表格，而不是文字或图片")
        if not any(v not in (None, "") for g in book.grids for row in g.rows for v in row):
            raise NoTableFound(f"{where} 是空的，没有任何内容")
        empty = next((g for g in grids if _header_only(g)), None)
        if empty is not None:
            raise NoTableFound(f"{where} 的“{empty.name}”表{_EMPTY}")
        from .projects.sheets import project_sheets
        if listed := project_sheets(book):
            raise NoTableFound(f"{where} 是重大项目清单（“{listed[0][0].name}”表），没有指标分解表："
                               f"请用 zhibiao projects {where} 查看三色与赛马")
        raise NoTableFound(f"{where} {_NOT_FOUND}")
    return tables


_NOT_FOUND = "中没有找到指标分解表或目标体系表（需要表头行，如 指标名称/全市/责任部门）"
_EMPTY = "只有表头，还没有填写指标：请在表头下逐行填写指标名称和各地区目标后再核对"


def _header_only(grid: Grid) -> bool:
    """A header row (指标名称 beside 全市 / 责任部门 / a year) with nothing under its name column: a table not filled in yet."""
    for r in range(min(HEADER_SCAN_ROWS, grid.height)):
        roles = {c: role_of(normalize_text(str(v))) for c, v in enumerate(grid.rows[r]) if v not in (None, "")}
        names = [c for c, role in roles.items() if role is Role.NAME]
        if names and {Role.PARENT, Role.RESPONSIBLE, Role.PERIOD} & set(roles.values()):
            return all(grid.value(rr, names[0]) in (None, "") for rr in range(r + 1, grid.height))
    return False


@collections_paused()
def check_workbook(book: Workbook, sheet: str | None = None, tables: list[Table] | None = None,
                   checked: list | None = None) -> Report:
    """Check every table of an already-read workbook.

    `tables` (find_tables(book, sheet), found by the caller) spares the search; `checked`, a list, receives each
    table's check_table results in the tables' order (the briefing hands the split's to its progress part)."""
    report = Report(str(book.path) if book.path else "(内存)")
    steps.begin("正在识别表格")
    basis = find_basis(book)
    tables = find_tables(book, sheet) if tables is None else tables
    for table in tables:
        results = check_table(table, basis, report.findings)
        if checked is not None:
            checked.append(results)
        report.indicators.extend(results)
        g = table.grid
        first, last = table.header_rows
        header = table.header_ref or f"{g.ref(first, 0)}:{g.ref(last, max(c.index for c in table.columns)).split('!')[-1]}"
        report.tables.append(TableInfo(
            sheet=table.name, kind=str(table.kind), title=table.title, header=header,
            parent=table.parent.label if table.parent else None,
            regions=[c.label for c in table.regions], periods=[c.label for c in table.periods],
            indicators=len(table.rows), orientation=table.orientation, area=_area(table, header),
        ))
    cross_check(book, tables, report.findings)
    mark_uncached_formulas(book, report.findings, _BLANK_CODES)
    report.sort()
    return report


_BLANK_CODES = ("missing-value", "parent-missing", "target-missing")


def _area(table: Table, header: str) -> str | None:
    """The table's range in the sheet: its header and every value cell, in the sheet's own rows and columns."""
    g = table.grid
    corners = [parse_a1(ref) for ref in header.split("!")[-1].split(":")]
    if g.style != "a1" or None in corners or not table.rows:
        return None
    cols = [c.index for c in table.columns]
    rows = (table.header_rows[0], table.rows[-1].row)
    corners += [g.to_sheet(r, c) for r in rows for c in (min(cols), max(cols))]
    top, left = min(r for r, _ in corners), min(c for _, c in corners)
    bottom, right = max(r for r, _ in corners), max(c for _, c in corners)
    return f"{quote_sheet(table.name)}!{a1(top, left)}:{a1(bottom, right)}"


def mark_uncached_formulas(book: Workbook, findings: list[Finding], codes) -> list[Finding]:
    """Findings of these codes on a formula cell without a cached value become formula-uncached; returns those."""
    if book.format != "xlsx" or book.path is None:
        return []
    # the sheet XML is read only when such findings exist, and only for sheets the reader saw a formula in
    blanks: dict[str, dict[str, Finding]] = {}
    for f in findings:
        if f.code in codes and f.position and f.sheet:
            blanks.setdefault(f.sheet, {})[a1(*f.position)] = f
    if not blanks:
        return []
    from .formats.xlsx import uncached_formulas

    with_formulas = book.formula_sheets() if book.formula_sheets else None
    changed = []
    for sheet, refs in blanks.items():
        if with_formulas is not None and sheet not in with_formulas:
            continue
        grid = book.grid(sheet)
        for ref in uncached_formulas(book.path, sheet, set(refs)):
            finding = refs[ref]
            formula = grid.unresolved.get(finding.position) if grid is not None else None
            finding.code, finding.message = "formula-uncached", unresolved_message(formula)
            changed.append(finding)
    return changed


def unresolved_message(formula: str | None) -> str:
    """What to do about a formula without a saved result that zhibiao could not work out itself."""
    if not formula:
        return CODES["formula-uncached"][1]
    return (f"公式 {formula} 没有保存计算结果，zhibiao 只能自行计算 =表名!A1 这样的单元格引用和 "
            '=IF(表名!A1="","",表名!A1)：请在 Excel/WPS 中打开此文件并保存一次后再运行')


def check_file(path: str | Path, sheet: str | None = None) -> Report:
    """Read a .xlsx/.xlsm/.docx file and check every table in it."""
    return check_workbook(read_workbook(path), sheet)
