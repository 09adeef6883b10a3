"""Read a project list (重大项目清单) into plain records: `read_projects(book, period)` → ProjectList.

The list is a sheet whose name contains 项目 (sheets.py), one row per project, columns found by header (columns.py).
Cells that cannot be read become findings with their cell and are never read as 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..codes import CODES
from ..errors import NoTableFound, UsageError
from ..expr import ValueType, cell_text, fold_text, format_number, normalize_text, parse_target
from ..grid import Grid, Workbook
from ..progress import Period, parse_period
from ..report import Finding
from ..settings import read_settings
from . import columns as cols
from .dates import BLANK_NODE, NodeDate, parse_node
from .sheets import choose_list, list_period, project_sheets, title_and_unit

CATEGORIES = ("谋划", "前期", "新建", "续建")
_CATEGORY_WORDS = [("谋划", re.compile(r"谋划|储备")), ("前期", re.compile(r"前期")),
                   ("新建", re.compile(r"新建|新开工|新开|拟开工")), ("续建", re.compile(r"续建|在建|续建类"))]
_STOP = re.compile(r"^(注|备注|说明|附注|填报说明|填表说明|资料来源|数据来源)[:：\d、.]|^注$")
_TOTAL_ROW = re.compile(r"^(合计|总计|小计|全市合计|全市|全县|全区|汇总)$|^(合计|总计|小计)[:：(]")
_SECTION = re.compile(r"^[(（]?[一二三四五六七八九十]+[)）、.]|类项目|项目[(（]\d+个[)）]|^[^\d]{1,12}[(（]\d+个[)）]$")
_SECTION_WORDS = re.compile(r"^[(（]?[一二三四五六七八九十]+[)）、.]|[(（][^()（）]*[)）]$")
FIELD_LABEL = {"planned_start": "计划开工时间", "actual_start": "实际开工时间", "planned_finish": "计划竣工时间",
               "actual_finish": "实际竣工时间", "total": "总投资", "plan": "年度计划投资", "done": "本年累计完成投资",
               "intro_year": "引进年份"}
DATE_FIELDS = ("planned_start", "actual_start", "planned_finish", "actual_finish")


@dataclass
class Project:
    """One row of the list; investment in 万元, dates as NodeDate spans."""

    row: int  # 0-based row in the sheet
    name: str
    region: str
    category: str | None  # 谋划 / 前期 / 新建 / 续建; None when not given or not understood
    total_investment: float | None = None
    investment_plan: float | None = None  # 年度计划投资
    investment_done: float | None = None  # 本年累计完成投资
    planned_start: NodeDate = BLANK_NODE
    actual_start: NodeDate = BLANK_NODE
    planned_finish: NodeDate = BLANK_NODE
    actual_finish: NodeDate = BLANK_NODE
    progress_text: str | None = None  # 形象进度
    responsible: str | None = None
    intro_year: int | None = None  # 引进年份 / 入库时间
    seq: str | None = None
    cells: dict[str, tuple[int, int]] = field(default_factory=dict)  # field -> 0-based (row, col)


@dataclass
class ProjectList:
    """The projects of one list and what the reader noticed."""

    sheet: str
    period: Period
    period_source: str  # 工作表名称“…”, a cell reference, or --period
    projects: list[Project]
    findings: list[Finding]
    columns: dict[str, int]  # field -> 0-based column
    header_rows: tuple[int, int]
    title: str | None = None
    unit: str = "万元"
    grid: Grid | None = field(default=None, repr=False)

    def ref(self, project: Project, name: str = "name") -> str | None:
        """The clickable cell of a project's field (its name by default)."""
        where = project.cells.get(name)
        return self.grid.ref(*where) if where and self.grid else None


def _label(value) -> str:
    return normalize_text(cell_text(value))


