"""What a template is built for (TemplateSpec) and the names its sheets and 分解 columns carry."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..grid import column_letter
from ..kinds import DIRECTION_LABEL, KIND_LABEL, Direction, Kind

SPLIT_SHEET = "分解"
BASIS_SHEET = "基数"
GUIDE_SHEET = "说明"
DEFAULT_REGIONS = ["地区1", "地区2", "地区3", "地区4", "地区5", "地区6"]
DEFAULT_BASIS = ["规上工业用地面积(亩)", "上年规上工业增加值(亿元)", "常住人口(万人)", "营业收入(亿元)", "从业人员(人)"]
METHODS = [KIND_LABEL[k] for k in (Kind.SUM, Kind.WEIGHTED, Kind.UNIFORM, Kind.QUALITATIVE)]
DIRECTIONS = list(DIRECTION_LABEL.values())
LOWER = DIRECTION_LABEL[Direction.LOWER]  # 越低越好
LEAD = ["序号", "类别", "指标名称", "单位", "汇总方式", "权重依据", "方向"]
TOTAL, DIFF, RESPONSIBLE = "分解合计", "差额", "责任部门"
HEADER_ROW = 2  # 1-based; row 1 is the title
GUIDE_WIDTH = 72
BASIS_COLUMNS = 12  # 基数 columns offered to the 权重依据 dropdown (B:M)


@dataclass
class TemplateRow:
    """An indicator row of 分解 filled in (an imported table's): the lead columns, its target cells, its merges."""

    lead: list  # 序号, 类别, 指标名称, 单位, 汇总方式, 权重依据, 方向
    values: list  # the regions' targets then the parent's, as the table holds them (its own list, not copied)
    spans: dict[int, int] = field(default_factory=dict)  # merged target cells: first index -> last (into values)
    responsible: object = None


@dataclass
class TemplateSpec:
    """What a template is built for: the regions, the parent column, the year."""

    regions: list[str] = field(default_factory=lambda: list(DEFAULT_REGIONS))
    parent: str = "全市"
    year: int = 2024
    title: str | None = None
    basis: list[str] = field(default_factory=lambda: list(DEFAULT_BASIS))
    rows: int = 50  # indicator rows prepared with formulas and dropdowns
    settings: dict = field(default_factory=dict)  # 设置 values that differ from the defaults
    indicators: list[TemplateRow] = field(default_factory=list)  # 分解's first rows filled in (zhibiao import)
    # where the large sheets put their body rows to be streamed into the saved file (body.Body); None: openpyxl cells
    streams: list | None = field(default=None, repr=False, compare=False)

    def header(self) -> list[str]:
        return LEAD + self.regions + [self.parent, TOTAL, DIFF, RESPONSIBLE]

    def col(self, label: str) -> int:
        """0-based column of a 分解 header label."""
        return self.header().index(label)

    def letter(self, label: str) -> str:
        return column_letter(self.col(label))

    @property
    def first_row(self) -> int:
        """1-based row of the first indicator."""
        return HEADER_ROW + 1

    @property
    def last_row(self) -> int:
        return HEADER_ROW + self.rows
