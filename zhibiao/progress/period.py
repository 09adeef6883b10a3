"""Find the 进度 sheets of a workbook and the period (报告期) each one reports."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..errors import NoTableFound, UsageError
from ..expr import normalize_text
from ..grid import Grid, Workbook

# 进度 / 进度表 / 完成进度 …, but not our own result sheet
PROGRESS_SHEET = re.compile(r"进度")
NOT_PROGRESS = re.compile(r"^(进度结果|进度赛马|校验结果|说明|设置)")
_CN_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4, "上": 2, "下": 4}
_Y = r"(?P<y>(?:19|20)\d{2})"
# most specific first: 2023年1-6月 is June, not January
_PATTERNS = [
    re.compile(_Y + r"年?度?(?:1|一)月?[-—~～至到](?P<m>\d{1,2})月"),
    re.compile(_Y + r"年?度?(?:第)?(?P<q>[一二三四1-4])季度?"),
    re.compile(_Y + r"年?度?[Qq](?P<q>[1-4])"),
    re.compile(_Y + r"年?度?前(?P<qq>[一二三1-3])季度?"),
    re.compile(_Y + r"年?度?(?P<h>[上下])半年"),
    re.compile(_Y + r"年?度?全年"),
    re.compile(_Y + r"(?:年|[-./_])(?P<m>\d{1,2})(?:月|(?!\d))"),
    re.compile(_Y + r"(?P<m>0[1-9]|1[0-2])(?!\d)"),
]
_LABELLED = re.compile(r"(报告期|统计期|期间|数据期|截至|截止|时间)")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: the year and the last month it covers (cumulative from January)."""

    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def label(self) -> str:
        """The Chinese form used in sheets and messages: 2023年1-6月."""
        return f"{self.year}年1月" if self.month == 1 else f"{self.year}年1-{self.month}月"


def parse_period(value) -> Period | None:
    """The period a cell value or sheet name names: 2023-06, 2023年1-6月, 2023年二季度, 2023年上半年…"""
    if isinstance(value, (dt.date, dt.datetime)):
        return Period(value.year, value.month)
    if value is None:
        return None
    text = normalize_text(str(value))
    for pattern in _PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        parts = m.groupdict()
        year = int(parts["y"])
        if parts.get("m"):
            month = int(parts["m"])
        elif parts.get("q"):
            month = 3 * _number(parts["q"])
        elif parts.get("qq"):
            month = 3 * _number(parts["qq"])
        elif parts.get("h"):
            month = 3 * _CN_DIGIT[parts["h"]]
        else:
            month = 12
        if 1 <= month <= 12:
            return Period(year, month)
    return None


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _CN_DIGIT[text]


@dataclass
class ProgressSheet:
    """A 进度 sheet, the period it reports, and where that period was read."""

    grid: Grid
    period: Period | None
    where: str  # 工作表名称 or the cell the period was read from


def _period_in_cells(grid: Grid) -> tuple[Period, str] | None:
    """A period written in the sheet: a title such as 2023年1-6月…, or a 报告期 label beside its value."""
    for r in range(min(grid.height, 8)):
        for c, value in enumerate(grid.rows[r]):
            if value in (None, ""):
                continue
            text = normalize_text(str(value))
            if _LABELLED.search(text) and not re.search(r"\d", text):
                period = parse_period(grid.raw(r, c + 1)) or parse_period(grid.raw(r + 1, c))
            else:
                period = parse_period(value)
            if period:
                return period, grid.ref(r, c)
    return None


def progress_sheets(book: Workbook) -> list[ProgressSheet]:
    """Every 进度 sheet, with the period from its name or, failing that, from a cell near the top."""
    found = []
    for grid in book.grids:
        if not PROGRESS_SHEET.search(grid.name) or NOT_PROGRESS.match(grid.name):
            continue
        period = parse_period(grid.name)
        where = f"工作表名称“{grid.name}”"
        if period is None and (inside := _period_in_cells(grid)):
            period, where = inside
        found.append(ProgressSheet(grid, period, where))
    return found


def choose_sheet(book: Workbook, period: str | None) -> ProgressSheet:
    """The 进度 sheet for the asked period, or the latest one."""
    sheets = progress_sheets(book)
    if not sheets:
        where = book.path.name if book.path else "工作簿"
        raise NoTableFound(f"{where} 中没有进度工作表（名称含“进度”，如“进度 2023-06”，与分解表同样的行列）")
    undated = [s.grid.name for s in sheets if s.period is None]
    dated = [s for s in sheets if s.period is not None]
    if period is not None:
        wanted = parse_period(period)
        if wanted is None:
            raise UsageError(f"无法识别的期间“{period}”，请写成 2023-06 或 2023年1-6月")
        matching = [s for s in dated if s.period == wanted]
        if not matching:
            have = "、".join(str(s.period) for s in dated) or "无"
            raise UsageError(f"没有 {wanted} 的进度工作表（已有期间：{have}）")
    elif dated:
        latest = max(s.period for s in dated)
        matching = [s for s in dated if s.period == latest]
    else:
        raise UsageError(f"进度工作表“{'、'.join(undated)}”没有注明期间：请在表名或标题中写明，如“进度 2023-06”")
    if len(matching) > 1:
        names = "、".join(s.grid.name for s in matching)
        raise UsageError(f"期间 {matching[0].period} 有多张进度工作表：{names}，请只保留一张")
    return matching[0]
