"""Which cells of an .xlsx sheet are formatted as percent (calamine gives values, not formats)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..grid import column_index
from .xlsx_parts import sheet_parts, xml_unescape

_BUILTIN_PERCENT = {9, 10}  # 0% and 0.00%
_XF = re.compile(r"<(?:\w+:)?xf\b[^>]*>")
_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*>")
_QUOTED = re.compile(r'"[^"]*"|\\.')  # literal text in a format code: "%" there is not a percent format


def percent_styles(styles_xml: str) -> set[int]:
    """Indexes of the cell formats (cellXfs) whose number format shows a percent."""
    percent_ids = set(_BUILTIN_PERCENT)
    for m in re.finditer(r'<(?:\w+:)?numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"', styles_xml):
        if "%" in _QUOTED.sub("", xml_unescape(m.group(2))):
            percent_ids.add(int(m.group(1)))
    block = re.search(r"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", styles_xml, re.S)
    if not block:
        return set()
    found = set()
    for k, xf in enumerate(_XF.finditer(block.group(0))):
        fmt = re.search(r'numFmtId="(\d+)"', xf.group(0))
        if fmt and int(fmt.group(1)) in percent_ids:
            found.add(k)
    return found


def percent_cells(path: Path, sheet: str) -> set[tuple[int, int]]:
    """0-based (row, col) of the sheet's cells formatted as percent; empty when the workbook has no such format."""
    try:
        with zipfile.ZipFile(path) as archive:
            styles = percent_styles(archive.read("xl/styles.xml").decode("utf-8", "replace"))
            part = sheet_parts(archive).get(sheet) if styles else None
            xml = archive.read(part) if part else b""
    except (OSError, KeyError, zipfile.BadZipFile):
        return set()
    wanted = {str(k).encode() for k in styles}
    found = set()
    for m in _CELL.finditer(xml):
        tag = m.group(0)
        style = re.search(rb'\ss="(\d+)"', tag)
        ref = re.search(rb'\sr="([A-Z]+)(\d+)"', tag)
        if style and ref and style.group(1) in wanted:
            found.add((int(ref.group(2)) - 1, column_index(ref.group(1).decode("ascii"))))
    return found
