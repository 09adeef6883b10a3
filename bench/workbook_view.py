"""What a clerk sees in a written workbook, independent of how its XML is serialised: values (and cached formula
results), resolved styles, notes, links, merges, widths and heights, frozen panes, filters, print titles, conditional
formats, validations, defined names, sheets with their order, visibility and selection.

Used by bench/compare_outputs.py (a write whose bytes changed is compared this way too) and tests/test_package_copy.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.styles.fills import Fill
from openpyxl.xml.functions import fromstring

from zhibiao.workbook.cached_values import cached_values
from zhibiao.workbook.style_ids import xml_of

_PARTS = ("font", "fill", "border", "alignment", "protection")


def _widths(ws) -> dict[int, tuple]:
    out = {}
    for dim in ws.column_dimensions.values():
        for col in range(dim.min or 0, (dim.max or 0) + 1):
            if dim.customWidth or dim.hidden:
                out[col] = (dim.width, dim.hidden)
    return out


def describe(path: Path) -> dict:
    """What a clerk sees in a workbook, read back by openpyxl (and calamine for cached results)."""
    wb = load_workbook(path, keep_vba=path.suffix == ".xlsm")
    if wb.vba_archive is not None:  # not needed here; closed now rather than by the cyclic collector (write_openpyxl.close_vba)
        wb.vba_archive.close()
    out: dict = {"sheets": [(ws.title, ws.sheet_state) for ws in wb.worksheets], "active": wb.active.title,
                 "names": sorted((name, dn.value) for name, dn in wb.defined_names.items()),
                 # `_zhibiao` is compared by its records below: its fills as openpyxl reads them
                 "values": {name: rows for name, rows in cached_values(path).items() if name != "_zhibiao"}}
    for ws in wb.worksheets:
        if ws.title == "_zhibiao":
            out[ws.title] = {"records": _records(ws), "state": ws.sheet_state}
            continue
        cells = {}
        for cell in ws._cells.values():
            if cell.value is None and not cell.has_style and cell.comment is None:
                continue
            style = tuple(xml_of(getattr(cell, part)) for part in _PARTS)
            comment = (cell.comment.text, cell.comment.author) if cell.comment else None
            link = (cell.hyperlink.location, cell.hyperlink.target) if cell.hyperlink else None
            cells[cell.coordinate] = (cell.value, cell.data_type, cell.number_format, style, comment, link)
        out[ws.title] = {
            "cells": cells, "merged": sorted(map(str, ws.merged_cells.ranges)), "widths": _widths(ws),
            "heights": {r: d.height for r, d in ws.row_dimensions.items() if d.height is not None},
            "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref, "titles": ws.print_title_rows,
            "selected": bool(ws.sheet_view.tabSelected), "tab": ws.sheet_properties.tabColor and ws.sheet_properties.tabColor.rgb,
            "cf": sorted((str(cf.sqref), [xml_of(rule) for rule in cf.rules]) for cf in ws.conditional_formatting),
            "dv": sorted((str(dv.sqref), dv.type, dv.formula1) for dv in ws.data_validations.dataValidation),
            "local names": sorted((name, dn.value) for name, dn in ws.defined_names.items()),
        }
    return out


def _records(ws) -> list:
    """`_zhibiao`'s rows with the fills in its JSON as openpyxl reads them (a copied file keeps the clerk's own XML)."""
    rows = []
    for row in ws.iter_rows(min_row=2, values_only=True):
        row = list(row)
        for i in (4, 5):
            if isinstance(row[i], str) and row[i].startswith("{"):
                state = json.loads(row[i])
                if state.get("fill"):
                    state["fill"] = xml_of(Fill.from_tree(fromstring(state["fill"])))
                row[i] = state
        rows.append(row)
    return rows
