"""Tables of one workbook held against each other: this year's split against the target system's year.

The annexes of one notice (a 目标体系 and the 分解表 of its first year), or a split beside a multi-year
plan, must agree: each split parent (全市) equals the target system's figure for the split's year.
The split's year is the one its title, its sheet name or the file name says; without one, a target
system with a single year column is taken to be for the split's year.
"""

from __future__ import annotations

import math

from ..codes import CODES
from ..expr import Target, as_indicator, cell_text, fold_text, name_key, parse_target, without_unit, year_in
from ..grid import Workbook
from ..layout import Table, TableKind
from ..report import Finding

def _agree(a: Target, b: Target) -> bool:
    """Two numbers agree when equal; a number beside text (高于GDP增速1个百分点, 待下达) cannot be compared."""
    if a.is_number and b.is_number:
        return math.isclose(a.value, b.value, rel_tol=1e-9, abs_tol=1e-9)
    return True


def cross_check(book: Workbook, tables: list[Table], findings: list[Finding]) -> None:
    """target-mismatch for each split parent that differs from its year's figure in a target system."""
    splits = [t for t in tables if t.kind is TableKind.SPLIT and t.parent is not None]
    systems = [t for t in tables if t.kind is TableKind.TARGETS]
    if not splits or not systems:
        return
    stem = book.path.stem if book.path else ""
    for split in splits:
        table_year = year_in(split.title or "", split.name, stem)
        for system in systems:
            figures_at: dict[int, dict] = {}
            for row in split.rows:
                # a split printed under period bands (2023年 | 2024年) is held against each band's own year
                year = (year_in(row.period) if row.period else None) or table_year
                if year is not None:
                    cols = [c for c in system.periods if year_in(c.label) == year]
                else:
                    cols = system.periods if len(system.periods) == 1 else []
                if not cols:
                    continue
                col = cols[0]
                k = system.periods.index(col)
                if k not in figures_at:
                    figures = figures_at[k] = {}
                    for other in system.rows:
                        figures.setdefault(name_key(other.name), (other, other.values[k]))
                        figures.setdefault(without_unit(name_key(other.name)), (other, other.values[k]))
                _compare(split, system, row, col, figures_at[k], findings)


def _compare(split: Table, system: Table, row, col, figures: dict, findings: list[Finding]) -> None:
    """target-mismatch when one split row's parent differs from the target system's figure for its year."""
    parent_k = len(split.regions)  # value_columns: regions, then the parent
    key = name_key(row.name)
    found = figures.get(key) or figures.get(without_unit(key))
    if found is None:
        return
    other_row, other_raw = found
    mine = as_indicator(parse_target(row.values[parent_k]), row.name, row.unit)  # 下降3% read as plain 3 would be
    theirs = as_indicator(parse_target(other_raw), other_row.name, other_row.unit)
    if mine.type.value == "blank" or theirs.type.value == "blank" or _agree(mine, theirs):
        return
    ref = split.grid.ref(row.row, split.parent.index)
    other_ref = system.grid.ref(other_row.row, col.index)
    message = CODES["target-mismatch"][1].format(
        parent=split.parent_name, target_text=fold_text(cell_text(row.values[parent_k])),
        other_sheet=f"“{system.name}”", period=fold_text(col.label), other_text=fold_text(cell_text(other_raw)),
        other_cell=other_ref)
    findings.append(Finding("target-mismatch", message, indicator=row.name, cell=ref, sheet=split.name,
                            position=split.grid.to_sheet(*split.grid.origin(row.row, split.parent.index)),
                            target=mine.value if mine.is_number else None,
                            raw=fold_text(cell_text(other_raw)), period=row.period))
