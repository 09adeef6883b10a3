"""Read the tables of a Word document (policy annexes are often .docx)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import UnreadableFile
from ..grid import Grid, Workbook
from .above import caption_lines, with_lines_above


def read_table(table, name: str) -> Grid:
    """One Word table to a grid; a merged cell keeps its text in the top-left position only."""
    from docx.oxml.ns import qn
    from docx.table import _Cell

    rows: list[list] = []
    merges: dict[tuple[int, int], list[int]] = {}
    open_vertical: dict[int, tuple[int, int]] = {}
    for r, tr in enumerate(table._tbl.tr_lst):
        values: list = []
        before = tr.trPr.find(qn("w:gridBefore")) if tr.trPr is not None else None
        c = int(before.get(qn("w:val"))) if before is not None else 0
        values.extend([None] * c)
        for tc in tr.tc_lst:
            span = tc.grid_span
            vmerge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
            continues = vmerge is not None and vmerge.get(qn("w:val"), "continue") == "continue"
            if continues and c in open_vertical:
                merges[open_vertical[c]][2] = r
                values.extend([None] * span)
            else:
                values.append(_Cell(tc, table).text.strip())
                values.extend([None] * (span - 1))
                merges[(r, c)] = [r, c, r, c + span - 1]
                if vmerge is not None:
                    open_vertical[c] = (r, c)
                else:
                    open_vertical.pop(c, None)
            c += span
        rows.append(values)
    spans = [tuple(m) for m in merges.values() if m[0] != m[2] or m[1] != m[3]]
    return Grid(name, rows, spans, style="docx")


def lines_above(table) -> list[str]:
    """The paragraphs just above a table (附件1, its title, 单位：…); another table or prose ends them."""
    from docx.oxml.ns import qn

    def backwards():
        for element in table._tbl.itersiblings(preceding=True):
            if element.tag == qn("w:tbl"):
                return
            if element.tag == qn("w:p"):
                text = "".join(t.text or "" for t in element.iter(qn("w:t")))
                yield from reversed(text.split("\n"))

    return caption_lines(backwards())


def read(path: Path) -> Workbook:
    """Read every table of a .docx file; each becomes a grid named 表1, 表2, …"""
    import docx

    if not zipfile.is_zipfile(path):
        raise UnreadableFile(f"无法读取 Word 文档（文件损坏或不是 .docx 文件）：{path.name}")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx explains in English (content types); say what the file is instead
        with zipfile.ZipFile(path) as archive:
            workbook = "xl/workbook.xml" in archive.namelist()
        why = "这是 Excel 工作簿，请把扩展名改为 .xlsx" if workbook else "文件损坏或不是 .docx 文件"
        raise UnreadableFile(f"无法读取 Word 文档（{why}）：{path.name}") from exc
    grids = [with_lines_above(read_table(t, f"表{i}"), lines_above(t)) for i, t in enumerate(document.tables, 1)]
    return Workbook(path, grids, "docx")
