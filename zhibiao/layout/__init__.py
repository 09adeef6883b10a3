"""Find decomposition and target tables in a grid, in either orientation, into one model.

roles (what a label names) → model (Role, Table, Column, IndicatorRow) → header (where the header rows are)
→ rows (column roles, indicator rows) for tables with regions across; down (+ down_rows, blocks) for tables
with regions as rows, read through the transposed view; groups (subtotals among the regions).
"""

from __future__ import annotations

from ..grid import Grid
from ..kinds import split_unit
from .bands import Band, BandedGrid, find_bands
from .dominance import dominant_index, is_sum
from .down import detect_down
from .groups import assign_groups
from .header import continues_header, find_header, header_label, table_unit, title_and_unit
from .rows import assign_roles, indicator_rows
from .model import (BASIS_SHEET, HEADER_SCAN_ROWS, SKIP_SHEETS, Column, IndicatorRow, Role, Table, TableKind,
                    role_of)

__all__ = ["BASIS_SHEET", "HEADER_SCAN_ROWS", "SKIP_SHEETS", "Column", "IndicatorRow", "Role", "Table", "TableKind",
           "detect_table", "detect_tables", "role_of"]


def detect_tables(grid: Grid) -> list[Table]:
    """Every indicator table in a grid, top to bottom (a 目标体系 may sit under the 分解表)."""
    tables: list[Table] = []
    start = 0
    while start < grid.height and (table := detect_table(grid, start)):
        tables.append(table)
        if table.end <= start:
            break
        start = table.end
    return tables


def detect_table(grid: Grid, start: int = 0) -> Table | None:
    """The first indicator table in a grid from row start (regions as rows or as columns), or None."""
    table = detect_down(grid, start) or detect_across(grid, start)
    if table is not None and table.kind is TableKind.SPLIT:
        assign_groups(table)
    return table


def detect_across(grid: Grid, start: int = 0) -> Table | None:
    """The (first) table from row start with indicators as rows and regions as columns, or None."""
    width = grid.width
    found = find_header(grid, width, start)
    if not found:
        return None
    first, labels = found
    banded = find_bands(grid, first, width)
    if banded is not None:
        return _banded(grid, start, *banded) or _plain(grid, start, first, labels)
    return _plain(grid, start, first, labels)


def _plain(grid: Grid, start: int, first: int, labels: list[str]) -> Table | None:
    width = grid.width
    last = first
    lower = continues_header(grid, first + 1, width, labels)
    if lower is not None:
        last = first + 1
        labels = [lo or up for lo, up in zip(lower, labels)]
    return _table(grid, start, first, last, labels)


def _table(grid: Grid, start: int, first: int, last: int, labels: list[str]) -> Table | None:
    title, units = title_and_unit(grid, start, first)
    data_start = last + 1
    columns = assign_roles(grid, labels, data_start, grid.width)
    if columns is None:
        return None
    kinds = {c.role for c in columns}
    if Role.REGION in kinds and (Role.PARENT in kinds or Role.NAME in kinds):
        kind = TableKind.SPLIT
    elif Role.PERIOD in kinds and Role.NAME in kinds:
        kind = TableKind.TARGETS
    else:
        return None
    table = Table(grid, kind, (first, last), columns, title, unit=units)
    table.rows = list(indicator_rows(table, data_start, grid.width))
    if not table.rows:
        return None
    default_unit = table_unit(units)
    for row in table.rows:
        if row.unit is None and split_unit(row.name)[1] is None:
            if _typed_percent(row.values):
                row.unit = "%"  # 12.9% in every filled cell: a rate, whatever the 单位 line says
            elif default_unit:
                row.unit = default_unit
    if kind is TableKind.SPLIT and table.parent is None:
        _dominant_parent(table)
    return table


def _typed_percent(values: list) -> bool:
    """Every filled value typed with a percent sign (and at least one)."""
    seen = False
    for v in values:  # stops at the first typed number: a plain row costs one cell
        if v is None or type(v) is str and not v.strip():
            continue
        if type(v) is not str or not v.strip().endswith("%"):
            return False
        seen = True
    return seen


def _dominant_parent(table: Table) -> None:
    """No 全市 / 合计 column: the first or last region column is the parent when it dominates (达州市 | 市本级 | …)."""
    regions = table.regions
    series = [lambda row=row: row.values if is_sum(row.name, row.unit) else None for row in table.rows]
    found = dominant_index(series, len(regions), [c.label for c in regions])
    if found is not None:
        regions[found].role = Role.PARENT
        for row in table.rows:  # values follow the value columns: the regions, then the parent
            row.values.append(row.values.pop(found))


def _banded(grid: Grid, start: int, upper: int, bands: list[Band]) -> Table | None:
    """Period bands over the regions (2023年 | 2024年 over 全市 | 吴兴区 …): each band's block of rows on its own."""
    width = grid.width
    others = {c for b in bands[1:] for c in b.columns}
    top = [header_label(v) for v in grid.filled_row(upper, width)]
    low = [header_label(v) for v in grid.filled_row(upper + 1, width)]
    labels = ["" if c in others else low[c] or top[c] for c in range(width)]
    sheet_table = _table(grid, start, upper, upper + 1, labels)  # the first band alone: where the table ends
    if sheet_table is None or sheet_table.kind is not TableKind.SPLIT:
        return None
    view = BandedGrid(grid, upper + 2, sheet_table.end, bands)
    table = _table(view, start, upper, upper + 1, labels)
    if table is None:
        return None
    for row in table.rows:
        band = view.band_of(row.row)
        row.period = band.label
        if row.unit is None and band.unit and split_unit(row.name)[1] is None:
            row.unit = band.unit
    table.end = sheet_table.end
    return table
