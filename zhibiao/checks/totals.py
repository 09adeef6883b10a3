"""A total beside its parts (资金合计 = 中央资金 + 省级资金): each region's total against the sum of its parts.

Checked only where the structure makes the relation certain: a band header grouping the total and its parts
(`扶贫资金(万元)` over `合计 | 中央 | 省级`), or a total (`…合计`, `小计`, `总计`) right before or after a run of
parts named by their source (`中央…`, `省级…`, `市级…`, `其中:中央…`). `其中` parts may leave something out, so for them
only parts above the total are an error.
"""

from __future__ import annotations

import math
import re

from ..codes import CODES
from ..expr import fold_text, format_number, parse_target, ValueType
from ..kinds import split_unit
from ..layout import IndicatorRow, Table
from ..layout.roles import simplified
from .numbers import tolerance

_TOTAL = re.compile(r"(合计|小计|总计)数?$")
# parts by source, which cannot overlap; 其中:技改投资 beside 其中:制造业投资 can, so a bare 其中 is not enough
_PART = re.compile(r"^(其中[:：]?)?(中央|省级|省本级|市级|市本级|县级|区级|县区级|乡镇级|地方|自筹|社会)")
_SUBSET = re.compile(r"^其中")


def _bare(row: IndicatorRow) -> str:
    return simplified(split_unit(row.name)[0])


def _unit(row: IndicatorRow) -> str | None:
    return row.unit or split_unit(row.name)[1]


def _is_total(row: IndicatorRow) -> bool:
    return bool(_TOTAL.search(_bare(row)))


def total_groups(table: Table) -> list[tuple[IndicatorRow, list[IndicatorRow]]]:
    """(total, parts) pairs the table's structure makes certain, in one unit (a total printed without one
    takes its parts')."""
    rows = table.rows
    groups = []
    taken: set[int] = set()
    bands: dict[object, list[int]] = {}
    for k, row in enumerate(rows):
        if row.band is not None:
            bands.setdefault((row.period, row.band), []).append(k)
    for members in bands.values():  # a band over its parts: the total under it, or right before / after it
        totals = [k for k in members if _is_total(rows[k])]
        if len(totals) == 1 and len(members) >= 3:
            total, parts = totals[0], [k for k in members if k != totals[0]]
        elif not totals and len(members) >= 2:
            beside = [k for k in (members[0] - 1, members[-1] + 1)
                      if 0 <= k < len(rows) and rows[k].band is None and _is_total(rows[k])
                      and rows[k].period == rows[members[0]].period]
            if len(beside) != 1:
                continue
            total, parts = beside[0], members
        else:
            continue
        groups.append((rows[total], [rows[k] for k in parts]))
        taken.update([total, *parts])
    for k, row in enumerate(rows):  # a total beside a run of parts named as parts (中央… / 省级… / 其中…)
        if k in taken or not _is_total(row):
            continue
        for step in (1, -1):
            parts = []
            j = k + step
            while 0 <= j < len(rows) and j not in taken and _PART.match(_bare(rows[j])) and not _is_total(rows[j]) \
                    and rows[j].period == row.period:
                parts.append(rows[j])
                j += step
            if len(parts) >= 2:
                groups.append((row, parts if step == 1 else parts[::-1]))
                break
    return [(t, ps) for t, ps in groups if len({_unit(p) for p in ps}) == 1 and _unit(t) in (None, _unit(ps[0]))]


def _number(raw) -> tuple[float | None, int, bool]:
    """(value, decimals, blank) of a cell; value None for anything but a number or a blank."""
    t = parse_target(raw)
    if t.type is ValueType.BLANK:
        return 0.0, 0, True
    if t.is_number and t.type is ValueType.NUMBER:
        return t.value, t.decimals, False
    return None, 0, False


def check_totals(table: Table, checker) -> None:
    """row-total-mismatch for each region (and the parent) whose total differs from the sum of its parts."""
    columns = table.value_columns
    for total, parts in total_groups(table):
        subset = any(_SUBSET.match(_bare(p)) for p in parts)
        for j, column in enumerate(columns):
            own, own_dec, own_blank = _number(total.values[j])
            if own is None or own_blank:
                continue
            cells = [_number(p.values[j]) for p in parts]
            if any(v is None for v, _, _ in cells) or all(blank for _, _, blank in cells):
                continue
            added = math.fsum(v for v, _, _ in cells)
            decimals = max([own_dec] + [d for _, d, _ in cells])
            tol = tolerance(decimals, own, added)
            over = added > own + tol
            if not over and (added >= own - tol or subset or any(blank for _, _, blank in cells)):
                continue  # equal; or short where a 其中 subset or a blank part may hold the rest
            grid = table.grid
            message = CODES["row-total-mismatch"][1].format(
                region=column.label, total=fold_text(total.display_name), total_text=format_number(own, decimals),
                total_cell=grid.ref(total.row, column.index),
                parts="+".join(f"“{fold_text(p.display_name)}”" for p in parts), added_text=format_number(added, decimals),
                part_cells="、".join(grid.ref(p.row, column.index) for p in parts),
                gap_text=format_number(abs(added - own), decimals))
            checker.add("row-total-mismatch", total, column.index, None, column.label, message=message,
                        target=own, allocated=round(added, decimals + 2), gap=round(abs(added - own), decimals + 2))
