"""The host seam: a workbook is a list of grids of raw cell values, whatever it was read from."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import repeat
from operator import add
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

Merge = tuple[int, int, int, int]  # first row, first col, last row, last col; 0-based, inclusive

_NEEDS_QUOTES = re.compile(r"[\s\-+()'!,;{}\[\]&^%$#@~`=<>|]")
_A1 = re.compile(r"^([A-Z]+)(\d+)$")


@lru_cache(maxsize=4096)
def column_letter(col: int) -> str:
    """0-based column index to Excel letters (0 -> A)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


_LETTERS: list[str] = []  # column_letter(i) at i, as far as asked


def _letters(n: int) -> list[str]:
    """column_letter(i) for i < n (and maybe more), worked out once per column."""
    while len(_LETTERS) < n:
        _LETTERS.append(column_letter(len(_LETTERS)))
    return _LETTERS


def column_index(letters: str) -> int:
    """Excel letters to a 0-based column index (A -> 0)."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def a1(row: int, col: int) -> str:
    """0-based (row, col) to an A1 reference."""
    return f"{column_letter(col)}{row + 1}"


def parse_a1(ref: str) -> tuple[int, int] | None:
    """An A1 reference (H14) to 0-based (row, col); None for anything else."""
    m = _A1.match(ref)
    return (int(m.group(2)) - 1, column_index(m.group(1))) if m else None


@lru_cache(maxsize=1024)
def quote_sheet(name: str) -> str:
    """Quote a sheet name for a cell reference where Excel needs it."""
    if _NEEDS_QUOTES.search(name) or name[:1].isdigit():
        return "'" + name.replace("'", "''") + "'"
    return name


@dataclass
class Grid:
    """One sheet (or one Word table): raw values by 0-based row and column, plus merged ranges."""

    name: str
    rows: list[list]
    merges: list[Merge] = field(default_factory=list)
    style: str = "a1"  # "a1" for sheets, "docx" for Word tables
    hidden: bool = False  # a hidden sheet is checked only when named (--sheet)
    # document tables: rows on top holding the text printed just above the table (title, 单位：…), which
    # the layout reads as it reads title rows on a sheet; references count the table's own rows
    lines_above: int = 0
    # the cells formatted as percent, looked up only when a (%) row asks; None when the host cannot tell
    percent_source: Callable[[], set[tuple[int, int]]] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._percent: frozenset[tuple[int, int]] | None = None
        self._heads: dict[tuple, list[str]] = {}  # refs(): each set of columns' sheet and letters
        # formulas without a saved result that the reader could not work out: (row, col) -> formula text
        self.unresolved: dict[tuple[int, int], str] = {}
        self._origin: dict[tuple[int, int], tuple[int, int]] = {}
        for r1, c1, r2, c2 in self.merges:
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    self._origin[(r, c)] = (r1, c1)
        self.merged_rows = {r for r, _ in self._origin}

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        widest = max((len(r) for r in self.rows), default=0)
        return max([widest] + [c2 + 1 for _, _, _, c2 in self.merges])

    def raw(self, row: int, col: int):
        """The value stored in this very cell ('' or None when empty)."""
        try:
            return self.rows[row][col]
        except IndexError:
            return None

    def origin(self, row: int, col: int) -> tuple[int, int]:
        """The top-left cell of the merged range holding (row, col), or the cell itself."""
        return self._origin.get((row, col), (row, col))

    def value(self, row: int, col: int):
        """The value shown at (row, col): a merged range's value shows in all its cells."""
        if self._origin:
            r, c = self._origin.get((row, col), (row, col))
            return self.raw(r, c)
        return self.raw(row, col)

    def filled_row(self, row: int, width: int) -> list:
        """Row values with merged ranges filled in, padded to width."""
        if row in self.merged_rows:
            return [self.value(row, c) for c in range(width)]
        values = self.rows[row] if row < len(self.rows) else []
        if len(values) < width:
            return list(values) + [None] * (width - len(values))
        return values

    def percent_cells(self) -> frozenset[tuple[int, int]]:
        """(row, col) of the cells shown as percent (Excel stores 48% as 0.48), read once when first asked."""
        if self._percent is None:
            self._percent = frozenset(self.percent_source()) if self.percent_source else frozenset()
        return self._percent

    def is_merge_origin(self, row: int, col: int) -> bool:
        return self.origin(row, col) == (row, col)

    def ref(self, row: int, col: int) -> str:
        """Where a clerk finds the cell: 任务分解!C14, or 表1第3行第2列 in a Word file."""
        row, col = self.origin(row, col)
        if self.style == "docx":
            if row < self.lines_above:
                return f"{self.name}上方文字第{row + 1}行"
            return f"{self.name}第{row + 1 - self.lines_above}行第{col + 1}列"
        return f"{quote_sheet(self.name)}!{a1(row, col)}"

    def refs(self, row: int, cols) -> list[str]:
        """ref() of several cells of one row (a 进度 row's hundred regions), without a call per cell."""
        if self.style != "a1" or row in self.merged_rows:
            return [self.ref(row, col) for col in cols]
        key = (self.name, tuple(cols))  # the same columns row after row: "'进度'!B" … made once
        heads = self._heads.get(key)
        if heads is None:
            head, letters = quote_sheet(self.name) + "!", _letters(max(key[1], default=-1) + 1)
            heads = self._heads[key] = [head + letters[col] for col in key[1]]
        return list(map(add, heads, repeat(str(row + 1))))

    def to_sheet(self, row: int, col: int) -> tuple[int, int]:
        """(row, col) of this grid as the sheet's own (row, col): the same cell, except in a transposed view."""
        return row, col

    def transposed(self) -> "Grid":
        """This sheet with rows and columns swapped (built once): a table with regions as rows read as one with
        regions as columns. Cell references and positions it reports are the sheet's own."""
        view = getattr(self, "_transposed", None)
        if view is None:
            view = self._transposed = TransposedGrid(self)
        return view


