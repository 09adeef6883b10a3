"""The openpyxl executor of a WritePlan: apply it to a workbook file, undoing the previous write first.

What zhibiao changes on the clerk's sheets is recorded in a very hidden sheet `_zhibiao`, one row per
cell or column: owner (the plan's owned sheets), kind, sheet, reference, the original state and what
zhibiao wrote (JSON). A later write of the same owner restores every original whose cell still shows
what zhibiao wrote, so results never stack and the clerk's own formatting comes back.
"""

from __future__ import annotations

import json
from copy import copy
from pathlib import Path

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font
from openpyxl.styles.fills import Fill
from openpyxl.xml.functions import fromstring

from ..errors import UnreadableFile
from .files import save_atomic
from ..grid import a1, column_letter
from .plan import StatusLine, WritePlan
from .result_sheet import BORDER as _BORDER, _types, fill_for, fit_width, line_count, put_value, result_sheet, solid_fill, text_width  # noqa: F401
from .cached_values import cached_values, restore_xml
from .stream_rows import StreamedRows, plain
from .stream_save import save_streamed
from .style_ids import StyleIds, xml_of
from .records import AUTHOR, STATE_HEADER, STATE_SHEET, comment_height, mark_record, record

_STYLE_PARTS = {"font": Font, "border": Border, "alignment": Alignment}


# -- the state sheet ----------------------------------------------------------
def _records(wb) -> list[dict]:
    if STATE_SHEET not in wb.sheetnames:
        return []
    rows = wb[STATE_SHEET].iter_rows(min_row=2, values_only=True)
    return [dict(zip(STATE_HEADER, r)) for r in rows if r and r[0]]


def _save_records(wb, records: list[dict], streams: list[StreamedRows] | None = None) -> None:
    if STATE_SHEET in wb.sheetnames:
        del wb[STATE_SHEET]
    if not records:
        return
    ws = wb.create_sheet(STATE_SHEET)
    ws.sheet_state = "veryHidden"
    ws.append(STATE_HEADER)
    rows = [[rec[k] for k in STATE_HEADER] for rec in records]
    if streams is not None and all(map(plain, _types(rows))):
        body = StreamedRows(ws.title, 2, text=True)
        unstyled = [None] * len(STATE_HEADER)
        for values in rows:
            body.add_values(values, unstyled)
        streams.append(body)
        return
    # cell by cell: ws[row] and ws.max_row scan every cell, so asking them per record is quadratic
    for row, values in enumerate(rows, 2):
        for col, value in enumerate(values, 1):
            cell = ws.cell(row, col, value)
            if isinstance(cell.value, str):
                cell.data_type = "s"


def _comment_state(cell, comment=None) -> dict | None:
    c = comment or cell.comment
    return None if c is None else {"text": c.text, "author": c.author}


def _undo(wb, records: list[dict], ids: StyleIds) -> None:
    """Put back what an earlier write changed, where the cell still shows zhibiao's write."""
    for rec in records:
        if rec["sheet"] not in wb.sheetnames:
            continue
        ws = wb[rec["sheet"]]
        original, applied = json.loads(rec["original"]), json.loads(rec["applied"])
        if rec["kind"] == "width":
            if original["width"] is not None:
                ws.column_dimensions[rec["ref"]].width = original["width"]
            elif rec["ref"] in ws.column_dimensions:
                del ws.column_dimensions[rec["ref"]]
            continue
        if rec["kind"] == "height":
            ws.row_dimensions[int(rec["ref"])].height = original["height"]
            continue
        cell = ws[rec["ref"]]
        if "value" in original and cell.value == applied.get("value"):
            cell.value = original["value"]
        if ids.xml(cell, "fill") == applied.get("fill"):
            ids.set(cell, "fill", original["fill"], lambda xml=original["fill"]: Fill.from_tree(fromstring(xml)))
        for part, cls in _STYLE_PARTS.items():
            if part in original:
                ids.set(cell, part, original[part], lambda xml=original[part], cls=cls: cls.from_tree(fromstring(xml)))
        if "number_format" in original:
            cell.number_format = original["number_format"]
        current = cell.comment.text if cell.comment else None
        if "comment" in applied and current == applied["comment"]:
            old = original.get("comment")
            cell.comment = Comment(old["text"], old["author"]) if old else None


