"""Where a briefing or report is written: beside the workbook (or into out_dir), one file per format, never over the input."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..errors import UnreadableFile, UsageError
from ..grid import Workbook


def write_outputs(book: Workbook, what: str, formats, out_dir, stem: str | None,
                  write: Callable[[str, Path], None]) -> list[Path]:
    """Write `book`'s document `what` (简报, 月报 …) as NAME.FMT for each format through write(fmt, path).

    NAME is `stem`, else "<workbook>.<what>"; the folder is out_dir, else the workbook's. A path that is the input
    itself or a folder is refused before anything is written; a failed write is one line naming the file."""
    where = Path(out_dir) if out_dir else (book.path.parent if book.path else Path.cwd())
    name = stem or (f"{book.path.stem}.{what}" if book.path else what)
    paths = [where / f"{name}.{fmt}" for fmt in formats]
    noun = "简报" if what == "简报" else "报告"
    for path in paths:
        if book.path is not None and path.exists() and path.resolve() == Path(book.path).resolve():
            raise UsageError(f"{noun}文件不能与输入文件同名（会覆盖原文件）：{path.name}，请用 -o 另指定")
        if path.is_dir():
            raise UsageError(f"{noun}文件的位置已有同名文件夹：{path}")
    path = where
    try:
        where.mkdir(parents=True, exist_ok=True)
        for fmt, path in zip(formats, paths):
            write(fmt, path)
    except OSError as exc:
        from ..workbook.files import write_error

        raise UnreadableFile(write_error(path, exc)) from exc
    return paths
