"""zhibiao's buttons for xlwings Server: 校验 from macros/zhibiao_macros.py, and 生成简报 as a download.

On the server the workbook has no folder the clerk could open, so 生成简报 writes the briefing into
a temporary folder, moves each file into the one-time download store and hands the links to the
task pane: book.app.macro (not book.macro, which prefixes the book's name) runs the JavaScript
callback zhibiaoOfferDownloads there, which shows them.
"""

import json
import tempfile
from pathlib import Path

import xlwings as xw
from xlwings_server.config import settings

import zhibiao_server  # noqa: F401  (puts the checkout on sys.path)
from macros.zhibiao_macros import validate, write_briefing
from zhibiao_server import DOWNLOAD_ROUTE, downloads

OFFER_CALLBACK = "zhibiaoOfferDownloads"


@xw.script(name="生成简报")
def generate_briefing(book: xw.Book):
    """生成简报：核对本工作簿（有进度表时一并评价进度），生成 Word 和网页版简报，在任务窗格中给出一次性下载链接。"""
    with tempfile.TemporaryDirectory(prefix="zhibiao-brief-") as folder:
        written = write_briefing(book, Path(folder))
        if not written:
            return
        files = [{"name": path.name, "url": f"{settings.app_path}{DOWNLOAD_ROUTE}/{downloads.publish(path)}"}
                 for path in written]
    book.app.macro(OFFER_CALLBACK)(json.dumps({"files": files, "minutes": max(1, downloads.ttl() // 60)},
                                          ensure_ascii=False))


__all__ = ["generate_briefing", "validate"]
