"""Filling returns the way a district does: openpyxl, only the unlocked cells."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from zhibiao.expr import parse_target
from zhibiao.returns.collect import HEADER_ROW, RETURN_SHEET


def unlocked(ws) -> set[str]:
    """Coordinates of the cells a protected sheet lets the district change."""
    return {c.coordinate for row in ws.iter_rows() for c in row if c.protection.locked is False}


def fill(path: Path, figure, who: str = "张三", when: str = "2023-07-05", save_as: Path | None = None) -> Path:
    """Type figure(name, target, previous) into every unlocked 本期累计 cell (None leaves it blank), and the 报送 block."""
    wb = openpyxl.load_workbook(path)
    ws = wb[RETURN_SHEET]
    open_cells = unlocked(ws)
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        name, target, previous, cell = ws.cell(r, 2).value, ws.cell(r, 4).value, ws.cell(r, 5).value, ws.cell(r, 6)
        if name == "填报人":
            assert ws.cell(r, 3).coordinate in open_cells
            ws.cell(r, 3).value = who
        elif name == "报送日期":
            ws.cell(r, 3).value = when
        elif cell.coordinate in open_cells and ws.cell(r, 1).value is not None and isinstance(ws.cell(r, 1).value, int):
            value = figure(name, target, previous)
            if value is not None:
                cell.value = value
    target = save_as or path
    wb.save(target)
    return target


def on_schedule(month: int):
    """A plausible figure: m/12 of an additive target, the target itself for a rate; blank for text targets."""
    def figure(name, target, previous):
        t = parse_target(target)
        if not t.is_number:
            return None
        additive = not any(w in name for w in ("%", "/", "个百分点", "每万人口"))
        return round(t.value * month / 12, 4) if additive else t.value
    return figure
