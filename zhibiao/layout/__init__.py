"""Find decomposition and target tables in a grid, in either orientation, into one model.

roles (what a label names) → model (Role, Table, Column, IndicatorRow) → header (where the header rows are)
→ rows (column roles, indicator rows) for tables with regions across; down (+ down_rows, blocks) for tables
with regions as rows, read through the transposed view; groups (subtotals among the regions).
"""

from __future__ import annotations

from ..grid import Grid
from .down import detect_down
from .groups import assign_groups
from .header import continues_header, find_header, header_label
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
    last = first
    lower = continues_header(grid, first + 1, width, labels)
    if lower is not None:
        last = first + 1
        labels = [lo or up for lo, up in zip(lower, labels)]
    title = None
    for r in range(start, first):
        texts = [header_label(v) for v in grid.rows[r] if header_label(v)]
        if texts:
            title = " ".join(str(v).strip() for v in grid.rows[r] if header_label(v))
            break
    data_start = last + 1
    columns = assign_roles(grid, labels, data_start, width)
    if columns is None:
        return None
    kinds = {c.role for c in columns}
    if Role.REGION in kinds and (Role.PARENT in kinds or Role.NAME in kinds):
        kind = TableKind.SPLIT
    elif Role.PERIOD in kinds and Role.NAME in kinds:
        kind = TableKind.TARGETS
    else:
        return None
    table = Table(grid, kind, (first, last), columns, title)
    table.rows = list(indicator_rows(table, data_start, width))
    if not table.rows:
        return None
    return table
