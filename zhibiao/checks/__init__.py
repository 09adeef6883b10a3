"""Check each split the way its indicator's kind demands (the rules live here, once).

numbers (parsed values, precision, tolerance) → rows (RowChecker: one row's cells and kind) → sums
(合计 and caps) and rates (统一 and 加权平均).
"""

from __future__ import annotations

from .. import steps
from ..basis import Basis
from ..codes import TABLE_WITHOUT_PARENT
from ..layout import Table, TableKind
from ..report import Finding, IndicatorResult
from .numbers import spread, tolerance
from .rows import RowChecker
from .totals import check_totals

__all__ = ["RowChecker", "check_table", "spread", "tolerance"]


def check_table(table: Table, basis: Basis | None, findings: list[Finding]) -> list[IndicatorResult]:
    """Check every row of one table."""
    checker = RowChecker(table, basis, findings)
    if table.kind is not TableKind.SPLIT:
        return [checker.check_targets(row) for row in steps.counted(table.rows, f"正在校验 {len(table.rows)} 项指标")]
    if table.parent is None:  # said once for the table; every cell is still checked below
        first = table.rows[0] if table.rows else None
        checker.add("parent-missing", None, checker.name_col, None, message=TABLE_WITHOUT_PARENT,
                    at_row=first.row if first else table.header_rows[0])
    for j in range(len(checker.region_cols)):
        if checker.blank_region(j):
            checker.add("region-blank", None, checker.region_cols[j], None, checker.region_names[j],
                        at_row=table.header_rows[-1])
    results = [checker.check_split(row) for row in steps.counted(table.rows, f"正在校验 {len(table.rows)} 项指标")]
    check_totals(table, checker)
    return results
