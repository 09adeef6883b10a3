"""`zhibiao collect`: one protected return workbook (报送表) per region of the split, for one period.

Each return holds the region's indicators with their targets, last period's cumulative figure and one input
cell per indicator (the only unlocked cells, with number validation), a 报送 block and 说明; a very hidden
sheet records the source, region and period so `merge` recognises the return whatever its file name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from .. import steps
from ..errors import UsageError
from ..expr import ValueType, parse_target
from ..formats import read_workbook
from ..grid import Workbook as Book
from ..progress.period import Period, parse_period
from ..workbook.files import save_atomic
from ..workbook.write_openpyxl import fit_width, line_count, put_value
from .identity import ID_SHEET, KIND_INDICATORS, KIND_PROJECTS, id_rows
from .project_returns import add_project_sheet
from .source import Figures, Indicator, Source, load_source

RETURN_SHEET = "进度报送"
HEADER_ROW = 3  # 1-based
FONT = "宋体"
INPUT_FILL = PatternFill("solid", fgColor="FFFFF2CC")  # the cells to fill in: light yellow
LOCKED_FILL = PatternFill("solid", fgColor="FFF2F2F2")
HEAD_FILL = PatternFill("solid", fgColor="FFD9E1F2")
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
BLOCK = ("报送单位", "填报人", "联系电话", "报送日期")
NOT_APPLICABLE = "不适用"
WIDTHS = (6, 40, 10, 14, 18, 18, 26)
_UNSAFE_FILE = re.compile(r'[\\/:*?"<>|\s]+')
STYLES = {"font": FONT, "center": CENTER, "left": LEFT, "head": HEAD_FILL, "border": BORDER, "input": INPUT_FILL}


def headers(period: Period, previous: Period | None) -> list[str]:
    """The return's header row; merge finds its columns by these words."""
    before = f"上期累计（{previous.label}）" if previous else "上期累计"
    return ["序号", "指标名称", "单位", "年度目标", before, f"本期累计（{period.label}）", "备注"]


@dataclass
class Collected:
    """What `collect` wrote: one file per region."""

    period: Period
    previous: Period | None
    folder: Path
    files: dict[str, Path] = field(default_factory=dict)  # region -> path


def return_name(period: Period, region: str) -> str:
    """2023-06 吴兴 进度报送.xlsx"""
    return f"{period} {_UNSAFE_FILE.sub('_', region)} {RETURN_SHEET}.xlsx"


def collect_returns(src, period: str, out_dir=None, password: str | None = None, sheet: str | None = None) -> Collected:
    """Write one return per region of src's split into out_dir (default: a folder beside src)."""
    wanted = parse_period(period)
    if wanted is None:
        raise UsageError(f"无法识别的期间“{period}”，请写成 2023-06 或 2023年1-6月")
    book = src if isinstance(src, Book) else read_workbook(src)
    source, plist = load_round(book, sheet)
    figures = source.previous(wanted) if source.indicators else None
    stem = book.path.stem if book.path else "分解表"
    folder = Path(out_dir) if out_dir is not None else (book.path.parent if book.path else Path.cwd()) / f"{stem} 报送表 {wanted}"
    done = Collected(wanted, figures.period if figures else None, folder)
    for region in steps.counted(source.regions, f"正在生成 {len(source.regions)} 份报送表"):
        wb = return_workbook(source, region, wanted, figures, password, plist)
        if wb is None:
            continue
        path = folder / return_name(wanted, region)
        save_atomic(wb, path)
        done.files[region] = path
    return done


def return_workbook(source: Source, region: str, period: Period, previous: Figures | None, password: str | None,
                    plist=None) -> Workbook | None:
    """The return of one region as an openpyxl workbook (None when the region has nothing to report)."""
    wb = Workbook()
    ws = wb.active
    content = []
    if source.indicators:
        _indicator_sheet(ws, source, region, period, previous, password)
        content.append(KIND_INDICATORS)
    else:
        wb.remove(ws)
    if plist is not None and add_project_sheet(wb, plist, region, period, STYLES):
        content.append(KIND_PROJECTS)
    if not content:
        return None
    for sheet in wb.worksheets:
        if password:
            sheet.protection.password = password
    wb.active = 0
    wb.security = WorkbookProtection(lockStructure=True)
    if password:
        wb.security.workbookPassword = password
    _hidden(wb, source, region, period, previous.period if previous else None, "、".join(content))
    wb.properties.title = f"{region} {period.label} 进度报送表"
    wb.properties.creator = "zhibiao"
    return wb


