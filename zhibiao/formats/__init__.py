"""File formats, registered lazily; each module has `read(path) -> Workbook`.

The content decides the reader where it can tell (`sniff`): an .xls saved from a website is HTML, an
.xlsx may be a CSV; the extension decides otherwise.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from .. import steps
from ..errors import UnreadableFile
from ..expr import CONTROL_CHARS
from ..grid import Workbook
from ..memory import collections_paused

_READERS = {
    ".xlsx": "xlsx", ".xlsm": "xlsx", ".docx": "docx", ".xls": "xls", ".xlsb": "xls", ".et": "et", ".ods": "ods",
    ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".html": "html", ".htm": "html", ".pdf": "pdf", ".doc": "doc",
}
WRITABLE = (".xlsx", ".xlsm")  # written back in place of the clerk's cells; every other format gets an .xlsx copy
SUPPORTED = "、".join(sorted(_READERS, key=list(_READERS).index))


def reader_for(path: Path) -> str:
    """The reader module for this file: by content where that is clear, else by extension."""
    from .sniff import looks_delimited, sniff

    suffix = path.suffix.lower()
    by_name = _READERS.get(suffix)
    content = sniff(path)
    if content == "csv":  # plain text: a table only if it splits into fields; else the extension's reader explains
        if by_name == "csv" or (by_name is None and suffix) or not looks_delimited(path):
            content = None
    if content is not None:
        return "et" if content == "xls" and suffix == ".et" else content
    if by_name is None:
        if suffix in (".wps", ".wpt", ".dps", ".ett"):
            raise UnreadableFile(f"不支持 WPS 的 {suffix} 格式，请在 WPS 中另存为 .xlsx 或 .docx 后再核对：{path.name}")
        raise UnreadableFile(f"不支持的文件类型 {suffix or '（无扩展名）'}，可以读取 {SUPPORTED}：{path.name}")
    return by_name


def writable(path: str | Path) -> bool:
    """Whether a write-back can go into a copy of this very workbook (.xlsx / .xlsm that really is one);
    every other file gets its tables written into a new .xlsx."""
    path = Path(path)
    if path.suffix.lower() not in WRITABLE:
        return False
    try:
        return not path.is_file() or reader_for(path) == "xlsx"
    except UnreadableFile:
        return True  # unreadable: the reader says why when it is read


def read_workbook(path: str | Path) -> Workbook:
    """Read every sheet (or document table) of a file into grids."""
    path = Path(path)
    if not path.exists():
        raise UnreadableFile(f"找不到文件：{path}")
    if path.is_dir():
        raise UnreadableFile(f"这是一个文件夹，不是表格文件：{path}")
    steps.begin(f"正在读取 {path.name}")
    reader = importlib.import_module(f"{__name__}.{reader_for(path)}")
    with collections_paused():  # thousands of row lists, long-lived: no collection walks them while they grow
        book = reader.read(path)
    if book.format != "xlsx":  # Excel cannot type them; a web page, a PDF or a CSV export can carry them
        _drop_control_characters(book)
    return book


def _drop_control_characters(book: Workbook) -> None:
    """Invisible control characters in text cells (a BEL inside an HTML cell: 1\\x070 shows as 10) removed: they
    would make a shown figure unreadable and a written .xlsx impossible (a worksheet cannot hold them)."""
    for grid in book.grids:
        rows = grid.rows
        for i, row in enumerate(rows):
            texts = [v for v in row if type(v) is str]
            if texts and CONTROL_CHARS.search("\n".join(texts)):
                rows[i] = [CONTROL_CHARS.sub("", v) if type(v) is str else v for v in row]


class Reading:
    """read_workbook(path) in a background thread, started at once; result() waits for it.

    python-calamine parses a sheet with the GIL released: the caller imports the checks meanwhile instead of
    before the read (a 1.7 M-cell sheet takes a second to parse, the imports a few hundredths). Errors
    (UnreadableFile …) come out of result() as if the read had run in the caller."""

    def __init__(self, path: str | Path):
        import threading

        self._book: Workbook | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(path,), name="zhibiao-read", daemon=True)
        self._thread.start()

    def _run(self, path) -> None:
        try:
            self._book = read_workbook(path)
        except BaseException as exc:  # handed to the caller in result()
            self._error = exc

    def result(self) -> Workbook:
        self._thread.join()
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        return self._book
