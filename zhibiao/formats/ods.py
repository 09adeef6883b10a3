"""Read OpenDocument spreadsheets (.ods, LibreOffice / WPS) with python-calamine.

calamine gives the values; merged ranges (`table:number-columns-spanned` / `-rows-spanned`) and
percentage cells are read from content.xml in one streaming pass, since calamine reports neither.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..grid import Merge, Workbook
from .xls import read_calamine

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


class SheetLayout:
    """Merged ranges and percent cells of every sheet, parsed on first use."""

    def __init__(self, path: Path):
        self.path = path
        self._sheets: dict[str, tuple[list[Merge], set[tuple[int, int]]]] | None = None

    def merges(self, sheet: str) -> list[Merge]:
        return self._parse().get(sheet, ([], set()))[0]

    def percent(self, sheet: str) -> set[tuple[int, int]]:
        return self._parse().get(sheet, ([], set()))[1]

    def _parse(self) -> dict:
        if self._sheets is None:
            try:
                self._sheets = parse_content(self.path)
            except Exception:  # calamine has read the values; without spans a merged cell shows once
                self._sheets = {}
        return self._sheets


def parse_content(path: Path) -> dict[str, tuple[list[Merge], set[tuple[int, int]]]]:
    """Sheet name -> (merged ranges, percentage cells), 0-based, from content.xml."""
    from lxml import etree

    out = {}
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
        name, merges, percent, row, col = None, [], set(), 0, 0
        for event, el in etree.iterparse(stream, events=("start", "end"), huge_tree=True):
            tag = el.tag
            if event == "start":
                if tag == _TABLE + "table":
                    name, merges, percent, row = el.get(_TABLE + "name"), [], set(), 0
                elif tag == _TABLE + "table-row":
                    col = 0
                continue
            if tag in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
                repeat = int(el.get(_TABLE + "number-columns-repeated", "1"))
                across = int(el.get(_TABLE + "number-columns-spanned", "1"))
                down = int(el.get(_TABLE + "number-rows-spanned", "1"))
                if tag == _TABLE + "table-cell" and (across > 1 or down > 1):
                    merges.append((row, col, row + down - 1, col + across - 1))
                if el.get(_OFFICE + "value-type") == "percentage":
                    percent.update((row, col + k) for k in range(min(repeat, 16384)))
                col += repeat
                el.clear()
            elif tag == _TABLE + "table-row":
                row += int(el.get(_TABLE + "number-rows-repeated", "1"))
                el.clear()
            elif tag == _TABLE + "table":
                out[name] = (merges, percent)
                el.clear()
    return out


def read(path: Path) -> Workbook:
    """Every sheet of an .ods file: values through calamine, merged ranges and percent cells from content.xml."""
    layout = SheetLayout(path)
    return read_calamine(path, "ods", layout.merges, layout.percent)
