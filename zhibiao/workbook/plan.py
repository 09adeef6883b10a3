"""The write-back plan (写回计划): what to show in a workbook, independent of the program that shows it.

A plan lists a results sheet, coloured cells with comments and a status column; executors
(write_openpyxl for files, write_xlwings for a live Excel book) only carry it out, so every host
shows the same thing. Text from outside is escaped against formula injection (`safe_text`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..codes import Severity

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
FORMULA_START = ("=", "+", "-", "@")


@dataclass
class Mark:
    """One cell to colour on an existing sheet."""

    sheet: str
    row: int  # 0-based
    col: int  # 0-based
    level: str  # 'error' | 'warning' | 'info' | 'ok' | 'green' | 'yellow' | 'red'
    comment: str | None = None  # Chinese message for a cell comment / note
    # written only into an empty cell, and kept (it is then the clerk's to change): e.g. the inferred 汇总方式
    value: str | None = None


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
    width: float = 22  # wider for the verdicts of period bands side by side (2023年：… ；2024年：…)

    def cells(self) -> list[tuple[int, int, str, str | None]]:
        """(row, col, text, level) to write, the header first (level None)."""
        return [(self.header_row, self.col, self.header, None)] + [
            (r, self.col, text, level) for r, (text, level) in sorted(self.values.items())]

    @property
    def widen(self) -> int | None:
        """The column to widen for the verdicts."""
        return self.col

    neighbour = (0, -1)  # the cell whose font and border the written cells take: the one to the left


@dataclass
class StatusRow:
    """The 校验 row added under a table printed with regions as rows (its indicators run across)."""

    sheet: str
    row: int  # 0-based
    header_col: int  # 0-based: the column of the region names
    header: str
    values: dict[int, tuple[str, str]]  # 0-based column -> (text, level)

    def cells(self) -> list[tuple[int, int, str, str | None]]:
        return [(self.row, self.header_col, self.header, None)] + [
            (self.row, c, text, level) for c, (text, level) in sorted(self.values.items())]

    widen = None  # the indicators' columns keep their widths; the verdicts wrap
    neighbour = (-1, 0)  # the cell above: the table's last row


StatusLine = StatusColumn | StatusRow


@dataclass
class WritePlan:
    """Everything one write-back shows; executors apply it and undo their previous one."""

    sheets: list[ResultSheet] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    columns: list[StatusLine] = field(default_factory=list)  # 校验 columns (and rows, for regions as rows)
    # sheet names zhibiao owns; a second write replaces them (and this plan's earlier marks) instead of stacking
    owned_sheets: tuple[str, ...] = (RESULT_SHEET,)

    @property
    def owner(self) -> str:
        """The key of this plan's records in `_zhibiao`: a later plan with the same key undoes them, on any host."""
        return ",".join(self.owned_sheets)


def safe_text(value):
    """Text that would start a formula, marked so executors write it as text (True in the second place)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return value, True
    return value, False


def worst(levels) -> str:
    """The most severe of some levels."""
    return min(levels, key=LEVEL_ORDER.index)

def merge_marks(marks: list[Mark]) -> list[Mark]:
    """One mark per cell: the worst level, all messages in one comment."""
    by_cell: dict[tuple[str, int, int], Mark] = {}
    for m in marks:
        key = (m.sheet, m.row, m.col)
        if key not in by_cell:
            by_cell[key] = Mark(m.sheet, m.row, m.col, m.level, m.comment, m.value)
            continue
        seen = by_cell[key]
        seen.level = worst([seen.level, m.level])
        if m.comment and m.comment not in (seen.comment or ""):
            seen.comment = f"{seen.comment}\n{m.comment}" if seen.comment else m.comment
    return list(by_cell.values())


def default_output(src: str | Path, tag: str = "校验") -> Path:
    """分解表.xlsx -> 分解表.校验.xlsx beside it (.xlsm is kept; any other format gets an .xlsx copy).

    A copy checked again (分解表.校验.xlsx) is written to itself, not to 分解表.校验.校验.xlsx.
    """
    from ..formats import writable

    src = Path(src)
    suffix = src.suffix if writable(src) else ".xlsx"
    if src.stem.endswith(f".{tag}"):
        return src.with_suffix(suffix)
    return src.with_name(f"{src.stem}.{tag}{suffix}")
