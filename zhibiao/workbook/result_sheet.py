"""The sheets zhibiao (re)creates on write-back (校验结果, 进度结果, 进度赛马), and the cell helpers they share.

A results sheet has one row per finding or status: 10,000 rows × 11 cells for a 100 × 100 progress
report. Its cells take one of a handful of styles, so each style is built once and copied by id
(StyleIds.like), which gives the same style table and sheet XML as styling every cell in turn.
"""

from __future__ import annotations

import math
import re
from itertools import zip_longest

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.hyperlink import Hyperlink

from ..grid import a1, column_letter
from .plan import FORMULA_START, LEVEL_FILL, ResultSheet, safe_text
from .stream_rows import StreamedRows, plain
from .style_ids import StyleIds

_THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def solid_fill(rgb: str | None) -> PatternFill:
    """A solid fill of an RRGGBB colour (no fill for None)."""
    return PatternFill("solid", fgColor="FF" + rgb, bgColor="FF" + rgb) if rgb else PatternFill()


def fill_for(level: str) -> PatternFill:
    """The solid fill of a level, from the shared palette."""
    return solid_fill(LEVEL_FILL[level])


_WIDE = re.compile("[\u2e80-\U0010ffff]")


def text_width(text: str) -> int:
    """Display width of a line: CJK characters (from U+2E80) count 2."""
    if text.isascii():
        return len(text)
    return len(text) + len(_WIDE.findall(text))


def line_count(value, width: float) -> int:
    """Lines a wrapped cell needs in a column of this width."""
    return _lines(value, max(width - 1.5, 1))


def _lines(value, room: float) -> int:
    """line_count for a column with room for `room` narrow characters a line."""
    if value is None or value == "":
        return 1
    text = value if value.__class__ is str else str(value)
    if "\n" not in text:
        if len(text) * 2 <= room:  # fits even if every character is wide
            return 1
        return max(1, math.ceil((len(text) if text.isascii() else text_width(text)) / room))
    return sum(max(1, math.ceil(text_width(line) / room)) for line in text.split("\n"))


