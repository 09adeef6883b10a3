"""Files a clerk will open: saved atomically, with the usual permissions, and write errors in one Chinese line."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..errors import UnreadableFile, UsageError


def save_atomic(wb, out: Path, like: Path | None = None, post=None) -> None:
    """Save beside the target under a temporary name (then post(tmp_path), if given), then rename over it."""
    if out.is_dir():
        raise UsageError(f"输出路径是一个文件夹，请写上文件名：{out}")
    tmp = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".~zhibiao-", suffix=out.suffix, dir=out.parent)
        os.close(fd)
        wb.save(tmp)
        if post is not None:
            post(Path(tmp))
        # mkstemp makes the file private (0600); give it the mode the file it replaces had, or the
        # mode a new file gets here, so colleagues on a shared folder can open it
        like = like if like is not None and like.exists() else out if out.exists() else None
        os.chmod(tmp, like.stat().st_mode & 0o7777 if like is not None else 0o666 & ~_umask())
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
