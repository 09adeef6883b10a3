"""Write-back of a progress report: the 进度结果 and 进度赛马 sheets, and coloured cells on the 进度 sheet."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..codes import SEVERITY_LABEL
from ..expr import format_number
from .report import ProgressReport
from .status import LIGHT_LABEL, Status
from ..workbook.plan import Mark, ResultSheet, WritePlan

RESULT_SHEET = "进度结果"
RANK_SHEET = "进度赛马"  # the name holds 进度 so `zhibiao check` skips it (layout.SKIP_SHEETS)
OWNED = (RESULT_SHEET, RANK_SHEET)


@lru_cache(maxsize=1 << 16)  # a status's completion is shown twice (说明 and 完成率), the period's schedule 10,000 times
def _pct(x: float | None) -> str:
    return "" if x is None else f"{format_number(x * 100, 1)}%"


def explain(s: Status) -> str:
    """One Chinese sentence on a light: 完成58.3%，序时进度50%，超前8.3个百分点."""
    if s.status is None or s.completion is None:
        return s.note or ""
    against = "序时进度" if s.kind == "sum" else "目标"
    lag = s.lag or 0.0
    where = "持平" if abs(lag) < 0.05 else (f"落后{format_number(lag, 1)}个百分点" if lag > 0 else f"超前{format_number(-lag, 1)}个百分点")
    lower = "（越低越好）" if s.direction == "lower" else ""
    return f"完成{_pct(s.completion)}，{against}{_pct(s.schedule)}，{where}{lower}"


def _status_rows(report: ProgressReport, explained: list[str]):
    rows, links, levels = [], {}, []
    for s, sentence in zip(report.statuses, explained):
        i = len(rows)
        schedule = _pct(s.schedule) if s.kind == "sum" or s.schedule is None else "对照目标"
        rows.append([s.display_name or s.indicator, s.region, s.actual, s.target, _pct(s.completion), schedule,
                     None if s.lag is None else round(s.lag, 1), LIGHT_LABEL[s.status], sentence,
                     s.cell or "", s.responsible or ""])
        levels.append(s.status)
        if s.cell:
            links[(i, 9)] = s.cell
    return rows, links, levels


def _rank_rows(report: ProgressReport):
    rows, levels = [], []
    last = max((r.rank for r in report.standings), default=0)
    for r in report.standings:
        lights = r.details.get("lights", {})
        rows.append([r.rank, r.region, r.score, lights.get("green", 0), lights.get("yellow", 0), lights.get("red", 0),
                     r.details.get("tie") or "", r.method])
        levels.append("green" if r.rank == 1 else "red" if r.rank == last and last > 1 else None)
    return rows, levels


def _marks(report: ProgressReport, explained: list[str]) -> list[Mark]:
    marks: dict[tuple[int, int], Mark] = {}
    for s, sentence in zip(report.statuses, explained):
        if s.position is None or s.status is None:
            continue
        marks[s.position] = Mark(report.sheet, *s.position, s.status, f"{LIGHT_LABEL[s.status]}灯：{sentence}")
    for f in report.findings:
        if f.position is None or f.sheet != report.sheet:
            continue
        text = f"{SEVERITY_LABEL[f.severity]}：{f.message}"
        seen = marks.get(f.position)
        if seen is None:
            # a warning's yellow would read as a yellow light: unlit problems are blue, errors red
            level = "error" if f.severity == "error" else "info"
            marks[f.position] = Mark(report.sheet, *f.position, level, text)
        else:
            seen.comment = f"{seen.comment}\n{text}"
    return list(marks.values())


def plan_progress(report: ProgressReport) -> WritePlan:
    """The write-back of `zhibiao progress`: two result sheets and a light on every actual figure."""
    explained = [explain(s) for s in report.statuses]  # for the 说明 column and the lights' comments alike
    rows, links, levels = _status_rows(report, explained)
    bands = report.rules.bands.describe() if report.rules else ""
    summary = f"{report.headline()}（{report.sheet}；{bands}）"
    statuses = ResultSheet(
        RESULT_SHEET, ["指标", "地区", "实际值", "目标", "完成率", "序时进度", "落后(百分点)", "灯", "说明", "单元格", "责任部门"],
        rows, links, levels, summary, widths=[34, 11, 10, 10, 9, 9, 12, 6, 44, 16, 14],
    )
    rank_rows, rank_levels = _rank_rows(report)
    method = report.rules.method if report.rules else ""
    ranking = ResultSheet(
        RANK_SHEET, ["名次", "地区", "得分", "绿灯", "黄灯", "红灯", "并列说明", "计分方法"], rank_rows, {}, rank_levels,
        f"{report.period_label} 赛马排名（{method}，按赛马权重加权，满分100）", widths=[7, 12, 9, 7, 7, 7, 50, 11],
    )
    return WritePlan([statuses, ranking], _marks(report, explained), [], OWNED)


def default_output(src) -> Path:
    """进度表.xlsx -> 进度表.进度.xlsx beside it (.xlsm is kept; any other format gets an .xlsx copy)."""
    from ..workbook.plan import default_output as tagged

    return tagged(src, "进度")
