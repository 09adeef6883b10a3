"""Read ruled tables from a PDF annex that has a text layer, with pdfplumber.

pdfplumber (on pdfminer.six) finds a table from its ruling lines and gives each cell's box, so merged
cells (a band over the region columns, a 待下达 row typed once across the row) come back as merged
ranges, and a cell's wrapped lines as line breaks. A table that runs on over the next page (same
columns, at the top of that page) is one grid. A scanned PDF (pages that are pictures) has no text
to read and is refused in one line.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import NoTableFound, UnreadableFile
from ..grid import Grid, Workbook
from .above import caption_lines, with_lines_above

_TOL = 2.0  # points: boundaries closer than this are the same line
_NUMBERED = re.compile(r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]|\d+$)")
_NUMBER = re.compile(r"^\s*-?[\d,]+(\.\d+)?\s*%?\s*$")
_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3, "join_tolerance": 3}


def _boundaries(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _TOL:
            out.append(v)
    return out


def _index(bounds: list[float], v: float) -> int:
    return min(range(len(bounds)), key=lambda i: abs(bounds[i] - v))


def join_lines(text: str) -> str:
    """A cell's wrapped lines as the words they are: CJK joins directly, Latin letters and digits with a space.

    A PDF does not say whether a line ended by wrapping or by a typed break; in these tables names
    and targets wrap (湖州市八大新 / 兴产业…), so the lines are joined.
    """
    out = ""
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            out += " "
        out += line
    return out


def _fragment(prev: list, first: list, merged: bool) -> bool:
    """`first` (a page's first row) is the rest of `prev`, a row Word broke across the page: text only
    in some of the cells where `prev` has text (not numbers), nothing where `prev` has its values."""
    if merged:
        return False
    filled = {c for c, v in enumerate(first) if v}
    before = {c for c, v in enumerate(prev) if v}
    if not filled or not filled < before or _NUMBERED.match(str(first[min(filled)])):
        return False
    return not any(_NUMBER.match(str(prev[c])) for c in filled)


class PageTable:
    """One table found on one page: its cells as rows of text, merged ranges, and its column edges."""

    def __init__(self, table, page):
        from pdfplumber.utils import extract_text

        cells = table.cells
        self.xs = _boundaries([c[0] for c in cells] + [c[2] for c in cells])
        self.ys = _boundaries([c[1] for c in cells] + [c[3] for c in cells])
        self.top, self.bottom, self.page_height = self.ys[0], self.ys[-1], float(page.height)
        width, height = len(self.xs) - 1, len(self.ys) - 1
        self.rows: list[list] = [[None] * width for _ in range(height)]
        self.merges = []
        for x0, top, x1, bottom in cells:
            c1, c2 = _index(self.xs, x0), _index(self.xs, x1) - 1
            r1, r2 = _index(self.ys, top), _index(self.ys, bottom) - 1
            if c2 < c1 or r2 < r1:
                continue
            # a character belongs to the cell its centre lies in (a cropped box would also take the
            # top of the next row's text, which touches the rule)
            chars = [ch for ch in page.chars if x0 <= (ch["x0"] + ch["x1"]) / 2 <= x1 and top <= (ch["top"] + ch["bottom"]) / 2 <= bottom]
            text = extract_text(chars) if chars else ""
            self.rows[r1][c1] = join_lines(text)
            if c2 > c1 or r2 > r1:
                self.merges.append((r1, c1, r2, c2))

    def continues(self, earlier: "PageTable") -> bool:
        """This table carries on `earlier` from the previous page: the same column edges, at the page's top."""
        same = len(self.xs) == len(earlier.xs) and all(abs(a - b) <= 3 * _TOL for a, b in zip(self.xs, earlier.xs))
        return same and self.top < self.page_height * 0.25 and earlier.bottom > earlier.page_height * 0.6


def read(path: Path) -> Workbook:
    """Every ruled table of the PDF as a grid 表1, 表2, … (a table continued over pages is one grid)."""
    import pdfplumber

    grids: list[Grid] = []
    last: PageTable | None = None
    chars = 0
    try:
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                chars += len(page.chars)
                found = sorted(page.find_tables(_SETTINGS), key=lambda t: (t.bbox[1], t.bbox[0]))
                above_from = 0.0
                for k, table in enumerate(found):
                    part = PageTable(table, page)
                    if not part.rows:
                        continue
                    if k == 0 and last is not None and grids and part.continues(last):
                        grids[-1] = _continue(grids[-1], part)
                    else:
                        grid = Grid(f"表{len(grids) + 1}", part.rows, part.merges, style="docx")
                        grids.append(with_lines_above(grid, _text_above(page, above_from, table.bbox[1])))
                    last, above_from = part, table.bbox[3]
                if not found:
                    last = None
    except Exception as exc:
        raise UnreadableFile(_why(exc, path)) from exc
    if not chars:
        raise UnreadableFile(f"{path.name} 是扫描件（页面是图片，没有文字层），无法读取表格：请向发文单位索取 Word/Excel 原件，"
                             "或先用 OCR 软件识别并另存为 .xlsx 再核对")
    grids = [g for g in grids if sum(1 for row in g.rows for v in row if v) >= 2]
    if not grids:
        raise NoTableFound(f"{path.name} 中没有找到带框线的表格：请向发文单位索取 Word/Excel 原件，或把表格复制到 Excel 后再核对")
    return Workbook(path, grids, "pdf")


def _text_above(page, top: float, bottom: float) -> list[str]:
    """The caption lines printed between `top` and the table's top edge on this page."""
    if bottom - top < 1:
        return []
    from pdfplumber.utils import extract_text

    chars = [ch for ch in page.chars if top <= (ch["top"] + ch["bottom"]) / 2 < bottom]
    return caption_lines(reversed(extract_text(chars).splitlines())) if chars else []


def _continue(grid: Grid, part: PageTable) -> Grid:
    """The grid with the next page's part of the table appended (a row broken over the page joined up)."""
    rows, merges = [list(r) for r in grid.rows], list(grid.merges)
    first = part.rows[0]
    skip = 0
    if _fragment(rows[-1], first, any(r1 == 0 for r1, _, _, _ in part.merges)):
        rows[-1] = [join_lines(f"{a}\n{b}") if a and b else a for a, b in zip(grid.rows[-1], first)]
        skip = 1
    offset = len(rows) - skip
    rows.extend(part.rows[skip:])
    merges.extend((r1 + offset, c1, r2 + offset, c2) for r1, c1, r2, c2 in part.merges if r1 >= skip)
    return Grid(grid.name, rows, merges, style="docx", lines_above=grid.lines_above)


def _why(exc: Exception, path: Path) -> str:
    """A pdfminer failure in words a clerk can act on."""
    names = " ".join(type(e).__name__ for e in (exc, *exc.args, exc.__context__) if e is not None and not isinstance(e, str))
    if "Password" in names or "Encrypt" in names:
        return f"无法读取 PDF：{path.name} 设置了打开密码（已加密）。请向发文单位索取未加密的文件"
    return f"无法读取 PDF：{path.name}（文件损坏或不完整，请重新下载）"
