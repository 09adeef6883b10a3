"""Read a return (报送表) as the district sent it back: its lines, its 报送 block, who and when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ZhibiaoError
from ..expr import cell_text, normalize_text
from ..formats import read_workbook
from ..grid import Grid, Workbook
from .collect import BLOCK
from .identity import Identity, recognise
from .project_returns import project_lines
from .source import Source

HEADER_SCAN = 30
_STOP = ("说明", "注") + BLOCK


@dataclass
class Line:
    """One indicator line of a return: the figures as typed, and where."""

    name: str
    unit: str | None
    target: object  # the target as the return shows it
    value: object  # 本期累计 as typed (percent cells read as shown)
    remark: str | None
    cell: str  # the input cell in the return: 进度报送!F5
    target_cell: str | None


@dataclass
class Return:
    """A return read from disk; `problem` says why it could not be read (then it has no lines)."""

    path: Path
    index: int  # its place on the command line
    identity: Identity | None = None
    lines: list[Line] = field(default_factory=list)
    block: dict[str, str] = field(default_factory=dict)  # 报送单位 / 填报人 / 联系电话 / 报送日期
    problem: str | None = None
    mtime: float = 0.0
    project_sheet: str | None = None  # the 项目报送 sheet, when the return has one
    project_rows: list = field(default_factory=list)  # (row, {field: (value, col)}) per project

    @property
    def file(self) -> str:
        return self.path.name


def read_return(path: Path, index: int, source: Source) -> Return:
    """Read one return; an unreadable file or one without the return's table is a Return with a problem, not an error."""
    ret = Return(Path(path), index)
    try:
        ret.mtime = ret.path.stat().st_mtime
        book = read_workbook(ret.path)
    except ZhibiaoError as exc:
        ret.problem = f"{ret.file} 无法读取：{exc}"
        return ret
    except OSError:  # the OS says it in English
        ret.problem = f"{ret.file} 无法读取：没有读取权限或文件正被占用"
        return ret
    ret.identity = recognise(book, ret.path, source.regions, source.region_of)
    for pgrid in book.grids:
        rows = [] if pgrid.hidden else list(project_lines(pgrid))
        if rows:
            ret.project_sheet, ret.project_rows = pgrid.name, rows
            ret.block = _block(pgrid)
            break
    grid, header = _find_header(book)
    if grid is None:
        if not ret.project_rows:
            ret.problem = f"{ret.file} 中没有找到报送表（需要“指标名称”和“本期累计”两列，或“项目名称”和“本年累计完成投资”）"
        return ret
    ret.lines = list(_lines(grid, *header))
    ret.block = _block(grid) or ret.block
    if not ret.lines and not ret.project_rows:
        ret.problem = f"{ret.file} 的报送表中没有指标"
    return ret


def _find_header(book: Workbook) -> tuple[Grid | None, tuple]:
    """The sheet and header row holding 指标名称 and 本期…; columns by their labels."""
    for grid in book.grids:
        if grid.hidden:
            continue
        for r in range(min(HEADER_SCAN, grid.height)):
            labels = [normalize_text(cell_text(v)) for v in grid.rows[r]]
            cols = {}
            for c, text in enumerate(labels):
                if text in ("指标名称", "指标") and "name" not in cols:
                    cols["name"] = c
                elif text.startswith("本期") or text.startswith("本月累计") or text.startswith("累计完成"):
                    cols.setdefault("value", c)
                elif text.startswith("上期"):
                    cols.setdefault("previous", c)
                elif text.startswith("年度目标") or text in ("目标", "目标值"):
                    cols.setdefault("target", c)
                elif text in ("单位", "计量单位"):
                    cols.setdefault("unit", c)
                elif text == "备注":
                    cols.setdefault("remark", c)
            if "name" in cols and "value" in cols:
                return grid, (r, cols)
    return None, ()


def _lines(grid: Grid, header: int, cols: dict):
    percent = None
    for r in range(header + 1, grid.height):
        name = cell_text(grid.value(r, cols["name"])).strip()
        first = normalize_text(cell_text(grid.value(r, 0)) or name)
        if any(first.startswith(s) for s in _STOP) or any(normalize_text(name).startswith(s) for s in _STOP):
            return
        if not name:
            continue
        unit = cell_text(grid.value(r, cols["unit"])).strip() or None if "unit" in cols else None
        value = grid.value(r, cols["value"])
        if type(value) is float and (unit == "%" or "%" in name):
            percent = grid.percent_cells() if percent is None else percent
            if (r, cols["value"]) in percent:  # 7.5% typed into the cell is stored as 0.075
                value = round(value * 100, 9)
        remark = cell_text(grid.value(r, cols["remark"])).strip() or None if "remark" in cols else None
        yield Line(name, unit, grid.value(r, cols["target"]) if "target" in cols else None, value, remark,
                   grid.ref(r, cols["value"]), grid.ref(r, cols["target"]) if "target" in cols else None)


def _block(grid: Grid) -> dict[str, str]:
    """报送单位 / 填报人 / 联系电话 / 报送日期: the first filled cell right of each label."""
    found = {}
    for r in range(grid.height):
        row = grid.rows[r]
        for c, v in enumerate(row):
            label = normalize_text(cell_text(v)).rstrip(":：")
            if label in BLOCK and label not in found:
                answer = next((x for x in row[c + 1:] if x not in (None, "")), None)
                found[label] = _shown(answer)
    return {k: v for k, v in found.items() if v}


def _shown(value) -> str:
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d")
    return cell_text(value).strip() if value is not None else ""
