"""A parent printed without a parent label (太原市 over its districts, 小计): the first or last region dominates.

The rule is the same whichever way the regions run: the candidate is at least the largest of the others and
within a quarter of their sum, in every column (or row) of plain quantities that has figures; a rate or share
(完成目标任务占比(%)) holds a mean, which need not dominate.
"""

from __future__ import annotations

from typing import Callable

from ..kinds import Kind, infer_kind
from .rows import figure


def dominates(mine, others: list) -> bool | None:
    """Whether one figure dominates the others' figures; None when there is too little to tell."""
    mine = figure(mine)
    nums = [v for v in map(figure, others) if v is not None]
    if mine is None or len(nums) < 2:
        return None
    return mine >= max(nums) and 0.8 * sum(nums) <= mine <= 1.25 * sum(nums)


def is_sum(name: str, unit: str | None) -> bool:
    return infer_kind(name, unit).kind is Kind.SUM


def dominant_index(series: list[Callable[[], list]], count: int) -> int | None:
    """0 or count - 1: the region whose figure dominates the others' in each series (a plain quantity's values,
    aligned with the regions, or None for a rate; read when first needed, so a failing candidate stops early);
    None when neither."""
    if count < 3:
        return None
    read: dict[int, list] = {}
    for cand in (0, count - 1):
        checked = 0
        for k, values_of in enumerate(series):
            values = read[k] = read[k] if k in read else values_of()
            if values is None:
                continue
            verdict = dominates(values[cand], values[:cand] + values[cand + 1:count])
            if verdict is False:
                break
            checked += verdict is True
        else:
            if checked:
                return cand
    return None