class TransposedGrid(Grid):
    """A read-only view of a grid with rows and columns swapped; ref() and to_sheet() answer in the sheet's terms."""

    def __init__(self, sheet: Grid):
        self.sheet = sheet
        merges = [(c1, r1, c2, r2) for r1, c1, r2, c2 in sheet.merges]
        source = sheet.percent_source
        flipped = (lambda: {(c, r) for r, c in source()}) if source else None
        super().__init__(sheet.name, None, merges, sheet.style, sheet.hidden, flipped)

    @property
    def rows(self) -> list[list]:
        """The sheet's columns as rows, built when first read (the checks take their columns from the sheet)."""
        if self._rows is None:
            sheet, width = self.sheet, self.sheet.width
            self._rows = [list(col) for col in zip(*(r if len(r) == width else list(r) + [None] * (width - len(r))
                                                     for r in sheet.rows))] if sheet.rows else []
        return self._rows

    @rows.setter
    def rows(self, value) -> None:
        self._rows = value

    def ref(self, row: int, col: int) -> str:
        row, col = self.origin(row, col)
        return self.sheet.ref(col, row)

    def refs(self, row: int, cols) -> list[str]:
        """ref() of several cells of one row of the view: one column of the sheet."""
        if self.sheet.style != "a1" or row in self.merged_rows or isinstance(self.sheet, TransposedGrid):
            return [self.ref(row, col) for col in cols]
        head = quote_sheet(self.sheet.name) + "!" + column_letter(row)
        return [head + str(col + 1) for col in cols]

    def to_sheet(self, row: int, col: int) -> tuple[int, int]:
        return self.sheet.to_sheet(col, row)


@dataclass
class Workbook:
    """All grids of one file."""

    path: Path | None
    grids: list[Grid]
    format: str = "memory"
    # names of sheets holding any formula, computed on demand (xlsx only; None: unknown)
    formula_sheets: Callable[[], set[str]] | None = field(default=None, repr=False, compare=False)

    def grid(self, name: str) -> Grid | None:
        for g in self.grids:
            if g.name == name:
                return g
        return None
