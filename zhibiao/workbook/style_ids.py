"""Styles by id for bulk writes with openpyxl.

Assigning a style object to a cell (`cell.fill = …`) hashes it into the workbook's style table, and
reading one back as XML serialises it: both cost tens of microseconds, which adds up to seconds over
the 10,000 cells of a 100 × 100 progress write-back. StyleIds does each distinct style the ordinary way
once (so the workbook's style tables fill in the same order as before) and then copies its id.
"""

from __future__ import annotations

from openpyxl.styles.cell_style import StyleArray
from openpyxl.xml.functions import tostring

_ID = {"fill": "fillId", "font": "fontId", "border": "borderId", "alignment": "alignmentId"}


def xml_of(obj) -> str:
    """An openpyxl style object as XML text, the form _zhibiao records it in."""
    return tostring(obj.to_tree()).decode("utf-8")


class StyleIds:
    """Per-workbook caches: a style part's XML by its id, a style's id by a key, a whole cell style by a key."""

    def __init__(self):
        self._xml: dict[tuple[str, int], str] = {}
        self._ids: dict[tuple[str, object], int] = {}
        self._arrays: dict[object, StyleArray] = {}

    def xml(self, cell, part: str) -> str:
        """xml_of(cell.<part>), computed once per distinct style."""
        ident = getattr(cell._style, _ID[part]) if cell._style is not None else 0
        text = self._xml.get((part, ident))
        if text is None:
            text = self._xml[(part, ident)] = xml_of(getattr(cell, part))
        return text

    def set(self, cell, part: str, key, make) -> None:
        """cell.<part> = make(), where make() is called only the first time this key is seen."""
        ident = self._ids.get((part, key))
        if ident is None:
            setattr(cell, part, make())
            self._ids[(part, key)] = getattr(cell._style, _ID[part])
            return
        if cell._style is None:
            cell._style = StyleArray()
        setattr(cell._style, _ID[part], ident)

    def like(self, cell, key, style) -> None:
        """Style a fresh cell: style(cell) the first time this key is seen, a copy of that cell's style after."""
        array = self._arrays.get(key)
        if array is None:
            style(cell)
            self._arrays[key] = StyleArray(cell._style if cell._style is not None else StyleArray())
        else:
            cell._style = StyleArray(array)
