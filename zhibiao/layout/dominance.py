"""A parent printed without a parent label (太原市 over its districts, 小计): the first or last region dominates.

The rule is the same whichever way the regions run: the candidate is at least the largest of the others and
within a quarter of their sum, in every column (or row) of plain quantities that has figures; a rate or share
(完成目标任务占比(%)) holds a mean, which need not dominate.
"""

from __future__ import annotations

import re
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


# a place's level by the end of its name: 太原市 over 小店区 …, a county over its 镇 and 乡
_LEVEL = re.compile(r"(?:省|自治区|市|州|盟|地区|县|旗|区|镇|乡|街道|办事处)$")


def same_level(name: str, others: list[str]) -> bool:
    """A candidate named at the level of most of the others (甲区 among 乙区, 丙区): one of them, not their parent,
    however large (a district holding half the city's figures in a three-region table)."""
    level = _LEVEL.search(name or "")
    if level is None:
        return False
    alike = sum(1 for o in others if (o or "").endswith(level[0]))
    return alike * 2 > len(others)


def dominant_index(series: list[Callable[[], list]], count: int, names: list[str] | None = None) -> int | None:
    """0 or count - 1: the region whose figure dominates the others' in each series (a plain quantity's values,
    aligned with the regions, or None for a rate; read when first needed, so a failing candidate stops early);
    None when neither. With the regions' `names`, a candidate named at the others' level is none."""
    if count < 3:
        return None
    read: dict[int, list] = {}
    for cand in (0, count - 1):
        if names is not None and same_level(names[cand], names[:cand] + names[cand + 1:count]):
            continue
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
