"""Put a merge on the city workbook: the figures on the period's 进度 sheet (created in the template's layout when
missing), the 报送情况 sheet and the marks, saved atomically with the workbook's cached formula results kept."""

from __future__ import annotations

from pathlib import Path

from openpyxl.styles import Alignment, Font, NamedStyle

from ..errors import UsageError
from ..grid import column_letter
from ..progress.period import Period
from ..workbook.cached_values import cached_values, restore_cached_values
from ..workbook.files import save_atomic, stamp
from ..workbook.lock import refuse_if_open, writing
from ..workbook.template import BORDER, CENTER, FONT, HEAD_FILL, LEFT
from ..workbook.write_openpyxl import STATE_SHEET, apply, fit_width, load, put_value
from .source import Source
from .status_sheet import plan_merge

HEADER_ROW = 1  # 0-based, as the template's 进度 sheet: 报告期 above, the header on row 2
NOTE = "备注"


def progress_sheet_name(period: Period) -> str:
    return f"进度 {period}"


def new_sheet_positions(source: Source) -> dict[tuple[str, str], tuple[int, int]]:
    """(indicator, region) -> 0-based cell of a 进度 sheet built by build_sheet."""
    return {(ind.name, region): (HEADER_ROW + 1 + i, 2 + c)
            for i, ind in enumerate(source.indicators) for c, region in enumerate(source.regions + [source.parent])}


def _styles(wb) -> tuple[str, str]:
    """Named styles for the sheet's body cells: one style record each, not one per cell (fast for 200 regions)."""
    names = ("zhibiao 进度", "zhibiao 进度名称")
    for name, align in zip(names, (CENTER, LEFT)):
        if name not in wb.named_styles:
            wb.add_named_style(NamedStyle(name, font=Font(name=FONT), border=BORDER, alignment=align))
    return names


def build_sheet(wb, source: Source, period: Period, index: int):
    """A 进度 sheet in the template's layout: 报告期 in B1, 序号, 指标名称, the regions, the parent, 备注."""
    ws = wb.create_sheet(progress_sheet_name(period), index)
    center, left = _styles(wb)
    ws.cell(1, 1, "报告期").font = Font(name=FONT, bold=True)
    cell = ws.cell(1, 2, str(period))
    cell.number_format = "@"
    cell.font = Font(name=FONT, bold=True, color="FFC00000")
    hint = ws.cell(1, 3, f"{period.label}累计数，由 zhibiao merge 从各地区报送表合并；合计类指标的{source.parent}数在各地区都报送后自动相加，其他指标的{source.parent}数请按统计口径填写。")
    hint.font = Font(name=FONT, color="FF595959")
    header = ["序号", "指标名称"] + source.regions + [source.parent, NOTE]
    for c, label in enumerate(header, 1):
        h = ws.cell(HEADER_ROW + 1, c)
        put_value(h, label)
        h.font, h.fill, h.border, h.alignment = Font(name=FONT, bold=True), HEAD_FILL, BORDER, CENTER
    for i, ind in enumerate(source.indicators):
        r = HEADER_ROW + 2 + i
        for c in range(1, len(header) + 1):
            ws.cell(r, c).style = left if c in (2, len(header)) else center
        ws.cell(r, 1, i + 1)
        put_value(ws.cell(r, 2), ind.display_name)
    widths = {"序号": 6, "指标名称": 40, NOTE: 24}
    for c, label in enumerate(header):
        ws.column_dimensions[column_letter(c)].width = widths.get(label, max(10, 2 * len(label) + 2))
    ws.freeze_panes = f"C{HEADER_ROW + 2}"
    ws.print_title_rows = f"{HEADER_ROW + 1}:{HEADER_ROW + 1}"
    ws.row_dimensions[1].height = 24
    ws.cell(1, 3).alignment = Alignment(vertical="center")
    fit_width(ws)
    return ws


def default_output(src: Path) -> Path:
    """分解表.xlsx -> 分解表.合并.xlsx beside it."""
    return src.with_name(f"{src.stem}.合并{src.suffix}")


def output_path(src: Path, out: Path | None, in_place: bool) -> Path:
    """Where the merge goes; a wrong combination is a UsageError before any work."""
    from ..workbook.writeback import output_path as check_path

    if src.suffix.lower() not in (".xlsx", ".xlsm"):
        raise UsageError(f"合并只能写入 .xlsx / .xlsm 工作簿：{src.name}")
    target = src if in_place else out if out is not None else default_output(src)
    check_path(src, out if in_place else target, in_place)
    return target


def write_merge(report, out: Path | None = None, in_place: bool = False) -> Path:
    """Apply a MergeReport to a copy of the city workbook (or the workbook itself with in_place)."""
    src = Path(report.source.book.path)
    target = output_path(src, out, in_place)
    if in_place:
        refuse_if_open(src)
    with writing(target):  # loaded under the lock: a concurrent --in-place writer's results stay
        return _write_merge(report, src, target, stamp(src) if in_place else None)


def _write_merge(report, src: Path, target: Path, loaded: tuple | None) -> Path:
    wb = load(src)
    values = {g.name: g.rows for g in report.source.book.grids} if report.source.book.format == "xlsx" else cached_values(src)
    plan = plan_merge(report)
    kept = set(wb.sheetnames) - set(plan.owned_sheets) - {STATE_SHEET}
    ws = None
    if report.created:
        ws = build_sheet(wb, report.source, report.period, _new_index(wb, report.source))
    elif report.sheet in wb.sheetnames:
        ws = wb[report.sheet]
    if report.project_copy and any(w.sheet == report.project_copy[1] for w in report.writes):
        _copy_list(wb, report)
    for w in report.writes:
        sheet = wb[w.sheet] if w.sheet else ws
        put_value(sheet.cell(w.row + 1, w.col + 1), w.value)
    apply(wb, plan)
    save_atomic(wb, target, like=src, post=lambda tmp: restore_cached_values(tmp, values, kept),
                unchanged=(src, loaded) if loaded is not None else None)
    return target


def _new_index(wb, source: Source) -> int:
    """After the last 进度 sheet, else right after the split."""
    names = wb.sheetnames
    progress = [i for i, n in enumerate(names) if n.startswith("进度 ")]
    if progress:
        return progress[-1] + 1
    split = source.table.name if source.table is not None else None
    return names.index(split) + 1 if split in names else len(names)


def _copy_list(wb, report) -> None:
    """The period's project list: the earlier list copied beside it, this year's investment and 形象进度 cleared."""
    old, new = report.project_copy
    ws = wb.copy_worksheet(wb[old])
    ws.title = new
    wb.move_sheet(ws, wb.sheetnames.index(old) + 1 - wb.sheetnames.index(new))
    for project in report.plist.projects:
        for field in ("done", "progress"):
            if field in project.cells:
                r, c = project.cells[field]
                ws.cell(r + 1, c + 1).value = None
