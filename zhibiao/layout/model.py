"""What a table is: column roles (Role), table kinds, columns, indicator rows, and the header words that name each role."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..grid import Grid
from .roles import Role, TableKind, role_of

__all__ = ["Role", "TableKind", "role_of", "Column", "IndicatorRow", "Table"]


# a note under (or above) a table, matched on the simplified fold (來源:河北日報 is a 来源 line), or the sign-off
# line under a form (填报单位：…  填报人：…  制表日期：…)
NOTE_ROW = re.compile(r"^(注|备注|说明|附注|资料来源|数据来源|来源|填报说明|填表说明)[:：\d、.]|^注$"
                      r"|^(制表|填报|填表|报送|编制|审核|复核)(单位|人|日期|时间)[:：]|^(联系人|联系电话|负责人|单位负责人)[:：]")
# a heading over a note's paragraph, ending the table in either orientation: 资金安排表情况说明
NOTE_HEADING = re.compile(r"(说明|注释|附注)$")
SECTION_ROW = re.compile(r"^[(（]?[一二三四五六七八九十]+[)）、]")
YEAR = re.compile(r"(19|20)\d{2}")
BASIS_SHEET = re.compile(r"基数|权重|基期")  # weights (basis.py reads them), never targets
# a 项目 sheet is a project list (zhibiao projects), unless its name says it holds targets (重点项目指标分解)
SKIP_SHEETS = re.compile(rf"^(说明|设置|校验结果|进度结果|报送情况|层级核对|xlwings\.conf|_)|进度|{BASIS_SHEET.pattern}"
                         r"|^(?!.*(分解|指标|目标)).*项目")

STARTS_HEADER = {Role.SEQ, Role.CATEGORY, Role.NAME}  # roles a header row begins with
UNIT_CELL = re.compile(r"^\(?(计量)?单位\)?([:：].*)?$|^(?!/+$)[个家项亩件人台户次吨座套条所元万亿千百标准煤瓦米公里平方/%‰]{1,8}$")

HEADER_SCAN_ROWS = 30


@dataclass
class Column:
    """A header column and the role its label gives it (a region: its subtotal, when it belongs to one)."""

    index: int
    label: str
    role: Role
    group: int | None = None  # a region inside a subtotal (其中 / 小计 / 一、…): the subtotal's column index
    subtotal: bool = False  # a region that is the subtotal of others
    printed: str | None = None  # the label as printed, when zhibiao names the region otherwise (其中:经开区 → 经开区)


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
    period: str | None = None  # the band the indicator sits under (到2025年 / 2024年), when the table has bands
    # an indicator printed under a band header of its own kind (扶贫资金(万元) over 合计 | 中央 | 省级): the band's
    # header cell in the sheet, shared by the indicators it groups; None otherwise
    band: tuple[int, int] | None = None


@dataclass
class Table:
    """A decomposition (分解) or target-system (目标体系) table found in a grid.

    A table printed with regions as rows (`orientation == "down"`) is read through the sheet's transposed
    view: its grid is that view, so rows and columns below always mean indicators and regions.
    """

    grid: Grid
    kind: TableKind
    header_rows: tuple[int, int]  # first, last (inclusive)
    columns: list[Column]
    title: str | None = None
    rows: list[IndicatorRow] = field(default_factory=list)
    end: int = 0  # the row after the table: the grid's end, a note, or the next table's header
    orientation: str = "across"  # across: regions are columns; down: regions are rows
    header_ref: str | None = None  # the header's range in the sheet, e.g. 分解!A3:F3
    unit: str | None = None  # a unit printed for the whole table (单位：万亩)

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
        """0-based (row, col) in the sheet of one indicator's value in one value column (region, parent or period)."""
        return self.grid.to_sheet(row.row, column.index)

    def ref(self, row: IndicatorRow, column: Column) -> str:
        """Where a clerk finds that value: 任务分解!C14."""
        return self.grid.ref(row.row, column.index)
