"""Cells restyled in a sheet's XML as it is, for package_copy: the rest of the sheet is left byte for byte."""

from __future__ import annotations

import re

from ..grid import column_index, column_letter

_ROW = re.compile(r"<row\b([^>]*?)(?:/>|>(.*?)</row>)", re.S)
_CELL = re.compile(r"<c\b([^>]*?)(?:/>|>.*?</c>)", re.S)
_REF = re.compile(r'\br="([A-Z]{1,3})(\d+)"')
_ROW_NUMBER = re.compile(r'\br="(\d+)"')
_STYLE = re.compile(r'(\s)s="(\d+)"')


class NotCopied(Exception):
    """This package or plan needs openpyxl's path."""


def patch_cells(xml: str, wanted: dict[tuple[int, int], object], restyle) -> str:
    """The sheet XML with each wanted cell (1-based row, column) restyled: s="restyle(old s, wanted value)";
    a cell or row that is not there is added, with restyle(None, wanted value): no style of its own yet."""
    start = xml.find("<sheetData")
    if start < 0:
        raise NotCopied("no sheetData")
    empty = xml.startswith("<sheetData/>", start)
    body_start = start + len("<sheetData/>" if empty else "<sheetData>")
    end = body_start if empty else xml.index("</sheetData>", body_start)
    by_row: dict[int, dict[int, object]] = {}
    for (row, col), value in sorted(wanted.items()):
        by_row.setdefault(row, {})[col] = value
    out = [xml[:start], "<sheetData>"]
    at = body_start
    pending = sorted(by_row)
    i = 0
    for m in _ROW.finditer(xml, body_start, end):
        number = _ROW_NUMBER.search(m.group(1))
        if number is None:
            raise NotCopied("a row without its number")
        row = int(number.group(1))
        while i < len(pending) and pending[i] < row:  # marked rows that are not in the sheet
            out.append(xml[at:m.start()])
            at = m.start()
            out.append(f'<row r="{pending[i]}">{_new_cells(pending[i], by_row[pending[i]], restyle)}</row>')
            i += 1
        if i < len(pending) and pending[i] == row:
            out.append(xml[at:m.start()])
            out.append(_patch_row(m, row, by_row[row], restyle))
            at = m.end()
            i += 1
    out.append(xml[at:end])
    for row in pending[i:]:
        out.append(f'<row r="{row}">{_new_cells(row, by_row[row], restyle)}</row>')
    out.append("</sheetData>")
    out.append(xml[body_start:] if empty else xml[end + len("</sheetData>"):])
    return "".join(out)


def _new_cells(row: int, cols: dict[int, object], restyle) -> str:
    # restyle(None, …): a cell that was not there has no style, not the workbook's first (openpyxl adds it so)
    return "".join(f'<c r="{column_letter(col - 1)}{row}" s="{restyle(None, value)}"/>' for col, value in sorted(cols.items()))


def _patch_row(m: re.Match, row: int, cols: dict[int, object], restyle) -> str:
    attrs, content = m.group(1), m.group(2)
    if content is None:  # <row r="5"/>
        return f"<row{attrs}>{_new_cells(row, cols, restyle)}</row>"
    left = sorted(cols)
    out, at, i = [], 0, 0
    for c in _CELL.finditer(content):
        ref = _REF.search(c.group(1))
        if ref is None:
            raise NotCopied("a cell without its reference")
        col = column_index(ref.group(1)) + 1
        while i < len(left) and left[i] < col:
            out.append(content[at:c.start()])
            at = c.start()
            out.append(_new_cells(row, {left[i]: cols[left[i]]}, restyle))
            i += 1
        if i < len(left) and left[i] == col:
            tag_end = c.start() + len("<c") + len(c.group(1))
            head = content[c.start():tag_end]
            style = _STYLE.search(head)
            old = int(style.group(2)) if style else 0
            new = restyle(old, cols[col])
            head = (head[:style.start()] + f'{style.group(1)}s="{new}"' + head[style.end():]) if style else f'{head} s="{new}"'
            out.append(content[at:c.start()])
            out.append(head)
            at = tag_end
            i += 1
    out.append(content[at:])
    out.extend(_new_cells(row, {col: cols[col]}, restyle) for col in left[i:])
    return f"<row{attrs}>{''.join(out)}</row>"


def insert_before(text: str, candidates: tuple[str, ...], piece: str, start: int = 0) -> str:
    at = min((i for i in (text.find(c, start) for c in candidates) if i >= 0), default=-1)
    if at < 0:
        raise NotCopied("no place for " + piece[:20])
    return text[:at] + piece + text[at:]
