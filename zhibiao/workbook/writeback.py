"""Write-back of a check (写回): the check report as a write plan, and the file-level entry points.

plan_findings turns a Report into a WritePlan (plan.py: what to show); write_openpyxl carries a plan
out on a file, write_xlwings in a live Excel book.
"""

from __future__ import annotations

from pathlib import Path

from ..codes import SEVERITY_LABEL
from ..grid import Workbook, parse_a1
from ..kinds import KIND_LABEL, Kind
from ..report import VERDICT_LEVEL, Report
from .result_rows import text_width
from .plan import (LEVEL_FILL, RESULT_SHEET, SEVERITY_MARK, STATUS_HEADER, Mark, ResultSheet, StatusColumn, StatusLine,
                   StatusRow, WritePlan, default_output, merge_marks, worst)

__all__ = ["LEVEL_FILL", "RESULT_SHEET", "Mark", "WritePlan", "apply_openpyxl", "default_output", "output_path",
           "plan_findings", "write_plan"]


def _finding_rows(report: Report) -> tuple[list[list], dict, list]:
    rows, links, levels = [], {}, []
    for f in report.findings:
        i = len(rows)
        rows.append([SEVERITY_MARK[f.severity], f.indicator or "", f.region or "", f.cell or "",
                     f.message, f.suggestion or "", f.code])
        levels.append(str(f.severity))
        if f.cell and f.position is not None and f.sheet:
            links[(i, 3)] = f.cell
    return rows, links, levels


def _table_results(report: Report):
    """Each table with its indicators' results (check_workbook adds them table by table, in order)."""
    start = 0
    for info in report.tables:
        yield info, report.indicators[start:start + info.indicators]
        start += info.indicators


def _status_columns(report: Report, book: Workbook | None) -> list[StatusLine]:
    columns: list[StatusLine] = []
    for info, results in _table_results(report):
        if info.orientation == "down":  # regions as rows: the indicators run across, their verdicts in a row under
            line = _status_row(info, results, book)
            if line is not None:
                columns.append(line)
            continue
        corners = [parse_a1(ref) for ref in info.header.split("!")[-1].split(":")]
        if None in corners or not results:  # a Word table: nothing to write beside
            continue
        first_row, last_col = corners[0][0], corners[-1][1]
        by_row: dict[int, list] = {}
        for i in results:  # the sheet row of the indicator's name (one row holds every band of a banded table)
            at = parse_a1(i.cell.split("!")[-1])
            if at is not None:
                by_row.setdefault(at[0], []).append(i)
        col = _status_col(book, info.sheet, first_row, last_col, list(by_row))
        values = {r: _row_status(rs) for r, rs in by_row.items()}
        width = min(max([22] + [text_width(text) + 2 for text, _ in values.values()]), 80)
        columns.append(StatusColumn(info.sheet, col, first_row, STATUS_HEADER, values, width))
    return columns


def _status_row(info, results: list, book: Workbook | None) -> StatusRow | None:
    """The 校验 row under a table with regions as rows: one verdict under each indicator's column."""
    corners = [parse_a1(ref) for ref in (info.area or "").split("!")[-1].split(":")]
    if len(corners) != 2 or None in corners or not results:
        return None
    (_, left), (bottom, right) = corners
    values = {}
    for i in results:
        at = parse_a1(i.cell.split("!")[-1])
        if at is not None:
            values[at[1]] = (_status_text(i), VERDICT_LEVEL.get(i.verdict, "info"))
    return StatusRow(info.sheet, _status_row_at(book, info.sheet, bottom, left, right), left, STATUS_HEADER, values)


def _status_row_at(book: Workbook | None, sheet: str, bottom: int, left: int, right: int) -> int:
    """The first row under the table that is empty across it, or the 校验 row an earlier write put there (what
    lies between is the clerk's, and a table further down is never reached)."""
    grid = book.grid(sheet) if book else None
    if grid is None:
        return bottom + 1
    row = bottom + 1
    while str(grid.raw(row, left) or "").strip() != STATUS_HEADER and any(
            grid.raw(row, c) not in (None, "") for c in range(left, right + 1)):
        row += 1
    return row


def _row_status(results: list) -> tuple[str, str]:
    """The verdict of one sheet row; under period bands, each band's verdict named, the worst level."""
    levels = [VERDICT_LEVEL.get(i.verdict, "info") for i in results]
    if len(results) == 1:
        return _status_text(results[0]), levels[0]
    return "；".join(f"{i.period}：{_status_text(i)}" for i in results), worst(levels)


def _status_text(result) -> str:
    """通过 · 合计: the verdict and the kind it was checked as, on one line (rows keep their height)."""
    kind = KIND_LABEL.get(Kind(result.kind), result.kind_label)
    return result.verdict_label if kind == result.verdict_label else f"{result.verdict_label} · {kind}"


