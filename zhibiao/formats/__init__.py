"""File formats, registered lazily by extension; each module has `read(path) -> Workbook`."""

from __future__ import annotations

import importlib
from pathlib import Path

from ..errors import UnreadableFile
from ..grid import Workbook

_READERS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".docx": "docx"}


def read_workbook(path: str | Path) -> Workbook:
    """Read every sheet (or Word table) of a file into grids."""
    path = Path(path)
    if not path.exists():
        raise UnreadableFile(f"找不到文件：{path}")
    if path.is_dir():
        raise UnreadableFile(f"这是一个文件夹，不是表格文件：{path}")
    module = _READERS.get(path.suffix.lower())
    if module is None:
        if path.suffix.lower() in (".xls", ".et", ".wps", ".doc"):
            raise UnreadableFile(f"暂不支持旧版格式 {path.suffix}，请在 Excel/WPS 中另存为 .xlsx 或 .docx：{path.name}")
        raise UnreadableFile(f"不支持的文件类型 {path.suffix or '（无扩展名）'}，请使用 .xlsx、.xlsm 或 .docx：{path.name}")
    reader = importlib.import_module(f"{__name__}.{module}")
    return reader.read(path)
