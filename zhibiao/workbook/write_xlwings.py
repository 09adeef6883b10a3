"""The xlwings executor of a WritePlan: apply it to an open book (classic Excel, xlwings Lite or Server).

It keeps the openpyxl executor's record sheet (`_zhibiao`, same columns), so a second 校验 replaces the
first instead of stacking, whichever host wrote it. Office.js cannot read fills or note texts
synchronously, so there an undo clears zhibiao's fill instead of restoring an earlier one.
"""

from __future__ import annotations

import json

from openpyxl.styles.fills import Fill
from openpyxl.xml.functions import fromstring

from ..grid import a1, column_letter
from .plan import LEVEL_FILL, ResultSheet, StatusLine, WritePlan, safe_text
from .write_openpyxl import STATE_HEADER, STATE_SHEET, record, solid_fill, xml_of

HEADER_FILL = "#D9D9D9"


def _hex(level: str) -> str:
    return "#" + LEVEL_FILL[level]


def _fill_xml(rgb: str | None) -> str:
    """A fill as the openpyxl executor records it, so either executor can undo the other's write."""
    return xml_of(solid_fill(rgb))


def _fill_color(xml: str | None) -> str | None:
    """'#RRGGBB' of a recorded solid fill, None for no fill."""
    if not xml:
        return None
    fill = Fill.from_tree(fromstring(xml))
    rgb = getattr(getattr(fill, "fgColor", None), "rgb", None)
    if getattr(fill, "patternType", None) != "solid" or not isinstance(rgb, str):
        return None
    return "#" + rgb[-6:]


def _current_fill(rng) -> str | None:
    """The cell's fill as RRGGBB, or None (also when the engine cannot say)."""
    try:
        color = rng.color
    except NotImplementedError:
        return None
    if not color:
        return None
    return "%02X%02X%02X" % tuple(color)


def _text(value):
    """Outside text that would start a formula gets Excel's text prefix."""
    value, escaped = safe_text(value)
    return "'" + value if escaped else value


def _sheet(book, name: str):
    return next((s for s in book.sheets if s.name == name), None)


def _width(book, chars: float) -> float:
    """Column width in the engine's unit: characters on the desktop, points in Office.js."""
    return chars if book.app.engine.name == "excel" else round(chars * 7.5 + 5)


def _note(rng, text: str | None) -> None:
    """Replace the cell's note with text (or delete it); skipped where the client has no notes."""
    try:
        note = rng.note
        if note is not None:
            note.delete()
        if text:
            rng.add_note(text)
    except NotImplementedError:  # ExcelApi < 1.18: the message is still on the results sheet
        pass


# -- the record sheet ---------------------------------------------------------
def _records(book) -> list[dict]:
    sheet = _sheet(book, STATE_SHEET)
    if sheet is None:
        return []
    rows = sheet.used_range.options(ndim=2).value or []
    return [dict(zip(STATE_HEADER, r)) for r in rows[1:] if r and r[0]]


def _save_records(book, records: list[dict]) -> None:
    sheet = _sheet(book, STATE_SHEET)
    if sheet is not None:
        sheet.delete()
    if not records:
        return
    sheet = book.sheets.add(STATE_SHEET, after=book.sheets[len(book.sheets) - 1])
    # a sheet name or a value from outside (=分解, a clerk's own text) must not become a formula here either
    sheet["A1"].value = [STATE_HEADER] + [[_text(rec[k]) for k in STATE_HEADER] for rec in records]
    sheet.visible = False


def _undo(book, records) -> None:
    """Put back what an earlier write changed: values still showing zhibiao's text, fills, notes."""
    for rec in records:
        sheet = _sheet(book, rec["sheet"])
        if sheet is None or rec["kind"] != "cell":
            continue  # column widths: the desktop keeps them, Office.js cannot read them back
        rng = sheet[rec["ref"]]
        original, applied = json.loads(rec["original"]), json.loads(rec["applied"])
        if "value" in original and rng.value == applied.get("value"):
            rng.value = original["value"]
        if "fill" in original:
            rng.color = _fill_color(original["fill"])
        if "comment" in applied:
            old = original.get("comment")
            _note(rng, old["text"] if old else None)