def _status_col(book: Workbook | None, sheet: str, header_row: int, last_col: int, rows: list[int]) -> int:
    """An existing 校验 column, else the first column right of the table that is empty in its rows."""
    grid = book.grid(sheet) if book else None
    if grid is None:
        return last_col + 1
    for c in range(grid.width):
        for r in (header_row, header_row + 1):
            if str(grid.raw(r, c) or "").strip() == STATUS_HEADER:
                return c
    col = last_col + 1
    while any(grid.raw(r, col) not in (None, "") for r in [header_row, *rows]):
        col += 1
    return col


def plan_findings(report: Report, book: Workbook | None = None) -> WritePlan:
    """The write-back of a check: 校验结果 sheet, marked cells, a 校验 column per table.

    Pass the workbook the report was made from so the 校验 column lands in a free column
    (or reuses the one an earlier write-back made).
    """
    rows, links, levels = _finding_rows(report)
    summary = report.headline()
    if not rows:
        summary += "。未发现问题。"
    sheet = ResultSheet(
        RESULT_SHEET, ["级别", "指标", "地区", "单元格", "说明", "建议", "代码"], rows, links, levels,
        summary, widths=[9, 30, 11, 15, 56, 40, 18],
    )
    marks = [
        Mark(f.sheet, f.position[0], f.position[1], str(f.severity), f"{SEVERITY_LABEL[f.severity]}：{f.message}"
             + (f"\n建议：{f.suggestion}" if f.suggestion else ""))
        for f in report.findings if f.position is not None and f.sheet
    ]
    marks += _inferred_marks(report, book)
    return WritePlan([sheet], merge_marks(marks), _status_columns(report, book), (RESULT_SHEET,))


_FILLABLE = {Kind.SUM, Kind.WEIGHTED, Kind.UNIFORM, Kind.QUALITATIVE}  # the 汇总方式 dropdown's choices


def _inferred_marks(report: Report, book: Workbook | None) -> list[Mark]:
    """A blank 汇总方式 (and 方向 of a cap) gets the kind the check used, so the sheet's 分解合计 formula agrees.

    The template's 说明 says zhibiao infers a blank 汇总方式; the 分解合计 / 差额 formulas can only read
    the cell. Written into empty cells only, with a note to review it (the same as zhibiao import does).
    """
    from ..kinds import DIRECTION_LABEL, Direction
    from ..layout import Role, role_of

    marks = []
    for info, results in _table_results(report):
        grid = book.grid(info.sheet) if book is not None and info.kind == "split" and info.orientation == "across" else None
        corners = [parse_a1(ref) for ref in info.header.split("!")[-1].split(":")]
        if grid is None or None in corners:
            continue
        columns: dict[Role, int] = {}
        for r in range(corners[0][0], corners[-1][0] + 1):
            for c in range(grid.width):
                role = role_of(str(grid.raw(r, c) or "").strip())
                if role in (Role.METHOD, Role.DIRECTION):
                    columns.setdefault(role, c)
        for ind in results:
            at = parse_a1(ind.cell.split("!")[-1])
            if at is None or ind.kind_source not in ("inferred", "data"):
                continue
            row, kind = at[0], Kind(ind.kind)
            col = columns.get(Role.METHOD)
            if kind in _FILLABLE and col is not None and grid.value(row, col) in (None, ""):
                label = KIND_LABEL[kind]
                marks.append(Mark(info.sheet, row, col, "info", f"提示：汇总方式未填写，已按 zhibiao 的判断填入“{label}”，请核对", label))
            col = columns.get(Role.DIRECTION)
            if kind is Kind.SUM and ind.direction == Direction.LOWER and col is not None and grid.value(row, col) in (None, ""):
                label = DIRECTION_LABEL[Direction.LOWER]
                marks.append(Mark(info.sheet, row, col, "info", f"提示：方向未填写，已按 zhibiao 的判断填入“{label}”，请核对", label))
    return marks




def apply_openpyxl(wb, plan: WritePlan) -> None:
    """Apply a plan to an openpyxl workbook, undoing the previous write of the same owner first."""
    from . import write_openpyxl

    write_openpyxl.apply(wb, plan)


def output_path(src: str | Path, out: str | Path | None = None, in_place: bool = False) -> Path:
    """Where write_plan would write; raises UsageError for a combination that cannot work (check it early)."""
    from .write_file import output_path as where

    return where(src, out, in_place)


def write_plan(src: str | Path, plan: WritePlan, out: str | Path | None = None, in_place: bool = False,
               book: Workbook | None = None) -> Path:
    """Apply the plan to src (copied part by part, or loaded in openpyxl), save atomically; `book`, src as already
    read, spares a second read."""
    from .write_file import write

    return write(src, plan, out, in_place, book)
