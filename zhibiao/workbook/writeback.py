"""Write-back (写回): findings as a host-agnostic plan that an executor applies to a workbook.

The plan says what to show (a results sheet, coloured cells with comments, a status column); the
executors (openpyxl here, xlwings for a live Excel book) only carry it out, so every host shows the
same thing. Text from outside is escaped against formula injection by the executor (`safe_text`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..codes import SEVERITY_LABEL, Severity
from ..grid import Workbook, parse_a1
from ..kinds import KIND_LABEL, Kind
from ..report import VERDICT_LEVEL, Report

RESULT_SHEET = "校验结果"
STATUS_HEADER = "校验"

# one palette for every executor: level -> RGB hex (fills light enough to read black text on)
LEVEL_FILL = {
    "error": "FFC7CE",
    "warning": "FFEB9C",
    "info": "DDEBF7",
    "ok": "E2EFDA",
    "green": "C6EFCE",
    "yellow": "FFEB9C",
    "red": "FFC7CE",
}
LEVEL_ORDER = ["error", "red", "warning", "yellow", "info", "green", "ok"]
SEVERITY_MARK = {Severity.ERROR: "● 错误", Severity.WARNING: "▲ 警告", Severity.INFO: "○ 提示"}
_FORMULA_START = ("=", "+", "-", "@")


@dataclass
class Mark:
    """One cell to colour on an existing sheet."""

    sheet: str
    row: int  # 0-based
    col: int  # 0-based
    level: str  # 'error' | 'warning' | 'info' | 'ok' | 'green' | 'yellow' | 'red'
    comment: str | None = None  # Chinese message for a cell comment / note


@dataclass
class ResultSheet:
    """A sheet zhibiao (re)creates, e.g. 校验结果 / 进度结果."""

    name: str
    header: list[str]
    rows: list[list]  # plain values (str/float/None)
    links: dict[tuple[int, int], str]  # (row, col) in rows -> target cell ref like "任务分解!H14"
    levels: list[str | None]  # per row, for a fill colour
    summary: str  # top line
    widths: list[float] | None = None


@dataclass
class StatusColumn:
    """The 校验 column added beside a checked table."""

    sheet: str
    col: int  # 0-based
    header_row: int  # 0-based
    header: str
    values: dict[int, tuple[str, str]]  # 0-based row -> (text, level)


@dataclass
class WritePlan:
    """Everything one write-back shows; executors apply it and undo their previous one."""

    sheets: list[ResultSheet] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    columns: list[StatusColumn] = field(default_factory=list)
    # sheet names zhibiao owns; a second write replaces them (and this plan's earlier marks) instead of stacking
    owned_sheets: tuple[str, ...] = (RESULT_SHEET,)

    @property
    def owner(self) -> str:
        """The key of this plan's records in `_zhibiao`: a later plan with the same key undoes them, on any host."""
        return ",".join(self.owned_sheets)


def safe_text(value):
    """Text that would start a formula, marked so executors write it as text (True in the second place)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return value, True
    return value, False


def worst(levels) -> str:
    """The most severe of some levels."""
    return min(levels, key=LEVEL_ORDER.index)


def _merge_marks(marks: list[Mark]) -> list[Mark]:
    """One mark per cell: the worst level, all messages in one comment."""
    by_cell: dict[tuple[str, int, int], Mark] = {}
    for m in marks:
        key = (m.sheet, m.row, m.col)
        if key not in by_cell:
            by_cell[key] = Mark(m.sheet, m.row, m.col, m.level, m.comment)
            continue
        seen = by_cell[key]
        seen.level = worst([seen.level, m.level])
        if m.comment and m.comment not in (seen.comment or ""):
            seen.comment = f"{seen.comment}\n{m.comment}" if seen.comment else m.comment
    return list(by_cell.values())


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


def _status_columns(report: Report, book: Workbook | None) -> list[StatusColumn]:
    columns = []
    for info in report.tables:
        corners = [parse_a1(ref) for ref in info.header.split("!")[-1].split(":")]
        if None in corners:  # a Word table: nothing to write beside
            continue
        first_row, last_col = corners[0][0], corners[-1][1]
        rows = [i for i in report.indicators if i.sheet == info.sheet]
        if not rows:
            continue
        col = _status_col(book, info.sheet, first_row, last_col, [i.row for i in rows])
        values = {i.row: (_status_text(i), VERDICT_LEVEL.get(i.verdict, "info")) for i in rows}
        columns.append(StatusColumn(info.sheet, col, first_row, STATUS_HEADER, values))
    return columns


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
    return WritePlan([sheet], _merge_marks(marks), _status_columns(report, book), (RESULT_SHEET,))


def default_output(src: str | Path) -> Path:
    """分解表.xlsx -> 分解表.校验.xlsx beside it (the suffix, .xlsm included, is kept)."""
    src = Path(src)
    return src.with_name(f"{src.stem}.校验{src.suffix}")


def apply_openpyxl(wb, plan: WritePlan) -> None:
    """Apply a plan to an openpyxl workbook, undoing the previous write of the same owner first."""
    from .write_openpyxl import apply

    apply(wb, plan)


def output_path(src: str | Path, out: str | Path | None = None, in_place: bool = False) -> Path:
    """Where write_plan would write; raises UsageError for a combination that cannot work (check it early)."""
    from .write_openpyxl import output_path as path

    return path(src, out, in_place)


def write_plan(src: str | Path, plan: WritePlan, out: str | Path | None = None, in_place: bool = False,
               book: Workbook | None = None) -> Path:
    """Load src with openpyxl, apply the plan, save atomically; `book`, src as already read, spares a second read."""
    from .write_openpyxl import write

    return write(src, plan, out, in_place, book)
