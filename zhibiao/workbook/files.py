"""Files a clerk will open: saved atomically, with the usual permissions, and write errors in one Chinese line."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import UnreadableFile, UsageError


def stamp(path: Path) -> tuple | None:
    """What changes when any program rewrites a file: inode, size, modification time (None: no file)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def save_atomic(wb, out: Path, like: Path | None = None, post=None, unchanged: tuple | None = None) -> None:
    """Save beside the target under a temporary name (then post(tmp_path), if given), then rename over it.

    Holds the target's write lock (lock.writing); `unchanged` = (path, stamp(path) when it was loaded): when
    another program has rewritten that file since, nothing is renamed and the clerk is told (exit 2).
    """
    from .lock import temp_prefix, writing

    if out.is_dir():
        raise UsageError(f"输出路径是一个文件夹，请写上文件名：{out}")
    with writing(out):
        _save(wb, out, like, post, unchanged, temp_prefix(out))


def _save(wb, out: Path, like: Path | None, post, unchanged: tuple | None, prefix: str) -> None:
    tmp = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=out.suffix, dir=out.parent)
        os.close(fd)
        wb.save(tmp)
        if post is not None:
            post(Path(tmp))
        # mkstemp makes the file private (0600); give it the mode the file it replaces had, or the
        # mode a new file gets here, so colleagues on a shared folder can open it
        like = like if like is not None and like.exists() else out if out.exists() else None
        os.chmod(tmp, like.stat().st_mode & 0o7777 if like is not None else 0o666 & ~_umask())
        if unchanged is not None and stamp(unchanged[0]) != unchanged[1]:
            raise UnreadableFile(f"写回期间 {unchanged[0].name} 被其他程序修改（如 Excel/WPS 保存），结果未写入，原文件未动："
                                 "请关闭其他程序后重新运行")
        os.replace(tmp, out)
    except OSError as exc:
        raise UnreadableFile(write_error(out, exc)) from exc
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_error(out: Path, exc: OSError) -> str:
    """Why a file could not be written, in one Chinese line (the OS says it in English)."""
    import errno

    if isinstance(exc, PermissionError):
        if out.exists():
            program = {".docx": "Word/WPS", ".doc": "Word/WPS", ".html": "浏览器或编辑器"}.get(out.suffix.lower(), "Excel/WPS")
            return f"无法写入 {out.name}：文件可能正在 {program} 中打开，或没有写入权限，请关闭后重试"
        return f"无法写入 {out.name}：没有在文件夹 {out.parent} 中写文件的权限"
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        blocker = next((p for p in out.parents if p.exists() and not p.is_dir()), out.parent)
        return f"无法写入 {out}：{blocker} 是文件，不是文件夹"
    if exc.errno == errno.ENOSPC:
        return f"无法写入 {out.name}：磁盘空间不足"
    if exc.errno == errno.EROFS:
        return f"无法写入 {out.name}：所在磁盘是只读的"
    return f"无法写入 {out}（系统错误 {exc.errno}）"
