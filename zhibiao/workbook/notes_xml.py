"""Cell comments (notes) as XML text: xl/comments/commentN.xml and the legacy VML drawing Excel shows them with,
each exactly as openpyxl writes them (tests/test_stream_save.py compares the two). No openpyxl here: the package
copy of a first write-back (package_copy) writes them too.
"""

from __future__ import annotations

from zipfile import ZipFile

from .cell_xml import _xml  # lxml's escaping of element text

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


_ID, _ROW, _COL = (_SHAPE.index(mark) for mark in ("{id:04d}", "{row}", "{col}"))


def _shape_parts(width, height) -> tuple[str, str, str, str]:
    """_SHAPE cut around its id, row and column, the size filled in (a shape is then one f-string, not a format())."""
    head = _SHAPE[:_ID].format(width=width, height=height)
    return head, _SHAPE[_ID + len("{id:04d}"):_ROW], _SHAPE[_ROW + len("{row}"):_COL], _SHAPE[_COL + len("{col}"):]


def shapes_vml(notes: Notes):
    """The legacy VML drawing of the comments in pieces, as openpyxl's ShapeWriter writes it for a new drawing."""
    yield _SHAPE_HEAD
    sizes: dict[tuple, tuple[str, str, str, str]] = {}
    for start in range(0, len(notes), CHUNK):
        out = []
        for i, (row, col, _, _, _, height, width) in enumerate(notes[start:start + CHUNK], 1026 + start):
            parts = sizes.get((width, height))
            if parts is None:
                parts = sizes[(width, height)] = _shape_parts(width, height)
            head, after_id, after_row, tail = parts
            out.append(f"{head}{i:04d}{after_id}{row - 1}{after_row}{col - 1}{tail}")
        yield "".join(out)
    yield "</xml>"


def _write_pieces(archive: ZipFile, name: str, pieces) -> None:
    with archive.open(name, "w", force_zip64=True) as out:
        for piece in pieces:
            out.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
