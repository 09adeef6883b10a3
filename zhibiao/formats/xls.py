"""Read Excel 97–2003 (.xls, BIFF8), .xlsb and WPS .et workbooks with python-calamine, merged ranges included.

WPS saves .et as a BIFF8 compound file (a `Workbook` stream, plus WPS's own `ETExtData`), so calamine
reads it as it reads .xls. calamine cannot tell which .xls cells are formatted as percent: a 48% cell
reads as 0.48 (in .xlsx and .ods it reads as 48, what the cell shows).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..errors import UnreadableFile
from ..grid import Grid, Merge, Workbook

KIND_LABEL = {"xls": "Excel 97-2003 工作簿", "xlsb": "Excel 二进制工作簿", "et": "WPS 表格文件", "ods": "ODS 电子表格"}


def read_calamine(path: Path, fmt: str, merges_of: Callable[[str], list[Merge]] | None = None,
                  percent_of: Callable[[str], set] | None = None) -> Workbook:
    """Every worksheet through calamine; `merges_of(sheet)` / `percent_of(sheet)` where calamine has none."""
    import python_calamine as pc

    label = KIND_LABEL.get(fmt, "工作簿")
    try:
        with open(path, "rb") as f:  # from a file object calamine goes by content, not by the extension
            book = pc.CalamineWorkbook.from_filelike(f)
    except Exception as exc:
        raise UnreadableFile(f"无法读取工作簿（{label}损坏、不完整或已加密）：{path.name}。"
                             "请在 Excel/WPS 中打开后另存为 .xlsx 再核对") from exc
    grids = []
    try:
        for meta in book.sheets_metadata:
            if str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet":
                continue
            sheet = book.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            merges = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or [])]
            if not merges and merges_of is not None:
                merges = merges_of(meta.name)
            hidden = str(meta.visible).rsplit(".", 1)[-1] != "Visible"
            percent = (lambda name=meta.name: percent_of(name)) if percent_of is not None else None
            grids.append(Grid(meta.name, rows, merges, hidden=hidden, percent_source=percent))
    except Exception as exc:
        raise UnreadableFile(f"读取工作表时出错：{path.name}（{label}可能已损坏；请在 Excel/WPS 中打开后另存为 .xlsx）") from exc
    finally:
        book.close()
    return Workbook(path, grids, fmt)


def encrypted_biff(path: Path) -> bool:
    """An .xls / .et with an open password: a FILEPASS record (0x002F) before the first sheet."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            name = "Workbook" if ole.exists("Workbook") else "Book"
            data = ole.openstream(name).read(65536)
    except Exception:
        return False
    pos = 0
    while pos + 4 <= len(data):
        kind, size = int.from_bytes(data[pos:pos + 2], "little"), int.from_bytes(data[pos + 2:pos + 4], "little")
        if kind == 0x002F:
            return True
        if kind in (0x000A, 0x0085):  # EOF of the globals, or the first BOUNDSHEET: no password
            return False
        pos += 4 + size
    return False


def read(path: Path) -> Workbook:
    """An .xls, .xlsb or .et workbook (the label follows the extension; the content decides the parser)."""
    import zipfile

    fmt = "xlsb" if zipfile.is_zipfile(path) else "et" if path.suffix.lower() == ".et" else "xls"
    if fmt != "xlsb" and encrypted_biff(path):
        raise UnreadableFile(f"无法读取工作簿：文件设置了打开密码（已加密）。请在 Excel/WPS 中输入密码打开，"
                             f"删除密码后另存为 .xlsx，再核对：{path.name}")
    return read_calamine(path, fmt)
