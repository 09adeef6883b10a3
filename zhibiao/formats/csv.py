"""Read a .csv (or tab-separated .txt) table: UTF-8 with or without BOM, UTF-16, GBK / GB18030.

Cells stay text exactly as in the file (`1,200`, `150家`, `001`): the core parses target text the same
way whether it came from here or from a text cell in Excel. The one grid is named after the file, as
Excel names the sheet when it opens a CSV.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..errors import UnreadableFile
from ..grid import Grid, Workbook

_DELIMITERS = (",", "\t", ";", "|")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def decode(data: bytes, name: str) -> str:
    """The text of a file of unknown encoding: BOM first, then strict UTF-8, then GB18030 (a superset of GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3:  # a multi-byte character cut by the caller's sample
            return data[:exc.start].decode("utf-8")
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("big5")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"无法识别文件的文字编码（不是 UTF-8、GBK 或 GB18030）：{name}。"
                             "请在 Excel/WPS 中打开后另存为 .xlsx 再核对") from exc


def delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most equal rows of at least two fields."""
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_score = ",", -1
    for d in _DELIMITERS:
        widths = [len(row) for row in csv.reader(lines, delimiter=d)]
        if not widths or max(widths) < 2:
            continue
        common = max(set(widths), key=widths.count)
        score = widths.count(common) * 1000 + common
        if score > best_score:
            best, best_score = d, score
    return best


def split_rows(text: str) -> list[list[str]]:
    """Rows of cells; quoted cells may hold line breaks (a two-line indicator name)."""
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))]


def sheet_name(path: Path) -> str:
    """The file's stem as Excel would name the sheet: no []:*?/\\, at most 31 characters."""
    return _BAD_SHEET_CHARS.sub("_", path.stem)[:31] or "Sheet1"


def read(path: Path) -> Workbook:
    """Read the one table of a delimited text file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"无法打开文件（没有读取权限或文件正被占用）：{path.name}") from exc
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile(f"无法读取表格：{path.name} 不是文本格式的 CSV 文件（文件损坏或扩展名不对）")
    text = decode(data, path.name)
    try:
        rows = split_rows(text.lstrip("\ufeff"))
    except csv.Error as exc:
        # csv's reasons are English (field larger than field limit, …)
        raise UnreadableFile(f"无法读取 CSV 文件：{path.name}（有引号未配对或单元格过长，请在 Excel/WPS 中打开后另存再试）") from exc
    rows = [[cell.strip() for cell in row] for row in rows]
    return Workbook(path, [Grid(sheet_name(path), rows)], "csv")
