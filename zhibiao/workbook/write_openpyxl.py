"""The openpyxl executor of a WritePlan: apply it to a workbook file, undoing the previous write first.

What zhibiao changes on the clerk's sheets is recorded in a very hidden sheet `_zhibiao`, one row per
cell or column: owner (the plan's owned sheets), kind, sheet, reference, the original state and what
zhibiao wrote (JSON). A later write of the same owner restores every original whose cell still shows
what zhibiao wrote, so results never stack and the clerk's own formatting comes back.
"""

from __future__ import annotations

import json
import math
from copy import copy
from pathlib import Path

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.fills import Fill
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.xml.functions import fromstring, tostring

from ..errors import UnreadableFile, UsageError
from .files import save_atomic, stamp
from .lock import refuse_if_open, writing
from ..grid import a1, column_letter
from .plan import LEVEL_FILL, ResultSheet, StatusColumn, WritePlan, default_output, safe_text
from .cached_values import cached_values, restore_cached_values

STATE_SHEET = "_zhibiao"
ZHIBIAO_COPIES = (".校验", ".进度")  # the stems of the copies --write makes
STATE_HEADER = ["owner", "kind", "sheet", "ref", "original", "applied"]
AUTHOR = "zhibiao"
_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_STYLE_PARTS = {"font": Font, "border": Border, "alignment": Alignment}


def solid_fill(rgb: str | None) -> PatternFill:
    """A solid fill of an RRGGBB colour (no fill for None)."""
    return PatternFill("solid", fgColor="FF" + rgb, bgColor="FF" + rgb) if rgb else PatternFill()


def fill_for(level: str) -> PatternFill:
    """The solid fill of a level, from the shared palette."""
    return solid_fill(LEVEL_FILL[level])


def text_width(text: str) -> int:
    """Display width of a line: CJK characters count 2."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def line_count(value, width: float) -> int:
    """Lines a wrapped cell needs in a column of this width."""
    if value is None or value == "":
        return 1
    return sum(max(1, math.ceil(text_width(line) / max(width - 1.5, 1))) for line in str(value).split("\n"))


def fit_width(ws, landscape: bool = True) -> None:
    """Print on pages one sheet wide."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def xml_of(obj) -> str:
    """An openpyxl style object as XML text, the form _zhibiao records it in."""
    return tostring(obj.to_tree()).decode("utf-8")


def put_value(cell, value) -> None:
    """Write a value; outside text that would start a formula stays text."""
    value, escaped = safe_text(value)
    cell.value = value
    if escaped:
        cell.data_type = "s"
        cell.quotePrefix = True


# -- the state sheet ----------------------------------------------------------
def _records(wb) -> list[dict]:
    if STATE_SHEET not in wb.sheetnames:
        return []
    rows = wb[STATE_SHEET].iter_rows(min_row=2, values_only=True)
    return [dict(zip(STATE_HEADER, r)) for r in rows if r and r[0]]


def _save_records(wb, records: list[dict]) -> None:
    if STATE_SHEET in wb.sheetnames:
        del wb[STATE_SHEET]
    if not records:
        return
    ws = wb.create_sheet(STATE_SHEET)
    ws.sheet_state = "veryHidden"
    ws.append(STATE_HEADER)
    # cell by cell: ws[row] and ws.max_row scan every cell, so asking them per record is quadratic
    for row, rec in enumerate(records, 2):
        for col, key in enumerate(STATE_HEADER, 1):
            cell = ws.cell(row, col, rec[key])
            if isinstance(cell.value, str):
                cell.data_type = "s"


def _comment_state(cell) -> dict | None:
    c = cell.comment
    return None if c is None else {"text": c.text, "author": c.author}


def _undo(wb, records: list[dict]) -> None:
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
        cell = ws[rec["ref"]]
        if "value" in original and cell.value == applied.get("value"):
            cell.value = original["value"]
        if xml_of(cell.fill) == applied.get("fill"):
            cell.fill = Fill.from_tree(fromstring(original["fill"]))
        for part, cls in _STYLE_PARTS.items():
            if part in original:
                setattr(cell, part, cls.from_tree(fromstring(original[part])))
        if "number_format" in original:
            cell.number_format = original["number_format"]
        current = cell.comment.text if cell.comment else None
        if "comment" in applied and current == applied["comment"]:
            old = original.get("comment")
            cell.comment = Comment(old["text"], old["author"]) if old else None


