"""Tables printed with regions as rows (县(市、区) | 总面积 | 其中成片造林 …), read through the transposed view.

The orientation comes from the content: the first column under the header holds region-like names or the
parent (合计 / 全市 / 全国 …), and the corner cell names the region dimension (县(市、区), 地区, 单位 …) or
the indicators; a header row naming a parent column means regions across instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..expr import fold_text, normalize_text
from ..grid import Grid, a1, quote_sheet
from ..kinds import split_unit
from .blocks import StackedGrid, repeated_blocks
from .header import is_title_row as _is_title_row, note_or_stop, table_unit, unit_line
from .model import HEADER_SCAN_ROWS
from .rows import _is_figure
from .down_rows import dominant, region_label, region_rows
from .model import Column, IndicatorRow, Table
from .roles import YEAR_BAND, Role, TableKind, is_parent_label, is_region_dimension, label, region_like, role_of, simplified

_GENERIC_SUB = re.compile(r"^(本年任务|年度任务|任务|目标|目标任务|年度目标|任务数|计划|本年计划|计划数|目标值)$")
_INDICATOR_SKIP = {Role.SEQ, Role.RESPONSIBLE, Role.IGNORE, Role.UNIT, Role.METHOD, Role.WEIGHT, Role.DIRECTION,
                   Role.SCORE_WEIGHT, Role.CATEGORY, Role.PARENT}


@dataclass
class _Header:
    first: int  # first header row
    last: int  # last header row (a second row under bands)
    corner: int  # the column holding region names
    above: dict  # attribute rows printed above the header (序号 / 类别 rows of a transposed target system)


def _texts(grid: Grid, row: int, width: int) -> list[str]:
    return [label(v) for v in grid.filled_row(row, width)]


def find_header(grid: Grid, start: int = 0) -> _Header | None:
    """The header of a regions-down table from row start, or None when the sheet reads the other way."""
    width = grid.width
    above: dict = {}
    for r in range(start, min(start + HEADER_SCAN_ROWS, grid.height)):
        cells = _texts(grid, r, width)
        filled = [c for c, t in enumerate(cells) if t]
        if len(filled) < 2 or _is_title_row(grid, r, cells) or note_or_stop(cells[filled[0]]):
            continue  # a title, or a sign-off line above the table (填报单位：…  制表日期：…)
        lead = role_of(cells[filled[0]])
        if lead is Role.SEQ and all(_is_figure(grid.value(r, c)) or not cells[c] for c in filled[1:]):
            above[Role.SEQ] = r  # a 序号 row above a transposed header: attributes, not the header
            continue
        if lead is Role.CATEGORY and r + 1 < grid.height and role_of(_texts(grid, r + 1, width)[filled[0]]) is Role.NAME:
            above[Role.CATEGORY] = r  # 类别 above 指标名称: a transposed target system's category row
            continue
        if sum(1 for c in filled if _is_figure(grid.value(r, c))) >= 2:
            return None  # figures before any header: not a regions-down table
        corner = filled[0]
        if role_of(cells[corner]) is Role.SEQ and len(filled) > 1:
            corner = filled[1]
        for c in range(0, corner):  # an empty corner cell: the region names' own column
            if any(label(grid.value(rr, c)) for rr in range(r + 1, min(grid.height, r + 12))) and not any(cells[:c + 1]):
                corner = c
                break
        last = r + 1 if _continues(grid, r, corner, width) else r
        below = _texts(grid, last, width) if last > r else cells
        names = [label(grid.value(rr, corner)) for rr in range(last + 1, min(grid.height, last + 80))]
        names = [n for n in names if n]
        totals = [(rr, c) for rr, row in ((r, cells), (last, below)) for c, t in enumerate(row)
                  if t and c > corner and is_parent_label(t)]
        if totals and not all(rr > r and _total_under_band(grid, r, c) for rr, c in totals):
            if not _row_total(names, [t for row in (cells, below) for c, t in enumerate(row) if c > corner]):
                return None  # a 全市 / 合计 column: regions across
        if not names:
            return None
        parentish = any(is_parent_label(n) for n in names)
        corner_role = role_of(cells[corner])
        periods = sum(1 for n in names if role_of(n) is Role.PERIOD)
        if corner_role is Role.NAME and not parentish and not periods and region_like(names) < 0.6:
            return None
        if corner_role in (Role.CATEGORY, Role.PERIOD, Role.RESPONSIBLE) and not is_region_dimension(cells[corner]):
            return None
        if parentish or periods or is_region_dimension(cells[corner]) or region_like(names) >= 0.6:
            return _Header(r, last, corner, above)
        return None
    return None


def _row_total(names: list[str], labels: list[str]) -> bool:
    """A 合计 column that totals each row (春种 + 夏种 = 合计 for every 乡镇), not the parent of regions across:
    the names down the corner are regions and none of the other column labels is one."""
    if not names or region_like(names) < 0.6:  # first: the corner's few names, not a wide header's labels
        return False
    others = [t for t in labels if t and not is_parent_label(t) and role_of(t) not in _INDICATOR_SKIP]
    return bool(others) and region_like(others) == 0


def _total_under_band(grid: Grid, row: int, col: int) -> bool:
    """A 合计 under a band of indicators (扶贫资金(万元) over 合计 | 中央 | 省级) is the band's total, not the parent;
    under a period band (2023年 over 全市 | 吴兴 …) or a band of regions (各区县) it is the parent column."""
    top = label(grid.value(row, col))
    r, c = grid.origin(row, col)
    spans = c != col or grid.origin(row, col + 1) == (r, c)
    return bool(spans and top and not YEAR_BAND.search(top) and not is_parent_label(top) and role_of(top) is None
                and not region_like([split_unit(top)[0]]) and not top.startswith("各"))


def _continues(grid: Grid, row: int, corner: int, width: int) -> bool:
    """The row under a header is its second row: corner merged down or empty, only labels, at least one."""
    below = row + 1
    if below >= grid.height:
        return False
    if grid.origin(below, corner) != (row, corner) and label(grid.value(below, corner)):
        return False
    cells = _texts(grid, below, width)
    rest = [c for c, t in enumerate(cells) if t and c > corner]
    if not rest or any(_is_figure(grid.value(below, c)) for c in rest):
        return False
    return any(grid.origin(below, c) != (row, c) for c in rest)  # something new, not only merged-down labels


_ANNEX_LABEL = re.compile(r"^附[件表]\s*[0-9一二三四五六七八九十]*\s*[:：]?\s*")
_CAPTION_END = re.compile(r"(表|清单|计划|任务|目标|情况|一览)[)）]?$")
_NOT_A_TITLE = re.compile(r"[。；;！!？?]|[:：]$|^[(（][^()（）]*[)）]$|^[^:：]{1,6}[:：][^:：]{1,8}$")


def _title_and_unit(grid: Grid, start: int, header: int) -> tuple[str | None, str | None]:
    """The table's title and unit line from the lines printed above its header.

    The title is the last line that reads as a table's caption (…分解表, …计划, …情况), else the first line
    that is not prose, an addressee (…人民政府：), an annex label (附件2), a bracketed subtitle ((八月)) or a
    short `面积：万亩` line; 附件1：… before a caption is dropped."""
    unit = None
    lines = []
    for r in range(start, header):
        texts = [str(v).strip() for v in grid.rows[r] if label(v)]
        if not texts:
            continue
        for text in texts:
            units = unit_line(text)
            if units and unit is None:
                unit = units
                break
        else:
            lines.append(" ".join(texts))
    candidates = []
    for line in lines:
        text = _ANNEX_LABEL.sub("", line) or line
        key = simplified(normalize_text(text))
        if _ANNEX_LABEL.sub("", key) == "" or _NOT_A_TITLE.search(key) or ("," in key or "，" in key) and len(key) >= 26:
            continue
        candidates.append((text, bool(_CAPTION_END.search(key))))
    captions = [text for text, caption in candidates if caption]
    if captions:
        return captions[-1], unit
    return (candidates[0][0] if candidates else None), unit


def _spread_bands(upper: list[str], lower: list[str], corner: int) -> dict[int, int]:
    """A band printed once over the columns it heads, its other top cells blank rather than merged (a CSV export, a
    band centred across the columns in Excel, a table retyped): {column: the band's column}. The band is the
    label of a column with a sub-label of its own under it, and it runs on over blank top cells that have a
    sub-label, until a top cell with a label or a column with none. upper is filled in with the band's label."""
    spread: dict[int, int] = {}
    band = None
    for c in range(corner + 1, len(upper)):
        if upper[c]:
            band = c if lower[c] and lower[c] != upper[c] else None
        elif band is not None and lower[c]:
            upper[c] = upper[band]
            spread[c] = band
        else:
            band = None
    return spread


def _compose(band: str, sub: str, repeated: bool, whole_left: bool = False) -> tuple[str, str | None, str | None, str]:
    """(name, unit, period, display) for a column under a band: 到2025年规划指标(万亩) over 累计建成…面积. A 其中…
    column is part of the band (市外境内资金 over 本年任务 | 其中:外省) unless the column before it under the band
    names an indicator of its own (whole_left: 分解任务 over 总面积 | 其中成片造林, the part of 总面积)."""
    band_bare, band_unit = split_unit(band)
    sub_bare, sub_unit = split_unit(sub)
    own = f"({sub_unit})" if sub_unit else ""  # a unit printed in the sub-label stays in the name
    unit = None if sub_unit else band_unit
    if YEAR_BAND.search(band_bare) and not YEAR_BAND.search(sub_bare):
        return sub_bare + own, unit, band_bare, sub
    if _GENERIC_SUB.match(sub_bare):
        return band_bare + own, unit, None, band
    if sub_bare.startswith("其中") and whole_left and not repeated:
        return sub_bare + own, unit, None, sub
    if sub_bare.startswith("其中") or repeated or is_parent_label(sub_bare):  # 扶贫资金 over 合计: 扶贫资金合计
        return band_bare + sub_bare + own, unit, None, band_bare + sub
    return sub_bare + own, unit, None, sub


def detect_down(grid: Grid, start: int = 0) -> Table | None:
    """A table with regions as rows from row start, read as a table of the transposed view; None if none."""
    head = find_header(grid, start)
    if head is None:
        return None
    width = grid.width
    blocks = repeated_blocks(_texts(grid, head.last, width), head.corner)
    if blocks and not getattr(grid, "_rows_origin", None):
        return detect_down(StackedGrid(grid, head.last, head.corner, *blocks), start)
    title, units = _title_and_unit(grid, start, head.first)
    upper, lower = _texts(grid, head.first, width), _texts(grid, head.last, width)
    spread = _spread_bands(upper, lower, head.corner) if head.last > head.first else {}
    columns = []  # (sheet column, name, unit, period, display, band)
    subs = [lower[c] for c in range(width) if head.last > head.first and lower[c] and lower[c] != upper[c]]
    left = None  # the band over the column before, when that column's name reads without the band
    for c in range(head.corner + 1, width):
        top, low = upper[c], lower[c]
        text = low or top
        # a 合计 column here totals its row (the regions run down): an indicator like the others
        if not text or any(role_of(t) in _INDICATOR_SKIP and not is_parent_label(t) for t in (top, text)):
            continue
        if head.last > head.first and not low and c not in spread and grid.origin(head.first, c)[1] != c:
            continue  # under a merged band with no label of its own (a spacer column inside the band)
        band = None
        if head.last > head.first and low and low != top and top:
            key = spread.get(c, grid.origin(head.first, c))
            name, unit, period, display = _compose(top, low, subs.count(low) > 1, left == key)
            left = key if not name.startswith(split_unit(top)[0]) else None
            origin = grid.origin(head.first, c)
            if c in spread or spread.get(c + 1) == c:  # under a band printed once: the band's cell is the origin
                origin = (head.first, spread.get(c, c))
                spans = True
            else:
                spans = origin[1] != c or grid.origin(head.first, c + 1) == origin
            if period is None and spans:
                band = grid.to_sheet(*origin)  # the indicators a merged band groups (春种 | 夏种 under 分阶段任务)
        else:
            raw = grid.value(head.last if low else head.first, c)
            name, unit, period, display = text, None, None, fold_text(str(raw))
        columns.append((c, name, unit, period, display, band))
    if not columns:
        return None
    regions, attributes, periods, parent, end = region_rows(grid, head, columns)
    for role, r in head.above.items():
        attributes.setdefault(role, r)
    if not regions and not periods:
        return None
    parent = parent if parent is not None else dominant(grid, regions, columns, head.corner)
    if parent in regions:
        regions.remove(parent)
    view = grid.transposed()
    corner_label = upper[head.corner] or lower[head.corner]
    cols = [Column(head.last, corner_label or "地区", Role.NAME)]
    if regions:
        kind = TableKind.SPLIT
        cols += [Column(r, region_label(grid, r, head.corner), Role.REGION, printed=str(grid.value(r, head.corner) or ""))
                 for r in regions]
        if parent is not None:
            cols.append(Column(parent, label(grid.value(parent, head.corner)), Role.PARENT))
        value_rows = regions + ([parent] if parent is not None else [])
    else:
        kind = TableKind.TARGETS
        cols += [Column(r, label(grid.value(r, head.corner)), Role.PERIOD) for r in periods]
        value_rows = periods
    table = Table(view, kind, (head.corner, head.corner), cols, title, orientation="down",
                  header_ref=f"{quote_sheet(grid.name)}!{a1(head.first, head.corner)}:{a1(head.last, columns[-1][0])}",
                  unit=units)
    table.end = end
    default_unit = table_unit(units)
    block = _value_columns(grid, value_rows, width)
    table.rows = [_indicator(grid, c, name, unit, period, display, value_rows, attributes, default_unit, block[c],
                             band) for c, name, unit, period, display, band in columns]
    return table


def _value_columns(grid: Grid, value_rows: list[int], width: int) -> list[list]:
    """The sheet's columns at the value rows (merged cells filled), in value_rows' order: one C-speed zip.

    Each float is copied once, straight into its indicator's list: the transposed view of the whole sheet
    is not built first (a second pass over 1.7 M scattered floats), nor are the floats copied to make them
    contiguous (measured on bench's 1.7M-down: that costs more than it saves).
    """
    return [list(col) for col in zip(*(grid.filled_row(r, width) for r in value_rows))]


def _indicator(grid: Grid, col: int, name: str, unit, period, display, value_rows, attributes, default_unit,
               values: list, band=None) -> IndicatorRow:
    if unit is None and split_unit(name)[1] is None:
        if Role.UNIT in attributes and label(grid.value(attributes[Role.UNIT], col)):
            unit = label(grid.value(attributes[Role.UNIT], col))
        elif values and all(isinstance(v, str) and v.strip().endswith("%") for v in values if label(v)) and any(label(v) for v in values):
            unit = "%"
        elif default_unit:
            unit = default_unit
    if unit and "%" in unit or "%" in name:
        percent = grid.percent_cells()
        if percent:
            values = [round(v * 100, 9) if type(v) is float and (r, col) in percent else v for r, v in zip(value_rows, values)]

    def attr(role):
        r = attributes.get(role)
        v = grid.value(r, col) if r is not None else None
        return fold_text(str(v)) if label(v) else None

    return IndicatorRow(
        row=col, name=normalize_text(name), display_name=fold_text(display), seq=attr(Role.SEQ),
        category=attr(Role.CATEGORY), unit=unit if unit and not split_unit(name)[1] else None,
        method=attr(Role.METHOD), weight_hint=attr(Role.WEIGHT), direction=attr(Role.DIRECTION),
        responsible=attr(Role.RESPONSIBLE), score_weight=grid.value(attributes[Role.SCORE_WEIGHT], col)
        if Role.SCORE_WEIGHT in attributes else None, values=values, period=period, band=band,
    )
