"""The city's side of the round: the split (targets by indicator × region) and its 进度 sheets (actuals by period)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..api import find_tables
from ..basis import find_basis
from ..checks import check_table
from ..errors import NoTableFound
from ..expr import cell_text, fold_text, normalize_text
from ..grid import Grid, Workbook
from ..kinds import infer_direction, infer_kind, split_unit
from ..layout import Table, TableKind, detect_table
from ..progress.period import Period, progress_sheets


def key(name) -> str:
    """Match names across workbooks: white space, quotes and bracket width ignored."""
    return normalize_text(cell_text(name)).replace("“", "").replace("”", "").replace('"', "")


def name_keys(name: str) -> tuple[str, str]:
    """The name's key, with and without the unit in brackets (制造业投资(亿元) also matches 制造业投资)."""
    return key(name), key(split_unit(name)[0])


@dataclass
class Indicator:
    """One indicator of the split: its kind, unit and each region's raw target with the target's cell."""

    name: str
    display_name: str
    unit: str | None
    kind: str  # sum | weighted | uniform | qualitative | pending (as the check decided)
    direction: str  # higher | lower
    targets: dict[str, object]  # region (and parent) label -> raw target
    cells: dict[str, str]  # region (and parent) label -> 任务分解!C5
    row: int = 0  # 0-based row in the split
    keys: tuple[str, str] = ("", "")  # name_keys(name), computed once

    def __post_init__(self) -> None:
        self.keys = name_keys(self.name)


@dataclass
class Source:
    """A workbook holding a split: its regions, parent and indicators, and its 进度 sheets."""

    book: Workbook
    table: Table | None  # None for a workbook that holds only a project list
    regions: list[str]
    parent: str
    indicators: list[Indicator] = field(default_factory=list)
    _index: dict = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        return self.book.path.name if self.book.path else "(内存)"

    def region_of(self, text: str) -> str | None:
        """The region a name denotes: the label itself, or a label inside it (吴兴区 → 吴兴), longest first."""
        k = key(text)
        if not k:
            return None
        for region in self.regions:
            if key(region) == k:
                return region
        for region in sorted(self.regions, key=len, reverse=True):
            if key(region) and key(region) in k:
                return region
        return None

    def find(self, name: str) -> Indicator | None:
        """The indicator of this name (unit brackets optional)."""
        if self._index.get("size") != len(self.indicators):  # built once, after load_source filled the list
            full, bare = {}, {}
            for ind in self.indicators:  # the first of two equal names wins
                full.setdefault(ind.keys[0], ind)
                bare.setdefault(ind.keys[1], ind)
            self._index = {"size": len(self.indicators), "full": full, "bare": bare}
        wanted = name_keys(name)
        return self._index["full"].get(wanted[0]) or self._index["bare"].get(wanted[1])

    def figures(self, period: Period) -> "Figures | None":
        """The actuals of the 进度 sheet for exactly this period, or None."""
        for sheet in progress_sheets(self.book):
            if sheet.period == period:
                return read_figures(sheet.grid, period)
        return None

    def previous(self, period: Period) -> "Figures | None":
        """The actuals of the latest 进度 sheet before this period in the same year (cumulative figures restart in January)."""
        earlier = [s for s in progress_sheets(self.book) if s.period and s.period < period and s.period.year == period.year]
        if not earlier:
            return None
        latest = max(earlier, key=lambda s: s.period)
        return read_figures(latest.grid, latest.period)


@dataclass
class Figures:
    """One 进度 sheet's figures by (indicator key, region key), with the table they came from."""

    period: Period
    grid: Grid
    table: Table | None
    values: dict[tuple[str, str], tuple[object, tuple[int, int]]] = field(default_factory=dict)

    def get(self, indicator: Indicator, region: str):
        """(raw value, (row, col)) of this indicator × region, or (None, None) when the sheet has no such cell."""
        for k in indicator.keys:
            hit = self.values.get((k, key(region)))
            if hit is not None:
                return hit
        return None, None


def read_figures(grid: Grid, period: Period) -> Figures:
    """A 进度 sheet's cells by indicator and region, through the reader's table."""
    table = detect_table(grid)
    figures = Figures(period, grid, table if table is not None and table.kind is TableKind.SPLIT else None)
    if figures.table is None:
        return figures
    for row in figures.table.rows:
        for col, raw in zip(figures.table.value_columns, row.values):
            where = figures.table.position(row, col)
            for k in name_keys(row.name):
                figures.values.setdefault((k, key(col.label)), (raw, where))
    return figures


_CHECKED = ("sum", "weighted", "uniform")  # a pending or qualitative row keeps the kind its name implies


def load_source(book: Workbook, sheet: str | None = None) -> Source:
    """The first split table of a workbook (or of the named sheet), with each indicator's kind from the check."""
    splits = [t for t in find_tables(book, sheet) if t.kind is TableKind.SPLIT]
    if not splits:
        where = book.path.name if book.path else "工作簿"
        raise NoTableFound(f"{where} 中没有指标分解表（各地区目标），无法按地区报送或合并")
    table = splits[0]
    results = check_table(table, find_basis(book), [])
    source = Source(book, table, [c.label for c in table.regions], table.parent_name)
    for row, result in zip(table.rows, results):
        cols = table.value_columns
        source.indicators.append(Indicator(
            name=row.name, display_name=fold_text(row.display_name), unit=row.unit or split_unit(row.name)[1],
            kind=result.kind if result.kind in _CHECKED else str(infer_kind(row.name, row.unit, row.method, row.weight_hint).kind),
            direction=str(infer_direction(row.name, row.direction)),
            targets={c.label: v for c, v in zip(cols, row.values)},
            cells={c.label: table.ref(row, c) for c in cols}, row=row.row,
        ))
    return source