def read_projects(book: Workbook, period: str | None = None, regions: list[str] | None = None) -> ProjectList:
    """The project list for a period (the latest list by default); `regions` are the split's, for checking names."""
    sheets = project_sheets(book)
    if not sheets:
        where = book.path.name if book.path else "工作簿"
        raise NoTableFound(f"{where} 中没有重大项目清单（工作表名称含“项目”，表头有 项目名称 和 计划开工时间、年度计划投资 等列）")
    settings = read_settings(book)
    year_hint = int(settings.number("年度")) if book.grid("设置") and settings.number("年度") else None
    dated = []
    for grid, header in sheets:
        title, _ = title_and_unit(grid, header[0])
        p, where = list_period(grid, header[0], title, year_hint)
        dated.append((grid, header, p, where))
    wanted = None
    if period is not None:
        wanted = parse_period(period)
        if wanted is None:
            raise UsageError(f"无法识别的期间“{period}”，请写成 2023-06 或 2023年1-6月")
    chosen = choose_list(dated, wanted)
    grid, (first, last, labels), p, where = chosen
    if p is None:
        p, where = wanted, "--period"
    unit = settings.text("项目投资单位") or "万元"
    if unit not in cols.TO_WAN:
        unit = "万元"
    return _Reader(grid, first, last, labels, p, where, unit, regions).read()


