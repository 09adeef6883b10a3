"""Read a WPS spreadsheet (.et): WPS writes it as a BIFF8 compound file, which the .xls reader reads."""

from __future__ import annotations

from pathlib import Path

from ..errors import UnreadableFile
from ..grid import Workbook
from .sniff import ole_streams


def read(path: Path) -> Workbook:
    """An .et file with a BIFF8 `Workbook` stream, through calamine; anything else: save it as .xlsx."""
    from .xls import read as read_xls

    streams = ole_streams(path) or set()
    if "Workbook" not in streams and "Book" not in streams:
        raise UnreadableFile(f"无法读取这个 WPS 表格文件（.et）：{path.name}。请在 WPS 中打开，"
                             "“文件—另存为”选择 Excel 工作簿（*.xlsx）后再核对")
    return read_xls(path)
