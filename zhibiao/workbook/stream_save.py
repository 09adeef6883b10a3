"""Save a workbook in one pass through openpyxl's writer, with zhibiao's bulk parts streamed in.

openpyxl builds every cell and every comment as objects and serialises them through lxml: for a
100 × 100 progress report that is 170,000 result and record cells and 10,000 comments with their VML
shapes, several times the cost of saving the clerk's own sheets. This writer is openpyxl's ExcelWriter
with three parts of the job done as text, each exactly as openpyxl writes it:
- the body rows of results sheets and `_zhibiao` (StreamedRows) go into their zip entry in chunks while
  openpyxl's frame of the sheet (titles, header, widths, filter, print setup) is copied around them;
- the comments zhibiao adds (Notes) are merged with the comments still on openpyxl cells and written
  as xl/comments/commentN.xml and the legacy VML drawing from templates (the sheet's <legacyDrawing>,
  its rels and the content types are openpyxl's own);
- formula cells of the clerk's sheets get their cached results back (cached_values), as they are written.
Nothing is saved twice and nothing is re-read; the zip is deflated once.
"""

from __future__ import annotations

from itertools import chain
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl.comments.comment_sheet import CommentRecord, CommentSheet
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.packaging.relationship import Relationship
from openpyxl.utils import coordinate_to_tuple, get_column_letter
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

from .stream_rows import StreamedRows, _xml  # lxml's escaping of element text

_SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SHAPE_HEAD = (
    '<xml><ns0:shapelayout xmlns:ns0="urn:schemas-microsoft-com:office:office" xmlns:ns1="urn:schemas-microsoft-com:vml" '
    'ns1:ext="edit"><ns0:idmap ns1:ext="edit" data="1"/></ns0:shapelayout><ns2:shapetype xmlns:ns2="urn:schemas-microsoft-com:vml" '
    'xmlns:ns3="urn:schemas-microsoft-com:office:office" id="_x0000_t202" coordsize="21600,21600" ns3:spt="202" '
    'path="m,l,21600r21600,l21600,xe"><ns2:stroke joinstyle="miter"/><ns2:path gradientshapeok="t" ns3:connecttype="rect"/>'
    '</ns2:shapetype>'
)
_SHAPE = (
    '<ns0:shape xmlns:ns0="urn:schemas-microsoft-com:vml" xmlns:ns1="urn:schemas-microsoft-com:office:office" '
    'type="#_x0000_t202" style="position:absolute; margin-left:59.25pt;margin-top:1.5pt;width:{width}px;height:{height}px;'
    'z-index:1;visibility:hidden" fillcolor="#ffffe1" ns1:insetmode="auto" id="_x0000_s{id:04d}"><ns0:fill color2="#ffffe1"/>'
    '<ns0:shadow color="black" obscured="t"/><ns0:path ns1:connecttype="none"/><ns0:textbox style="mso-direction-alt:auto">'
    '<div style="text-align:left"/></ns0:textbox><ns2:ClientData xmlns:ns2="urn:schemas-microsoft-com:office:excel" '
    'ObjectType="Note"><ns2:MoveWithCells/><ns2:SizeWithCells/><ns2:AutoFill>False</ns2:AutoFill><ns2:Row>{row}</ns2:Row>'
    '<ns2:Column>{col}</ns2:Column></ns2:ClientData></ns0:shape>'
)
CHUNK = 2000  # rows or comments per piece written into the zip


class Notes(list):
    """A sheet's comments as (row, col, ref, text, author, height, width), in cell order (rows, then columns)."""


def _text(text: str) -> str:
    space = ' xml:space="preserve"' if text.strip() and text != text.strip() else ""
    return f"<t{space}>{_xml(text)}</t>"


def comments_xml(notes: Notes):
    """xl/comments/commentN.xml in pieces, as openpyxl's CommentSheet.to_tree() serialises through lxml."""
    authors: dict[str, int] = {}
    for note in notes:
        authors.setdefault(note[4], len(authors))
    names = "".join(f"<author>{_xml(a)}</author>" for a in authors)
    yield f'<comments xmlns="{_SHEET_NS}"><authors>{names}</authors><commentList>'
    for start in range(0, len(notes), CHUNK):
        yield "".join(f'<comment ref="{ref}" authorId="{authors[author]}" shapeId="0"><text>{_text(text)}</text></comment>'
                      for _, _, ref, text, author, _, _ in notes[start:start + CHUNK])
    yield "</commentList></comments>"


def shapes_vml(notes: Notes):
    """The legacy VML drawing of the comments in pieces, as openpyxl's ShapeWriter writes it for a new drawing."""
    yield _SHAPE_HEAD
    for start in range(0, len(notes), CHUNK):
        yield "".join(_SHAPE.format(width=width, height=height, id=i, row=row - 1, col=col - 1)
                      for i, (row, col, _, _, _, height, width) in enumerate(notes[start:start + CHUNK], 1026 + start))
    yield "</xml>"


