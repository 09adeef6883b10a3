"""The clerk's xl/styles.xml with zhibiao's styles appended, for package_copy (no openpyxl).

openpyxl's path re-serialises the clerk's whole stylesheet and adds what the write needs; here the clerk's
fonts, fills, borders and cell formats stay as written (and keep their ids), and the lights' fills, the
results sheets' fonts, fills and borders and the cell formats that use them are appended to their lists.
Each piece of XML is what openpyxl writes for the same style object (tests/test_package_copy.py checks the
constants below against openpyxl), so a cell looks the same whichever way the workbook was written.
"""

from __future__ import annotations

import re

from .plan import LEVEL_FILL
from .sheet_patch import NotCopied

_BLOCKS = (("fonts", "font"), ("fills", "fill"), ("borders", "border"), ("cellXfs", "xf"))
_FILL_ID = re.compile(r'\sfillId="(\d+)"')
_APPLY_FILL = re.compile(r'\sapplyFill="[^"]*"')

# as openpyxl writes Font(bold=True, size=12), Font(bold=True), the link font, the header fill, the thin border
SUMMARY_FONT = '<font><b val="1"/><sz val="12"/></font>'
HEADER_FONT = '<font><b val="1"/></font>'
LINK_FONT = '<font><color rgb="FF0563C1"/><u val="single"/></font>'
HEADER_FILL = '<fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/></patternFill></fill>'
THIN_BORDER = ('<border><left style="thin"><color rgb="00BFBFBF"/></left><right style="thin"><color rgb="00BFBFBF"/></right>'
               '<top style="thin"><color rgb="00BFBFBF"/></top><bottom style="thin"><color rgb="00BFBFBF"/></bottom></border>')
CENTERED = '<alignment horizontal="center" vertical="center"/>'
WRAPPED = '<alignment vertical="top" wrapText="1"/>'


def level_fill(level: str) -> str:
    """The solid fill of a level (result_sheet.fill_for) as openpyxl writes it."""
    rgb = LEVEL_FILL[level]
    return f'<fill><patternFill patternType="solid"><fgColor rgb="FF{rgb}"/><bgColor rgb="FF{rgb}"/></patternFill></fill>'


class Stylesheet:
    """styles.xml as the clerk saved it; add() appends a font, fill, border or cell format and gives its id."""

    def __init__(self, xml: str):
        if not re.match(r"(?:\s*<\?xml[^>]*\?>)?\s*<styleSheet\b", xml):  # a prefixed stylesheet (x:styleSheet)
            raise NotCopied("styles.xml")
        self.xml = xml
        self.items: dict[str, list[str]] = {}
        self.spans: dict[str, tuple[int, int, str]] = {}  # block -> (start, end, its tag's attributes)
        for block, item in _BLOCKS:
            m = re.search(rf"<{block}\b([^>]*?)(/>|>(.*?)</{block}>)", xml, re.S)
            if m is None:
                raise NotCopied(f"no {block}")
            items = re.findall(rf"<{item}\b[^>]*?(?:/>|>.*?</{item}>)", m.group(3) or "", re.S)
            if not items or block == "fills" and len(items) < 2:  # Excel's two reserved fills, a default font …
                raise NotCopied(f"{block} incomplete")
            self.items[block] = items
            self.spans[block] = (m.start(), m.end(), m.group(1))
        self.added: dict[str, dict[str, int]] = {block: {} for block, _ in _BLOCKS}
        self._restyled: dict[tuple[int | None, int], int] = {}
        self._fills: dict[int | None, str] = {}

    def add(self, block: str, xml: str) -> int:
        """The id of this piece in its block: appended the first time it is asked for."""
        added = self.added[block]
        ident = added.get(xml)
        if ident is None:
            ident = added[xml] = len(self.items[block]) + len(added)
        return ident

    def fill_of(self, xf: int | None) -> str:
        """The XML of the clerk's fill under cell format `xf` (None: a cell that had no style), as written."""
        xml = self._fills.get(xf)
        if xml is None:
            m = None if xf is None else _FILL_ID.search(self.xf(xf))
            fill = int(m.group(1)) if m else 0
            if fill >= len(self.items["fills"]):
                raise NotCopied("a fill id beyond the stylesheet")
            xml = self.items["fills"][fill]
            if re.search(r"<\w+:", xml):  # recorded as it is, it must read alone (a later write undoes with it)
                raise NotCopied("a prefixed fill")
            self._fills[xf] = xml
        return xml

    def xf(self, ident: int) -> str:
        xfs = self.items["cellXfs"]
        if ident >= len(xfs):
            raise NotCopied("a style id beyond the stylesheet")
        return xfs[ident]

    def restyled(self, old: int | None, fill: int) -> int:
        """A cell format as `old` (None: no style yet) with this fill: the id of the light on a clerk's cell."""
        key = (old, fill)
        if key not in self._restyled:
            if old is None:
                xml = f'<xf numFmtId="0" fontId="0" fillId="{fill}" borderId="0" applyFill="1" xfId="0"/>'
            else:
                head, rest = re.match(r"(<xf\b[^>]*?)(/?>.*)", self.xf(old), re.S).groups()
                head = _APPLY_FILL.sub("", _FILL_ID.sub("", head))
                xml = f'{head} fillId="{fill}" applyFill="1"{rest}'
            self._restyled[key] = self.add("cellXfs", xml)
        return self._restyled[key]

    def cell_format(self, font: str | None = None, fill: str | None = None, border: str | None = None,
                    alignment: str | None = None, quote: bool = False) -> int:
        """The id of a cell format built from these pieces (None: the workbook's first font / no fill / no border)."""
        ids = [self.add(block, xml) if xml else 0 for block, xml in (("fonts", font), ("fills", fill), ("borders", border))]
        applied = "".join((' applyFont="1"' if font else "", ' applyFill="1"' if fill else "",
                           ' applyBorder="1"' if border else "", ' applyAlignment="1"' if alignment else ""))
        quoted = ' quotePrefix="1"' if quote else ""
        head = f'<xf numFmtId="0" fontId="{ids[0]}" fillId="{ids[1]}" borderId="{ids[2]}"{applied}{quoted} xfId="0"'

        return self.add("cellXfs", f"{head}>{alignment}</xf>" if alignment else f"{head}/>")

    def text(self) -> str:
        """styles.xml with what was added appended to each list, and the lists' counts."""
        out, at = [], 0
        for block, _ in sorted(_BLOCKS, key=lambda b: self.spans[b[0]][0]):
            start, end, attrs = self.spans[block]
            count = len(self.items[block]) + len(self.added[block])
            attrs = re.sub(r'\scount="[^"]*"', "", attrs)
            closing = end - len(f"</{block}>")
            body = self.xml[self.xml.index(">", start) + 1:closing]
            out.append(self.xml[at:start])
            out.append(f'<{block}{attrs} count="{count}">{body}{"".join(self.added[block])}</{block}>')
            at = end
        out.append(self.xml[at:])
        return "".join(out)