class _Reader:
    """Walks the rows under the header; one Project per row that names a project."""

    def __init__(self, grid, first, last, labels, period, where, unit, regions):
        self.grid, self.period, self.where = grid, period, where
        self.first, self.last, self.labels = first, last, labels
        self.columns = cols.assign(labels)
        self.findings: list[Finding] = []
        self.title, line_unit = title_and_unit(grid, first)
        self.units = {}
        for name in cols.INVESTMENT_FIELDS:
            if name in self.columns:
                stated = cols.unit_of(labels[self.columns[name]]) or line_unit
                self.units[name] = stated or unit
                if stated is None:
                    self._add("project-unit-assumed", None, (last, self.columns[name]), field=FIELD_LABEL[name], unit=unit)
        self.regions = regions
        self.region_keys = {_region_key(r): r for r in regions or []}

    def read(self) -> ProjectList:
        grid, width = self.grid, self.grid.width
        projects: list[Project] = []
        section_category = section_region = None
        seen: dict[str, int] = {}
        for r in range(self.last + 1, grid.height):
            cells = grid.filled_row(r, width)
            texts = [_label(v) for v in cells]
            filled = [t for t in texts if t]
            if not filled:
                continue
            if _STOP.match(filled[0]):
                break
            name = self._text(cells, "name")
            seq = self._text(cells, "seq")
            if _TOTAL_ROW.match(normalize_text(name or "")) or _TOTAL_ROW.match(normalize_text(seq or "")):
                continue
            if len(set(filled)) == 1 and (_SECTION.search(filled[0]) or not name or len(filled) == 1):
                # a section heading (一、新建类项目（12个）or a region) groups the rows below
                category = _category(filled[0])
                if category:
                    section_category = category
                elif "region" not in self.columns:
                    section_region = _SECTION_WORDS.sub("", filled[0]) or None
                continue
            if not name:
                if any(t for i, t in enumerate(texts) if i != self.columns.get("seq")):
                    self._add("project-name-missing", None, (r, self.columns["name"]))
                continue
            project = self._project(r, cells, name, seq, section_category, section_region)
            key = normalize_text(name)
            if key in seen:
                self._add("project-duplicate", project, (r, self.columns["name"]), first=seen[key] + 1)
            else:
                seen[key] = r
            projects.append(project)
        return ProjectList(grid.name, self.period, self.where, projects, self.findings, self.columns,
                           (self.first, self.last), self.title, "万元", grid)

    def _text(self, cells, name: str) -> str | None:
        c = self.columns.get(name)
        if c is None or c >= len(cells):
            return None
        text = fold_text(cell_text(cells[c]))
        return text or None

    def _project(self, r, cells, name, seq, section_category, section_region) -> Project:
        p = Project(r, name, "", None, seq=seq)
        p.cells = {f: (r, c) for f, c in self.columns.items()}
        raw_region = self._text(cells, "region") or section_region
        if raw_region:
            p.region = self._region(p, raw_region)
        else:
            p.region = "未注明地区"
            if "region" in self.columns:
                self._add("project-region-missing", p, p.cells["region"], region=p.region)
        raw_category = self._text(cells, "category")
        p.category = _category(raw_category) if raw_category else section_category
        if raw_category and p.category is None:
            self._add("project-category-unknown", p, p.cells["category"], raw=raw_category)
        for f, attr in (("total", "total_investment"), ("plan", "investment_plan"), ("done", "investment_done")):
            if f in self.columns:
                setattr(p, attr, self.money(p, cells, f))
        year = self.period.year
        for f in DATE_FIELDS:
            if f in self.columns:
                setattr(p, f, self._node(p, cells, f, year))
        p.progress_text = self._text(cells, "progress")
        p.responsible = self._text(cells, "responsible")
        if "intro_year" in self.columns:
            intro = parse_node(cells[self.columns["intro_year"]], None)
            p.intro_year = intro.first.year if intro.first else None
            if intro.kind == "unparsed":
                self._add("project-value-unparsed", p, p.cells["intro_year"], field="引进年份", raw=intro.text)
        self._row_checks(p)
        return p

    def _region(self, p: Project, raw: str) -> str:
        if not self.region_keys:
            return raw
        known = self.region_keys.get(_region_key(raw))
        if known:
            return known
        self._add("project-region-unknown", p, p.cells.get("region"), raw=raw, known="、".join(self.regions))
        return raw

    def money(self, p: Project, cells, f: str) -> float | None:
        raw = cells[self.columns[f]]
        factor = cols.TO_WAN[self.units[f]]
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            return float(raw) * factor
        text = normalize_text(cell_text(raw))
        if not text:
            return None
        unit = cols.unit_of(text)
        target = parse_target(re.sub(r"(亿元|万元|元)$", "", text) if unit else text)
        if target.type is ValueType.NUMBER and target.value is not None:
            return target.value * (cols.TO_WAN[unit] if unit else factor)
        if target.type is not ValueType.NOT_APPLICABLE:
            self._add("project-value-unparsed", p, p.cells[f], field=FIELD_LABEL[f], raw=fold_text(cell_text(raw)))
        return None

    def _node(self, p: Project, cells, f: str, year: int) -> NodeDate:
        node = parse_node(cells[self.columns[f]], year)
        if node.kind == "unparsed":
            self._add("project-date-unparsed", p, p.cells[f], field=FIELD_LABEL[f], raw=node.text)
        elif node.ambiguous:
            self._add("project-date-ambiguous", p, p.cells[f], field=FIELD_LABEL[f], raw=node.text, year=node.first.year)
        return node

    def _row_checks(self, p: Project) -> None:
        if p.actual_start.first and p.actual_finish.first and p.actual_start.first > p.actual_finish.last:
            self._add("project-dates-reversed", p, p.cells["actual_start"], start=p.actual_start.text, finish=p.actual_finish.text)
        done, plan, total = p.investment_done, p.investment_plan, p.total_investment
        if done is None:
            return
        why = None
        if total is not None and total > 0 and done > total * (1 + 1e-9):
            why = f"超过总投资{money(total)}"
        elif plan is not None and plan > 0 and done > plan * 3:
            why = f"超过年度计划投资{money(plan)}的3倍"
        if why:
            self._add("project-investment-suspect", p, p.cells["done"], done=money(done), why=why)

    def _add(self, code: str, p: Project | None, position, **fields) -> None:
        message = CODES[code][1].format(**fields)
        raw = fields.get("raw")
        self.findings.append(Finding(
            code, message, indicator=p.name if p else None, region=p.region or None if p else None,
            cell=self.grid.ref(*position) if position else None, raw=None if raw is None else str(raw),
            sheet=self.grid.name, position=position))


def _category(text: str | None) -> str | None:
    if not text:
        return None
    folded = normalize_text(text)
    for name, pattern in _CATEGORY_WORDS:
        if pattern.search(folded):
            return name
    return None


def _region_key(name: str) -> str:
    """吴兴 and 吴兴区 are one region; 南太湖新区 keeps its 新区."""
    key = normalize_text(name)
    return re.sub(r"(?<=..)(区|县|市|镇|街道|乡)$", "", key) if not key.endswith("新区") else key


def money(x: float | None) -> str:
    """万元 in bureau form: 1.2亿元 from 10000万元 up, else 3500万元."""
    if x is None:
        return "—"
    return f"{format_number(x / 1e4, 2)}亿元" if abs(x) >= 1e4 else f"{format_number(x, 2)}万元"
