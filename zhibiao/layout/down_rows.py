"""The rows of a regions-down table: regions, the parent (by its label, or by dominance), attribute and period rows."""

from __future__ import annotations

import re

from ..grid import Grid
from .dominance import dominant_index, is_sum
from .model import NOTE_HEADING as _NOTE_HEADING, NOTE_ROW as _NOTE_ROW, UNIT_CELL as _UNIT_CELL
from .rows import _is_figure
from .roles import Role, is_parent_label, label, role_of, simplified

_SENTENCE = re.compile(r"[。；;！!？?]|^.{26,}$")
_DATE = re.compile(r"^(19|20)\d{2}年\d{1,2}月(\d{1,2}日)?$|^[一二〇○零]{4}年")
_ATTRIBUTES = {Role.RESPONSIBLE, Role.CATEGORY, Role.SEQ, Role.UNIT, Role.METHOD, Role.WEIGHT, Role.DIRECTION,
               Role.SCORE_WEIGHT, Role.IGNORE}


def _texts(grid: Grid, row: int, width: int) -> list[str]:
    return [label(v) for v in grid.filled_row(row, width)]


def region_label(grid: Grid, row: int, corner: int) -> str:
    """A region's name as zhibiao reports it: white space removed, a leading 其中: dropped."""
    text = label(grid.value(row, corner))
    return re.sub(r"^其中[:：]?", "", text) or text


def region_rows(grid: Grid, head, columns) -> tuple[list[int], dict, list[int], int | None, int]:
    """Region rows, attribute rows (责任单位 …), period rows, the parent row and the row after the table."""
    width = grid.width
    regions, periods, attributes = [], [], {}
    parent = None
    blank = False
    picks = [c for c, *_ in columns]
    lo, hi = picks[0], picks[-1] + 1
    contiguous = picks == list(range(lo, hi))
    header = None
    for r in range(head.last + 1, grid.height):
        name = label(grid.value(r, head.corner))
        cells = grid.filled_row(r, width)
        # C speed: a row of a wide table has a thousand (a slice when the indicators sit side by side)
        values = cells[lo:hi] if contiguous else list(map(cells.__getitem__, picks))
        filled = any(v is not None and (type(v) is not str or v.strip()) for v in values)
        if not name and not filled:
            blank = True
            continue
        if not name and _NOTE_ROW.match(simplified(next((t for t in map(label, cells) if t), ""))):
            return regions, attributes, periods, parent, r  # 填报单位：… left of the names (under a 序号 column)
        if name and not filled and parent is not None and regions and regions[0] < parent:
            return regions, attributes, periods, parent, r  # a line under the closing 合计 row: a note, not a region
        if _NOTE_ROW.match(simplified(name)) or (name and not filled and (blank or _SENTENCE.search(name) or _DATE.match(name)
                                                                      or _NOTE_HEADING.search(simplified(name)))):
            return regions, attributes, periods, parent, r
        if name and _SENTENCE.search(name) and not filled:
            return regions, attributes, periods, parent, r
        if name and name == label(grid.value(head.last, head.corner)):
            header = header or _texts(grid, head.last, width)[head.corner + 1:]
            if _texts(grid, r, width)[head.corner + 1:] == header:
                continue  # the header again (a table pasted from a paged annex)
        if (not name or _UNIT_CELL.match(name)) and all(not label(v) or _UNIT_CELL.match(label(v)) for v in values) and not any(_is_figure(v) for v in values):
            attributes.setdefault(Role.UNIT, r)  # a 单位 row under the header
            continue
        role = role_of(name) if name else None
        if role is Role.PARENT or (role is None and is_parent_label(name)):
            if parent is None:
                parent = r
                continue
        if role is Role.PERIOD:
            periods.append(r)
        elif role in _ATTRIBUTES:
            attributes.setdefault(role, r)
        else:
            regions.append(r)
        blank = False
    return regions, attributes, periods, parent, grid.height


def dominant(grid: Grid, regions: list[int], columns, corner: int | None = None) -> int | None:
    """No 合计 / 全市 row: the first or last row when it dominates the others (太原市 over its districts); the names
    in the `corner` column rule out a region named at the others' level (甲区 over 乙区, 丙区)."""
    if len(regions) < 3:
        return None
    series = [lambda c=c, name=name, unit=unit: [grid.value(r, c) for r in regions] if is_sum(name, unit) else None
              for c, name, unit, *_ in columns]
    names = None if corner is None else [label(grid.value(r, corner)) for r in regions]
    found = dominant_index(series, len(regions), names)
    return None if found is None else regions[found]
