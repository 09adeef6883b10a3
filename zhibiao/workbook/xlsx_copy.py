"""The write-back of a file zhibiao cannot write into (.xls, .ods, .et, .csv, .html, .pdf, .doc, .docx):
its tables as a new .xlsx, each grid a sheet of the same name with the same cells and merged ranges,
so a plan made from the original's findings lands on the same cells.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl.styles import Alignment, Border, Side

from ..errors import UsageError
from ..grid import Workbook, a1, column_letter, quote_sheet
from .plan import ResultSheet, WritePlan

_PLAIN_NUMBER = re.compile(r"^-?(0|[1-9]\d*)(\.\d+)?$")  # 001 stays text, as a code would
_DOC_REF = re.compile(r"^(.+?)第(\d+)行第(\d+)列$")
_WRAP = Alignment(wrap_text=True, vertical="center")
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def copy_target(src: Path, out, in_place: bool, default: Path) -> Path:
    """Where the .xlsx copy of src goes; --in-place cannot rewrite a format zhibiao does not write."""
    if in_place:
        raise UsageError(f"无法直接改写 {src.suffix or '此类'} 文件（只能写 .xlsx）：去掉 --in-place，"
                         f"结果将另存为 {default.name}")
    target = Path(out) if out is not None else default
    if target.suffix.lower() != ".xlsx":
        raise UsageError(f"{src.name} 的核对结果只能另存为 .xlsx 文件：{target.name}")
    return target


def _cell_value(value):
    if isinstance(value, str) and _PLAIN_NUMBER.match(value.strip()):
        number = float(value)
        return int(number) if number.is_integer() and "." not in value else number
    return value


def workbook_of(book: Workbook):
    """An openpyxl workbook holding every grid of `book`: values, merged ranges, percent formats, hidden sheets."""
    from openpyxl import Workbook as OpenpyxlWorkbook

    from .write_openpyxl import fit_width, put_value, text_width

    wb = OpenpyxlWorkbook()
    wb.remove(wb.active)
    for grid in book.grids:
        ws = wb.create_sheet(grid.name[:31])
        percent = grid.percent_cells()
        widths: dict[int, int] = {}
        lines: dict[int, int] = {}
        wide = {(r1, c1) for r1, c1, _, c2 in grid.merges if c2 > c1}  # a band does not widen its first column
        for r, row in enumerate(grid.rows):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                cell = ws.cell(r + 1, c + 1)
                put_value(cell, _cell_value(value))
                cell.alignment = _WRAP
                if (r, c) in percent:
                    cell.number_format = "0.00%"
                parts = str(value).split("\n")
                if (r, c) not in wide:
                    widths[c] = max(widths.get(c, 0), min(max(text_width(p) for p in parts), 40))
                lines[r] = max(lines.get(r, 1), len(parts))
        if widths and len(grid.rows) > 1:  # the table's cells framed as printed (title rows above included)
            for row in ws.iter_rows(min_row=1, max_row=len(grid.rows), max_col=max(widths) + 1):
                for cell in row:
                    cell.border = _BORDER
        for r1, c1, r2, c2 in grid.merges:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        for c, width in widths.items():
            ws.column_dimensions[column_letter(c)].width = max(width + 2, 6)
        for r, count in lines.items():
            if count > 1:
                ws.row_dimensions[r + 1].height = 15 * count + 3
        fit_width(ws)
        if grid.hidden:
            ws.sheet_state = "hidden"
    if not wb.worksheets:
        wb.create_sheet("Sheet1")
    return wb


def sheet_refs(plan: WritePlan, book: Workbook) -> WritePlan:
    """A plan whose document-table references (表1第3行第2列) are the copy's cells (表1!B3, or lower when
    lines printed above the table are rows of the copy too), so its links work."""
    above = {grid.name: grid.lines_above for grid in book.grids}

    def ref(text):
        m = _DOC_REF.match(text) if isinstance(text, str) else None
        if not m:
            return text
        name = m.group(1)
        return f"{quote_sheet(name)}!{a1(int(m.group(2)) - 1 + above.get(name, 0), int(m.group(3)) - 1)}"

    sheets = []
    for spec in plan.sheets:
        rows = [[ref(v) if (r, c) in spec.links else v for c, v in enumerate(row)] for r, row in enumerate(spec.rows)]
        links = {key: ref(target) for key, target in spec.links.items()}
        sheets.append(ResultSheet(spec.name, spec.header, rows, links, spec.levels, spec.summary, spec.widths))
    return WritePlan(sheets, plan.marks, plan.columns, plan.owned_sheets)