def _indicator_sheet(ws, source: Source, region: str, period: Period, previous: Figures | None, password: str | None) -> None:
    """进度报送: the region's indicators, targets, last period's figure and the input cells."""
    ws.title = RETURN_SHEET
    prev_period = previous.period if previous else None
    head = headers(period, prev_period)
    width = len(head)
    _text(ws, 1, 1, f"{region} {period.label} 主要指标完成情况报送表", Font(name=FONT, bold=True, size=15), CENTER)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.row_dimensions[1].height = 30
    info = f"报送地区：{region}　　报告期：{period.label}（1月至{period.month}月累计）　　来源：{source.name}"
    _text(ws, 2, 1, info, Font(name=FONT, color="FF595959"), LEFT)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    for c, label in enumerate(head, 1):
        cell = _text(ws, HEADER_ROW, c, label, Font(name=FONT, bold=True), CENTER)
        cell.fill, cell.border = HEAD_FILL, BORDER
    ws.row_dimensions[HEADER_ROW].height = 32
    r = HEADER_ROW
    for n, ind in enumerate(source.indicators, 1):
        r += 1
        _indicator_row(ws, r, n, ind, region, previous)
    r = _block(ws, r + 2, region)
    _guide(ws, r + 1, period, width, password is not None)
    for c, w in enumerate(WIDTHS, 1):
        ws.column_dimensions[chr(64 + c)].width = w
    ws.freeze_panes = f"C{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    fit_width(ws, landscape=False)
    ws.protection.sheet = True  # only the unlocked cells can change; columns and rows may still be resized
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _text(ws, row: int, col: int, value, font: Font, align: Alignment):
    cell = ws.cell(row, col)
    put_value(cell, value)
    cell.font, cell.alignment = font, align
    return cell


def _indicator_row(ws, r: int, n: int, ind: Indicator, region: str, previous: Figures | None) -> None:
    raw_target = ind.targets.get(region)
    target = parse_target(raw_target)
    before = previous.get(ind, region)[0] if previous else None
    values = [n, ind.display_name, ind.unit or "", raw_target, before, None, None]
    for c, value in enumerate(values, 1):
        cell = _text(ws, r, c, value, Font(name=FONT), LEFT if c in (2, 7) else CENTER)
        cell.border = BORDER
    inputs = (ws.cell(r, 6), ws.cell(r, 7))
    if target.type is ValueType.NOT_APPLICABLE:
        inputs[0].value = NOT_APPLICABLE  # no figure expected: stays locked
        inputs[0].fill = LOCKED_FILL
        inputs[0].font = Font(name=FONT, color="FF808080")
    else:
        for cell in inputs:
            cell.protection = Protection(locked=False)
            cell.fill = INPUT_FILL
        _validate(ws, inputs[0], ind, target)
    inputs[1].protection = Protection(locked=False)
    inputs[1].fill = INPUT_FILL
    ws.row_dimensions[r].height = 15 * max(line_count(ind.display_name, WIDTHS[1]), line_count(raw_target, WIDTHS[3])) + 5


def _validate(ws, cell, ind: Indicator, target) -> None:
    """Number validation on an input cell, the unit in its prompt; a qualitative target may be answered in words."""
    unit = ind.unit or ""
    if target.type is ValueType.QUALITATIVE:
        return
    if unit == "%" or target.percent:
        how = "百分数只填数值，如 7.5 表示 7.5%"
    else:
        how = f"单位：{unit}，只填数字" if unit else "只填数字"
    cumulative = "1月至本期末的累计数" if ind.kind == "sum" else "1月至本期末累计口径的数值"
    dv = DataValidation(type="decimal", operator="between", formula1="-1000000000000", formula2="1000000000000",
                        allow_blank=True, showErrorMessage=True, showInputMessage=True, errorStyle="stop",
                        errorTitle="请填写数字", error=f"这一格只能填数字（{how}），不带单位、文字或空格。说明请写在“备注”列。",
                        promptTitle="本期累计", prompt=f"填{cumulative}；{how}。")
    dv.add(cell.coordinate)
    ws.add_data_validation(dv)


