"""Where a write-back goes and how: copied part by part (package_copy) when it can be, else through openpyxl.

No openpyxl at import, nor on the package copy's way: a first `progress --write` never loads it.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..memory import collections_paused
from .files import save_atomic, stamp
from .lock import refuse_if_open, writing
from .plan import WritePlan, default_output

ZHIBIAO_COPIES = (".校验", ".进度")  # the stems of the copies --write makes


def output_path(src, out=None, in_place: bool = False) -> Path:
    """Where a write-back of src goes; a UsageError for a combination that cannot work."""
    from ..formats import writable

    src = Path(src)
    return _target(src, out, in_place, writable(src))


def _target(src: Path, out, in_place: bool, into_src: bool) -> Path:
    """output_path, told whether the results can go into a copy of src itself (formats.writable)."""
    if not into_src:  # .xls, .csv, .pdf, Word …: the tables and the results go into a new .xlsx
        from .xlsx_copy import copy_target

        return copy_target(src, out, in_place, default_output(src))
    if in_place and out is not None and Path(out).resolve() != src.resolve():
        raise UsageError("--in-place 与 -o 不能同时使用")
    target = src if in_place else Path(out) if out is not None else default_output(src)
    # a copy zhibiao made (分解表.校验.xlsx, 分解表.进度.xlsx) checked again is written over itself
    if not in_place and target.resolve() == src.resolve() and not src.stem.endswith(ZHIBIAO_COPIES):
        raise UsageError("输出文件与输入文件相同；要改写原文件请用 --in-place")
    if target.suffix.lower() != src.suffix.lower():
        raise UsageError(f"输出文件的扩展名应与输入相同（{src.suffix}）：{target.name}")
    return target


def write(src, plan: WritePlan, out=None, in_place: bool = False, book=None) -> Path:
    """Apply the plan to src and save atomically to out (default: 分解表.校验.xlsx beside src); `book`, src as
    already read, spares openpyxl's way a second read of the cached formula results."""
    from ..formats import writable

    src = Path(src)
    into_src = writable(src)
    target = _target(src, out, in_place, into_src)
    if not into_src:
        from .write_openpyxl import write_copy

        return write_copy(src, plan, target, book)
    if in_place:
        refuse_if_open(src)
    # loaded under the lock: a concurrent --in-place writer's results are in what we load, and stay
    with writing(target), collections_paused():
        loaded = stamp(src)
        if not _copied(src, plan, target, (src, loaded) if in_place else None):
            from .write_openpyxl import write_loaded

            write_loaded(src, plan, target, in_place, loaded, book)
    return target


def _copied(src: Path, plan: WritePlan, target: Path, unchanged) -> bool:
    """Written by copying src part by part (package_copy), when the plan and the package allow it."""
    from .package_copy import NotCopied, prepare

    copy = prepare(src, plan)
    if copy is None:
        return False
    try:
        save_atomic(copy, target, like=src, unchanged=unchanged)
    except NotCopied:  # something prepare() could not see without doing the work: openpyxl's path instead
        return False
    finally:
        copy.close()
    return True
