"""Rows written straight into the saved file: the bodies of results sheets and of `_zhibiao`.

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

from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.compat import safe_string
from openpyxl.utils.exceptions import IllegalCharacterError

from ..grid import column_letter

# (str.translate looks each character of non-ASCII text up in a dict; a chain of replace() is a C scan each)
_TEXT = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
_ATTR = _TEXT + (('"', "&quot;"), ("\n", "&#10;"), ("\t", "&#9;"))
_HYPERLINKS = re.compile(rb"<hyperlinks>.*?</hyperlinks>", re.S)
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"/>')


def _xml(text: str, table=_TEXT) -> str:
    """Escaped for XML; characters beyond ASCII stay as they are until the whole body is encoded
    (encode("ascii", "xmlcharrefreplace") writes them as &#NNNNN;, as lxml does)."""
    for char, entity in table:
        if char in text:
            text = text.replace(char, entity)
    return text


def cell_xml(ref: str, value, style: str, text: bool = False) -> str:
    """One <c> element as openpyxl's lxml writer writes it for a value assigned to a fresh cell (`text`: data type forced to s)."""
    if value is None:
        return f'<c r="{ref}"{style} t="n"></c>' if style else ""
    if isinstance(value, str):
        value = value[:32767]
        if ILLEGAL_CHARACTERS_RE.search(value):
            raise IllegalCharacterError(f"{value} cannot be used in worksheets.")
        return _text_xml(ref, value, _xml(value), style, text)
    if isinstance(value, bool):
        return f'<c r="{ref}"{style} t="b"><v>{safe_string(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"{style} t="n"><v>{safe_string(value)}</v></c>'
    raise TypeError(type(value))  # dates and the like: the caller keeps such a cell in openpyxl


_LEGAL_BUT_NUL = re.compile(r"[\001-\010]|[\013-\014]|[\016-\037]")  # ILLEGAL_CHARACTERS_RE less \0, the separator


def _escaped(strings: list[str]):
    """The strings escaped for XML text in one pass (an iterator), or None when one is refused or cut at 32,767."""
    joined = "\0".join(strings)
    if _LEGAL_BUT_NUL.search(joined) or joined.count("\0") != max(len(strings) - 1, 0) or \
            max(map(len, strings), default=0) > 32767:
        return None
    return iter(_xml(joined).split("\0"))


def _text_xml(ref: str, value: str, escaped: str, style: str, text: bool) -> str:
    """cell_xml of a string whose escaped form is known."""
    if value in ERROR_CODES and not text:
        return f'<c r="{ref}"{style} t="e"><v>{escaped}</v></c>'
    if value == "":
        return f'<c r="{ref}"{style} t="inlineStr"></c>'
    space = ' xml:space="preserve"' if value != value.strip() else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{escaped}</t></is></c>'


def _openings(letter: str, style: str) -> tuple[str, str, str, str, str | None]:
    """What cell_xml writes around a cell's row number in column `letter` with this ` s="…"` (or ""): the opening,
    the style, and the rest of the start tag for a text, a number and an empty cell (None: not written)."""
    return (f'<c r="{letter}', style, f'"{style} t="inlineStr"><is><t>', f'"{style} t="n"><v>',
            f'"{style} t="n"></c>' if style else None)


def plain(value) -> bool:
    """A value cell_xml writes (what zhibiao's plans hold); anything else stays an openpyxl cell."""
    return value is None or isinstance(value, (str, int, float, bool))


@dataclass
class StreamedRows:
    """The body of one sheet, from `first_row` on: values, a style key per cell, row heights, hyperlinks."""

    title: str
    first_row: int  # 1-based
    text: bool = False  # strings are text even when they read as an error code (#NULL!), as `_zhibiao` writes them
    width: int = 0  # the widest row, for <dimension>
    # (height, values, style keys): the values list is the plan's own row, the keys list often shared by rows
    rows: list[tuple[float | None, list, list]] = field(default_factory=list)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (ref, location, display)
    prototypes: dict[object, Cell] = field(default_factory=dict)  # style key -> the openpyxl cell styled with it

    def add_row(self, cells: list[tuple[object, object]], height: float | None = None) -> None:
        """cells: (value, style key) per column; key None for an unstyled cell."""
        self.add_values([v for v, _ in cells], [k for _, k in cells], height)

    def add_values(self, values: list, keys: list, height: float | None = None) -> None:
        """A row as its values and a style key per value (kept as given, not copied)."""
        self.rows.append((height, values, keys))
        if len(values) > self.width:
            self.width = len(values)

    def _styles(self) -> dict[object, str]:
        # after the save every prototype's style is in the workbook's table: its index is the `s` id
        return {key: f' s="{cell.style_id}"' if cell.has_style else "" for key, cell in self.prototypes.items()}

    def chunks(self, size: int = 2000):
        """The body rows as XML, `size` rows a piece (ASCII bytes: characters beyond as references, as lxml writes them)."""
        styles = self._styles()
        letters = [column_letter(c) for c in range(self.width)]
        text = self.text
        errors = frozenset(() if text else ERROR_CODES)
        # per tuple of style keys (rows share them), each cell's opening up to its row number and what follows
        # that number for a text, a number and an empty styled cell (None: an empty unstyled cell is not written)
        opened: dict[int, list[tuple[str, str, str, str, str | None]]] = {}
        heights: dict[object, str] = {}
        for start in range(0, len(self.rows), size):
            rows = self.rows[start:start + size]
            escaped = _escaped([v for _, values, _ in rows for v in values if v.__class__ is str])
            out = []
            for r, (height, values, keys) in enumerate(rows, self.first_row + start):
                attrs = heights.get(height)
                if attrs is None:
                    attrs = heights[height] = f' ht="{safe_string(height)}" customHeight="1"' if height is not None else ""
                if escaped is None:  # cell by cell: an illegal character is refused as openpyxl refuses it
                    parts = [cell_xml(f"{letters[c]}{r}", value, styles.get(key, ""), text) for c, (value, key) in enumerate(zip(values, keys))]
                    out.append(f'<row r="{r}"{attrs}>{"".join(parts)}</row>')
                    continue
                cells = opened.get(id(keys))  # the keys live as long as self.rows: their ids are not reused
                if cells is None:
                    cells = opened[id(keys)] = [_openings(letters[c], styles.get(key, "")) for c, key in enumerate(keys)]
                out.append(f'<row r="{r}"{attrs}>')
                for (opening, style, as_text, as_number, as_empty), value in zip(cells, values):
                    kind = value.__class__
                    if kind is str:
                        if value and value not in errors and value == value.strip():  # most texts: no xml:space
                            out.append(f"{opening}{r}{as_text}{next(escaped)}</t></is></c>")
                        else:
                            out.append(_text_xml(f"{opening[6:]}{r}", value, next(escaped), style, text))
                    elif (kind is float or kind is int) and value - value == 0:  # finite: safe_string's %.16g
                        out.append(f"{opening}{r}{as_number}{'%.16g' % value}</v></c>")
                    elif value is None:
                        if as_empty is not None:
                            out.append(f"{opening}{r}{as_empty}")
                    else:
                        out.append(cell_xml(f"{opening[6:]}{r}", value, style, text))
                out.append("</row>")
            yield "".join(out).encode("ascii", "xmlcharrefreplace")

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
        head, tail = xml[:before.search(xml).end()], xml[xml.index(b"</sheetData>"):]
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
