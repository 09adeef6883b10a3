"""What a file really is, from its first bytes: extensions lie (an .xls saved from a website is HTML).

`sniff(path)` returns the name of the reader module for the content, or None when the content does
not say (the extension decides then). An encrypted Office file is refused here, in one Chinese line.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..errors import UnreadableFile

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_HEAD = 8192
_HTML = re.compile(rb"<\s*(!doctype\s+html|html|head|body|table|meta|title)\b", re.I)
_ZIP_KINDS = (("xl/workbook.xml", "xlsx"), ("xl/workbook.bin", "xls"), ("word/document.xml", "docx"))


def sniff(path: Path) -> str | None:
    """The reader module for the file's content (xlsx, xls, docx, ods, doc, pdf, html, csv), or None."""
    try:
        with open(path, "rb") as f:
            head = f.read(_HEAD)
    except OSError as exc:
        raise UnreadableFile(f"无法打开文件（没有读取权限或文件正被占用）：{path.name}") from exc
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if head.startswith(OLE_MAGIC):
        return _ole_kind(path)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return _text_kind(head)


def _zip_kind(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:80] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    for part, kind in _ZIP_KINDS:
        if part in names:
            return kind
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return "ods"
    return None


def ole_streams(path: Path) -> set[str] | None:
    """Top-level stream names of a compound file (.xls, .doc, .et, an encrypted .xlsx); None if unreadable."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            return {"/".join(entry) for entry in ole.listdir(streams=True, storages=True)}
    except Exception:  # a broken compound file: the reader named by the extension says what to do
        return None


def _ole_kind(path: Path) -> str | None:
    streams = ole_streams(path)
    if streams is None:
        return None
    if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
        raise UnreadableFile(f"无法读取工作簿：文件设置了打开密码（已加密）。请在 Excel/WPS 中输入密码打开，"
                             f"在“文件—信息—保护”中删除密码后另存，再核对：{path.name}")
    if "Workbook" in streams or "Book" in streams:
        return "xls"
    if "WordDocument" in streams:
        return "doc"
    return None


def _text_kind(head: bytes) -> str | None:
    if not head:
        return None
    sample = head.lstrip(b"\xef\xbb\xbf\xff\xfe\xfe\xff\x00 \t\r\n")
    if b"urn:schemas-microsoft-com:office:spreadsheet" in head and b"<Workbook" in head:
        raise UnreadableFile("这是“XML 电子表格 2003”格式，请在 Excel/WPS 中打开后另存为 Excel 工作簿（.xlsx）再核对")
    if _HTML.search(sample.replace(b"\x00", b"")[:4096]):
        return "html"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in head:
        return "csv"
    return None


def looks_delimited(path: Path) -> bool:
    """A text file that is a table: its first lines split into the same number (≥ 2) of fields."""
    from .csv import decode, split_rows

    try:
        text = decode(path.read_bytes()[:65536], path.name)
    except UnreadableFile:
        return False
    rows = [r for r in split_rows(text)[:20] if any(c.strip() for c in r)]
    widths = {len(r) for r in rows}
    return len(rows) >= 2 and min(widths) >= 2
