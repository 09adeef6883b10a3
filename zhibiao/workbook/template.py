"""The workbook template (分解表模板) clerks fill in: 说明, 分解, 基数, 设置, built with openpyxl.

Each sheet comes from one builder `fn(wb, spec)` in SHEET_BUILDERS. Other features add a sheet by
appending a builder from a module named `zhibiao/template_*.py`; those modules are imported before a
template is built, so no file here needs editing.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import partial
from pathlib import Path
from typing import Callable

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

from ..errors import UsageError
from ..grid import column_letter
from ..layout import Role, role_of
from ..settings import SETTINGS, SETTINGS_SHEET
from .body import Body
from .looks import BORDER, CENTER, FONT, HEAD_FILL, LEFT, body as _body, head as _head, heads, split_look  # noqa: F401
from .spec import (BASIS_COLUMNS, BASIS_SHEET, DEFAULT_REGIONS, DIFF, DIRECTIONS, GUIDE_SHEET,  # noqa: F401
                   GUIDE_WIDTH, HEADER_ROW, LOWER, METHODS, SPLIT_SHEET, TOTAL, TemplateRow, TemplateSpec)
from .split_rows import SplitRows, split_widths
from .style_ids import StyleIds
from .write_openpyxl import fill_for, fit_width, line_count, put_value

SheetBuilder = Callable[[Workbook, TemplateSpec], None]


def validate(spec: TemplateSpec) -> None:
    """Region and parent names the core will read back as regions and parent."""
    if not spec.regions:
        raise UsageError("至少需要一个地区")
    if len(set(spec.regions)) != len(spec.regions):
        twice = dict.fromkeys(r for r in spec.regions if spec.regions.count(r) > 1)
        raise UsageError("地区名称有重复：" + "、".join(twice))
    if not 1900 <= spec.year <= 2100:
        raise UsageError(f"年度“{spec.year}”不正确，请写四位年份，如 2024")
    if role_of(spec.parent) is not Role.PARENT:
        raise UsageError(f"上级列名称“{spec.parent}”无法识别，请用 全市、全县、全区 或 合计 等")
    for name in spec.regions:
        if role_of(name) is not None:
            raise UsageError(f"地区名称“{name}”与表头关键字冲突（如 合计、单位、备注），请换一个名称")


# -- sheets ---------------------------------------------------------------------
def build_guide(wb: Workbook, spec: TemplateSpec) -> None:
    """说明: how to fill the template in, in a few lines."""
    ws = wb.create_sheet(GUIDE_SHEET)
    lines = [
        ("指标分解表填写说明", True),
        (f"1. 在“{SPLIT_SHEET}”表每行填一项指标：指标名称、单位、各地区分解值和{spec.parent}目标，以及责任部门。", False),
        ("2. 目标值可填数字，也可照文件原文填写，如 2个以上、不低于40、12左右、1-2个、/（不适用）、待省下达后再分解。", False),
        ("3. 汇总方式（下拉选择）：合计 = 各地区相加应不少于上级目标；加权平均 = 比率、亩均、增速、比重等，"
         "上级目标是各地区按权重的平均；统一 = 各地区都执行上级同一目标；不汇总 = 定性目标。不填时由程序按指标名称和单位判断。", False),
        (f"4. 权重依据（下拉选择）：加权平均指标按哪一项基数加权，基数在“{BASIS_SHEET}”表按地区填写。", False),
        ("5. 方向：越高越好（多数指标）或 越低越好（如能耗、排放）。不填时由程序判断。", False),
        (f"6. “{TOTAL}”“{DIFF}”两列是公式（灰底，请勿填写）：汇总方式为“合计”的指标自动相加各地区的数值，"
         f"差额 = 分解合计 − {spec.parent}目标，为负（红色）表示分解不足（越低越好的指标超出上限为红色）。"
         "某地区的目标写成文字（如 90家、2个以上）时公式无法相加，两列留空，以 zhibiao 核对结果为准。", False),
        (f"7. 年度、上级名称、编发单位等在“{SETTINGS_SHEET}”表填写。", False),
        ("8. 核对：zhibiao check 本文件.xlsx --write，会生成“本文件.校验.xlsx”：问题单元格标色并加批注，"
         "“校验结果”表逐条列出问题、所在单元格（可点击跳转）和补足建议。", False),
    ]
    for r, (text, bold) in enumerate(lines, 1):
        cell = ws.cell(r, 1, text)
        cell.font = Font(name=FONT, bold=bold, size=14 if bold else 11)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        ws.row_dimensions[r].height = 24 if bold else 15 * line_count(text, GUIDE_WIDTH) + 4
    ws.column_dimensions["A"].width = GUIDE_WIDTH
    ws.sheet_view.showGridLines = False
    fit_width(ws, landscape=False)


def build_split(wb: Workbook, spec: TemplateSpec) -> None:
    """分解: one row per indicator, dropdowns, native 分解合计/差额 formulas, a shortfall colour."""
    ws = wb.create_sheet(SPLIT_SHEET)
    header = spec.header()
    last = column_letter(len(header) - 1)
    put_value(ws.cell(1, 1), spec.title or f"{spec.year}年主要指标任务分解表")
    ws.cell(1, 1).font = Font(name=FONT, bold=True, size=16)
    ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 32
    heads(ws, HEADER_ROW, header)
    ws.row_dimensions[HEADER_ROW].height = 30
    parent, diff, direction = spec.letter(spec.parent), spec.letter(DIFF), spec.letter("方向")
    rows = SplitRows(spec)
    Body(ws, spec.first_row, spec.last_row, len(header), rows, lambda key: partial(split_look, key[0])).write(spec.streams)
    r1, rn = spec.first_row, spec.last_row
    # short of the target is red; for a cap (越低越好, e.g. 能源消费总量) going over it is
    shortfall = FormulaRule(formula=[f'AND(ISNUMBER(${diff}{r1}),IF(${direction}{r1}="{LOWER}",${diff}{r1}>0,${diff}{r1}<0))'],
                            fill=fill_for("error"),
                            font=Font(color="FF9C0006", bold=True))
    ws.conditional_formatting.add(f"{parent}{r1}:{parent}{rn} {diff}{r1}:{diff}{rn}", shortfall)
    _dropdowns(ws, spec, f"{r1}:{rn}")
    for c, width in enumerate(split_widths(spec)):
        ws.column_dimensions[column_letter(c)].width = width
    ws.freeze_panes = f"D{spec.first_row}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    fit_width(ws)


def _dropdowns(ws, spec: TemplateSpec, rows: str) -> None:
    first, last = rows.split(":")
    basis_end = column_letter(BASIS_COLUMNS)
    lists = [
        ("汇总方式", '"' + ",".join(METHODS) + '"', "stop", "汇总方式",
         "合计：各地区相加≥上级；加权平均：比率、增速、比重；统一：各地区同一目标；不汇总：定性目标。不填由程序判断。"),
        ("方向", '"' + ",".join(DIRECTIONS) + '"', "stop", "方向", "多数指标越高越好；能耗、排放等越低越好。不填由程序判断。"),
        ("权重依据", f"{BASIS_SHEET}!$B$1:${basis_end}$1", "warning", "权重依据",
         f"加权平均指标按“{BASIS_SHEET}”表哪一列加权。"),
    ]
    for label, formula, style, title, prompt in lists:
        dv = DataValidation(type="list", formula1=formula, allow_blank=True, errorStyle=style,
                            showErrorMessage=True, showInputMessage=True, promptTitle=title, prompt=prompt,
                            errorTitle=title, error="请从下拉列表中选择。")
        letter = spec.letter(label)
        dv.add(f"{letter}{first}:{letter}{last}")
        ws.add_data_validation(dv)


def build_basis(wb: Workbook, spec: TemplateSpec) -> None:
    """基数: regions × basis columns, the weights of weighted means."""
    ws = wb.create_sheet(BASIS_SHEET)
    for c, label in enumerate(["地区"] + spec.basis, 1):
        _head(ws.cell(1, c), label)
    ws.row_dimensions[1].height = 15 * max(line_count(b, 18) for b in spec.basis) + 4
    looks = StyleIds()  # the body's one look, styled once and copied (see workbook/body.py)
    for r, region in enumerate(spec.regions, 2):
        looks.like(ws.cell(r, 1), CENTER, _body)
        put_value(ws.cell(r, 1), region)  # after the look: a name read as a formula is marked as text (quotePrefix)
        for c in range(2, len(spec.basis) + 2):
            looks.like(ws.cell(r, c), CENTER, _body)
    note = len(spec.regions) + 3
    ws.cell(note, 1, "注：加权平均指标（亩均、增速、比重、人均等）按所选基数列加权核验；可在右侧增加基数列，"
                     "列名写明单位，如“规上工业用地面积(亩)”。").font = Font(name=FONT, color="FF595959")
    ws.column_dimensions["A"].width = 14
    for c in range(1, BASIS_COLUMNS + 1):
        ws.column_dimensions[column_letter(c)].width = 18
    ws.freeze_panes = "B2"
    fit_width(ws)


def build_settings(wb: Workbook, spec: TemplateSpec) -> None:
    """设置: one place for the settings (项目 | 值 | 说明) from zhibiao.settings.SETTINGS."""
    ws = wb.create_sheet(SETTINGS_SHEET)
    for c, label in enumerate(["项目", "值", "说明"], 1):
        _head(ws.cell(1, c), label)
    values = {"上级名称": spec.parent, "年度": spec.year, **spec.settings}
    for r, setting in enumerate(SETTINGS, 2):
        _body(ws.cell(r, 1, setting.key), LEFT)
        value = values.get(setting.key, setting.default)
        put_value(ws.cell(r, 2), value)
        _body(ws.cell(r, 2), LEFT)
        _body(ws.cell(r, 3, setting.help), LEFT)
        ws.row_dimensions[r].height = 15 * max(line_count(setting.help, 80), line_count(value, 22)) + 3
        if setting.choices:
            dv = DataValidation(type="list", formula1='"' + ",".join(setting.choices) + '"', allow_blank=True)
            dv.add(f"B{r}")
            ws.add_data_validation(dv)
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 22
    ws.column_dimensions["C"].width = 80
    ws.freeze_panes = "A2"
    fit_width(ws)


SHEET_BUILDERS: list[SheetBuilder] = [build_guide, build_split, build_basis, build_settings]
_plugins_loaded = False


def _load_plugins() -> None:
    """Import zhibiao/workbook/template_*.py so their builders are in SHEET_BUILDERS."""
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    package = Path(__file__).resolve().parent
    for info in pkgutil.iter_modules([str(package)]):
        if info.name.startswith("template_"):
            importlib.import_module(f"{__package__}.{info.name}")


def new_workbook(spec: TemplateSpec) -> Workbook:
    """The template as an openpyxl workbook, 分解 sheet active."""
    validate(spec)
    _load_plugins()
    wb = Workbook()
    wb.remove(wb.active)
    for builder in SHEET_BUILDERS:
        builder(wb, spec)
    split = wb[SPLIT_SHEET]
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws is split
    wb.active = wb.worksheets.index(split)
    return wb


def build_template(path, regions: list[str] | None = None, parent: str = "全市", year: int | None = None) -> Path:
    """Write a new template to path (refusing to overwrite is the caller's choice); the year defaults to this one."""
    import datetime as dt

    from .files import save_atomic

    path = Path(path)
    if path.suffix.lower() != ".xlsx":  # openpyxl writes .xlsx whatever the name says; Excel then refuses the file
        raise UsageError(f"模板文件应以 .xlsx 结尾（带按钮的模板用 .xlsm）：{path.name}")
    year = year or dt.date.today().year
    wb = new_workbook(TemplateSpec(list(DEFAULT_REGIONS if regions is None else regions), parent, year))
    save_atomic(wb, path)
    return path
