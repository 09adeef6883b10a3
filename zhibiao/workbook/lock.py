"""One writer at a time per workbook, and never over a workbook that is open in Excel or WPS.

Two `--in-place` runs on one workbook (a check and a progress write, say) would each load the file,
add their results and rename their copy over it: the later rename drops the earlier result. So a
write holds an OS lock (fcntl / msvcrt) on `.~zhibiao-lock-<name>` beside the target from loading the
file until the rename; the OS drops it when a process dies, so a killed run leaves no stale lock, only
a small file the next writer removes. Under the lock the leftovers of killed writes (`.~zhibiao-tmp-…`)
are removed too: no live writer of this target can own them.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path

from ..errors import UnreadableFile, UsageError

TEMP_PREFIX = ".~zhibiao-tmp-"
LOCK_PREFIX = ".~zhibiao-lock-"
_OLD_TEMP_AGE = 3600  # temporary files named before the lock existed (.~zhibiao-XXXX.xlsx): an hour old is dead


def timeout() -> float:
    """Seconds to wait for another zhibiao writing the same workbook (ZHIBIAO_LOCK_TIMEOUT, default 120)."""
    try:
        return max(0.0, float(os.environ.get("ZHIBIAO_LOCK_TIMEOUT", "120")))
    except ValueError:
        return 120.0


def refuse_if_open(path: Path) -> None:
    """An --in-place write over a workbook open in Excel/WPS (~$name) or LibreOffice (.~lock.name#) would be lost
    at that program's next save, or would overwrite the clerk's unsaved edits: refuse, in one line."""
    for owner in (path.with_name(f"~${path.name}"), path.with_name(f".~lock.{path.name}#")):
        if owner.exists():
            raise UsageError(f"{path.name} 正在 Excel/WPS 或 LibreOffice 中打开（旁边有 {owner.name}），直接改写会被它下次保存覆盖："
                             f"请先关闭该文件再用 --in-place（若已关闭，删除 {owner.name} 后重试），或去掉 --in-place 另存一份")


def _try_lock(fd: int) -> bool:
    if os.name == "nt":  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _same_file(fd: int, path: Path) -> bool:
    """Whether the lock file we hold is still the one at this path (another writer may have removed it)."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


_held: set[Path] = set()  # targets this process holds: a nested writing() of the same target passes through


@contextmanager
def writing(target: Path):
    """Hold the lock of target for the block; say in one line (exit 2) when another writer keeps it too long."""
    key = target.absolute()
    if key in _held:
        yield
        return
    lock = target.with_name(LOCK_PREFIX + target.name)
    deadline = time.monotonic() + timeout()
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            if not target.parent.is_dir() or not os.access(target.parent, os.W_OK):
                yield  # the save itself will say why it cannot write there
                return
            raise UnreadableFile(f"无法写入 {target.name}：无法在 {target.parent} 中建立写回锁（系统错误 {exc.errno}）") from exc
        if _try_lock(fd) and (os.name == "nt" or _same_file(fd, lock)):
            break
        os.close(fd)
        if time.monotonic() > deadline:
            raise UnreadableFile(f"无法写入 {target.name}：另一个 zhibiao 正在写回这个文件，等待 {timeout():.0f} 秒后仍未完成，"
                                 "请稍后重试（结果未写入）")
        time.sleep(0.05)
    _held.add(key)
    try:
        _clean_leftovers(target)
        yield
    finally:
        _held.discard(key)
        if os.name != "nt":
            try:
                os.unlink(lock)  # while still held: a waiter then finds its lock file gone and opens a new one
            except OSError:
                pass
        os.close(fd)


def temp_prefix(target: Path) -> str:
    """The prefix of this target's temporary files (mkstemp adds 8 random characters and the suffix)."""
    return f"{TEMP_PREFIX}{target.name}~"


def _clean_leftovers(target: Path) -> None:
    """Remove what killed writes of this target left behind (we hold its lock, so no live writer owns them)."""
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    mine = temp_prefix(target)
    now = time.time()
    for entry in entries:
        name = entry.name
        stale = name.startswith(mine) and name.endswith(target.suffix) and len(name) == len(mine) + 8 + len(target.suffix)
        if not stale and name.startswith(".~zhibiao-") and not name.startswith((TEMP_PREFIX, LOCK_PREFIX)):
            try:  # the older naming, shared by every target: only when nobody could still be writing it
                stale = now - entry.stat().st_mtime > _OLD_TEMP_AGE
            except OSError:
                stale = False
        if stale:
            try:
                os.unlink(entry.path)
            except OSError:
                pass
