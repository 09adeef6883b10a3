"""The sheets zhibiao (re)creates on write-back (校验结果, 进度结果, 进度赛马), and the cell helpers they share.

A results sheet has one row per finding or status: 10,000 rows × 11 cells for a 100 × 100 progress
report. Its cells take one of a handful of styles, so each style is built once and copied by id
(StyleIds.like), which gives the same style table and sheet XML as styling every cell in turn.
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.hyperlink import Hyperlink

from ..grid import a1, column_letter
from .plan import LEVEL_FILL, ResultSheet, safe_text
from .result_rows import _lines, _types, column_widths, layout, line_count, row_heights, text_width  # noqa: F401
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
    widths = column_widths(spec)
    body = StreamedRows(ws.title, 3) if streams is not None and all(map(plain, _types(spec.rows))) else None
    styled: set[int] = set()  # the key tuples (by id) whose every key has its prototype cell
    for r, values, keys, height, links in layout(spec, widths):
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


def _style_result_cell(cell, wrap: Alignment, fill: str | None, link: bool) -> None:
    cell.border = BORDER
    cell.alignment = wrap
    if fill:
        cell.fill = fill_for(fill)
    if link:
        cell.font = Font(color="FF0563C1", underline="single")
