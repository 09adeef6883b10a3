"""Check each split the way its indicator's kind demands (the rules live here, once).

numbers (parsed values, precision, tolerance) → rows (RowChecker: one row's cells and kind) → sums
(合计 and caps) and rates (统一 and 加权平均).
"""

from __future__ import annotations

from ..basis import Basis
from ..layout import Table, TableKind
from ..report import Finding, IndicatorResult
from .numbers import spread, tolerance
from .rows import RowChecker

__all__ = ["RowChecker", "check_table", "spread", "tolerance"]


def check_table(table: Table, basis: Basis | None, findings: list[Finding]) -> list[IndicatorResult]:
    """Check every row of one table."""
    checker = RowChecker(table, basis, findings)
    if table.kind is TableKind.SPLIT:
        return [checker.check_split(row) for row in table.rows]
    return [checker.check_targets(row) for row in table.rows]
