"""The 校验 and 生成简报 buttons: xlwings scripts over the core, for xlwings Lite, xlwings Server and classic VBA.

Lite and Server call them with the open book; classic Excel calls them from VBA:
    RunPython "import xlwings as xw, macros.zhibiao_macros as zb; zb.validate(xw.Book.caller())"
"""

import xlwings as xw

from zhibiao.api import check_workbook
from zhibiao.errors import ZhibiaoError
from zhibiao.formats.xlwings_book import read_book
from zhibiao.writeback import plan_findings
from zhibiao.writeback_xlwings import apply

TITLE = "zhibiao 校验"


@xw.script(name="校验")
def validate(book: xw.Book):
    """校验：核对本工作簿中的分解表，写入“校验结果”工作表并标出有问题的单元格。"""
    grids = read_book(book)
    try:
        report = check_workbook(grids)
    except ZhibiaoError as exc:  # no table in this book: tell the clerk, change nothing
        book.app.alert(str(exc), title=TITLE)
        return
    apply(book, plan_findings(report, grids))
