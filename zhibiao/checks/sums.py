"""Additive indicators (合计): the regions' sum against the parent, or against a cap when lower is better."""

from __future__ import annotations

import math

from ..expr import Bound, Target
from ..kinds import Direction
from .numbers import Numbers, proportional, tolerance


class SumChecks:
    """Checks of additive rows; mixed into RowChecker, which supplies add() and the table."""

    def _sum(self, row, kind, direction, numbers: Numbers, parent: Target) -> str:
        allocated = math.fsum(numbers.values)  # every value is within ±MAX_FIGURE (odd_cells): no overflow
        diff = allocated - parent.value
        if abs(diff) <= 1e-9 * max(abs(parent.value), 1.0):
            return "ok"
        decimals = max(parent.decimals, numbers.decimals())
        tol = tolerance(decimals, parent.value, allocated)
        if direction is Direction.LOWER or parent.bound is Bound.AT_MOST:
            return self._cap(row, kind, numbers, parent, allocated, diff, tol, decimals)
        if diff < -tol:
            gap = round(parent.value - allocated, decimals + 2)
            adds, text = proportional(gap, numbers, decimals, "补足", "+")
            self.add("split-short", row, self.parent_col, kind, target=parent.value, allocated=allocated,
                     gap=gap, suggestion=text, adjustments=adds)
            return "short"
        if diff > tol:
            self.add("split-over", row, self.parent_col, kind, target=parent.value, allocated=allocated,
                     gap=round(diff, decimals + 2))
            return "over"
        return "ok"

    def _cap(self, row, kind, numbers: Numbers, parent: Target, allocated: float, diff: float, tol: float, decimals: int) -> str:
        """A lower-is-better total (能耗总量, 不超过…) is a cap: allocating more than it is the error."""
        if diff > tol:
            gap = round(diff, decimals + 2)
            cuts, text = proportional(gap, numbers, decimals, "压减", "-")
            self.add("split-over-cap", row, self.parent_col, kind, target=parent.value, allocated=allocated,
                     gap=gap, suggestion=text, adjustments={k: -x for k, x in cuts.items()})
            return "over-cap"
        if diff < -tol:
            self.add("split-under-cap", row, self.parent_col, kind, target=parent.value, allocated=allocated,
                     gap=round(-diff, decimals + 2))
            return "under-cap"
        return "ok"
