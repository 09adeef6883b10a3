"""How much of a workbook zhibiao will read (--max-cells), checked before a reader allocates anything.

python-calamine builds every sheet as one dense block from A1 to its last used cell (32 bytes a cell, then
a Python list of lists): a 15 KB file with one value at XFD1048576 asks for 549 GB and the process aborts
without a word. So before calamine reads an .xlsx, the sheet parts are looked at: their declared sizes in
the zip directory (a zip bomb: 1 MB inflating to 1 GiB), and their used range, from `<dimension>` for large
parts and from every cell reference for small ones (where the scan costs next to nothing, and where a
crafted file hides). Beyond the limit the clerk gets one Chinese line that says which sheet and cell.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..errors import InputError
from .inflate import chunks, may_hold_formula

if TYPE_CHECKING:  # annotations only
    import zipfile

DEFAULT_MAX_CELLS = 20_000_000  # about 1 GB of memory; a decomposition table has a few thousand
BYTES_PER_CELL = 40  # the sheet XML a cell may take on average before a part counts as inflated
EXACT_SCAN_BYTES = 8 << 20  # parts up to 8 MiB (about 250,000 cells) are scanned cell by cell
_chosen: list[int | None] = [None]  # set by cell_limit (the CLI's --max-cells)

_CELL_REF = re.compile(rb'\sr="([A-Z]{1,3})([0-9]{1,7})"')
_ROW_REF = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="([0-9]{1,7})"')
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\sref="(?:[A-Z]{1,3}[0-9]{1,7}:)?([A-Z]{1,3})([0-9]{1,7})"')
# the same references where every r=" follows a plain space and no row tag has a prefix (what Excel, WPS,
# LibreOffice and openpyxl write): a literal start the regex engine finds fast, one group each
_CELL_ROW = re.compile(rb' r="[A-Z]{1,3}([0-9]{1,7})"')
_CELL_COLUMN = re.compile(rb' r="([A-Z]{1,3})[0-9]{1,7}"')
_PLAIN_ROW_REF = re.compile(rb'<row\b[^>]*? r="([0-9]{1,7})"')
_OTHER_SPACE = (b"\t", b"\n", b"\r", b"\x0b", b"\x0c")  # \s but the space


class TooLarge(InputError):
    """The workbook is larger than the cell limit (--max-cells)."""


def max_cells() -> int:
    """The limit in force: --max-cells, else ZHIBIAO_MAX_CELLS, else DEFAULT_MAX_CELLS."""
    chosen = _chosen[-1]
    if chosen is None:
        try:
            chosen = int(os.environ.get("ZHIBIAO_MAX_CELLS", DEFAULT_MAX_CELLS))
        except ValueError:
            chosen = DEFAULT_MAX_CELLS
    return max(chosen, 1)


@contextmanager
def cell_limit(limit: int | None):
    """Read with this many cells at most (None: the default)."""
    _chosen.append(limit)
    try:
        yield
    finally:
        _chosen.pop()


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _letters(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _blocks(archive: zipfile.ZipFile, info: zipfile.ZipInfo):
    """The part's XML in blocks of about 1 MiB, each ending at a tag's end, never past the declared size (inflate.py)."""
    tail = b""
    for chunk in chunks(archive, info):
        block = tail + chunk if tail else chunk
        cut = block.rfind(b">") + 1
        yield block[:cut] if cut < len(block) else block
        tail = block[cut:]


def _extent(archive: zipfile.ZipFile, info: zipfile.ZipInfo, seen: dict | None = None) -> tuple[int, int]:
    """(last row, last column) of a sheet part, 1-based; (0, 0) for an empty sheet.

    When the part had to be read through, `seen[info.filename]` says whether it holds anything that may be a
    formula (`<f`): the reader's formula probe then need not inflate it a second time.
    """
    rows = cols = 0
    formulas = False
    if info.file_size > EXACT_SCAN_BYTES:
        with archive.open(info) as stream:
            declared = _DIMENSION.search(stream.read(4096))
        if declared:  # Excel, WPS, LibreOffice and openpyxl write it before the cells
            return int(declared.group(2)), _column_number(declared.group(1))
        # a large part without one (a streaming writer): rows come in order, so each block's last row, and the
        # last cell of its first and last rows, give the extent at the cost of inflating the part, not of a pass per cell
        for block in _blocks(archive, info):
            formulas = formulas or may_hold_formula(block)  # blocks end at a tag's end: a tag is never cut in two
            last_row = block.rfind(b"<row ")
            if last_row >= 0:
                found = _ROW_REF.match(block, last_row)
                rows = max(rows, int(found.group(1)) if found else 0)
            for end in {block.find(b"</row>"), block.rfind(b"</row>")}:  # the first and the last row of the block
                cell = _CELL_REF.search(block, block.rfind(b' r="', 0, end)) if end > 0 else None
                if cell:
                    rows, cols = max(rows, int(cell.group(2))), max(cols, _column_number(cell.group(1)))
    else:
        for block in _blocks(archive, info):
            formulas = formulas or may_hold_formula(block)
            last_row, last_col = _references(block)
            rows, cols = max(rows, last_row), max(cols, last_col)
    if seen is not None:
        seen[info.filename] = formulas
    return rows, cols


def _references(block: bytes) -> tuple[int, int]:
    """(last row, last column) that the block's row tags and cell references name; (0, 0) for none."""
    if b":row" in block or any(ch in block and ch + b'r="' in block for ch in _OTHER_SPACE):
        # a prefixed row tag, or an attribute after a tab or line break: the general patterns, match by match
        refs = _CELL_REF.findall(block)
        rows = max(map(int, _ROW_REF.findall(block)), default=0)
        if not refs:
            return rows, 0
        return max(rows, max(int(r) for _, r in refs)), max(map(_column_number, {c for c, _ in refs}))
    # the same matches found at C speed, each distinct row number and column letters converted once
    rows = max(map(int, set(_CELL_ROW.findall(block))), default=0)
    cols = max(map(_column_number, set(_CELL_COLUMN.findall(block))), default=0)
    return max(rows, max(map(int, _PLAIN_ROW_REF.findall(block)), default=0)), cols