def _write_pieces(archive: ZipFile, name: str, pieces) -> None:
    with archive.open(name, "w", force_zip64=True) as out:
        for piece in pieces:
            out.write(piece.encode("utf-8") if isinstance(piece, str) else piece)


class _SheetWriter(WorksheetWriter):
    """openpyxl's sheet writer; the comments zhibiao adds join those still on cells after the rows are written,
    so the sheet gets its <legacyDrawing> as with comments on cells."""

    def __init__(self, ws, added: dict | None):
        self.added = added
        super().__init__(ws)

    def write_rows(self):
        super().write_rows()
        if self.added:
            notes = {coordinate_to_tuple(c.ref): (c.text.t, c.author, c.height, c.width) for c in self.ws._comments}
            notes.update(self.added)
            self.ws._comments = Notes((r, c, f"{get_column_letter(c)}{r}", *v) for (r, c), v in sorted(notes.items()))


class StreamingWriter(ExcelWriter):
    """openpyxl's ExcelWriter with streamed sheet bodies, comments from templates and cached results put back."""

    def __init__(self, workbook, archive, bodies: dict[str, tuple[StreamedRows, str]], notes: dict[str, dict],
                 edits: dict):
        super().__init__(workbook, archive)
        self.bodies, self.notes, self.edits = bodies, notes, edits

    def write_worksheet(self, ws):  # as ExcelWriter.write_worksheet, the part written as described above
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = _SheetWriter(ws, self.notes.get(ws.title))
        writer.write()
        ws._rels = writer._rels
        name = ws.path[1:]
        if ws.title in self.bodies:
            body, dimension = self.bodies[ws.title]
            head, tail = body.frame(_read(writer.out), dimension)
            _write_pieces(self._archive, name, chain([head], body.chunks(CHUNK), [tail]))  # a piece at a time
        elif ws.title in self.edits:
            self._archive.writestr(name, self.edits[ws.title](_read(writer.out)))
        else:
            self._archive.write(writer.out, name)
        self.manifest.append(ws)
        writer.cleanup()

    def _write_comment(self, ws):
        notes = ws._comments
        if not isinstance(notes, Notes) or (ws.legacy_drawing is not None and self.workbook.vba_archive is not None):
            if isinstance(notes, Notes):  # shapes go into the macro workbook's own drawing: openpyxl merges them
                ws._comments = [_record(n) for n in notes]
            return super()._write_comment(ws)
        cs = _CommentsPart(len(self._comments) + 1)
        self._comments.append(cs)
        _write_pieces(self._archive, cs.path[1:], comments_xml(notes))
        self.manifest.append(cs)
        ws.legacy_drawing = f"xl/drawings/commentsDrawing{cs._id}.vml"
        _write_pieces(self._archive, ws.legacy_drawing, shapes_vml(notes))
        self.vba_modified.add(ws.legacy_drawing)
        ws._rels.append(Relationship(Id="comments", type=CommentSheet._rel_type, Target=cs.path))


class _CommentsPart:
    """What the manifest and the sheet's rels need of a CommentSheet: its number, path and content type."""

    mime_type = CommentSheet.mime_type

    def __init__(self, ident: int):
        self._id = ident
        self.path = CommentSheet._path.format(ident)


def _record(note) -> CommentRecord:
    row, col, ref, text, author, height, width = note
    record = CommentRecord(ref=ref, author=author, height=height, width=width)
    record.text.t = text
    return record


def _read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def save_streamed(wb, path, bodies: dict[str, tuple[StreamedRows, str]], notes: dict[str, dict], edits: dict) -> None:
    """Save wb to path: `bodies` sheet title -> (rows, <dimension> ref), `notes` sheet title -> {(row, col): (text,
    author, height, width)} (1-based), `edits` sheet title -> a function of the sheet's XML (cached formula results)."""
    import datetime

    with ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        wb.properties.modified = datetime.datetime.now(tz=datetime.timezone.utc).replace(tzinfo=None)
        StreamingWriter(wb, archive, bodies, notes, edits).write_data()



class StreamedWorkbook:
    """What save_atomic saves for a workbook whose large sheets have their bodies in `streams` (workbook/body.py)."""

    def __init__(self, wb, streams: list[StreamedRows]):
        self.wb, self.streams = wb, streams

    def save(self, path) -> None:
        # <dimension> spans the frame's own width too
        bodies = {s.title: (s, s.dimension(self.wb[s.title].max_column)) for s in self.streams}
        save_streamed(self.wb, path, bodies, {}, {})
