"""Period bands over the regions of a table with regions as columns: `2023年` spanning `全市 | 吴兴区 | 南浔区 …`,
then `2024年` spanning the same regions again (or `到2025年` / `到2030年`, `到2025年规划指标(万亩)`).

The bands are read one under the other through a view of the sheet (BandedGrid): each band's columns stand
in the first band's places, so every band is an ordinary block of indicator rows, checked on its own, and
references and positions stay the sheet's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..grid import Grid
from ..kinds import split_unit
from .roles import YEAR_BAND, Role, is_parent_label, label, region_like, role_of



@dataclass
class Band:
    """One period band: its label without the unit, the unit printed in it, and the sheet columns under it."""

    label: str
    unit: str | None
    columns: list[int] = field(default_factory=list)


def find_bands(grid: Grid, row: int, width: int) -> tuple[int, list[Band]] | None:
    """(upper header row, bands) when row, or the row above it, holds period bands over repeated regions."""
    for upper in (row, row - 1):
        if 0 <= upper and upper + 1 < grid.height:
            bands = _bands(grid, upper, width)
            if bands:
                return upper, bands
    return None


def _bands(grid: Grid, upper: int, width: int) -> list[Band] | None:
    top = [label(v) for v in grid.filled_row(upper, width)]
    low = [label(v) for v in grid.filled_row(upper + 1, width)]
    bands: list[Band] = []
    texts: list[str] = []  # each band's label as printed (with its unit)
    current = None
    for c in range(width):
        t, merged = top[c], grid.origin(upper, c) != (upper, c)
        if current is not None and low[c] and current.columns[-1] == c - 1 and (
                merged and grid.origin(upper, c) == grid.origin(upper, c - 1)
                or not merged and t in ("", texts[-1])):
            current.columns.append(c)  # merged across, or (no merges: CSV, a pasted table) left blank or repeated
            continue
        current = None
        if t and YEAR_BAND.search(t) and low[c] and low[c] != t:
            bare, unit = split_unit(t)
            current = Band(bare, unit, [c])
            bands.append(current)
            texts.append(t)
    if not bands:
        return None
    subs = [tuple(low[c] for c in b.columns) for b in bands]
    first = subs[0]
    if len(first) < 2 or any(s != first for s in subs):
        return None
    if any(role_of(s) not in (None, Role.PARENT) for s in first):
        return None
    regions = [s for s in first if not is_parent_label(s)]
    if not regions or not (any(is_parent_label(s) for s in first) or region_like(regions) >= 0.6):
        return None
    return bands


class BandedGrid(Grid):
    """A sheet whose bands are read one under the other: the rows above the data as printed (other bands'
    columns left empty), then the data rows once per band, that band's columns in the first band's places."""

    def __init__(self, sheet: Grid, data_start: int, end: int, bands: list[Band]):
        width = sheet.width
        others = self._others = {c for b in bands[1:] for c in b.columns}
        self.sheet, self.bands = sheet, bands
        self._maps: list[list[int]] = []
        self._rows_origin: list[tuple[int, int | None]] = []
        rows: list[list] = []
        for r in range(data_start):
            line = sheet.filled_row(r, width) if r >= data_start - 2 else _padded(sheet.rows[r], width)
            rows.append([None if c in others else v for c, v in enumerate(line)])
            self._rows_origin.append((r, None))
        for b, band in enumerate(bands):
            cols = list(range(width))
            for k, c in enumerate(bands[0].columns):
                cols[c] = band.columns[k]
            self._maps.append(cols)
            for r in range(data_start, end):
                line = _padded(sheet.rows[r], width)
                rows.append([None if c in others else line[s] for c, s in enumerate(cols)])
                self._rows_origin.append((r, b))
        merges = [m for m in sheet.merges if m[0] < data_start and (m[2] < data_start - 2 or not others & set(range(m[1], m[3] + 1)))]
        merges = [(r1, c1, min(r2, data_start - 1), c2) for r1, c1, r2, c2 in merges]
        for m in sheet.merges:
            if m[2] >= data_start and m[0] < end:
                merges += self._block_merges(sheet, m, data_start, end, rows)
        source = sheet.percent_source
        super().__init__(sheet.name, rows, merges, sheet.style, sheet.hidden, self._percent_of(source) if source else None)
        self.lines_above = sheet.lines_above

    def _block_merges(self, sheet: Grid, merge, data_start: int, end: int, rows: list[list]) -> list:
        """A merge among the data rows, in each band's block: clipped to the block's columns, shown at its corner."""
        r1, c1, r2, c2 = merge
        r1, r2 = max(r1, data_start), min(r2, end - 1)
        height = end - data_start
        out = []
        for b, cols in enumerate(self._maps):
            inside = [v for v, s in enumerate(cols) if c1 <= s <= c2 and v not in self._others]
            runs: list[list[int]] = []
            for v in inside:
                if runs and runs[-1][-1] == v - 1:
                    runs[-1].append(v)
                else:
                    runs.append([v])
            top = data_start + b * height + (r1 - data_start)
            for run in runs:
                rows[top][run[0]] = sheet.value(r1, cols[run[0]])
                if len(run) > 1 or r2 > r1:
                    out.append((top, run[0], top + r2 - r1, run[-1]))
        return out

    def _percent_of(self, source):
        def cells() -> set[tuple[int, int]]:
            sheet_cells = source()
            out = set()
            for v, (r, b) in enumerate(self._rows_origin):
                cols = self._maps[b] if b is not None else None
                for c in range(self.width):
                    if (r, cols[c] if cols else c) in sheet_cells:
                        out.add((v, c))
            return out
        return cells

    def band_of(self, row: int) -> Band | None:
        """The band a row of the view was read under (None above the data)."""
        b = self._rows_origin[row][1]
        return self.bands[b] if b is not None else None

    def to_sheet(self, row: int, col: int) -> tuple[int, int]:
        r, b = self._rows_origin[row]
        return self.sheet.to_sheet(r, self._maps[b][col] if b is not None else col)

    def ref(self, row: int, col: int) -> str:
        row, col = self.origin(row, col)
        return self.sheet.ref(*self.to_sheet(row, col))


def _padded(values: list, width: int) -> list:
    return list(values) + [None] * (width - len(values)) if len(values) < width else values