# -- applying a plan ----------------------------------------------------------
def _mark(ws, mark, owner: str, ids: StyleIds, notes: dict | None = None, title: str | None = None) -> dict:
    cell = ws.cell(mark.row + 1, mark.col + 1)
    title = title or ws.title
    original_fill, clerks = ids.xml(cell, "fill"), cell.comment
    if mark.value is not None and cell.value in (None, ""):
        put_value(cell, mark.value)
    ids.set(cell, "fill", mark.level, lambda: fill_for(mark.level))
    applied = {"fill": ids.xml(cell, "fill")}
    if mark.comment:
        text = mark.comment
        if clerks is not None:  # keep the clerk's note above zhibiao's
            text = f"{clerks.text}\n——\n{mark.comment}"
        height = comment_height(text)
        if notes is None:
            cell.comment = Comment(text, AUTHOR, height=height, width=320)
        else:  # written from a template by stream_save, beside the comments still on cells
            if clerks is not None:
                cell.comment = None
            notes.setdefault(title, {})[(cell.row, cell.column)] = (text, AUTHOR, height, 320)
        applied["comment"] = text
    return mark_record(owner, title, a1(mark.row, mark.col), original_fill,
                       None if clerks is None else _comment_state(cell, clerks), applied["fill"], applied.get("comment"))


def _covering_dimension(ws, col: int):
    """A <col> range that covers this column (openpyxl keeps ranges like I:XFD under their first letter)."""
    for dim in ws.column_dimensions.values():
        if dim.min and dim.max and dim.min <= col + 1 <= dim.max:
            return dim
    return None


