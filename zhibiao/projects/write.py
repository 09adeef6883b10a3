"""Write-back of a project report: the 项目结果 and 项目赛马 sheets, each project's name in its light, the cells behind it."""

from __future__ import annotations

from pathlib import Path

from ..codes import SEVERITY_LABEL
from ..workbook.plan import Mark, ResultSheet, WritePlan
from .report import ProjectsReport
from .status import LIGHT_LABEL, ProjectStatus, pct

RESULT_SHEET = "项目结果"
RANK_SHEET = "项目赛马"  # both names hold 项目: `zhibiao check` skips them, and the reader never takes them for a list
OWNED = (RESULT_SHEET, RANK_SHEET)
_HEADER = ["项目名称", "地区", "类别", "灯", "原因", "计划开工", "实际开工", "计划竣工", "实际竣工", "年度计划投资(万元)",
           "本年累计(万元)", "投资完成率", "投资序时", "责任单位", "单元格"]
_WIDTHS = [30, 10, 7, 5, 50, 11, 11, 11, 11, 12, 12, 10, 9, 16, 14]


def _text(node) -> str:
    return node.text or ""


def _result_rows(report: ProjectsReport):
    rows, links, levels = [], {}, []
    order = {"red": 0, "yellow": 1, "green": 2, None: 3}
    for s in sorted(report.statuses, key=lambda s: (order[s.status], s.project.row)):
        p = s.project
        i = len(rows)
        rows.append([p.name, p.region, p.category or "", LIGHT_LABEL[s.status], "；".join(s.reasons),
                     _text(p.planned_start), _text(p.actual_start), _text(p.planned_finish), _text(p.actual_finish),
                     p.investment_plan, p.investment_done, pct(s.investment_rate) if s.investment_rate is not None else "",
                     pct(s.schedule) if s.schedule is not None else "", p.responsible or "", s.cell or ""])
        levels.append(s.status)
        if s.cell:
            links[(i, len(_HEADER) - 1)] = s.cell
    return rows, links, levels


def _rank_rows(report: ProjectsReport):
    rows, levels = [], []
    rates = {r.region: r for r in report.regions}
    last = max((r.rank for r in report.ranking), default=0)
    for row in report.ranking:
        r = rates[row.region]
        rows.append([row.rank, row.region, row.score, r.new_projects, r.started, pct(r.start_rate), pct(r.start_schedule),
                     r.finish_due, r.finished, pct(r.finish_rate), pct(r.investment_rate), pct(r.investment_schedule),
                     r.green, r.yellow, r.red, row.details.get("tie") or ""])
        levels.append("green" if row.rank == 1 else "red" if row.rank == last and last > 1 else None)
    t = report.total
    rows.append(["", t.region, "", t.new_projects, t.started, pct(t.start_rate), pct(t.start_schedule), t.finish_due,
                 t.finished, pct(t.finish_rate), pct(t.investment_rate), pct(t.investment_schedule), t.green, t.yellow, t.red, ""])
    levels.append(None)
    return rows, levels


def _comment(s: ProjectStatus) -> str:
    head = f"{LIGHT_LABEL[s.status]}灯" if s.status else "不评价"
    return f"{head}：{'；'.join(s.reasons)}"


def _marks(report: ProjectsReport) -> list[Mark]:
    plist = report.projects
    sheet = plist.sheet
    name_col = plist.columns["name"]
    marks: dict[tuple[int, int], Mark] = {}
    for s in report.statuses:
        r = s.project.row
        # the name carries the light and why; the cell behind a red or yellow light (the overdue date, the lagging
        # investment) is coloured too. Not the whole row: a 5,000-project list would record 70,000 cells in _zhibiao
        marks[(r, name_col)] = Mark(sheet, r, name_col, s.status or "info", _comment(s))
        for light, where in s.causes:
            position = s.project.cells.get(where)
            if position and position not in marks:
                marks[position] = Mark(sheet, *position, light, None)
    for f in report.findings:
        if f.position is None or f.sheet != sheet:
            continue
        text = f"{SEVERITY_LABEL[f.severity]}：{f.message}"
        seen = marks.get(f.position)
        if seen is None:
            marks[f.position] = Mark(sheet, *f.position, "error" if f.severity == "error" else "info", text)
        else:
            seen.comment = f"{seen.comment}\n{text}" if seen.comment else text
    return list(marks.values())


def plan_projects(report: ProjectsReport) -> WritePlan:
    """The write-back of `zhibiao projects`: two result sheets and every project row in its light."""
    rows, links, levels = _result_rows(report)
    bands = report.rules.bands.describe()
    results = ResultSheet(RESULT_SHEET, _HEADER, rows, links, levels,
                          f"{report.headline()}（{report.sheet}；节点逾期为红灯，推迟开工为黄灯；投资：{bands}）", widths=_WIDTHS)
    rank_rows, rank_levels = _rank_rows(report)
    ranking = ResultSheet(
        RANK_SHEET, ["名次", "地区", "得分", "新建项目", "已开工", "开工率", "开工序时", "应竣工", "已竣工", "竣工率",
                     "投资完成率", "投资序时", "绿灯", "黄灯", "红灯", "并列说明"],
        rank_rows, {}, rank_levels,
        f"{report.period_label} 重大项目赛马（{report.rules.method}：开工率、竣工率、投资完成率，满分100）",
        widths=[6, 12, 8, 8, 7, 8, 8, 7, 7, 8, 10, 9, 6, 6, 6, 40])
    return WritePlan([results, ranking], _marks(report), [], OWNED)


def default_output(src) -> Path:
    """清单.xlsx -> 清单.项目.xlsx beside it (the suffix, .xlsm included, is kept)."""
    src = Path(src)
    return src.with_name(f"{src.stem}.项目{src.suffix}")
