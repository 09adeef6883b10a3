"""Formulas without saved results, and the ones zhibiao can work out itself.

A workbook written by openpyxl (zhibiao's own template, `zhibiao import`, a script) holds formulas but
no results until Excel, WPS or LibreOffice saves it; calamine then reads those cells as blank. The
template's 进度 sheet links its names to 分解 (`=IF(分解!C3="","",分解!C3)`), so such a file would have
no indicators. References to cells of the same workbook — `=Sheet!A1`, `=A1` and the template's
`IF(X="","",X)` — are resolved here; anything else is left blank and listed, so the caller can say
exactly which cell needs Excel.
"""

from __future__ import annotations

import re

from ..grid import Grid, column_index
from .xlsx_parts import xml_unescape

_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]+</(?:\w+:)?v>")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
_CHAR_REF = re.compile(r"&#(x[0-9a-fA-F]+|\d+);")
_REF_ATTR = re.compile(rb'\sr="([A-Z]{1,3}\d+)"')
_REF = r"(?:(?:'(?P<q>(?:[^']|'')+)'|(?P<s>[^\s!'\"(),=<>&*/+\-^%:]+))!)?\$?(?P<c>[A-Z]{1,3})\$?(?P<r>\d+)"
_PLAIN = re.compile(rf"^{_REF}$")
# IF(X="","",Y) and IF(ISBLANK(X),"",Y): blank when X is blank, else Y (the template writes X = Y)
_IF_BLANK = re.compile(
    rf'^IF\(\s*(?:(?P<a>{_REF.replace("?P<", "?P<a")})\s*=\s*""|ISBLANK\(\s*(?P<b>{_REF.replace("?P<", "?P<b")})\s*\))'
    rf'\s*,\s*""\s*,\s*(?P<y>{_REF.replace("?P<", "?P<y")})\s*\)$', re.I)


def uncached_formulas(xml: bytes) -> dict[tuple[int, int], str]:
    """(row, col) → formula text of every cell in a sheet's XML that has a formula but no saved value."""
    found: dict[tuple[int, int], str] = {}
    pos = 0
    while (start := xml.find(b"<f", pos)) >= 0:
        pos = start + 2
        if xml[pos:pos + 1] not in (b">", b" ", b"/"):
            continue  # <family …>, <fill …>: not a formula
        cell = max(xml.rfind(b"<c ", 0, start), xml.rfind(b"<c>", 0, start))
        end = xml.find(b"</c>", start)
        if cell < 0 or end < 0:
            continue
        body = xml[cell:end]
        pos = end
        if _VALUE.search(body):
            continue
        ref = _REF_ATTR.search(body[:body.find(b">") + 1])
        formula = _FORMULA.search(body)
        if ref is None or formula is None:
            continue
        letters = ref.group(1).rstrip(b"0123456789").decode()
        row = int(ref.group(1)[len(letters):]) - 1
        text = _unescape((formula.group(1) or b"").decode("utf-8", "replace")).strip()
        found[(row, column_index(letters))] = text  # a shared formula's follower has no text: unresolvable
    return found


def _unescape(text: str) -> str:
    """XML text to characters, numeric references (&#20998; as openpyxl writes 分) included."""
    text = _CHAR_REF.sub(lambda m: chr(int(m.group(1)[1:], 16) if m.group(1)[0] == "x" else int(m.group(1))), text)
    return xml_unescape(text)


def _ref(m: re.Match, prefix: str, own: str) -> tuple[str, int, int]:
    sheet = m.group(f"{prefix}q")
    sheet = sheet.replace("''", "'") if sheet is not None else (m.group(f"{prefix}s") or own)
    return sheet, int(m.group(f"{prefix}r")) - 1, column_index(m.group(f"{prefix}c"))


def _blank(value) -> bool:
    return value is None or value == ""


class Resolver:
    """Works out uncached formulas that only refer to other cells of the same workbook."""

    def __init__(self, grids: list[Grid], uncached: dict[str, dict[tuple[int, int], str]]):
        self.grids = {g.name: g for g in grids}
        self.uncached = uncached
        self.done: dict[tuple[str, int, int], object] = {}
        self.failed: set[tuple[str, int, int]] = set()

    def value(self, sheet: str, row: int, col: int, depth: int = 0):
        """The cell's value, its formula worked out when it has none saved; raises LookupError when it cannot be."""
        key = (sheet, row, col)
        if key in self.done:
            return self.done[key]
        formula = self.uncached.get(sheet, {}).get((row, col))
        if formula is None:
            grid = self.grids.get(sheet)
            if grid is None:
                raise LookupError(sheet)
            return grid.raw(row, col)
        if key in self.failed or depth > 20:
            raise LookupError(formula)
        try:
            value = self._evaluate(formula.lstrip("="), sheet, depth)
        except LookupError:
            self.failed.add(key)
            raise
        self.done[key] = value
        return value

    def _evaluate(self, formula: str, own: str, depth: int):
        if m := _PLAIN.match(formula):
            value = self.value(*_ref(m, "", own), depth + 1)
            return None if _blank(value) else value
        if m := _IF_BLANK.match(formula):
            test = _ref(m, "a", own) if m.group("a") else _ref(m, "b", own)
            if _blank(self.value(*test, depth + 1)):
                return None
            value = self.value(*_ref(m, "y", own), depth + 1)
            return None if _blank(value) else value
        raise LookupError(formula)


def resolve(grids: list[Grid], uncached: dict[str, dict[tuple[int, int], str]]) -> None:
    """Fill each grid's uncached formula cells that refer to other cells; list the rest in grid.unresolved."""
    if not uncached:
        return
    resolver = Resolver(grids, uncached)
    for grid in grids:
        cells = uncached.get(grid.name)
        if not cells:
            continue
        for (row, col), formula in sorted(cells.items()):
            try:
                value = resolver.value(grid.name, row, col)
            except LookupError:
                grid.unresolved[(row, col)] = "=" + formula if formula else "（共享公式）"
                continue
            if value is not None:
                _put(grid, row, col, value)


def _put(grid: Grid, row: int, col: int, value) -> None:
    while len(grid.rows) <= row:
        grid.rows.append([])
    line = grid.rows[row]
    if len(line) <= col:
        line.extend([None] * (col + 1 - len(line)))
    line[col] = value