def _status_column(ws, column: StatusLine, owner: str, ids: StyleIds) -> list[dict]:
    """A 校验 column beside a table (or a 校验 row under one), styled like its neighbours, recorded for undo."""
    records = []
    if column.widen is not None:
        letter = column_letter(column.widen)
        covering = _covering_dimension(ws, column.widen)
        if covering is None or covering.index == letter and covering.min == covering.max:
            width = covering.width if covering is not None and covering.customWidth else None
            records.append(record(owner, "width", ws.title, letter, {"width": width}, {}))
            ws.column_dimensions[letter].width = column.width
    dr, dc = column.neighbour
    for row, col, text, level in column.cells():
        cell = ws.cell(row + 1, col + 1)
        near = ws.cell(row + 1 + dr, col + 1 + dc) if row + dr >= 0 and col + dc >= 0 else None
        original = {"value": cell.value, "fill": ids.xml(cell, "fill"), "number_format": cell.number_format,
                    **{part: ids.xml(cell, part) for part in _STYLE_PARTS}}
        put_value(cell, text)
        # look like the table: the neighbour's font and border, centred, wrapped
        cell.font = copy(near.font) if near is not None else Font()
        cell.border = copy(near.border) if near is not None and near.border.left.style else _BORDER
        # a verdict under an indicator's column wraps within the clerk's width; beside a row it stays one line
        cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=column.widen is None or None)
        cell.number_format = "@"
        if level:
            cell.fill = fill_for(level)
        elif near is not None:
            cell.fill = copy(near.fill)
            cell.font = Font(name=near.font.name, size=near.font.size, bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center")
        records.append(record(owner, "cell", ws.title, cell.coordinate, original,
                              {"value": cell.value, "fill": ids.xml(cell, "fill")}))
    if column.widen is None:
        records.extend(_fit_height(ws, column, owner))
    return records


def _fit_height(ws, line: StatusLine, owner: str) -> list[dict]:
    """A 校验 row as tall as its most wrapped verdict needs (recorded, so a later write puts the height back)."""
    lines = 1
    for row, col, text, _ in line.cells():
        dim = ws.column_dimensions.get(column_letter(col))
        lines = max(lines, line_count(text, dim.width if dim is not None and dim.width else 8.43))
    row = line.cells()[0][0] + 1
    dim = ws.row_dimensions[row]
    original = {"height": dim.height if dim.customHeight else None}
    dim.height = max(15 * lines + 3, dim.height or 0)
    return [record(owner, "height", ws.title, str(row), original, {})]


def apply(wb, plan: WritePlan, streams: list[StreamedRows] | None = None, notes: dict | None = None) -> None:
    """Apply a plan to an openpyxl workbook, undoing the previous write of the same owner first.

    With `streams`, the bodies of the results sheets and of `_zhibiao` are collected there instead of
    becoming openpyxl cells, and with `notes` (sheet title -> {(row, col): (text, author, height, width)})
    the comments of the marks; write() streams both into the saved file (stream_save)."""
    owner = plan.owner
    records = _records(wb)
    ids = StyleIds()
    mine = [r for r in records if r["owner"] == owner]
    _undo(wb, reversed(mine), ids)
    kept = [r for r in records if r["owner"] != owner]
    for name in plan.owned_sheets:
        if name in wb.sheetnames and name not in {s.name for s in plan.sheets}:
            del wb[name]
    for column in plan.columns:
        if column.sheet in wb.sheetnames:
            kept.extend(_status_column(wb[column.sheet], column, owner, ids))
    sheets = {name: wb[name] for name in wb.sheetnames}
    for mark in plan.marks:
        if mark.sheet in sheets:
            kept.append(_mark(sheets[mark.sheet], mark, owner, ids, notes, mark.sheet))
    first = None
    for spec in plan.sheets:
        ws = result_sheet(wb, spec, ids, streams)
        first = first or ws
    _save_records(wb, kept, streams)
    if first is not None:  # open on the results; one selected tab, or Excel groups the sheets
        for ws in wb.worksheets:
            ws.sheet_view.tabSelected = ws is first
        wb.active = wb.worksheets.index(first)


# -- files ----------------------------------------------------------------------
def load(src: Path):
    """Load a workbook for writing, macros kept for .xlsm."""
    from openpyxl import load_workbook

    try:
        return load_workbook(src, keep_vba=src.suffix.lower() == ".xlsm", keep_links=True)
    except Exception as exc:  # openpyxl's reasons are in English and about XML; the clerk needs what to do
        raise UnreadableFile(f"无法打开工作簿进行写回：{src.name}（部分内容无法读取，请在 Excel/WPS 中打开、另存为新文件后重试）") from exc


def write(src, plan: WritePlan, out=None, in_place: bool = False, book=None) -> Path:
    """Apply the plan to src, saved atomically to out (default: 分解表.校验.xlsx beside src): write_file.write."""
    from .write_file import write as write_file

    return write_file(src, plan, out, in_place, book)


def write_loaded(src: Path, plan: WritePlan, target: Path, in_place: bool, loaded, book=None) -> None:
    """openpyxl's way (write_file.write holds the lock): load src, apply the plan, save it streamed."""
    wb = load(src)
    try:
        values = _cached(src, book)
        sheets = set(wb.sheetnames) - set(plan.owned_sheets) - {STATE_SHEET}
        streams, notes = [], {}
        apply(wb, plan, streams, notes)
        # <dimension> spans the frame's own width too
        bodies = {s.title: (s, s.dimension(wb[s.title].max_column)) for s in streams}
        edits = {name: lambda xml, rows=values[name]: restore_xml(xml, rows) for name in sheets if values.get(name)}
        save_atomic(_Streamed(wb, bodies, notes, edits), target, like=src, unchanged=(src, loaded) if in_place else None)
    finally:
        close_vba(wb)


def close_vba(wb) -> None:
    """Close the in-memory zip openpyxl keeps a macro workbook's VBA parts in (it never does): left to the cyclic
    collector, its BytesIO may be finalised first, and ZipFile.__del__ then fails on a closed file."""
    if getattr(wb, "vba_archive", None) is not None:
        wb.vba_archive.close()


class _Streamed:
    """What save_atomic saves: the workbook, with its streamed parts (stream_save.save_streamed)."""

    def __init__(self, wb, bodies, notes, edits):
        self.wb, self.bodies, self.notes, self.edits = wb, bodies, notes, edits

    def save(self, path) -> None:
        save_streamed(self.wb, path, self.bodies, self.notes, self.edits)  # looked up here: tests wrap it


def write_copy(src: Path, plan: WritePlan, target: Path, book) -> Path:
    """A file zhibiao does not write: its tables into a new .xlsx, with the plan applied there."""
    from ..formats import read_workbook
    from .xlsx_copy import sheet_refs, workbook_of

    if book is None or book.path is None or Path(book.path).resolve() != src.resolve():
        book = read_workbook(src)
    wb = workbook_of(book)
    apply(wb, sheet_refs(plan, book))
    save_atomic(wb, target)
    return target


def _cached(src: Path, book) -> dict[str, list[list]]:
    """The values src was saved with: the rows of the Workbook already read from it, else a fresh read."""
    if book is not None and book.format == "xlsx" and book.path is not None and Path(book.path).resolve() == src.resolve():
        return {grid.name: grid.rows for grid in book.grids}
    return cached_values(src)
