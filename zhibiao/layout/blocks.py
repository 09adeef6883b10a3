"""Side-by-side blocks: `单位 | 金额 | 单位 | 金额 | 单位 | 金额`, one table printed in three column pairs to
fit a page. The blocks are read one under the other (down the first, then the second …), as printed."""

from __future__ import annotations

from ..grid import Grid
from .header import note_or_stop
from .roles import label


class StackedGrid(Grid):
    """The blocks of a sheet one under the other; ref() and to_sheet() answer in the sheet's terms."""

    def __init__(self, sheet: Grid, header_last: int, corner: int, width: int, blocks: int):
        rows, origin = [], []
        for r in range(header_last + 1):  # titles and unit lines as printed, the header's first block
            rows.append(list(sheet.rows[r]) if r < header_last else [sheet.value(r, c) for c in range(corner + width)])
            origin.append((r, 0))
        end = _end(sheet, header_last, corner, width)
        for b in range(blocks):
            offset = b * width
            for r in range(header_last + 1, end):
                rows.append([None] * corner + [sheet.value(r, corner + offset + k) for k in range(width)])
                origin.append((r, offset))
        for r in range(end, sheet.height):  # notes under the blocks: under the last block, as printed
            rows.append(list(sheet.rows[r]))
            origin.append((r, 0))
        merges = [m for m in sheet.merges if m[2] <= header_last]
        super().__init__(sheet.name, rows, merges, sheet.style, sheet.hidden)
        self.sheet, self._rows_origin = sheet, origin

    def to_sheet(self, row: int, col: int) -> tuple[int, int]:
        r, offset = self._rows_origin[row]
        return self.sheet.to_sheet(r, col + offset if col else col)

    def ref(self, row: int, col: int) -> str:
        row, col = self.origin(row, col)
        return self.sheet.ref(*self.to_sheet(row, col))


def _end(sheet: Grid, header_last: int, corner: int, width: int) -> int:
    """The first row under the blocks: a note (注：…) or a row merged across a block's edge (a line under the
    whole table); the sheet's height when there is none."""
    edge = corner + width - 1
    across = {r for r1, c1, r2, c2 in sheet.merges if c1 <= edge < c2 for r in range(r1, r2 + 1)}
    for r in range(header_last + 1, sheet.height):
        if r in across or note_or_stop(label(sheet.value(r, corner))):
            return r
    return sheet.height


def repeated_blocks(labels: list[str], corner: int) -> tuple[int, int] | None:
    """(block width, number of blocks) when the header from the corner repeats itself, else None."""
    cells = labels[corner:]
    while cells and not cells[-1]:
        cells.pop()
    n = len(cells)
    for width in range(2, n // 2 + 1):
        if n % width or cells[0] != cells[width]:
            continue
        blocks = n // width
        first = cells[:width]
        if all(cells[b * width:(b + 1) * width] == first for b in range(blocks)):
            return width, blocks
    return None