def _block(ws, r: int, region: str) -> int:
    """报送单位 / 填报人 / 联系电话 / 报送日期: labels locked, answers unlocked; returns the last row."""
    for i, label in enumerate(BLOCK):
        row = r + i
        _text(ws, row, 2, label, Font(name=FONT, bold=True), Alignment(horizontal="right", vertical="center")).border = BORDER
        answer = ws.cell(row, 3)
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=5)
        for c in range(3, 6):  # the whole merged range unlocked, as Excel and WPS each check their own cell
            ws.cell(row, c).border = BORDER
            ws.cell(row, c).protection = Protection(locked=False)
        answer.fill = INPUT_FILL
        answer.font = Font(name=FONT)
        answer.alignment = LEFT
        if label == "报送单位":
            put_value(answer, region)
        if label == "报送日期":
            answer.number_format = "yyyy-mm-dd"
            dv = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                                showErrorMessage=True, errorStyle="warning", errorTitle="报送日期",
                                error="请填写日期，如 2023-07-05。")
            dv.add(answer.coordinate)
            ws.add_data_validation(dv)
        ws.row_dimensions[row].height = 20
    return r + len(BLOCK) - 1


def _guide(ws, r: int, period: Period, width: int, with_password: bool) -> None:
    """说明 under the block, one merged row per point."""
    lock = "（已设密码）" if with_password else "（未设密码，请勿撤销保护）"
    lines = [
        "说明：",
        f"1. 只需填写黄色单元格：“本期累计”填{period.year}年1月至{period.month}月的累计数，“备注”可写说明；"
        f"其他单元格已锁定{lock}。年度目标如有异议，请在备注中说明，不要改动。",
        "2. 按“单位”列填写数字（单位为亿元时填 1.25，不填 12500 万元），不带单位或文字；百分数填数值（7.5 表示 7.5%）。",
        "3. 累计数一般不低于“上期累计”；如有调整，请在备注中说明原因。",
        "4. 填好后填写报送单位、填报人、联系电话、报送日期，保存后报送。文件名可以修改，报送地区和期间能自动识别，请勿删除或增加工作表。",
    ]
    for i, text in enumerate(lines):
        cell = _text(ws, r + i, 1, text, Font(name=FONT, bold=i == 0, color="FF404040"), LEFT)
        ws.merge_cells(start_row=r + i, start_column=1, end_row=r + i, end_column=width)
        ws.row_dimensions[r + i].height = 15 * line_count(text, sum(WIDTHS) - 4) + 4
        cell.protection = Protection(locked=True)


def load_round(book: Book, sheet: str | None = None):
    """The split (may be absent when the workbook holds a project list) and the project list (None without one)."""
    from ..errors import NoTableFound
    from ..projects import read_projects

    try:
        source = load_source(book, sheet)
    except NoTableFound:
        source = None
    plist = None
    if sheet is None:
        try:
            plist = read_projects(book, None, source.regions if source else None)
        except NoTableFound:
            plist = None
    if source is None:
        if plist is None:
            where = book.path.name if book.path else "工作簿"
            raise NoTableFound(f"{where} 中没有指标分解表，也没有重大项目清单，无法按地区报送")
        regions = list(dict.fromkeys(p.region for p in plist.projects if p.region != "未注明地区"))
        source = Source(book, None, regions, "全市")
    return source, plist


def _hidden(wb: Workbook, source: Source, region: str, period: Period, previous: Period | None, content: str) -> None:
    ws = wb.create_sheet(ID_SHEET)
    ws.sheet_state = "veryHidden"
    ws.append(["项目", "值"])
    table = source.table.name if source.table is not None else ""
    for k, v in id_rows(source.name, table, region, period, source.parent, previous, content):
        ws.append([k, v])
    for row in ws.iter_rows():
        for cell in row:
            cell.data_type = "s"
            cell.number_format = "@"
