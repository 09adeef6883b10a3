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

from .notes_xml import CHUNK, Notes, _write_pieces, comments_xml, shapes_vml  # noqa: F401
from .stream_rows import StreamedRows

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
