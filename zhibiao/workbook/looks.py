"""The template's looks: 宋体, thin black borders, a blue-grey header, grey formula cells."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from .result_sheet import put_value
from .style_ids import StyleIds

FONT = "宋体"
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEAD_FILL = PatternFill("solid", fgColor="FFD9E1F2")
CALC_FILL = PatternFill("solid", fgColor="FFF2F2F2")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


def head(cell, value) -> None:
    put_value(cell, value)  # region, parent and basis names come from the clerk or an imported table
    _head_look(cell)


def _head_look(cell) -> None:
    cell.font = Font(name=FONT, bold=True)
    cell.fill = HEAD_FILL
    cell.border = BORDER
    cell.alignment = CENTER


def heads(ws, row: int, labels: list) -> None:
    """A header row from column A: each cell as head() makes it, its look styled once and copied (1,400 regions)."""
    looks = StyleIds()
    for c, label in enumerate(labels, 1):
        cell = ws.cell(row, c)
        looks.like(cell, "head", _head_look)
        put_value(cell, label)  # after the look: a name read as a formula is marked as text (quotePrefix)


def body(cell, align=CENTER) -> None:
    cell.font = Font(name=FONT)
    cell.border = BORDER
    cell.alignment = align


def split_look(look: str, cell) -> None:
    """A body cell of 分解: centred, left-aligned (names, 类别, 责任部门) or a grey formula cell."""
    body(cell, LEFT if look == "left" else CENTER)
    if look == "calc":
        cell.fill = CALC_FILL
        cell.font = Font(name=FONT, color="FF595959")