class Scanned(NamedTuple):
    """What check_xlsx learnt on the way: sheet name -> part, and for each part it read through whether it
    may hold a formula (see _extent). parts is None when the file could not be opened as a zip."""

    parts: dict[str, str] | None
    formulas: dict[str, bool]


def check_xlsx(path: Path) -> Scanned:
    """Refuse, in one line, an .xlsx/.xlsm whose sheets would not fit in --max-cells."""
    import zipfile

    from .xlsx_parts import sheet_parts

    limit = max_cells()
    try:
        archive = zipfile.ZipFile(path)
        sheets = sheet_parts(archive)
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return Scanned(None, {})  # not a workbook: the reader says what it is
    seen: dict[str, bool] = {}
    with archive:
        infos = {info.filename: info for info in archive.infolist()}
        budget = max(limit * BYTES_PER_CELL, 64 << 20)
        total_bytes = sum(infos[p].file_size for p in sheets.values() if p in infos)
        if total_bytes > budget:
            raise TooLarge(f"工作簿解压后有 {total_bytes / (1 << 20):,.0f} MB 表格数据，超过上限 {budget / (1 << 20):,.0f} MB"
                           f"（--max-cells {limit:,}）：{path.name} 可能已损坏或不是正常的分解表")
        total = 0
        for name, part in sheets.items():
            info = infos.get(part)
            if info is None:
                continue
            try:
                rows, cols = _extent(archive, info, seen)
            except (OSError, zipfile.BadZipFile, EOFError, ValueError, RuntimeError, NotImplementedError):
                continue  # a damaged part: the reader reports the file
            cells = rows * cols
            total += cells
            if cells > limit:
                raise TooLarge(
                    f"工作表“{name}”的已用区域到 {_letters(cols)}{rows}（{cells:,} 个单元格），超过上限 {limit:,}："
                    f"请在 Excel/WPS 中按 Ctrl+End 找到这个单元格，删去表格以外多余的行和列后保存再试，或用 --max-cells 提高上限")
            if total > limit:
                raise TooLarge(f"{path.name} 各工作表的已用区域共 {total:,} 个单元格，超过上限 {limit:,}："
                               f"请删去不需要核对的工作表或多余的行列，或用 --max-cells 提高上限")
    return Scanned(sheets, seen)
