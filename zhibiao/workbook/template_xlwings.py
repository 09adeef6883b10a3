"""The template's xlwings.conf sheet: where the classic xlwings add-in finds Python, the UDFs and the macros.

xlwings reads columns A:B from A1 down (key, value); column C explains each row to the clerk.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font

from .template import FONT, SHEET_BUILDERS, TemplateSpec

CONF_SHEET = "xlwings.conf"
UDF_MODULES = "udfs.zhibiao_udfs"
# %ZHIBIAO_HOME% is expanded by the add-in: the folder zhibiao was unpacked to (or write the path here)
CONF_ROWS = [
    ("Interpreter_Win", r"%ZHIBIAO_HOME%\.venv\Scripts\python.exe",
     "Windows 上运行 zhibiao 的 Python（安装时在 zhibiao 文件夹中创建的 .venv）"),
    ("PYTHONPATH", "%ZHIBIAO_HOME%", "zhibiao 文件夹：其中的 udfs、macros 供 Excel 导入；可直接改为文件夹路径"),
    ("UDF Modules", UDF_MODULES, "自定义函数模块：在 xlwings 选项卡点“Import Functions”后可用 ZB_SPLIT 等函数"),
]


def build_xlwings_conf(wb: Workbook, spec: TemplateSpec) -> None:
    """xlwings.conf: Interpreter_Win, PYTHONPATH and UDF Modules for the classic add-in."""
    ws = wb.create_sheet(CONF_SHEET)
    for r, (key, value, note) in enumerate(CONF_ROWS, 1):
        ws.cell(r, 1, key)
        ws.cell(r, 2, value)
        ws.cell(r, 3, note).font = Font(name=FONT, color="FF595959")
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 44
    ws.column_dimensions["C"].width = 70


SHEET_BUILDERS.append(build_xlwings_conf)
