"""Where a table's header is: title rows above it, one or two header rows, merged bands, notes below."""

from __future__ import annotations

import re

from ..expr import normalize_text, parse_target, ValueType
from ..grid import Grid
from .model import NOTE_ROW, HEADER_SCAN_ROWS, UNIT_CELL, Role, role_of
from .roles import label as _label, simplified

# a unit printed for a whole table, on a line above it: 单位：万亩、万株 / 金额单位：万元 / 计量单位：亿元
UNIT_LINE = re.compile(r"^(?:[^:：]{0,6}单位|面积|金额|计量单位)[:：](?P<units>.+)$")


header_label = _label  # a header cell as a label: full-width folded, white space and a footnote mark removed


def is_title_row(grid: Grid, row: int, cells: list[str]) -> bool:
    filled = [c for c, text in enumerate(cells) if text]
    if not filled:
        return True
    origins = {grid.origin(row, c) for c in filled}
    return len(origins) == 1


def is_header(cells: list[str]) -> bool:
    """Labels that name at least two known roles, or one and three more words (regions)."""
    roles = [role_of(t) for t in cells if t]
    known = [x for x in roles if x not in (None, Role.IGNORE)]
    texty = [t for t in cells if t and parse_target(t).type in (ValueType.QUALITATIVE, ValueType.UNPARSED)]
    distinct = {t for t in cells if t}
    return len(set(known)) >= 2 or bool(known and len(texty) >= 3 and len(distinct) >= 3)


def find_header(grid: Grid, width: int, start: int = 0) -> tuple[int, list[str]] | None:
    """First row, within the rows from start, that reads as a header."""
    for r in range(start, min(start + HEADER_SCAN_ROWS, grid.height)):
        cells = [header_label(v) for v in grid.filled_row(r, width)]
        first = next((t for t in cells if t), "")
        if not is_title_row(grid, r, cells) and not note_or_stop(first) and is_header(cells):
            return r, cells
    return None


def _is_band(grid: Grid, row: int, col: int) -> bool:
    """A header cell merged across columns (指标 over 名称/单位): the row below may name its parts."""
    r, c = grid.origin(row, col)
    return c != col or grid.origin(row, col + 1) == (r, c)


def continues_header(grid: Grid, row: int, width: int, upper: list[str]) -> list[str] | None:
    """The lower row of a two-row header: its cells under role labels repeat them (vertical merges)."""
    if row >= grid.height:
        return None
    cells = [header_label(v) for v in grid.filled_row(row, width)]
    if not any(cells):
        return None
    for c, label in enumerate(upper):
        if role_of(label) not in (None, Role.IGNORE) and cells[c] and cells[c] != label:
            if not (_is_band(grid, row - 1, c) and role_of(cells[c]) not in (None, Role.IGNORE)):
                return None
    for c, text in enumerate(cells):
        if text and parse_target(text).is_number and text != upper[c]:
            return None
    return cells


def note_or_stop(text: str) -> bool:
    return bool(NOTE_ROW.match(simplified(text)))


def unit_line(text: str) -> str | None:
    """The units a 单位：… line names (万亩、万株), or None for any other text."""
    m = UNIT_LINE.match(normalize_text(text))
    return m["units"] if m else None


def table_unit(units: str | None) -> str | None:
    """单位:万亩、万株 → 万亩 when every listed unit is a quantity (the kind is a sum either way); None otherwise."""
    if not units:
        return None
    parts = [p for p in re.split(r"[、,，/;；]", units) if p]
    if parts and all(UNIT_CELL.match(p) for p in parts):
        return parts[0]
    return None


def title_and_unit(grid: Grid, start: int, header: int) -> tuple[str | None, str | None]:
    """The first line of text above a header (the title), and the units a 单位：… line there names."""
    title = unit = None
    for r in range(start, header):
        texts = [str(v).strip() for v in grid.rows[r] if header_label(v)]
        units = [u for u in map(unit_line, texts) if u]
        if units and unit is None:
            unit = units[0]
        texts = [t for t in texts if not unit_line(t)]
        if texts and title is None:
            title = " ".join(texts)
    return title, unit
