"""What a table is: column roles (Role), table kinds, columns, indicator rows, and the header words that name each role."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from ..grid import Grid


class Role(StrEnum):
    SEQ = "seq"  # 序号
    CATEGORY = "category"  # 类别 / 一级指标
    NAME = "name"  # 指标名称
    UNIT = "unit"  # 单位
    METHOD = "method"  # 汇总方式
    WEIGHT = "weight"  # 权重依据
    DIRECTION = "direction"  # 方向
    PARENT = "parent"  # 全市 / 合计
    REGION = "region"
    PERIOD = "period"  # 2023年目标值
    RESPONSIBLE = "responsible"  # 责任部门
    SCORE_WEIGHT = "score_weight"  # 赛马权重
    IGNORE = "ignore"


class TableKind(StrEnum):
    SPLIT = "split"  # regions × indicators (分解表)
    TARGETS = "targets"  # years × indicators, no regions (目标体系表)


ROLE_PATTERNS: list[tuple[Role, re.Pattern]] = [
    (Role.SEQ, re.compile(r"^(序号|编号|No\.?|NO\.?|序)$")),
    (Role.CATEGORY, re.compile(r"^(类别|类型|分类|一级指标|指标类别|领域|板块|指标分类|大类)$")),
    (Role.NAME, re.compile(r"^(指标名称|指标|指标项|主要指标|二级指标|三级指标|具体指标|名称|项目|指标内容|考核指标|目标任务|任务指标)"
                           r"((及|和|与|\()(计量)?单位\)?)?$")),
    (Role.UNIT, re.compile(r"^(单位|计量单位|指标单位)$")),
    (Role.METHOD, re.compile(r"^(汇总方式|汇总|指标类型)$")),
    (Role.WEIGHT, re.compile(r"^(权重依据|加权依据|权数依据)$")),
    (Role.DIRECTION, re.compile(r"^(方向|指标方向|考核方向|指标属性)$")),
    (Role.SCORE_WEIGHT, re.compile(r"^(赛马权重|评分权重|分值|权重)$")),
    (Role.PARENT, re.compile(r"^(全[市县区镇省州盟旗](合计|总计|目标值?|\((合计|总计)\))?|合计数?|总计|总量|[市县区]级)$")),
    (Role.RESPONSIBLE, re.compile(r"(责任|牵头|主管|配合|主责)(部门|单位|处室|科室)|^责任人$|^责任$")),
    (Role.PERIOD, re.compile(r"^((19|20)\d{2})年?度?(目标值?|目标任务|计划|预期|基数|基期值?|现状值?)?$|^(年度目标值?|目标值)$")),
    (Role.IGNORE, re.compile(r"^(备注|说明|校验|校验结果|分解合计|差额|状态|结论|汇总方式\(推断\)|数据来源|来源)$")),
]
NOTE_ROW = re.compile(r"^(注|备注|说明|附注|资料来源|数据来源|填报说明|填表说明)[:：\d、.]|^注$")
SECTION_ROW = re.compile(r"^[(（]?[一二三四五六七八九十]+[)）、]")
YEAR = re.compile(r"(19|20)\d{2}")
BASIS_SHEET = re.compile(r"基数|权重|基期")  # weights (basis.py reads them), never targets
# a 项目 sheet is a project list (zhibiao projects), unless its name says it holds targets (重点项目指标分解)
SKIP_SHEETS = re.compile(rf"^(说明|设置|校验结果|进度结果|报送情况|层级核对|xlwings\.conf|_)|进度|{BASIS_SHEET.pattern}"
                         r"|^(?!.*(分解|指标|目标)).*项目")

STARTS_HEADER = {Role.SEQ, Role.CATEGORY, Role.NAME}  # roles a header row begins with
UNIT_CELL = re.compile(r"^\(?(计量)?单位\)?([:：].*)?$|^(?!/+$)[个家项亩件人台户次吨座套条所元万亿千百标准煤瓦米公里平方/%‰]{1,8}$")

HEADER_SCAN_ROWS = 30


def role_of(label: str) -> Role | None:
    """The role a header label names, or None for a region name (or nothing)."""
    for role, pattern in ROLE_PATTERNS:
        if pattern.search(label):
            return role
    return None


@dataclass
class Column:
    """A header column and the role its label gives it."""

    index: int
    label: str
    role: Role


@dataclass
class IndicatorRow:
    """One indicator of a table, with its raw cells and where they are."""

    row: int
    name: str  # white space removed
    display_name: str  # as printed, line breaks folded
    seq: str | None = None
    category: str | None = None
    unit: str | None = None
    method: str | None = None
    weight_hint: str | None = None
    direction: str | None = None
    responsible: str | None = None
    score_weight: object = None
    values: list = field(default_factory=list)  # raw values, aligned with Table.value_columns


@dataclass
class Table:
    """A decomposition (分解) or target-system (目标体系) table found in a grid."""

    grid: Grid
    kind: TableKind
    header_rows: tuple[int, int]  # first, last (inclusive)
    columns: list[Column]
    title: str | None = None
    rows: list[IndicatorRow] = field(default_factory=list)
    end: int = 0  # the row after the table: the grid's end, a note, or the next table's header

    @property
    def name(self) -> str:
        return self.grid.name

    def columns_with(self, role: Role) -> list[Column]:
        return [c for c in self.columns if c.role is role]

    def column(self, role: Role) -> Column | None:
        found = self.columns_with(role)
        return found[0] if found else None

    @property
    def parent(self) -> Column | None:
        return self.column(Role.PARENT)

    @property
    def regions(self) -> list[Column]:
        return self.columns_with(Role.REGION)

    @property
    def periods(self) -> list[Column]:
        return self.columns_with(Role.PERIOD)

    @property
    def value_columns(self) -> list[Column]:
        """Regions then parent (split), or periods (targets): the columns IndicatorRow.values follows."""
        if self.kind is TableKind.SPLIT:
            return self.regions + ([self.parent] if self.parent else [])
        return self.periods

    @property
    def parent_name(self) -> str:
        return self.parent.label if self.parent else "上级"

    def position(self, row: IndicatorRow, column: Column) -> tuple[int, int]:
        """0-based (row, col) in the grid of one indicator's value in one value column (region, parent or period)."""
        return row.row, column.index

    def ref(self, row: IndicatorRow, column: Column) -> str:
        """Where a clerk finds that value: 任务分解!C14."""
        return self.grid.ref(*self.position(row, column))
