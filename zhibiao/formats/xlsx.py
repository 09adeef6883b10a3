"""Read .xlsx/.xlsm values with python-calamine (fast), merged ranges included."""

from __future__ import annotations

from pathlib import Path

from ..errors import UnreadableFile
from ..grid import Grid, Workbook


def read(path: Path) -> Workbook:
    """Read all visible worksheets of a workbook."""
    try:
        import python_calamine as pc
    except ImportError as exc:  # pragma: no cover - a hard dependency
        raise UnreadableFile("缺少 python-calamine，请执行 pip install python-calamine") from exc
    try:
        book = pc.CalamineWorkbook.from_path(str(path))
    except Exception as exc:
        raise UnreadableFile(f"无法读取工作簿（文件损坏、加密或不是 Excel 文件）：{path.name}") from exc
    grids = []
    try:
        for meta in book.sheets_metadata:
            if str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet":
                continue
            sheet = book.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            merges = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or [])]
            grids.append(Grid(meta.name, rows, merges))
    except Exception as exc:
        raise UnreadableFile(f"读取工作表时出错：{path.name}（{exc}）") from exc
    finally:
        book.close()
    return Workbook(path, grids, "xlsx")
