"""The sheets a first write-back adds (results sheets and `_zhibiao`), written from templates for package_copy.

openpyxl's path builds each sheet's frame (title and header rows, widths, frozen panes, filter, print setup)
as openpyxl objects and streams the body rows into it (stream_rows); here the frame is the text openpyxl
writes for it, the body the same rows (in UTF-8, not character references), and the styles are appended to
the clerk's stylesheet (styles_patch). No openpyxl: importing it (and numpy, which it imports) is a fifth of a
100 × 100 write-back. tests/test_package_copy.py compares these sheets with openpyxl's, style ids aside.
"""

from __future__ import annotations

from itertools import repeat

from ..grid import column_letter
from .cell_xml import ILLEGAL_CHARACTERS_RE, cell_xml, plain
from .plan import ResultSheet, safe_text
from .records import STATE_HEADER, STATE_SHEET
from .result_rows import _types, column_widths, layout
from .sheet_patch import NotCopied
from .stream_rows import StreamedRows, _ATTR, _xml
from .styles_patch import (CENTERED, HEADER_FILL, HEADER_FONT, LINK_FONT, SUMMARY_FONT, THIN_BORDER, WRAPPED,
                           Stylesheet, level_fill)

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_FORMAT = '<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>'
_MARGINS = '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
_FROZEN = '<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A1" sqref="A1"/>'


class NewSheet:
    """One added sheet: its frame before and after the body rows, and what workbook.xml says of it."""

    def __init__(self, title: str, body: StreamedRows, frame_width: int, head, tail: str, state: str = "visible",
                 filter_ref: str | None = None, titles: bool = False):
        self.title, self.body, self.state, self.filter_ref, self.titles = title, body, state, filter_ref, titles
        self.head, self.tail, self.frame_width = head, tail, frame_width
        self.selected = False

    def pieces(self):
        """The sheet's XML, a piece at a time (bytes)."""
        dimension = self.body.dimension(self.frame_width)
        yield self.head(dimension, "1" if self.selected else "0").encode("utf-8")
        yield from self.body.chunks()
        yield self.tail.encode("utf-8")


def results(spec: ResultSheet, styles: Stylesheet) -> NewSheet:
    """A results sheet as result_sheet.result_sheet makes it, written from templates."""
    rows = spec.rows
    if not all(map(plain, _types(rows))):
        raise NotCopied("a value openpyxl writes")  # a date or the like: result_sheet keeps it as a cell
    width = len(spec.header)
    widths = column_widths(spec)
    body = StreamedRows(spec.name, 3, encoding="utf-8", styles={})
    seen: set[int] = set()
    add, link, letters = body.rows.append, body.links.append, [column_letter(c) for c in range(width)]
    for r, values, keys, height, links in layout(spec, widths):
        add((height, values, keys))
        for c, target in links.items():
            if target:
                link((f"{letters[c] if c < width else column_letter(c)}{r + 3}", target, str(values[c])))
        if id(keys) not in seen:
            seen.add(id(keys))
            for key in keys:
                if key not in body.styles:
                    _, formula, level, linked = key
                    ident = styles.cell_format(LINK_FONT if linked else None, level_fill(level) if level else None,
                                               THIN_BORDER, WRAPPED, formula)
                    body.styles[key] = f' s="{ident}"'
    body.width = max(map(len, rows), default=0)
    summary, quoted = safe_text(spec.summary)
    top = cell_xml("A1", summary, f' s="{styles.cell_format(SUMMARY_FONT, quote=quoted)}"', quoted)
    header = f' s="{styles.cell_format(HEADER_FONT, HEADER_FILL, THIN_BORDER, CENTERED)}"'
    labels = "".join(cell_xml(f"{column_letter(c)}2", label, header) for c, label in enumerate(spec.header))
    cols = "".join(f'<col width="{w:.16g}" customWidth="1" min="{c}" max="{c}"/>' for c, w in enumerate(widths, 1))
    tab = "FFC00000" if "error" in spec.levels else "FF70AD47"
    last = column_letter(width - 1)

    def head(dimension: str, selected: str) -> str:
        return (f'<worksheet xmlns="{_NS}"><sheetPr><tabColor rgb="{tab}"/><outlinePr summaryBelow="1" summaryRight="1"/>'
                f'<pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="{dimension}"/><sheetViews><sheetView tabSelected="{selected}" '
                f'workbookViewId="0">{_FROZEN}</sheetView></sheetViews>{_FORMAT}<cols>{cols}</cols><sheetData>'
                f'<row r="1" ht="24" customHeight="1">{top}</row><row r="2">{labels}</row>')

    end = len(rows) + 2
    links = f"<hyperlinks>{body.hyperlinks()}</hyperlinks>" if body.links else ""
    autofilter = f'<autoFilter ref="A2:{last}{end}"/>' if rows else ""
    merged = "A1" if width == 1 else f"A1:{last}1"
    tail = (f'</sheetData>{autofilter}<mergeCells count="1"><mergeCell ref="{merged}"/></mergeCells>{links}{_MARGINS}'
            '<pageSetup orientation="landscape" fitToHeight="0" fitToWidth="1"/></worksheet>')
    return NewSheet(spec.name, body, width, head, tail, filter_ref=f"$A$2:${last}${end}" if rows else None, titles=True)


