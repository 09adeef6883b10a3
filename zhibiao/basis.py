"""The 基数 sheet: regions against basis columns (land, base-year value added, population…), the weights."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .expr import normalize_text, parse_target
from .grid import Grid, Workbook
from .kinds import Weighting, split_unit
from .layout import BASIS_SHEET

_REGION_HEADER = re.compile(r"^(地区|区县|县市区|镇街|镇(街道)?|乡镇|名称|单位|区域|地方)$")


@dataclass
class BasisColumn:
    """One basis column of the 基数 sheet: its label and each region's value."""

    label: str  # 规上工业用地面积(亩), white space removed
    name: str  # 规上工业用地面积
    unit: str | None  # 亩
    values: dict[str, float] = field(default_factory=dict)  # region -> value


@dataclass
class Basis:
    """The 基数 sheet: the columns weighted means can be weighted by."""

    sheet: str
    columns: list[BasisColumn]

    def match(self, weighting: Weighting | None) -> BasisColumn | None:
        """The basis column a weighted indicator is weighted by, if the sheet has one."""
        if weighting is None:
            return None
        if weighting.basis == "named":
            for col in self.columns:
                if col.label == weighting.label or col.name == weighting.keywords[0]:
                    return col
            for col in self.columns:
                if weighting.keywords[0] and weighting.keywords[0] in col.label:
                    return col
            return None
        if weighting.basis == "land":
            return self._first(lambda c: (c.unit or "").endswith("亩") or "用地" in c.name)
        if weighting.basis == "employees":
            return self._first(lambda c: any(k in c.name for k in ("从业", "职工", "员工", "就业", "人员")))
        if weighting.basis == "population":
            return self._first(lambda c: "人口" in c.name)
        # base value or denominator: the column naming the subject; base values prefer 上年/基期
        best, best_len = None, 0
        for col in self.columns:
            for key in weighting.keywords:
                if key and (key in col.name or col.name.endswith(key) or _strip_period(col.name) in key):
                    score = len(_strip_period(col.name)) + (5 if weighting.basis == "base_value" and _is_base(col.name) else 0)
                    if score > best_len:
                        best, best_len = col, score
        return best

    def _first(self, test) -> BasisColumn | None:
        return next((c for c in self.columns if test(c)), None)


def _is_base(name: str) -> bool:
    return bool(re.match(r"^(上年|基期|上一年|\d{4}年)", name))


def _strip_period(name: str) -> str:
    return re.sub(r"^(上年|基期|上一年|\d{4}年)", "", name) or name


def read_basis(grid: Grid) -> Basis | None:
    """Read a 基数 sheet laid out as regions (rows) × basis columns."""
    width = grid.width
    for r in range(min(grid.height, 10)):
        labels = [normalize_text(str(v)) if v not in (None, "") else "" for v in grid.filled_row(r, width)]
        if not any(_REGION_HEADER.match(t) for t in labels if t):
            continue
        region_c = next(c for c, t in enumerate(labels) if t and _REGION_HEADER.match(t))
        columns = []
        for c, label in enumerate(labels):
            if c == region_c or not label:
                continue
            name, unit = split_unit(label)
            columns.append((c, BasisColumn(label, name, unit)))
        for rr in range(r + 1, grid.height):
            region = grid.value(rr, region_c)
            region = normalize_text(str(region)) if region not in (None, "") else ""
            if not region or region.startswith("注"):
                continue
            for c, col in columns:
                value = parse_target(grid.value(rr, c))
                if value.is_number:
                    col.values[region] = value.value
        kept = [col for _, col in columns if col.values]
        return Basis(grid.name, kept) if kept else None
    return None


def find_basis(book: Workbook) -> Basis | None:
    """The workbook's 基数 sheet, if it has one."""
    for grid in book.grids:
        if BASIS_SHEET.search(grid.name):
            basis = read_basis(grid)
            if basis:
                return basis
    return None
