"""A template sheet's body rows: as openpyxl cells, or streamed into the saved file a piece at a time.

An imported table of 1,200 indicators × 1,400 regions makes two bodies (分解, 进度) of 1,220 × 1,411
styled cells; as openpyxl cells they took 1.5 GiB and most of a minute to build and save. Streamed (the
spec's `streams` given), openpyxl keeps the sheet's frame and one styled cell per distinct look, at the
place that look first occurs, so the style table fills in the order it always did; the rows are made as
they are written (stream_rows.StreamedRows), so no more than a piece of the body is ever in memory. A row
openpyxl must hold (a merge across its cells, a value such as a date) is built as cells in both ways and
its XML kept. Either way the file is the same, byte for byte (tests/test_template_stream.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .result_sheet import put_value
from .stream_rows import Formula, StreamedRows, plain
from .style_ids import StyleIds

_PLAIN = {type(None), str, int, float, bool, Formula}


@dataclass
class Row:
    """One body row: a value and a style key per column, its height (None: the default) and merges
    (first, last column, 0-based)."""

    values: list
    keys: tuple
    height: float | None = None
    merges: tuple = ()


# make(r, full): the row r (1-based); without `full` its height may be left out (None)
RowMaker = Callable[[int, bool], Row]


class Body:
    """The rows first..last of `ws`, `width` columns wide, made by `make`; style(key) styles a cell of that key."""

    def __init__(self, ws, first: int, last: int, width: int, make: RowMaker, style: Callable[[object], Callable]):
        self.ws, self.first, self.last, self.width, self.make, self.style = ws, first, last, width, make, style
        self.looks = StyleIds()  # each key styled once, then copied (StyleIds.like)

    def write(self, streams: list | None) -> None:
        """As openpyxl cells (streams None), or as a StreamedRows appended to `streams`."""
        if streams is None:
            for r in range(self.first, self.last + 1):
                self.cells(r, self.make(r, True))
            return
        stream = StreamedRows(self.ws.title, self.first, width=self.width)
        stream.rows = _Rows(self, stream.keep)
        patterns = set()
        for r in range(self.first, self.last + 1):
            row = self.make(r, False)
            if row.merges or not _plain(row.values):
                self.cells(r, self.make(r, True))
                stream.keep.add(r)
                continue
            if row.keys in patterns:
                continue
            patterns.add(row.keys)
            for c, key in enumerate(row.keys):
                if key not in stream.prototypes:  # where this look first occurs, as openpyxl would write it
                    stream.prototypes[key] = self.cell(r, c, row.values[c], key)
        streams.append(stream)

    def cell(self, r: int, c: int, value, key):
        cell = self.ws.cell(r, c + 1)
        self.looks.like(cell, key, self.style(key))
        if value.__class__ is Formula:
            cell.value = str(value)
        else:
            put_value(cell, value)
        return cell

    def cells(self, r: int, row: Row) -> None:
        for c, (value, key) in enumerate(zip(row.values, row.keys)):
            self.cell(r, c, value, key)
        for first, last in row.merges:
            self.ws.merge_cells(start_row=r, start_column=first + 1, end_row=r, end_column=last + 1)
        if row.height is not None:
            self.ws.row_dimensions[r].height = row.height


class _Rows:
    """The streamed rows, made as they are written: (height, values, keys), or Nones for a row openpyxl holds."""

    def __init__(self, body: Body, keep: set[int]):
        self.body, self.keep = body, keep

    def __len__(self) -> int:
        return self.body.last - self.body.first + 1

    def __iter__(self):
        body = self.body
        for r in range(body.first, body.last + 1):
            if r in self.keep:
                yield None, None, None
                continue
            row = body.make(r, True)
            yield row.height, row.values, row.keys


def _plain(values: list) -> bool:
    """Every value one stream_rows writes (a date or the like stays an openpyxl cell)."""
    types = set(map(type, values))
    return types <= _PLAIN or all(plain(next(v for v in values if type(v) is t)) for t in types - _PLAIN)
