"""The template's 进度 sheet: the split's shape, actual cumulative figures for one period (报告期)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ..grid import column_letter
from .body import Body, Row
from .looks import heads
from .stream_rows import Formula
from .write_openpyxl import fit_width
from .template import (BORDER, CENTER, FONT, HEADER_ROW, LEFT, SHEET_BUILDERS, SPLIT_SHEET, TemplateSpec, _body,
                       build_split)

PROGRESS_SHEET = "进度"
NOTE = "备注"


def period_banner(ws, spec: TemplateSpec, hint_text: str, width: int) -> None:
    """Row 1 of a sheet filled in each period (进度, 重大项目): 报告期 and its value, then a grey hint across
    the rest of the `width` columns."""
    label = ws.cell(1, 1, "报告期")
    label.font = Font(name=FONT, bold=True)
    label.alignment = CENTER
    period = ws.cell(1, 2, f"{spec.year}-01")
    period.number_format = "@"  # typed 2024-06 stays text instead of becoming a date
    period.font = Font(name=FONT, bold=True, color="FFC00000")
    period.border = BORDER
    period.alignment = CENTER
    hint = ws.cell(1, 3, hint_text)
    hint.font = Font(name=FONT, color="FF595959")
    hint.alignment = Alignment(vertical="center", wrap_text=True)
    ws.merge_cells(start_row=1, start_column=3, end_row=1, end_column=width)
    ws.row_dimensions[1].height = 48


def period_frame(ws, widths: list[float], freeze: str) -> None:
    """Column widths, frozen panes, the header row repeated on every printed page, one page wide."""
    for c, width in enumerate(widths):
        ws.column_dimensions[column_letter(c)].width = width
    ws.freeze_panes = freeze
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    fit_width(ws)


def build_progress(wb: Workbook, spec: TemplateSpec) -> None:
    """进度: 报告期 in B1, indicator names linked to 分解, one column per region and the parent."""
    ws = wb.create_sheet(PROGRESS_SHEET)
    header = ["序号", "指标名称"] + spec.regions + [spec.parent, NOTE]
    period_banner(ws, spec, f"填1月至报告期的累计数。每期复制一张本表，改报告期（或把表名改为“进度 {spec.year}-06”），"
                            "历史各期保留在工作簿中。", len(header))
    heads(ws, HEADER_ROW, header)
    name_in_split = column_letter(spec.col("指标名称"))
    seq_in_split = column_letter(spec.col("序号"))
    keys = tuple(c in (1, len(header) - 1) for c in range(len(header)))  # left-aligned or centred
    blank = [None] * (len(header) - 2)

    def row(r: int, full: bool) -> Row:  # names follow the 分解 sheet, so the two sheets always match row by row
        return Row([Formula(f'=IF({SPLIT_SHEET}!{seq_in_split}{r}="","",{SPLIT_SHEET}!{seq_in_split}{r})'),
                    Formula(f'=IF({SPLIT_SHEET}!{name_in_split}{r}="","",{SPLIT_SHEET}!{name_in_split}{r})'), *blank], keys)

    Body(ws, spec.first_row, spec.last_row, len(header), row, lambda left: lambda cell: _body(cell, LEFT if left else CENTER)).write(spec.streams)
    widths = {"序号": 6, "指标名称": 34, NOTE: 24}
    period_frame(ws, [widths.get(label, max(9, 2 * len(label) + 2)) for label in header], f"C{spec.first_row}")


if build_progress not in SHEET_BUILDERS:
    SHEET_BUILDERS.insert(SHEET_BUILDERS.index(build_split) + 1, build_progress)