# -- applying a plan ----------------------------------------------------------
def _mark(book, mark, owner: str) -> dict:
    sheet = book.sheets[mark.sheet]
    rng = sheet.range((mark.row + 1, mark.col + 1))
    original = {"fill": _fill_xml(_current_fill(rng)), "comment": None}
    if mark.value is not None and rng.value in (None, ""):
        rng.value = _text(mark.value)
    rng.color = _hex(mark.level)
    applied = {"fill": _fill_xml(LEVEL_FILL[mark.level])}
    if mark.comment:
        _note(rng, mark.comment)
        applied["comment"] = mark.comment
    return record(owner, "cell", mark.sheet, rng.address.replace("$", ""), original, applied)


def _status_column(book, column: StatusLine, owner: str) -> list[dict]:
    sheet = book.sheets[column.sheet]
    records = []
    for row, col, text, level in column.cells():
        rng = sheet.range((row + 1, col + 1))
        original = {"value": rng.value, "fill": _fill_xml(_current_fill(rng))}
        rng.value = text
        rng.wrap_text = True
        rng.color = _hex(level) if level else None
        if not level:
            rng.font.bold = True
        records.append(record(owner, "cell", column.sheet, a1(row, col), original,
                              {"value": text, "fill": _fill_xml(LEVEL_FILL[level] if level else None)}))
    if column.widen is not None:
        sheet.range((1, column.widen + 1)).column_width = _width(book, 18)
    return records


def _link_formula(target: str, shown) -> str:
    """A HYPERLINK formula: works in Excel, Office.js, WPS and LibreOffice alike."""
    return '=HYPERLINK("#{}","{}")'.format(target.replace('"', '""'), str(shown).replace('"', '""'))


def _result_sheet(book, spec: ResultSheet):
    sheet = _sheet(book, spec.name)
    if sheet is None:
        sheet = book.sheets.add(spec.name, after=book.sheets[len(book.sheets) - 1])
    else:
        sheet.clear()
    width = len(spec.header)
    sheet["A1"].value = _text(spec.summary)
    sheet["A1"].font.bold = True
    sheet.range((1, 1), (1, width)).merge()
    header = sheet.range((2, 1), (2, width))
    header.value = spec.header
    header.font.bold = True
    header.color = HEADER_FILL
    if spec.rows:
        body = sheet.range((3, 1), (len(spec.rows) + 2, width))
        body.value = [[_text(v) for v in row] for row in spec.rows]
        body.wrap_text = True
        for r, level in enumerate(spec.levels):
            if level:
                sheet.range((r + 3, 1)).color = _hex(level)
        for (r, c), target in spec.links.items():
            sheet.range((r + 3, c + 1)).formula = _link_formula(target, spec.rows[r][c])
    for c, w in enumerate(spec.widths or []):
        sheet.range(f"{column_letter(c)}1").column_width = _width(book, w)
    sheet.freeze_panes.freeze_at("1:2")  # the summary line and the header stay in view
    return sheet


def apply(book, plan: WritePlan) -> None:
    """Apply a plan to an open xlwings book, undoing the previous write of the same owner first."""
    owner = plan.owner
    records = _records(book)
    _undo(book, reversed([r for r in records if r["owner"] == owner]))
    kept = [r for r in records if r["owner"] != owner]
    names = {s.name for s in book.sheets}
    for name in plan.owned_sheets:
        if name in names and name not in {s.name for s in plan.sheets}:
            book.sheets[name].delete()
    for column in plan.columns:
        if column.sheet in names:
            kept.extend(_status_column(book, column, owner))
    for mark in plan.marks:
        if mark.sheet in names:
            kept.append(_mark(book, mark, owner))
    first = None
    for spec in plan.sheets:
        sheet = _result_sheet(book, spec)
        first = first or sheet
    _save_records(book, kept)
    if first is not None:
        first.activate()

