"""Rates, shares and intensities: uniform rows and weighted means (加权平均)."""

from __future__ import annotations

from ..expr import Target
from ..kinds import Direction
from .numbers import num, Numbers, tolerance


class RateChecks:
    """Checks of uniform and weighted rows; mixed into RowChecker, which supplies add(), the table and the basis."""

    def _uniform(self, row, kind, direction, numbers: Numbers, parent: Target) -> str:
        verdict = "ok"
        higher = direction is Direction.HIGHER
        p, values = parent.value, numbers.values
        # every tolerance below exceeds 1e-9 × |parent|: only cells short by more need one (at C speed, the
        # common row, where every region carries the parent figure, needs none)
        floor = 1e-9 * abs(p)
        worst = p - min(values) if higher else max(values) - p
        if worst <= floor:
            return verdict
        for v in numbers.items(_short_of(values, p, higher, floor)):
            short = p - v.value if higher else v.value - p
            if short > tolerance(max(parent.decimals, v.decimals) + 1, p):
                col = self.region_col(v.name)
                self.add("uniform-below", row, col, kind, v.name, target=parent.value, gap=round(short, 6),
                         value_text=num(v.value), suggestion=f"{v.name}应不{'低' if higher else '高'}于{num(parent.value)}")
                verdict = "below"
        return verdict

    def region_col(self, name: str) -> int:
        """The column of a region by name (the first, as list.index finds it), from a dict built once per table."""
        cols = self.__dict__.get("_region_col")
        if cols is None:
            cols = self._region_col = {}
            for region, col in zip(self.region_names, self.region_cols):
                cols.setdefault(region, col)
        return cols[name]

    def _weighted(self, row, kind, direction, numbers: Numbers, parent: Target) -> str:
        higher = direction is Direction.HIGHER
        label = kind.weighting.label if kind.weighting else "权重"
        column = self.basis.match(kind.weighting) if self.basis else None
        weights = {}
        if column:
            weights = {name: column.values[name] for name in numbers.names if name in column.values}
        if column and len(weights) == len(numbers.names) and sum(weights.values()) > 0:
            implied = sum(weights[name] * x for name, x in zip(numbers.names, numbers.values)) / sum(weights.values())
            short = parent.value - implied if higher else implied - parent.value
            decimals = parent.decimals
            if short > tolerance(decimals + 1, parent.value):
                gap = round(short, decimals + 2)
                sign = "提高" if higher else "降低"
                self.add("weighted-short", row, self.parent_col, kind, target=parent.value, implied=round(implied, 6),
                         gap=gap, weight_label=column.label,
                         suggestion=f"各地区均{sign}{num(gap)}即可达到目标（加权平均随之{sign}同样幅度）",
                         adjustments={name: gap if higher else -gap for name in numbers.names})
                return "short"
            return "ok"
        lo, hi = numbers.lowest(), numbers.highest()
        low, high = lo.value, hi.high
        tol = tolerance(max(parent.decimals, lo.decimals, hi.decimals) + 1, parent.value)
        # beyond the range no weights reach the parent; at its edge neither, while some region lies inside:
        # with positive weights the mean of unequal figures is strictly below their maximum (above their minimum)
        edge = high - low > tol and (abs(parent.value - high) <= tol if higher else abs(parent.value - low) <= tol)
        if (higher and parent.value > high + tol) or (not higher and parent.value < low - tol) or edge:
            gap = round(parent.value - high if higher else low - parent.value, max(parent.decimals, hi.decimals) + 2)
            self.add("weighted-infeasible", row, self.parent_col, kind, target=parent.value, gap=gap,
                     low_text=num(low), high_text=num(high),
                     suggestion=f"至少应有地区分解值{'不低于' if higher else '不高于'}{num(parent.value)}")
            return "infeasible"
        if (higher and parent.value <= low + tol) or (not higher and parent.value >= high - tol):
            return "ok"  # every region already meets the parent figure: any weights reach it
        why = "（基数表中无匹配的权重列）" if self.basis else ""
        self.add("weights-needed", row, self.parent_col, kind, target=parent.value,
                 weight_label=label + why, low_text=num(low), high_text=num(high))
        return "needs-weights"


def _short_of(values: list[float], p: float, higher: bool, floor: float) -> list[int]:
    """Positions of the values more than `floor` short of p (below it, or above it when lower is better)."""
    if higher:
        return [j for j, x in enumerate(values) if p - x > floor]
    return [j for j, x in enumerate(values) if x - p > floor]
