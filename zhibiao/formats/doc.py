"""Read a Word 97–2003 document (.doc) by converting it to .docx with LibreOffice, when LibreOffice is installed.

The conversion runs headless, in a temporary folder with its own LibreOffice profile (so a LibreOffice
the clerk has open does not swallow the request), for at most CONVERT_SECONDS; the folder is removed
afterwards whatever happens. The tables are then read by the .docx reader.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import UnreadableFile
from ..grid import Workbook

CONVERT_SECONDS = 120
_KNOWN = (
    "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe", r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


def soffice() -> str | None:
    """The LibreOffice program: ZHIBIAO_SOFFICE, else soffice / libreoffice on PATH, else a usual install place."""
    named = os.environ.get("ZHIBIAO_SOFFICE")
    if named:
        return named if Path(named).exists() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _KNOWN if Path(p).exists()), None)


def convert(path: Path, target: str, workdir: Path, seconds: int = CONVERT_SECONDS) -> Path:
    """Convert `path` with LibreOffice into `workdir` as `target` (e.g. "docx"); the converted file's path."""
    program = soffice()
    if program is None:
        raise UnreadableFile(f"读取 {path.suffix} 文件需要 LibreOffice，本机没有安装：请安装 LibreOffice，"
                             f"或在 Word/WPS 中把 {path.name} 另存为 .docx 后再核对")
    source = workdir / f"input{path.suffix.lower()}"  # a plain name: LibreOffice mangles some characters
    shutil.copyfile(path, source)
    profile = (workdir / "profile").as_uri()
    command = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", target, "--outdir", str(workdir / "out"), str(source)]
    try:
        # its own session: on a time-out the whole LibreOffice process group goes, not only the launcher
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        raise UnreadableFile(f"无法启动 LibreOffice（{program}）：请在 Word/WPS 中把 {path.name} 另存为 .docx 后再核对") from exc
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired as exc:
        _stop(proc)
        raise UnreadableFile(f"LibreOffice 转换 {path.name} 超过 {seconds} 秒仍未完成：请在 Word/WPS 中另存为 .docx 后再核对") from exc
    out = workdir / "out" / f"input.{target}"
    if not out.exists() or out.stat().st_size == 0:
        raise UnreadableFile(f"LibreOffice 无法转换 {path.name}（文件损坏、加密或不是 Word 文档）：请在 Word/WPS 中打开并另存为 .docx 后再核对")
    return out


def _stop(proc: subprocess.Popen) -> None:
    """End the conversion and everything it started."""
    import signal

    try:
        if hasattr(os, "killpg"):
            os.killpg(proc.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            proc.kill()
    except OSError:
        pass
    proc.wait()


def read(path: Path) -> Workbook:
    """The tables of a .doc file, through a LibreOffice conversion to .docx."""
    from .docx import read as read_docx

    with tempfile.TemporaryDirectory(prefix="zhibiao-doc-") as tmp:
        converted = convert(path, "docx", Path(tmp))
        book = read_docx(converted)
    return Workbook(path, book.grids, "doc")
