"""The rows of a results sheet (校验结果, 进度结果, 进度赛马) laid out: each row's style keys, its height and its
links, as both ways of writing the sheet use them (result_sheet with openpyxl, new_sheets from templates).
No openpyxl here: a first progress write-back needs none.
"""

from __future__ import annotations

import math
import re
from itertools import zip_longest

from .plan import FORMULA_START, ResultSheet

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
        if not any(issubclass(kind, str) for kind in set(map(type, column))):  # figures and blanks: no text
            continue
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


def layout(spec: ResultSheet, widths: list[float]):
    """(row index, values, style keys, height, {column: link target}) for each row of the spec, in order; rows
    of one pattern share their keys tuple. Heights: 15 points a line of the row's most wrapped cell, + 3."""
    by_row: dict[int, dict[int, str]] = {}
    for (r, c), target in spec.links.items():
        by_row.setdefault(r, {})[c] = target
    columns = list(zip_longest(*spec.rows))  # a column at a time: most of them settled by one C-level pass
    # Excel and LibreOffice do not grow wrapped rows on open
    heights = row_heights(columns, [max(w - 1.5, 1) for w in widths], len(spec.rows))
    formulas = _formula_like(columns)
    interned: dict = {}
    for r, (values, height) in enumerate(zip(spec.rows, heights)):
        level = spec.levels[r] if r < len(spec.levels) else None
        links = by_row.get(r, {})
        yield r, values, _style_keys(len(values), level, formulas.get(r, ()), links, interned), height, links


def column_widths(spec: ResultSheet) -> list[float]:
    """The spec's widths, 12 for a column it gives none."""
    widths = list(spec.widths or [])
    return widths + [12.0] * (len(spec.header) - len(widths))
