"""Keep formula results across an openpyxl save.

openpyxl writes formulas without their cached results. Excel and LibreOffice recalculate on open, but
a reader of cached values (zhibiao itself, through calamine) would then see a clerk's `=SUM(…)` 全市
cell as empty. So after saving, the source's cached results are put back into the formula cells of
the sheets that came from the source.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from ..formats.xlsx_parts import sheet_parts
from ..grid import parse_a1

# a formula cell as openpyxl writes it: no type attribute, an empty <v>
_FORMULA_CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"((?: (?!t=)[a-zA-Z]+="[^"]*")*)>(<f[^>]*/>|<f[^>]*>[^<]*</f>)<v\s*/?>(?:</v>)?</c>')


def cached_values(src: Path) -> dict[str, list[list]]:
    """Cell values as last saved by the spreadsheet program: each sheet's rows, as the reader reads them."""
    import python_calamine as pc

    book = pc.CalamineWorkbook.from_path(str(src))
    try:
        return {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in book.sheet_names}
    finally:
        book.close()


def _at(rows: list[list], ref: str):
    row, col = parse_a1(ref)
    try:
        return rows[row][col]
    except IndexError:
        return None


def _cell(m: re.Match, rows: list[list]) -> str:
    ref, attrs, formula = m.group(1), m.group(2), m.group(3)
    value = _at(rows, ref)
    if isinstance(value, bool):
        return f'<c r="{ref}"{attrs} t="b">{formula}<v>{int(value)}</v></c>'
    if isinstance(value, (int, float)) and math.isfinite(value):
        return f'<c r="{ref}"{attrs}>{formula}<v>{repr(float(value)) if isinstance(value, float) else value}</v></c>'
    if isinstance(value, str) and value:
        return f'<c r="{ref}"{attrs} t="str">{formula}<v>{escape(value)}</v></c>'
    return m.group(0)  # empty, dates and the like: leave it to the next recalculation


def restore_cached_values(path: Path, values: dict[str, list[list]], sheets: set[str]) -> None:
    """Put cached results back into the formula cells of these sheets of a saved workbook."""
    finish_saved(path, values, sheets)


def finish_saved(path: Path, values: dict[str, list[list]], sheets: set[str], streams=(), frames=None) -> None:
    """After openpyxl's save: cached results back into formula cells, streamed rows into their sheets.

    The file is rewritten once, and only when something changes: a workbook without formulas and
    without streamed rows is left as openpyxl wrote it."""
    with zipfile.ZipFile(path) as zf:
        parts = sheet_parts(zf)
        edits = {}
        for name in sheets:
            if values.get(name) and name in parts:
                edits[parts[name]] = lambda data, rows=values[name]: _restore(data, rows)
        for body in streams:
            dimension = body.dimension((frames or {}).get(body.title, 0))
            edits[parts[body.title]] = lambda data, body=body, dimension=dimension: body.splice(data, dimension)
        changed = {}
        for part, edit in edits.items():
            data = zf.read(part)
            new = edit(data)
            if new is not data and new != data:
                changed[part] = new
        if not changed:
            return
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
            for item in zf.infolist():
                data = changed.get(item.filename)
                out.writestr(item, data if data is not None else zf.read(item.filename))
    Path(path).write_bytes(buf.getvalue())


def restore_xml(data: bytes, rows: list[list]) -> bytes:
    """A sheet's XML with the cached results of its formula cells put back (the same bytes without formulas)."""
    return _restore(data, rows)


def _restore(data: bytes, rows: list[list]) -> bytes:
    if b"<f" not in data:
        return data  # no formula in the sheet
    text = data.decode("utf-8")
    return _FORMULA_CELL.sub(lambda m: _cell(m, rows), text).encode("utf-8")
