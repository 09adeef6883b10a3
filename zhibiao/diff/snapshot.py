"""One version of a table, read once: every indicator with its kind, parent, regions and year columns.

A snapshot is layout-free (names and values, each with its cell), so two layouts of one table, or two
file formats, compare equal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..api import find_tables
from ..basis import find_basis
from ..checks import check_table
from ..expr import Target, cell_text, fold_text, name_key, parse_target, year_in
from ..grid import Workbook
from ..kinds import split_unit
from ..layout import Role, Table, TableKind



class Value:
    """One target cell: as written, parsed (on first use), and where it is (its reference made on first use)."""

    __slots__ = ("raw", "grid", "row", "col", "sheet", "_target")

    def __init__(self, raw, grid, row: int, col: int, sheet: str):
        self.raw, self.grid, self.row, self.col, self.sheet = raw, grid, row, col, sheet
        self._target = None

    @property
    def target(self) -> Target:
        if self._target is None:
            self._target = parse_target(self.raw)
        return self._target

    @property
    def text(self) -> str:
        return fold_text(cell_text(self.raw))

    @property
    def cell(self) -> str:
        return self.grid.ref(self.row, self.col)

    @property
    def where(self) -> tuple[str, int, int]:
        """Sheet, 0-based row and column of the cell (a merged range's top-left), for the write-back."""
        return (self.sheet, *self.grid.origin(self.row, self.col))


@dataclass
class Entry:
    """One indicator of one version."""

    key: str  # the name as matched: white space, bracket width and quotes folded
    name: str  # as printed
    unit: str | None
    kind: str
    kind_label: str
    responsible: str | None
    cell: str  # the name's cell
    where: tuple[str, int, int] | None = None
    parent: Value | None = None
    regions: dict[str, Value] = field(default_factory=dict)  # region key -> value
    periods: dict[str, Value] = field(default_factory=dict)  # year label key -> value
    region_labels: dict[str, str] = field(default_factory=dict)  # key -> as printed
    period_labels: dict[str, str] = field(default_factory=dict)


@dataclass
class Snapshot:
    """A version: its entries in order, the regions and parent label of its split, its year if it says one."""

    source: str
    entries: list[Entry]
    regions: dict[str, str]  # key -> as printed
    parent_label: str | None
    year: int | None
    sheet_of: dict[str, str] = field(default_factory=dict)  # entry key -> sheet name


def indicator_key(name: str, unit: str | None) -> str:
    """规上工业亩均税收 with 万元/亩 in a 单位 column keys as 规上工业亩均税收(万元/亩), the unit in brackets."""
    bare, in_name = split_unit(name)
    unit = unit or in_name
    return f"{name_key(bare)}({name_key(unit)})" if unit else name_key(bare)


def year_of(book: Workbook, tables: list[Table]) -> int | None:
    """The year a version is for: said in a table title, a sheet name or the file name (the first that says one)."""
    places = [t.title or "" for t in tables] + [t.name for t in tables]
    if book.path is not None:
        places.append(book.path.stem)
    return year_in(*places)


def snapshot(book: Workbook, sheet: str | None = None) -> Snapshot:
    """Read every table of a workbook into one snapshot (a later table's indicator of the same name is kept apart)."""
    tables = find_tables(book, sheet)
    basis = find_basis(book)
    entries: list[Entry] = []
    regions: dict[str, str] = {}
    parent_label = None
    seen: dict[str, int] = {}
    sheet_of: dict[str, str] = {}
    for table in tables:
        results = check_table(table, basis, [])  # findings are not a diff's business; the kinds are
        grid = table.grid
        parent_index = table.parent.index if table.kind is TableKind.SPLIT and table.parent is not None else None
        # per column, once: is it the parent, and the key and label a region or year goes by
        columns = [(c.index, c.index == parent_index, name_key(c.label), c.label) for c in table.value_columns]
        split = table.kind is TableKind.SPLIT
        if split:
            for c in table.regions:
                regions.setdefault(name_key(c.label), c.label)
            if table.parent is not None and parent_label is None:
                parent_label = table.parent.label
        name_col = table.column(Role.NAME)
        for row, result in zip(table.rows, results):
            key = indicator_key(row.name, row.unit)
            if key in seen:  # the same name twice: keep both, the second one marked by its table
                seen[key] += 1
                key = f"{key}#{seen[key]}"
            else:
                seen[key] = 1
            entry = Entry(key, row.display_name, row.unit, result.kind, result.kind_label, row.responsible,
                          result.cell, (table.name, *grid.origin(row.row, name_col.index)) if name_col else None)
            r = row.row
            for (index, is_parent, label_key, label), raw in zip(columns, row.values):
                value = Value(raw, grid, r, index, table.name)
                if is_parent:
                    entry.parent = value
                elif split:
                    entry.regions[label_key] = value
                    entry.region_labels[label_key] = label
                else:
                    entry.periods[label_key] = value
                    entry.period_labels[label_key] = label
            entries.append(entry)
            sheet_of[entry.key] = table.name
    return Snapshot(str(book.path) if book.path else "(内存)", entries, regions, parent_label, year_of(book, tables),
                    sheet_of)
