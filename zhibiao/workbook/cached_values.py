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
    with zipfile.ZipFile(path) as zf:
        paths = {name: p for name, p in sheet_parts(zf).items() if name in sheets and values.get(name)}
        if not paths:
            return
        by_path = {p: name for name, p in paths.items()}
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
            for item in zf.infolist():
                data = zf.read(item.filename)
                name = by_path.get(item.filename)
                if name is not None:
                    text = data.decode("utf-8")
                    data = _FORMULA_CELL.sub(lambda m: _cell(m, values[name]), text).encode("utf-8")
                out.writestr(item, data)
    Path(path).write_bytes(buf.getvalue())
