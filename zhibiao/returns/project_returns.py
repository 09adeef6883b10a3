"""The project part of a return (项目报送): one row per major project of the region, from the city's project list.

Name, category, investment plan and planned dates are locked; the district fills the actual start and finish,
this year's cumulative investment (number validation, 万元), the 形象进度 and a remark. Last period's figures
are shown (actual dates and 形象进度 prefilled, the cumulative investment beside its input cell).
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Font, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from ..expr import cell_text, normalize_text
from ..grid import Grid, column_letter
from ..progress.period import Period
from ..projects import ProjectList
from ..projects.columns import TO_WAN, unit_of
from ..workbook.write_openpyxl import fit_width, line_count, put_value
from .source import key

PROJECT_SHEET = "项目报送"
HEADER_ROW = 3  # 1-based
# (label, field of the city list, open to the district)
COLUMNS = [
    ("序号", None, False), ("项目名称", "name", False), ("项目类别", "category", False),
    ("总投资(万元)", "total", False), ("年度计划投资(万元)", "plan", False), ("计划开工时间", "planned_start", False),
    ("计划竣工时间", "planned_finish", False), ("上期累计完成投资(万元)", None, False),
    ("实际开工时间", "actual_start", True), ("实际竣工时间", "actual_finish", True),
    ("本年累计完成投资(万元)", "done", True), ("形象进度", "progress", True), ("备注", None, True),
]
WIDTHS = [6, 36, 9, 12, 14, 12, 12, 14, 12, 12, 14, 30, 20]
UPDATED = ("actual_start", "actual_finish", "done", "progress")  # the fields a return brings back


def region_projects(plist: ProjectList, region: str):
    """The projects of one region (吴兴 and 吴兴区 are one)."""
    wanted = key(region).rstrip("区县市镇")
    return [p for p in plist.projects if key(p.region).rstrip("区县市镇") == wanted or key(p.region) == key(region)]


def factor(plist: ProjectList, field: str) -> float:
    """万元 per unit of the city list's column for this field (总投资(亿元) → 10000)."""
    grid, col = plist.grid, plist.columns.get(field)
    if grid is None or col is None:
        return 1.0
    first, last = plist.header_rows
    label = "".join(normalize_text(cell_text(grid.value(r, col))) for r in range(first, last + 1))
    return TO_WAN.get(unit_of(label) or plist.unit, 1.0)


def shown_cell(plist: ProjectList, project, field: str):
    """What the city list shows for a project's field (investment in 万元)."""
    where = project.cells.get(field)
    if where is None or plist.grid is None:
        return None
    raw = plist.grid.value(*where)
    if field in ("total", "plan", "done") and isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return round(raw * factor(plist, field), 6)
    if hasattr(raw, "strftime"):
        return raw.strftime("%Y-%m-%d")
    return raw


def add_project_sheet(wb, plist: ProjectList, region: str, period: Period, styles: dict) -> bool:
    """The 项目报送 sheet of one region's return; False when the region has no project on the list."""
    projects = region_projects(plist, region)
    if not projects:
        return False
    ws = wb.create_sheet(PROJECT_SHEET)
    font, bold = Font(name=styles["font"]), Font(name=styles["font"], bold=True)
    width = len(COLUMNS)
    title = ws.cell(1, 1, f"{region} {period.label} 重大项目进展报送表")
    title.font, title.alignment = Font(name=styles["font"], bold=True, size=15), styles["center"]
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    note = ws.cell(2, 1, f"报送地区：{region}　　报告期：{period.label}　　清单：{plist.sheet}　　"
                         "黄色单元格填写：实际开工/竣工时间（如 2023-03，未开工留空）、本年累计完成投资（万元，1月起累计）、形象进度。")
    note.font, note.alignment = Font(name=styles["font"], color="FF595959"), Alignment(wrap_text=True, vertical="center")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws.row_dimensions[2].height = 32
    for c, (label, _, _) in enumerate(COLUMNS, 1):
        cell = ws.cell(HEADER_ROW, c, label)
        cell.font, cell.fill, cell.border, cell.alignment = bold, styles["head"], styles["border"], styles["center"]
    ws.row_dimensions[HEADER_ROW].height = 32
    money = DataValidation(type="decimal", operator="between", formula1="0", formula2="1000000000000", allow_blank=True,
                           showErrorMessage=True, showInputMessage=True, errorStyle="stop", errorTitle="请填写数字",
                           error="本年累计完成投资只能填数字（万元），不带单位或文字。说明请写在“备注”列。",
                           promptTitle="本年累计完成投资", prompt="单位：万元，填1月至本期末的累计数。")
    ws.add_data_validation(money)
    for i, p in enumerate(projects, 1):
        r = HEADER_ROW + i
        values = [i] + [shown_cell(plist, p, f) if f else None for _, f, _ in COLUMNS[1:]]
        values[7] = shown_cell(plist, p, "done")  # 上期累计: last period's cumulative investment
        values[10] = None  # this period's: the district's to fill
        for c, ((_, _, open_), value) in enumerate(zip(COLUMNS, values), 1):
            cell = ws.cell(r, c)
            put_value(cell, value)
            cell.font, cell.border = font, styles["border"]
            cell.alignment = styles["left"] if c in (2, 12, 13) else styles["center"]
            if open_:
                cell.protection = Protection(locked=False)
                cell.fill = styles["input"]
        money.add(ws.cell(r, 11).coordinate)
        ws.row_dimensions[r].height = 15 * max(line_count(p.name, WIDTHS[1]), line_count(values[11], WIDTHS[11])) + 5
    for c, w in enumerate(WIDTHS, 1):
        ws.column_dimensions[column_letter(c - 1)].width = w
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    fit_width(ws)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    return True


def project_lines(grid: Grid):
    """(row, {field: (value, col)}) of each project row in a 项目报送 sheet, found by its header labels."""
    labels = {normalize_text(label): (f, c) for c, (label, f, _) in enumerate(COLUMNS)}
    for r in range(min(grid.height, 30)):
        found = {}
        for c, v in enumerate(grid.rows[r]):
            hit = labels.get(normalize_text(cell_text(v)))
            if hit is not None:
                found[hit[0] or ("previous" if hit[1] == 7 else "_")] = c
        if "name" in found and "done" in found:
            for rr in range(r + 1, grid.height):
                name = cell_text(grid.value(rr, found["name"])).strip()
                if name:
                    yield rr, {f: (grid.value(rr, c), c) for f, c in found.items()}
            return
