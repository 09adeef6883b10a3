"""Who a return is from: the hidden sheet written by `collect`, else the file name, else the title."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..expr import cell_text
from ..grid import Grid, Workbook
from ..progress.period import Period, parse_period

ID_SHEET = "_报送信息"  # very hidden in every return
MARKER = "zhibiao进度报送"
KIND_INDICATORS = "指标"
KIND_PROJECTS = "项目"
# key/value rows of the hidden sheet, in this order
FIELDS = ("类型", "版本", "报送内容", "来源工作簿", "来源工作表", "地区", "期间", "上级", "上期")


@dataclass
class Identity:
    """Region and period of a return, and where they were read (hidden sheet, file name or title)."""

    region: str | None  # as written (may not be a region of the split)
    period: Period | None
    how: str  # 隐藏信息表 | 文件名 | 标题
    source: str | None = None  # the workbook the return was collected from
    content: str = KIND_INDICATORS


def id_rows(source: str, sheet: str, region: str, period: Period, parent: str, previous: Period | None,
            content: str = KIND_INDICATORS) -> list[tuple[str, str]]:
    """The rows of the hidden sheet (all text, so no reader turns 2023-06 into a date)."""
    values = (MARKER, "1", content, source, sheet, region, str(period), parent, str(previous) if previous else "")
    return list(zip(FIELDS, values))


def read_hidden(book: Workbook) -> dict[str, str] | None:
    """The hidden sheet's key/value pairs, if the workbook has it and it is ours."""
    grid = book.grid(ID_SHEET)
    if grid is None:
        return None
    pairs = {cell_text(r[0]).strip(): cell_text(r[1]).strip() for r in grid.rows if len(r) >= 2 and r[0] not in (None, "")}
    return pairs if pairs.get("类型") == MARKER else None


def recognise(book: Workbook, path: Path, regions: list[str], region_of) -> Identity:
    """Region and period from the hidden sheet, else from the file name, else from the first rows of the sheets."""
    hidden = read_hidden(book)
    if hidden is not None:
        return Identity(hidden.get("地区") or None, parse_period(hidden.get("期间")), "隐藏信息表",
                        hidden.get("来源工作簿") or None, hidden.get("报送内容") or KIND_INDICATORS)
    region = region_of(path.stem)
    period = parse_period(path.stem)
    how = "文件名"
    if region is None or period is None:
        for text in _title_texts(book):
            region = region or region_of(text)
            period = period or parse_period(text)
            how = "标题" if region is not None or period is not None else how
    return Identity(region, period, how)


def _title_texts(book: Workbook, rows: int = 4):
    """The texts of the first rows of every visible sheet: titles such as 吴兴区2023年1-6月主要指标完成情况."""
    for grid in book.grids:
        if grid.hidden:
            continue
        yield from _head_texts(grid, rows)


def _head_texts(grid: Grid, rows: int):
    for r in range(min(rows, grid.height)):
        for v in grid.rows[r]:
            if v not in (None, ""):
                yield cell_text(v)
