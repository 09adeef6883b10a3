"""The 校验 and 生成简报 buttons: xlwings scripts over the core, for xlwings Lite, xlwings Server and classic VBA.

Lite and Server call them with the open book; classic Excel calls them from VBA:
    RunPython "import xlwings as xw, macros.zhibiao_macros as zb; zb.validate(xw.Book.caller())"
"""

from pathlib import Path

import xlwings as xw

from zhibiao.api import check_workbook
from zhibiao.errors import ZhibiaoError
from zhibiao.formats.xlwings_book import read_book
from zhibiao.workbook.writeback import plan_findings
from zhibiao.workbook.write_xlwings import apply

TITLE = "zhibiao 校验"
BRIEFING_TITLE = "zhibiao 生成简报"


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


def write_briefing(book: xw.Book, folder: Path) -> list[Path] | None:
    """Write the open book's briefing (.docx and .html) into folder; None after telling the clerk why not."""
    from zhibiao.briefing import render_briefing

    try:
        return render_briefing(read_book(book), out_dir=folder, stem=f"{Path(book.name).stem}.简报")
    except ZhibiaoError as exc:  # no table in this book
        book.app.alert(str(exc), title=BRIEFING_TITLE)
        return None


@xw.script(name="生成简报")
def generate_briefing(book: xw.Book):
    """生成简报：核对本工作簿（有进度表时一并评价进度），在工作簿所在文件夹写出 Word 和网页版简报。"""
    folder = Path(book.fullname).parent
    if not Path(book.fullname).is_absolute() or not folder.is_dir():
        # a Lite book lives in the browser: no folder the clerk could open (the Server app hands out downloads)
        book.app.alert("简报需写入工作簿所在文件夹：请在桌面版 Excel 或 zhibiao 服务器版的任务窗格中生成，"
                       "或在命令行执行 zhibiao brief。", title=BRIEFING_TITLE)
        return
    written = write_briefing(book, folder)
    if written:
        book.app.alert("已生成简报：\n" + "\n".join(p.name for p in written), title=BRIEFING_TITLE)
