"""Read the tables of a web page (a policy notice saved from a government website, or an ".xls" that is HTML).

Parsed with lxml's HTML parser (libxml2): it is already installed with python-docx, fast, and copes
with what content-management systems publish (unclosed <td>/<tr>, stray tags, tables nested in layout
tables). Every <table> that holds no other table becomes a grid 表1, 表2, … in document order (a
table around tables lays out the page; a workbook saved as a web page by LibreOffice keeps its sheets'
names, from the "Sheet 2: 任务分解" heading above each table), with colspan / rowspan as merged
ranges; a cell's text keeps <br> and paragraph breaks as line breaks, and a table nested in a cell
is a table of its own, not part of that cell's text.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import NoTableFound, UnreadableFile
from ..grid import Grid, Workbook
from .above import LINES_ABOVE, caption_lines, with_lines_above

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_SPACE = re.compile(r"[ \t\r\n\f]+")
_BLOCK = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "blockquote", "section"}
_SKIP = {"script", "style", "template", "noscript", "head", "title"}
_GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "euc-cn"}
_MAX_SPAN = 1000
_SHEET_HEADING = re.compile(r"^Sheet \d+: (.+)$")


def decode_html(data: bytes, name: str) -> str:
    """The page's text: BOM, then the <meta charset> it declares, then UTF-8, then GB18030."""
    from .csv import decode

    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data, name)
    declared = _META_CHARSET.search(data[:8192])
    if declared:
        charset = declared.group(1).decode("ascii").lower()
        charset = "gb18030" if charset in _GB else charset
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common on copied pages: detect instead
    return decode(data, name)


def cell_text(cell) -> str:
    """A cell's text: <br> and block elements as line breaks, runs of spaces as one, nested tables left out."""
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP or (tag == "table" and el is not cell):
            pass
        elif tag == "br":
            parts.append("\n")
        else:
            block = tag in _BLOCK
            if block:
                parts.append("\n")
            if el.text and tag:
                parts.append(_SPACE.sub(" ", el.text))
            for child in el:
                walk(child)
            if block:
                parts.append("\n")
        if el is not cell and el.tail:
            parts.append(_SPACE.sub(" ", el.tail))

    walk(cell)
    lines = [line.strip(" ").replace("\xa0", " ") for line in "".join(parts).split("\n")]
    text = "\n".join(line for line in lines if line.strip())
    return text if text.strip() else ""


def _span(value: str | None, limit: int) -> int:
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return max(1, min(n, limit))


def _own_rows(table) -> list:
    """The table's rows, those in nested tables excluded (thead / tbody / tfoot are looked into)."""
    rows = []
    for tr in table.iter("tr"):
        owner = next(tr.iterancestors("table"), None)
        if owner is table:
            rows.append(tr)
    return rows


def table_grid(table, name: str) -> Grid:
    """One <table> to a grid: cells placed around earlier rowspans, spans as merged ranges."""
    trs = _own_rows(table)
    taken: set[tuple[int, int]] = set()
    cells: dict[tuple[int, int], str] = {}
    merges = []
    for r, tr in enumerate(trs):
        c = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            while (r, c) in taken:
                c += 1
            across = _span(td.get("colspan"), _MAX_SPAN)
            rowspan = (td.get("rowspan") or "").strip()
            down = len(trs) - r if rowspan == "0" else _span(rowspan, len(trs) - r)  # 0: to the table's end
            cells[(r, c)] = cell_text(td)
            for rr in range(r, r + down):
                for cc in range(c, c + across):
                    taken.add((rr, cc))
            if across > 1 or down > 1:
                merges.append((r, c, r + down - 1, c + across - 1))
            c += across
    width = max((c + 1 for _, c in taken), default=0)
    rows = [[cells.get((r, c)) for c in range(width)] for r in range(len(trs))]
    return Grid(name, rows, merges, style="docx")


def lines_above(table) -> list[str]:
    """The short lines of text just above the table, and its <caption>; prose or another table ends them."""
    def backwards():
        for sibling in table.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str) or sibling.tag == "table" or next(sibling.iter("table"), None) is not None:
                return
            text = cell_text(sibling) + "\n" + _SPACE.sub(" ", sibling.tail or "")
            yield from reversed(text.split("\n"))

    caption = table.find("caption")
    own = [line for line in cell_text(caption).split("\n") if line.strip()] if caption is not None else []
    return (caption_lines(backwards()) + own)[-LINES_ABOVE:]


def _has_text(grid: Grid) -> bool:
    filled = [v for row in grid.rows for v in row if v]
    return len(filled) >= 2 and grid.width >= 2


def read(path: Path) -> Workbook:
    """Every <table> of an HTML file that holds text in at least two cells."""
    import lxml.html
    from lxml import etree

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"无法打开文件（没有读取权限或文件正被占用）：{path.name}") from exc
    text = decode_html(data, path.name)
    try:
        parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableFile(f"无法读取网页文件：{path.name}（内容为空或不是 HTML）") from exc
    grids = []
    for table in root.iter("table"):
        if any(True for _ in table.iterdescendants("table")):
            continue  # a layout table around the page's content; the tables inside it are read on their own
        above = lines_above(table)
        sheet = _SHEET_HEADING.match(above[-1]) if above else None
        if sheet:  # a workbook saved as a web page by LibreOffice / WPS: each sheet under "Sheet 2: 任务分解"
            above = above[:-1]
        grid = table_grid(table, sheet.group(1).strip() if sheet else f"表{len(grids) + 1}")
        if _has_text(grid):
            grids.append(with_lines_above(grid, above))
    if not grids:
        raise NoTableFound(f"{path.name} 中没有表格：网页里的分解表应是表格（<table>），而不是文字或图片")
    return Workbook(path, grids, "html")