def fit_width(ws, landscape: bool = True) -> None:
    """Print on pages one sheet wide."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def put_value(cell, value) -> bool:
    """Write a value; outside text that would start a formula stays text (and True says so)."""
    value, escaped = safe_text(value)
    cell.value = value
    if escaped:
        cell.data_type = "s"
        cell.quotePrefix = True
    return escaped


def result_sheet(wb, spec: ResultSheet, ids: StyleIds | None = None, streams: list[StreamedRows] | None = None):
    """Create (or re-create in place) a results sheet from its spec; with `streams`, its body rows go there
    (to be spliced into the saved file) and openpyxl holds only the frame and one cell per style."""
    ids = ids or StyleIds()
    index = None
    if spec.name in wb.sheetnames:
        index = wb.sheetnames.index(spec.name)
        del wb[spec.name]
    ws = wb.create_sheet(spec.name, index)
    width = len(spec.header)
    put_value(ws.cell(1, 1), spec.summary)
    ws.cell(1, 1).font = Font(bold=True, size=12)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.row_dimensions[1].height = 24
    for c, label in enumerate(spec.header, 1):
        cell = ws.cell(2, c, label)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="FFD9D9D9")
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center")
    wrap = Alignment(vertical="top", wrap_text=True)
    widths = list(spec.widths or [])
    widths += [12.0] * (width - len(widths))
    body = StreamedRows(ws.title, 3) if streams is not None and all(map(plain, _types(spec.rows))) else None
    by_row: dict[int, dict[int, str]] = {}
    for (r, c), target in spec.links.items():
        by_row.setdefault(r, {})[c] = target
    columns = list(zip_longest(*spec.rows))  # a column at a time: most of them settled by one C-level pass
    # Excel and LibreOffice do not grow wrapped rows on open
    heights = row_heights(columns, [max(w - 1.5, 1) for w in widths], len(spec.rows))
    formulas = _formula_like(columns)
    interned: dict = {}
    styled: set[int] = set()  # the key tuples (by id) whose every key has its prototype cell
    for r, (values, height) in enumerate(zip(spec.rows, heights)):
        level = spec.levels[r] if r < len(spec.levels) else None
        links = by_row.get(r, {})
        keys = _style_keys(len(values), level, formulas.get(r, ()), links, interned)
        if body is not None:
            body.add_values(values, keys, height)
            for c, target in links.items():
                if target:
                    body.links.append((f"{column_letter(c)}{r + 3}", target, str(values[c])))
            if id(keys) in styled:
                continue
            if all(key in body.prototypes for key in keys):
                styled.add(id(keys))
                continue
        for c, (value, key) in enumerate(zip(values, keys)):
            if body is not None and key in body.prototypes:
                continue
            fill, target = key[2], links.get(c)
            cell = ws.cell(r + 3, c + 1)
            put_value(cell, value)
            ids.like(cell, key, lambda cell, fill=fill, target=target: _style_result_cell(cell, wrap, fill, target))
            if body is not None:
                body.prototypes[key] = cell
            elif target:
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=target, display=str(value))
        if body is None:
            ws.row_dimensions[r + 3].height = height
    if body is not None:
        streams.append(body)
    for c, w in enumerate(widths):
        ws.column_dimensions[column_letter(c)].width = w
    fit_width(ws)
    ws.print_title_rows = "2:2"
    ws.freeze_panes = "A3"
    if spec.rows:
        ws.auto_filter.ref = f"A2:{a1(len(spec.rows) + 1, width - 1)}"
    ws.sheet_properties.tabColor = "FFC00000" if "error" in spec.levels else "FF70AD47"
    return ws


def row_heights(columns: list[tuple], rooms: list[float], count: int) -> list[int]:
    """15 points a line of each row's most wrapped cell, + 3 (the first len(rooms) columns count; None: no cell).

    Worked out a column at a time: a column whose every text fits on one line even if every character
    is wide (or is ASCII and fits: figures) is settled by one max() over its lengths (regions, figures, lights)."""
    most = [1] * count
    for column, room in zip(columns, rooms):
        texts = list(map(str, column))  # str(None) is "None": at worst a column goes the slow way
        joined = "".join(texts)
        if "\n" not in joined and max(map(len, texts)) * (1 if joined.isascii() else 2) <= room:
            continue
        seen: dict[str, int] = {}
        for r, value in enumerate(column):
            if value.__class__ is str:
                lines = seen.get(value)
                if lines is None:
                    lines = seen[value] = _lines(value, room)
            else:
                lines = _lines(value, room)
            if lines > most[r]:
                most[r] = lines
    return [15 * m + 3 for m in most]


_STARTS_FORMULA = re.compile("\0[" + re.escape("".join(FORMULA_START)) + "]")


def _formula_like(columns: list[tuple]) -> dict[int, tuple[int, ...]]:
    """Row -> the columns whose text would start a formula (kept as text, styled apart): none in most tables."""
    found: dict[int, list[int]] = {}
    for c, column in enumerate(columns):
        if not _STARTS_FORMULA.search("\0" + "\0".join(map(str, column))):  # negative figures: that column cell by cell
            continue
        for r, value in enumerate(column):
            if isinstance(value, str) and value.startswith(FORMULA_START):
                found.setdefault(r, []).append(c)
    return {r: tuple(cs) for r, cs in found.items()}


def _style_keys(width: int, level: str | None, formula: tuple[int, ...], links: dict[int, str], interned: dict) -> tuple:
    """The style key of each cell of a results row, one tuple per pattern shared by its rows (10× rows: 100,000 rows, a few patterns)."""
    linked = tuple(c for c, target in links.items() if target)
    pattern = (width, level, formula, linked)
    keys = interned.get(pattern)
    if keys is None:
        keys = interned[pattern] = tuple(("result", c in formula, level if c == 0 and level else None, c in linked)
                                         for c in range(width))
    return keys


def _types(rows):
    """One value of each type in the rows (to ask `plain` once per type, not per cell)."""
    return list({value.__class__: value for row in rows for value in row}.values())


def _style_result_cell(cell, wrap: Alignment, fill: str | None, link: bool) -> None:
    cell.border = BORDER
    cell.alignment = wrap
    if fill:
        cell.fill = fill_for(fill)
    if link:
        cell.font = Font(color="FF0563C1", underline="single")