def records(rows: list[list]) -> NewSheet | None:
    """`_zhibiao`, very hidden: one row per cell zhibiao changed (write_openpyxl._save_records), None for none."""
    if not rows:
        return None
    if not all(map(plain, _types(rows))):
        raise NotCopied("a record openpyxl writes")
    body = RecordRows.of(rows)
    if body is None:  # a text that needs more than escaping: each cell the general way
        body = StreamedRows(STATE_SHEET, 2, text=True, encoding="utf-8", styles={})
        unstyled = [None] * len(STATE_HEADER)
        for values in rows:
            body.add_values(values, unstyled)
    header = "".join(cell_xml(f"{column_letter(c)}1", label, "") for c, label in enumerate(STATE_HEADER))

    def head(dimension: str, selected: str) -> str:
        return (f'<worksheet xmlns="{_NS}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr/></sheetPr>'
                f'<dimension ref="{dimension}"/><sheetViews><sheetView tabSelected="{selected}" workbookViewId="0">'
                f'<selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>{_FORMAT}<sheetData><row r="1">{header}</row>')

    return NewSheet(STATE_SHEET, body, len(STATE_HEADER), head, f"</sheetData>{_MARGINS}</worksheet>", state="veryHidden")


class RecordRows:
    """`_zhibiao`'s body rows as StreamedRows(text=True) writes them, a row per f-string: its six texts are never
    empty nor spaced at either end (owner, "cell", sheet, an A1 reference, two JSON objects), so every cell is
    `<c r=".." t="inlineStr"><is><t>escaped</t></is></c>`; the texts most rows share are escaped once.
    (At 1,000 × 100: 100,000 rows, 0.55 s cell by cell.)"""

    def __init__(self, rows: list[list]):
        self.rows = rows

    @classmethod
    def of(cls, rows: list[list]) -> RecordRows | None:
        """RecordRows, or None when a row holds anything else (a text with spaces at an end, a control character)."""
        if any(len(row) != 6 for row in rows) or {row[1] for row in rows} != {"cell"}:
            return None
        shared = {v for row in rows for v in (row[0], row[2], row[4])}
        refs, applied = [row[3] for row in rows], [row[5] for row in rows]
        try:
            if not (all(v.__class__ is str and v and v == v.strip() for v in shared)
                    and all(map(str.isalnum, refs)) and all(map(str.isascii, refs))
                    and all(map(str.startswith, applied, repeat("{"))) and all(map(str.endswith, applied, repeat("}")))):
                return None
        except TypeError:  # not a str
            return None
        if any(map(ILLEGAL_CHARACTERS_RE.search, shared)) or any(map(ILLEGAL_CHARACTERS_RE.search, applied)):
            return None
        return cls(rows)

    def dimension(self, frame_width: int) -> str:
        return f"A1:{column_letter(max(frame_width, 6) - 1)}{len(self.rows) + 1}"

    def chunks(self, size: int = 2000):
        shared = _Escaped()
        for start in range(0, len(self.rows), size):
            out = []
            for r, (owner, _, sheet, ref, original, applied) in enumerate(self.rows[start:start + size], start + 2):
                out.append(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{shared[owner]}</t></is></c><c r="B{r}" '
                           f't="inlineStr"><is><t>cell</t></is></c><c r="C{r}" t="inlineStr"><is><t>{shared[sheet]}</t>'
                           f'</is></c><c r="D{r}" t="inlineStr"><is><t>{ref}</t></is></c><c r="E{r}" t="inlineStr"><is><t>'
                           f'{shared[original]}</t></is></c><c r="F{r}" t="inlineStr"><is><t>{_xml(applied)}</t></is></c></row>')
            yield "".join(out).encode("utf-8", "xmlcharrefreplace")


class _Escaped(dict):
    """A text -> the text escaped for XML, each text escaped once."""

    def __missing__(self, text: str) -> str:
        escaped = self[text] = _xml(text)
        return escaped


def defined_names(sheet: NewSheet, index: int) -> str:
    """Its filter and print titles as workbook.xml names them (openpyxl's WorkbookWriter.write_names)."""
    quoted = "'{}'".format(sheet.title.replace("'", "''"))
    out = ""
    if sheet.filter_ref:
        out += f'<definedName name="_xlnm._FilterDatabase" localSheetId="{index}" hidden="1">{_xml(quoted)}!{sheet.filter_ref}</definedName>'
    if sheet.titles:
        out += f'<definedName name="_xlnm.Print_Titles" localSheetId="{index}">{_xml(quoted)}!$2:$2</definedName>'
    return out


def sheet_entry(sheet: NewSheet, sheet_id: int, rid: str) -> str:
    """Its <sheet> in workbook.xml."""
    state = "" if sheet.state == "visible" else f' state="{sheet.state}"'
    return (f'<sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            f'name="{_xml(sheet.title, _ATTR)}" sheetId="{sheet_id}"{state} r:id="{rid}"/>')
