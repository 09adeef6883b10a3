"""The template's 重大项目 sheet: one row per project, 报告期 in B1, dropdowns for 类别 and 地区, date validation."""

from __future__ import annotations

import datetime as dt
from functools import partial

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from ..grid import column_letter
from .style_ids import StyleIds
from .template import CENTER, HEADER_ROW, LEFT, SHEET_BUILDERS, TemplateSpec, _body, _head, build_split
from .template_progress import build_progress, period_banner, period_frame

PROJECT_SHEET = "重大项目"
CATEGORIES = ["谋划", "前期", "新建", "续建"]  # 四张清单; zhibiao.projects reads the same words
HEADER = ["序号", "项目名称", "所在地区", "项目类别", "总投资(亿元)", "年度计划投资(万元)", "计划开工时间", "计划竣工时间",
          "实际开工时间", "实际竣工时间", "本年累计完成投资(万元)", "形象进度", "责任单位", "引进年份"]
DATES = ["计划开工时间", "计划竣工时间", "实际开工时间", "实际竣工时间"]
WIDTHS = {"序号": 6, "项目名称": 34, "所在地区": 12, "项目类别": 9, "形象进度": 24, "责任单位": 16, "引进年份": 9}
ROWS = 200


def build_projects(wb: Workbook, spec: TemplateSpec) -> None:
    """重大项目: the project list of 四张清单 with its 时间节点, investment and 责任单位."""
    ws = wb.create_sheet(PROJECT_SHEET)
    period_banner(ws, spec, "每行一个项目。类别从下拉选择（谋划、前期、新建、续建）；时间可填日期，也可写 2024年3月、一季度、已开工；"
                            f"投资按表头单位填写，“本年累计”为1月至报告期。每期复制一张本表并改报告期（或把表名改为“重大项目 {spec.year}-06”）。",
                  len(HEADER))
    for c, text in enumerate(HEADER, 1):
        _head(ws.cell(HEADER_ROW, c), text)
    ws.row_dimensions[HEADER_ROW].height = 30
    first, last = HEADER_ROW + 1, HEADER_ROW + ROWS
    left = {HEADER.index(x) for x in ("项目名称", "形象进度", "责任单位")}
    looks = StyleIds()  # each look styled once, then copied (see template.build_split)
    for r in range(first, last + 1):
        for c, text in enumerate(HEADER):
            looks.like(ws.cell(r, c + 1), (c in left, text in DATES), partial(_look, c in left, text in DATES))
    _validations(ws, spec, first, last)
    period_frame(ws, [WIDTHS.get(text, 12) for text in HEADER], f"C{first}")


def _look(left: bool, date: bool, cell) -> None:
    _body(cell, LEFT if left else CENTER)
    if date:
        cell.number_format = "yyyy-mm-dd"


def _validations(ws, spec: TemplateSpec, first: int, last: int) -> None:
    def cols(label: str) -> str:
        letter = column_letter(HEADER.index(label))
        return f"{letter}{first}:{letter}{last}"

    category = DataValidation(type="list", formula1='"' + ",".join(CATEGORIES) + '"', allow_blank=True, errorStyle="stop",
                              showErrorMessage=True, showInputMessage=True, promptTitle="项目类别",
                              prompt="四张清单：谋划、前期、新建、续建。谋划类不评价进度；开工率按新建类计算。",
                              errorTitle="项目类别", error="请从下拉列表中选择：谋划、前期、新建、续建。")
    category.add(cols("项目类别"))
    region = DataValidation(type="list", formula1='"' + ",".join(spec.regions) + '"', allow_blank=True, errorStyle="warning",
                            showErrorMessage=True, errorTitle="所在地区", error="不是分解表中的地区，确定要填写吗？")
    region.add(cols("所在地区"))
    # a date, or text such as 2024年3月 / 一季度 / 已开工: Excel warns and lets the clerk keep the text
    dates = DataValidation(type="date", operator="between", formula1=_serial(dt.date(2000, 1, 1)),
                           formula2=_serial(dt.date(2100, 12, 31)), allow_blank=True, errorStyle="warning",
                           showErrorMessage=True, showInputMessage=True, promptTitle="时间节点",
                           prompt="填日期（2024-03-15），或写 2024年3月、2024.03、一季度、2025年、已开工。",
                           errorTitle="时间节点", error="不是日期。若写的是 2024年3月、一季度、已开工 等，点“是”保留。")
    for label in DATES:
        dates.add(cols(label))
    year = DataValidation(type="whole", operator="between", formula1="2000", formula2="2100", allow_blank=True,
                          errorStyle="stop", showErrorMessage=True, errorTitle="引进年份", error="请填写四位年份，如 2023。")
    year.add(cols("引进年份"))
    for dv in (category, region, dates, year):
        ws.add_data_validation(dv)


def _serial(day: dt.date) -> str:
    """A date as the serial number Excel's validation formulas hold."""
    return str((day - dt.date(1899, 12, 30)).days)


if build_projects not in SHEET_BUILDERS:  # after 分解 and its 进度 sheet
    SHEET_BUILDERS.insert(SHEET_BUILDERS.index(build_progress if build_progress in SHEET_BUILDERS else build_split) + 1,
                          build_projects)
