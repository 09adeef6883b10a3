"""Find decomposition and target tables in a grid: header rows, column roles, data rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from .expr import ValueType, cell_text, fold_text, normalize_text, parse_target
from .grid import Grid


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


_ROLE_PATTERNS: list[tuple[Role, re.Pattern]] = [
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
    (Role.PERIOD, re.compile(r"^((19|20)\d{2})年?度?(目标值?|目标任务|计划|预期)?$|^(年度目标值?|目标值)$")),
    (Role.IGNORE, re.compile(r"^(备注|说明|校验|校验结果|分解合计|差额|状态|结论|汇总方式\(推断\)|数据来源|来源)$")),
]
_NOTE_ROW = re.compile(r"^(注|备注|说明|附注|资料来源|数据来源|填报说明|填表说明)[:：\d、.]|^注$")
_SECTION_ROW = re.compile(r"^[(（]?[一二三四五六七八九十]+[)）、]")
_YEAR = re.compile(r"(19|20)\d{2}")
BASIS_SHEET = re.compile(r"基数|权重|基期")  # weights (basis.py reads them), never targets
SKIP_SHEETS = re.compile(rf"^(说明|设置|校验结果|进度结果|xlwings\.conf|_)|进度|{BASIS_SHEET.pattern}")

_STARTS_HEADER = {Role.SEQ, Role.CATEGORY, Role.NAME}  # roles a header row begins with
_UNIT_CELL = re.compile(r"^\(?(计量)?单位\)?([:：].*)?$|^(?!/+$)[个家项亩件人台户次吨座套条所元万亿千百标准煤瓦米公里平方/%‰]{1,8}$")

HEADER_SCAN_ROWS = 30


def role_of(label: str) -> Role | None:
    """The role a header label names, or None for a region name (or nothing)."""
    for role, pattern in _ROLE_PATTERNS:
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


def _label(value) -> str:
    return normalize_text(cell_text(value))


def _is_title_row(grid: Grid, row: int, cells: list[str]) -> bool:
    filled = [c for c, text in enumerate(cells) if text]
    if not filled:
        return True
    origins = {grid.origin(row, c) for c in filled}
    return len(origins) == 1


def _is_header(cells: list[str]) -> bool:
    """Labels that name at least two known roles, or one and three more words (regions)."""
    roles = [role_of(t) for t in cells if t]
    known = [x for x in roles if x not in (None, Role.IGNORE)]
    texty = [t for t in cells if t and parse_target(t).type in (ValueType.QUALITATIVE, ValueType.UNPARSED)]
    distinct = {t for t in cells if t}
    return len(set(known)) >= 2 or bool(known and len(texty) >= 3 and len(distinct) >= 3)


def _find_header(grid: Grid, width: int, start: int = 0) -> tuple[int, list[str]] | None:
    """First row, within the rows from start, that reads as a header."""
    for r in range(start, min(start + HEADER_SCAN_ROWS, grid.height)):
        cells = [_label(v) for v in grid.filled_row(r, width)]
        if not _is_title_row(grid, r, cells) and _is_header(cells):
            return r, cells
    return None


def _is_band(grid: Grid, row: int, col: int) -> bool:
    """A header cell merged across columns (指标 over 名称/单位): the row below may name its parts."""
    r, c = grid.origin(row, col)
    return c != col or grid.origin(row, col + 1) == (r, c)


def _continues_header(grid: Grid, row: int, width: int, upper: list[str]) -> list[str] | None:
    """The lower row of a two-row header: its cells under role labels repeat them (vertical merges)."""
    if row >= grid.height:
        return None
    cells = [_label(v) for v in grid.filled_row(row, width)]
    if not any(cells):
        return None
    for c, label in enumerate(upper):
        if role_of(label) not in (None, Role.IGNORE) and cells[c] and cells[c] != label:
            if not (_is_band(grid, row - 1, c) and role_of(cells[c]) not in (None, Role.IGNORE)):
                return None
    for c, text in enumerate(cells):
        if text and parse_target(text).is_number and text != upper[c]:
            return None
    return cells


def _note_or_stop(text: str) -> bool:
    return bool(_NOTE_ROW.match(text))


def detect_tables(grid: Grid) -> list[Table]:
    """Every indicator table in a grid, top to bottom (a 目标体系 may sit under the 分解表)."""
    tables: list[Table] = []
    start = 0
    while start < grid.height and (table := detect_table(grid, start)):
        tables.append(table)
        start = table.end
    return tables


def detect_table(grid: Grid, start: int = 0) -> Table | None:
    """Find the (first) indicator table in a grid from row start, or None if it holds none."""
    width = grid.width
    found = _find_header(grid, width, start)
    if not found:
        return None
    first, labels = found
    last = first
    lower = _continues_header(grid, first + 1, width, labels)
    if lower is not None:
        last = first + 1
        labels = [lo or up for lo, up in zip(lower, labels)]
    title = None
    for r in range(start, first):
        texts = [_label(v) for v in grid.rows[r] if _label(v)]
        if texts:
            title = " ".join(str(v).strip() for v in grid.rows[r] if _label(v))
            break
    data_start = last + 1
    columns = _assign_roles(grid, labels, data_start, width)
    if columns is None:
        return None
    kinds = {c.role for c in columns}
    if Role.REGION in kinds and (Role.PARENT in kinds or Role.NAME in kinds):
        kind = TableKind.SPLIT
    elif Role.PERIOD in kinds and Role.NAME in kinds:
        kind = TableKind.TARGETS
    else:
        return None
    table = Table(grid, kind, (first, last), columns, title)
    table.rows = list(_indicator_rows(table, data_start, width))
    if not table.rows:
        return None
    return table


def _assign_roles(grid: Grid, labels: list[str], data_start: int, width: int) -> list[Column] | None:
    columns: list[Column] = []
    sample = range(data_start, min(grid.height, data_start + 40))
    for c, label in enumerate(labels):
        role = role_of(label) if label else None
        if role is None and label:
            if _YEAR.fullmatch(label):
                role = Role.PERIOD
            else:
                role = Role.REGION
        if role is None:
            # an unlabeled column: the name column if it holds text, else a spacer
            texts = [_label(grid.value(r, c)) for r in sample]
            texts = [t for t in texts if t]
            if texts and not any(col.role is Role.NAME for col in columns):
                wordy = sum(1 for t in texts if parse_target(t).type in (ValueType.QUALITATIVE, ValueType.UNPARSED))
                if wordy >= max(1, len(texts) // 2):
                    role = Role.NAME
            role = role or Role.IGNORE
        columns.append(Column(c, label, role))
    names = [col for col in columns if col.role is Role.NAME]
    if len(names) > 1:  # 指标 as a band over 一级/二级: the last name column is the indicator
        for col in names[:-1]:
            col.role = Role.CATEGORY
    if not any(col.role is Role.NAME for col in columns):
        return None
    name_col = next(col for col in columns if col.role is Role.NAME)
    for col in columns:
        if col.role is Role.REGION and col.index < name_col.index:
            col.role = Role.IGNORE  # text left of the name column is not a region
    return columns


def _repeats_header(cells: list, value_columns: list[Column]) -> bool:
    """The header row again (a table pasted from a paged annex): its value columns carry their labels."""
    first = value_columns[0]
    v = cells[first.index]
    if not isinstance(v, str) or _label(v) != first.label:
        return False
    same = sum(1 for c in value_columns if _label(cells[c.index]) == c.label)
    return same * 2 >= len(value_columns)


def _ends_table(first_text: str, cells: list) -> bool:
    """A note below the table, or the header of another table (a 目标体系 under the 分解表)."""
    if _note_or_stop(first_text):
        return True
    if role_of(first_text) not in _STARTS_HEADER or any(_is_figure(v) for v in cells):
        return False  # a row named 指标 with figures in it is data
    return _is_header([_label(v) for v in cells])


def _is_figure(value) -> bool:
    """A number that is not a year label (a header may hold 2023, 2025 as numbers)."""
    return type(value) in (int, float) and not (float(value).is_integer() and 1900 <= value <= 2100)


def _is_unit_row(name: str, cells: list) -> bool:
    """A row of 单位：… or bare unit cells under the header: part of the header, not an indicator."""
    if name and not _UNIT_CELL.match(name):
        return False
    texts = [t for t in map(_label, cells) if t]
    return bool(texts) and all(_UNIT_CELL.match(t) for t in texts)


def _shown_percent(grid: Grid, row: int, value_idx: list[int], values: list) -> list:
    """Cells formatted as percent hold fractions (Excel stores 48% as 0.48); a (%) row means what they show."""
    cells = grid.percent_cells()
    if not cells:
        return values
    return [round(v * 100, 9) if type(v) is float and (row, c) in cells else v for c, v in zip(value_idx, values)]


def _indicator_rows(table: Table, start: int, width: int):
    grid = table.grid
    cols = {role: table.column(role) for role in Role}
    value_columns = table.value_columns
    value_idx = [c.index for c in value_columns]
    contiguous = value_idx == list(range(value_idx[0], value_idx[0] + len(value_idx))) if value_idx else False
    name_c = cols[Role.NAME].index
    unit_c = cols[Role.UNIT].index if cols[Role.UNIT] else None
    category = None
    table.end = grid.height
    for r in range(start, grid.height):
        cells = grid.filled_row(r, width)
        first_text = next((t for t in map(_label, cells) if t), "")
        if not first_text:
            continue
        if value_columns and _repeats_header(cells, value_columns):
            continue
        if _ends_table(first_text, cells):
            table.end = r
            return
        raw_name = cells[name_c]
        name = _label(raw_name)
        if _is_unit_row(name, cells):
            continue
        if contiguous:
            values = list(cells[value_idx[0]:value_idx[-1] + 1])
            values += [None] * (len(value_idx) - len(values))
        else:
            values = [cells[i] if i < len(cells) else None for i in value_idx]
        if "%" in name or unit_c is not None and "%" in _label(cells[unit_c]):
            values = _shown_percent(grid, r, value_idx, values)
        if not name or (_SECTION_ROW.match(name) and not any(_label(v) for v in values)):
            if not any(_label(v) for v in values):
                if _SECTION_ROW.match(first_text) or sum(1 for v in cells if _label(v)) == 1:
                    category = first_text
                continue
            name = f"第{r + 1}行"
        if r in grid.merged_rows and _is_title_row(grid, r, [_label(v) for v in cells]) and not any(grid.is_merge_origin(r, i) and _label(cells[i]) for i in value_idx):
            # one merged cell across the row: a section heading
            category = first_text
            continue

        def text(role: Role):
            col = cols[role]
            if col is None:
                return None
            v = cells[col.index]
            return fold_text(str(v)) if _label(v) else None

        cat = text(Role.CATEGORY)
        if cat:
            category = cat
        yield IndicatorRow(
            row=r,
            name=name,
            display_name=fold_text(str(raw_name)) if _label(raw_name) else name,
            seq=text(Role.SEQ),
            category=category,
            unit=text(Role.UNIT),
            method=text(Role.METHOD),
            weight_hint=text(Role.WEIGHT),
            direction=text(Role.DIRECTION),
            responsible=text(Role.RESPONSIBLE),
            score_weight=cells[cols[Role.SCORE_WEIGHT].index] if cols[Role.SCORE_WEIGHT] else None,
            values=values,
        )
