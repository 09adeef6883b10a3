"""Read an open xlwings Book (classic Excel, xlwings Lite or xlwings Server) into the core's grids.

Not registered by file extension: the book is already open in Excel, and `read_book(book)` is the
only verb. Merged ranges are read where the engine can say so synchronously (classic Excel); the
Office.js payload of Lite and Server carries none, so there a merged cell shows only in its first cell.
"""

from __future__ import annotations

from pathlib import Path

from ..grid import Grid, Merge, Workbook


def _values(sheet) -> list[list]:
    """The sheet's values anchored at A1, as the file readers return them."""
    rng = sheet.used_range
    values = rng.options(ndim=2).value or []
    top, left = rng.row - 1, rng.column - 1
    if left:
        values = [[None] * left + list(row) for row in values]
    return [[] for _ in range(top)] + [list(row) for row in values]


def _candidates(rows: list[list]):
    """Cells that could start a merged range: filled, with an empty neighbour to the right or below."""
    for r, row in enumerate(rows):
        below = rows[r + 1] if r + 1 < len(rows) else []
        for c, value in enumerate(row):
            if value in (None, ""):
                continue
            right = row[c + 1] if c + 1 < len(row) else None
            under = below[c] if c < len(below) else None
            if right in (None, "") or under in (None, ""):
                yield r, c


def _merges(sheet, rows: list[list]) -> list[Merge]:
    """Merged ranges from the engine, asked only about cells that could start one."""
    try:
        if sheet.used_range.merge_cells is False:
            return []
        merges = []
        for r, c in _candidates(rows):
            area = sheet.range((r + 1, c + 1)).merge_area
            nrows, ncols = area.shape
            if (nrows, ncols) != (1, 1) and (area.row, area.column) == (r + 1, c + 1):
                merges.append((r, c, r + nrows - 1, c + ncols - 1))
        return merges
    except NotImplementedError:  # Office.js (Lite, Server): not in the payload, no synchronous read
        return []


def read_book(book) -> Workbook:
    """Every worksheet of an open book as a grid of raw values (plus merged ranges where readable)."""
    grids = []
    for sheet in book.sheets:
        rows = _values(sheet)
        grids.append(Grid(sheet.name, rows, _merges(sheet, rows)))
    return Workbook(Path(book.name), grids, "xlwings")
