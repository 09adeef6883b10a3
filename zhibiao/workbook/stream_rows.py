"""Rows written straight into the saved file: the bodies of results sheets, of `_zhibiao` and of the template's
分解 and 进度 sheets (workbook/body.py).

openpyxl holds every cell as an object and serialises it through lxml, about 25 µs a cell; a 100 × 100
progress report writes 110,000 result cells and 60,000 record cells. Here openpyxl keeps the sheet's
frame (title and header rows, widths, merges, filter, print setup) and one styled cell per distinct
style — so its style table fills in the order it always did — and after the save the body rows are
spliced into the sheet's XML, written exactly as openpyxl writes them (inline strings, numeric character
references, the same `s` ids), so the file is byte for byte what the all-openpyxl path writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from ..grid import column_letter
from .cell_xml import _ATTR, Formula, RowWriter, _escaped, _xml, plain, safe_string  # noqa: F401 (Formula, plain: imported from here)

_HYPERLINKS = re.compile(rb"<hyperlinks>.*?</hyperlinks>", re.S)
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"/>')
_ROW = re.compile(rb'<row r="(\d+)"[^>]*?(?:/>|>.*?</row>)', re.S)
CELLS = 25_000  # cells per piece written into the zip, at most (a 1,400-column body: 17 rows, about 5 MB while made)


@dataclass
class StreamedRows:
    """The body of one sheet, from `first_row` on: values, a style key per cell, row heights, hyperlinks.

    `rows` is a list, or any sized iterable that makes its rows as they are written (a template's body:
    then no more than one piece of it is ever in memory; `width` must then be given). A row whose values
    are None is one openpyxl holds as cells (a merge in it, a date): its XML is taken from openpyxl's save.
    """

    title: str
    first_row: int  # 1-based
    text: bool = False  # strings are text even when they read as an error code (#NULL!), as `_zhibiao` writes them
    width: int = 0  # the widest row, for <dimension>
    # (height, values, style keys): the values list is the plan's own row, the keys list often shared by rows
    rows: list[tuple[float | None, list, list]] = field(default_factory=list)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (ref, location, display)
    prototypes: dict[object, object] = field(default_factory=dict)  # style key -> the openpyxl cell styled with it
    keep: set[int] = field(default_factory=set)  # rows (1-based) openpyxl holds as cells and writes
    kept: dict[int, bytes] = field(default_factory=dict, repr=False)  # their XML, as frame() finds it
    # style key -> ` s="N"`, when no openpyxl cells stand for the styles (package_copy), and the text's encoding:
    # characters beyond ASCII as references (lxml's way) or UTF-8
    styles: dict[object, str] | None = None
    encoding: str = "ascii"

    def add_row(self, cells: list[tuple[object, object]], height: float | None = None) -> None:
        """cells: (value, style key) per column; key None for an unstyled cell."""
        self.add_values([v for v, _ in cells], [k for _, k in cells], height)

    def add_values(self, values: list, keys: list, height: float | None = None) -> None:
        """A row as its values and a style key per value (kept as given, not copied)."""
        self.rows.append((height, values, keys))
        if len(values) > self.width:
            self.width = len(values)

    def _styles(self) -> dict[object, str]:
        if self.styles is not None:
            return self.styles
        # after the save every prototype's style is in the workbook's table: its index is the `s` id
        return {key: f' s="{cell.style_id}"' if cell.has_style else "" for key, cell in self.prototypes.items()}

    def chunks(self, size: int = 2000):
        """The body rows as XML, `size` rows a piece and at most about CELLS cells (ASCII bytes: characters
        beyond as references, as lxml writes them)."""
        writer = RowWriter(self._styles(), [column_letter(c) for c in range(self.width)], self.text)
        size = max(1, min(size, CELLS // max(self.width, 1)))
        source, start, heights = iter(self.rows), self.first_row, {}
        while rows := list(islice(source, size)):
            escaped = _escaped([v for _, values, _ in rows if values is not None for v in values if v.__class__ is str])
            out = []
            for r, (height, values, keys) in enumerate(rows, start):
                if values is None:
                    out.append(self.kept[r].decode("ascii"))
                    continue
                attrs = heights.get(height)
                if attrs is None:
                    attrs = heights[height] = f' ht="{safe_string(height)}" customHeight="1"' if height is not None else ""
                parts = writer.cells(str(r), values, keys, escaped)
                out.append(f'<row r="{r}"{attrs}>{parts}</row>')
            start += len(rows)
            piece = "".join(out).encode(self.encoding, "xmlcharrefreplace")
            rows = out = escaped = None  # not held while the next piece is made
            yield piece

    def body(self) -> str:
        return b"".join(self.chunks()).decode("ascii")

    def hyperlinks(self) -> str:
        return "".join(f'<hyperlink ref="{ref}" location="{_xml(loc, _ATTR)}" display="{_xml(shown, _ATTR)}"/>'
                       for ref, loc, shown in self.links)

    def dimension(self, frame_width: int) -> str:
        """<dimension ref>: from A1 to the widest column and the last row."""
        last = self.first_row + len(self.rows) - 1
        return f"A1:{column_letter(max(frame_width, self.width) - 1)}{last}"

    def frame(self, xml: bytes, dimension: str) -> tuple[bytes, bytes]:
        """The sheet's XML as openpyxl saved it (frame and prototypes) cut where the body rows go: what comes
        before them (with the <dimension>) and after them (with the hyperlinks)."""
        before = re.compile(rb'<row r="%d"[ >].*?</row>|<row r="%d"/>' % (self.first_row - 1, self.first_row - 1), re.S)
        end = xml.index(b"</sheetData>")
        head, tail = xml[:before.search(xml).end()], xml[end:]
        if self.keep:
            self.kept = {r: m.group(0) for m in _ROW.finditer(xml, len(head), end) if (r := int(m.group(1))) in self.keep}
        if self.links:
            links = b"<hyperlinks>" + self.hyperlinks().encode("ascii", "xmlcharrefreplace") + b"</hyperlinks>"
            found = _HYPERLINKS.search(tail)
            if found:
                tail = tail[:found.start()] + links + tail[found.end():]
            else:  # in schema order: just before the print options or the page margins
                at = min(i for i in (tail.find(b"<printOptions"), tail.find(b"<pageMargins")) if i >= 0)
                tail = tail[:at] + links + tail[at:]
        return _DIMENSION.sub(f'<dimension ref="{dimension}"/>'.encode(), head, count=1), tail

    def splice(self, xml: bytes, dimension: str) -> bytes:
        """The sheet's XML as openpyxl saved it (frame and prototypes), with the body rows in place."""
        head, tail = self.frame(xml, dimension)
        return b"".join([head, *self.chunks(), tail])
