"""A sheet that remembers where each cell came from, for building layout variants of a table.

Every row and column carries its origin in the table it was made from (None for one inserted), so a
finding's cell in the original maps to its cell in the variant through any edit: inserted or deleted rows
and columns, moved rows and columns, a transposition.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

Span = tuple[int, int, int, int]  # 0-based, inclusive: first row, first col, last row, last col


@dataclass
class VariantGrid:
    """Cell values, number formats, merges and hidden columns, with each cell's origin (row, col) or None."""

    sheet: str
    values: list[list]
    origin: list[list]
    merges: list[Span] = field(default_factory=list)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)
    hidden: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, sheet: str, rows: list[list], merges=(), formats=None) -> VariantGrid:
        width = max(len(r) for r in rows)
        values = [list(r) + [None] * (width - len(r)) for r in rows]
        origin = [[(r, c) for c in range(width)] for r in range(len(values))]
        return cls(sheet, values, origin, list(merges), dict(formats or {}))

    @property
    def height(self) -> int:
        return len(self.values)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.values), default=0)

    # -- where things are ------------------------------------------------------------

    def where(self, r0: int, c0: int) -> tuple[int, int] | None:
        """The current position of the original cell (r0, c0), None when it was deleted."""
        for r, row in enumerate(self.origin):
            for c, o in enumerate(row):
                if o == (r0, c0):
                    return r, c
        return None

    def row(self, r0: int) -> int:
        """The current row of the original row r0 (before any transposition)."""
        return next(r for r, row in enumerate(self.origin) if any(o and o[0] == r0 for o in row))

    def col(self, c0: int) -> int:
        """The current column of the original column c0 (before any transposition)."""
        return next(c for c in range(self.width) if any(c < len(row) and row[c] and row[c][1] == c0 for row in self.origin))

    def merged_at(self, r: int, c: int) -> bool:
        return any(r1 <= r <= r2 and c1 <= c <= c2 for r1, c1, r2, c2 in self.merges)

    def _square(self) -> None:
        width = self.width
        for row, orow in zip(self.values, self.origin):
            orow += [None] * (width - len(row))
            row += [None] * (width - len(row))

    # -- edits -------------------------------------------------------------------------

    def insert_row(self, at: int, values: list | None = None) -> None:
        """Insert a row; a merge spanning the position grows."""
        width = self.width
        self.values.insert(at, list(values or []) + [None] * (width - len(values or [])))
        self.origin.insert(at, [None] * max(width, len(values or [])))
        self._square()
        self.merges = [(r1 + (r1 >= at), c1, r2 + (r2 >= at), c2) for r1, c1, r2, c2 in self.merges]
        self.formats = {(r + (r >= at), c): f for (r, c), f in self.formats.items()}

    def insert_col(self, at: int, values: dict[int, object] | None = None) -> None:
        """Insert a column holding values by row; a merge spanning the position widens."""
        for r, (row, orow) in enumerate(zip(self.values, self.origin)):
            row.insert(at, (values or {}).get(r))
            orow.insert(at, None)
        self.merges = [(r1, c1 + (c1 >= at), r2, c2 + (c2 >= at)) for r1, c1, r2, c2 in self.merges]
        self.formats = {(r, c + (c >= at)): f for (r, c), f in self.formats.items()}
        self.hidden = {c + (c >= at) for c in self.hidden}

    def delete_row(self, at: int) -> None:
        """Delete a row; merges shrink (one left with a single cell is dropped)."""
        del self.values[at]
        del self.origin[at]
        merges = []
        for r1, c1, r2, c2 in self.merges:
            if r1 == r2 == at:
                continue
            r1, r2 = r1 - (r1 > at), r2 - (r2 >= at)
            if (r1, c1) != (r2, c2):
                merges.append((r1, c1, r2, c2))
        self.merges = merges
        self.formats = {(r - (r > at), c): f for (r, c), f in self.formats.items() if r != at}

    def delete_col(self, at: int) -> None:
        """Delete a column; merges shrink (one left with a single cell is dropped)."""
        for row, orow in zip(self.values, self.origin):
            del row[at]
            del orow[at]
        merges = []
        for r1, c1, r2, c2 in self.merges:
            if c1 == c2 == at:
                continue
            c1, c2 = c1 - (c1 > at), c2 - (c2 >= at)
            if (r1, c1) != (r2, c2):
                merges.append((r1, c1, r2, c2))
        self.merges = merges
        self.formats = {(r, c - (c > at)): f for (r, c), f in self.formats.items() if c != at}
        self.hidden = {c - (c > at) for c in self.hidden if c != at}

    def move_row(self, src: int, dst: int) -> None:
        """Move a row that no merge touches to index dst (in the list without it)."""
        assert not any(r1 <= src <= r2 for r1, _, r2, _ in self.merges), "moving a merged row"
        order = list(range(self.height))
        order.insert(dst, order.pop(src))
        self.reorder_rows(order)

    def reorder_rows(self, order: list[int]) -> None:
        """Put the rows in the given order (old indices); rows that move must not be merged."""
        moved = {old for new, old in enumerate(order) if new != old}
        assert not any(r1 <= r <= r2 for r1, _, r2, _ in self.merges for r in moved), "moving a merged row"
        self.values = [self.values[old] for old in order]
        self.origin = [self.origin[old] for old in order]
        new_of = {old: new for new, old in enumerate(order)}
        self.formats = {(new_of[r], c): f for (r, c), f in self.formats.items()}

    def move_col(self, src: int, dst: int) -> None:
        """Move a column that no merge touches to index dst (in the list without it)."""
        assert not any(c1 <= src <= c2 for _, c1, _, c2 in self.merges), "moving a merged column"
        for row, orow in zip(self.values, self.origin):
            row.insert(dst, row.pop(src))
            orow.insert(dst, orow.pop(src))
        order = list(range(self.width))
        order.insert(dst, order.pop(src))
        new_of = {old: new for new, old in enumerate(order)}
        self.formats = {(r, new_of[c]): f for (r, c), f in self.formats.items()}

    def transpose_block(self, first: int, last: int) -> None:
        """Rows first..last (the table: header and body) become columns; rows above and below stay rows."""
        assert not self.hidden, "transposing hidden columns"
        inside = [m for m in self.merges if first <= m[0] and m[2] <= last]
        outside = [m for m in self.merges if m[2] < first or m[0] > last]
        assert len(inside) + len(outside) == len(self.merges), "a merge crosses the table's edge"
        block, oblock = self.values[first:last + 1], self.origin[first:last + 1]
        values = [list(col) for col in zip(*block)]
        origin = [list(col) for col in zip(*oblock)]
        shift = len(values) - len(block)
        self.values[first:last + 1] = values
        self.origin[first:last + 1] = origin
        self._square()
        self.merges = outside = [(r1 + shift * (r1 > last), c1, r2 + shift * (r2 > last), c2) for r1, c1, r2, c2 in outside]
        self.merges += [(first + c1, r1 - first, first + c2, r2 - first) for r1, c1, r2, c2 in inside]
        formats = {}
        for (r, c), f in self.formats.items():
            if first <= r <= last:
                formats[(first + c, r - first)] = f
            else:
                formats[(r + shift * (r > last), c)] = f
        self.formats = formats

    # -- writing --------------------------------------------------------------------------

    def save(self, path: Path) -> Path:
        """Write one sheet as .xlsx."""
        wb = Workbook()
        ws = wb.active
        ws.title = self.sheet
        for r, row in enumerate(self.values, 1):
            for c, v in enumerate(row, 1):
                if v is not None:
                    cell = ws.cell(r, c, v)
                    if isinstance(v, str) and "\n" in v:
                        cell.alignment = Alignment(wrap_text=True)
        for (r, c), fmt in self.formats.items():
            ws.cell(r + 1, c + 1).number_format = fmt
        for r1, c1, r2, c2 in self.merges:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        for c in self.hidden:
            ws.column_dimensions[get_column_letter(c + 1)].hidden = True
        wb.save(path)
        return path