# -- applying a plan ----------------------------------------------------------
def _mark(ws, mark, owner: str) -> dict:
    cell = ws.cell(mark.row + 1, mark.col + 1)
    original = {"fill": xml_of(cell.fill), "comment": _comment_state(cell)}
    if mark.value is not None and cell.value in (None, ""):
        put_value(cell, mark.value)
    cell.fill = fill_for(mark.level)
    applied = {"fill": xml_of(cell.fill)}
    if mark.comment:
        text = mark.comment
        if cell.comment is not None:  # keep the clerk's note above zhibiao's
            text = f"{cell.comment.text}\n——\n{mark.comment}"
        lines = sum(1 + len(line) // 24 for line in text.splitlines())
        cell.comment = Comment(text, AUTHOR, height=min(20 + 18 * lines, 400), width=320)
        applied["comment"] = text
    return record(owner, "cell", ws.title, cell.coordinate, original, applied)


def record(owner, kind, sheet, ref, original, applied) -> dict:
    """One row of `_zhibiao`, as both executors write it."""
    return {"owner": owner, "kind": kind, "sheet": sheet, "ref": ref,
            "original": json.dumps(original, ensure_ascii=False), "applied": json.dumps(applied, ensure_ascii=False)}


def _covering_dimension(ws, col: int):
    """A <col> range that covers this column (openpyxl keeps ranges like I:XFD under their first letter)."""
    for dim in ws.column_dimensions.values():
        if dim.min and dim.max and dim.min <= col + 1 <= dim.max:
            return dim
    return None


def _status_column(ws, column: StatusColumn, owner: str) -> list[dict]:
    records = []
    letter = column_letter(column.col)
    covering = _covering_dimension(ws, column.col)
    if covering is None or covering.index == letter and covering.min == covering.max:
        width = covering.width if covering is not None and covering.customWidth else None
        records.append(record(owner, "width", ws.title, letter, {"width": width}, {}))
        ws.column_dimensions[letter].width = 22
    cells = [(column.header_row, column.header, None)] + [(r, text, level) for r, (text, level) in sorted(column.values.items())]
    for row, text, level in cells:
        cell = ws.cell(row + 1, column.col + 1)
        left = ws.cell(row + 1, column.col) if column.col > 0 else None
        original = {"value": cell.value, "fill": xml_of(cell.fill), "number_format": cell.number_format,
                    **{part: xml_of(getattr(cell, part)) for part in _STYLE_PARTS}}
        put_value(cell, text)
        # look like the table: the neighbour's font and border, centred, wrapped
        cell.font = copy(left.font) if left is not None else Font()
        cell.border = copy(left.border) if left is not None and left.border.left.style else _BORDER
        cell.alignment = Alignment(horizontal="left", vertical="center")
        cell.number_format = "@"
        if level:
            cell.fill = fill_for(level)
        elif left is not None:
            cell.fill = copy(left.fill)
            cell.font = Font(name=left.font.name, size=left.font.size, bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center")
        records.append(record(owner, "cell", ws.title, cell.coordinate, original,
                              {"value": cell.value, "fill": xml_of(cell.fill)}))
    return records


def _result_sheet(wb, spec: ResultSheet, index: int | None):
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
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center")
    body = None  # a body cell's style, set once and copied: each style assignment hashes style objects
    for r, values in enumerate(spec.rows):
        level = spec.levels[r] if r < len(spec.levels) else None
        for c, value in enumerate(values):
            cell = ws.cell(r + 3, c + 1)
            if body is None:
                cell.border = _BORDER
                cell.alignment = Alignment(vertical="top", wrap_text=True)
                body = copy(cell._style)
            else:
                cell._style = copy(body)
            put_value(cell, value)  # after the style: a value escaped as text sets quotePrefix on it
            if c == 0 and level:
                cell.fill = fill_for(level)
            target = spec.links.get((r, c))
            if target:
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=target, display=str(value))
                cell.font = Font(color="FF0563C1", underline="single")
    widths = list(spec.widths or [])
    widths += [12.0] * (width - len(widths))
    for c, w in enumerate(widths):
        ws.column_dimensions[column_letter(c)].width = w
    for r, values in enumerate(spec.rows):  # Excel and LibreOffice do not grow wrapped rows on open
        lines = max((line_count(v, widths[c]) for c, v in enumerate(values)), default=1)
        ws.row_dimensions[r + 3].height = 15 * lines + 3
    fit_width(ws)
    ws.print_title_rows = "2:2"
    ws.freeze_panes = "A3"
    if spec.rows:
        ws.auto_filter.ref = f"A2:{a1(len(spec.rows) + 1, width - 1)}"
    ws.sheet_properties.tabColor = "FFC00000" if "error" in spec.levels else "FF70AD47"
    return ws


def apply(wb, plan: WritePlan) -> None:
    """Apply a plan to an openpyxl workbook, undoing the previous write of the same owner first."""
    owner = plan.owner
    records = _records(wb)
    mine = [r for r in records if r["owner"] == owner]
    _undo(wb, reversed(mine))
    kept = [r for r in records if r["owner"] != owner]
    for name in plan.owned_sheets:
        if name in wb.sheetnames and name not in {s.name for s in plan.sheets}:
            del wb[name]
    for column in plan.columns:
        if column.sheet in wb.sheetnames:
            kept.extend(_status_column(wb[column.sheet], column, owner))
    for mark in plan.marks:
        if mark.sheet in wb.sheetnames:
            kept.append(_mark(wb[mark.sheet], mark, owner))
    first = None
    for spec in plan.sheets:
        ws = _result_sheet(wb, spec, None)
        first = first or ws
    _save_records(wb, kept)
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


def output_path(src, out=None, in_place: bool = False) -> Path:
    """Where a write-back of src goes; a UsageError for a combination that cannot work."""
    from ..formats import writable

    src = Path(src)
    if not writable(src):  # .xls, .csv, .pdf, Word …: the tables and the results go into a new .xlsx
        from .xlsx_copy import copy_target

        return copy_target(src, out, in_place, default_output(src))
    if in_place and out is not None and Path(out).resolve() != src.resolve():
        raise UsageError("--in-place 与 -o 不能同时使用")
    target = src if in_place else Path(out) if out is not None else default_output(src)
    # a copy zhibiao made (分解表.校验.xlsx, 分解表.进度.xlsx) checked again is written over itself
    if not in_place and target.resolve() == src.resolve() and not src.stem.endswith(ZHIBIAO_COPIES):
        raise UsageError("输出文件与输入文件相同；要改写原文件请用 --in-place")
    if target.suffix.lower() != src.suffix.lower():
        raise UsageError(f"输出文件的扩展名应与输入相同（{src.suffix}）：{target.name}")
    return target


def write(src, plan: WritePlan, out=None, in_place: bool = False, book=None) -> Path:
    """Load src, apply the plan, save atomically to out (default: 分解表.校验.xlsx beside src)."""
    target = output_path(src, out, in_place)
    src = Path(src)
    from ..formats import writable

    if not writable(src):
        return _write_copy(src, plan, target, book)
    if in_place:
        refuse_if_open(src)
    # loaded under the lock: a concurrent --in-place writer's results are in what we load, and stay
    with writing(target):
        loaded = stamp(src)
        wb = load(src)
        values = _cached(src, book)
        sheets = set(wb.sheetnames) - set(plan.owned_sheets) - {STATE_SHEET}
        apply(wb, plan)
        save_atomic(wb, target, like=src, post=lambda tmp: restore_cached_values(tmp, values, sheets),
                    unchanged=(src, loaded) if in_place else None)
    return target


def _write_copy(src: Path, plan: WritePlan, target: Path, book) -> Path:
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
