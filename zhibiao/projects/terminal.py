"""Terminal output of `zhibiao projects`: the regions' rates, the red and yellow projects, the 赛马, the findings."""

from __future__ import annotations

from rich.table import Table as RichTable
from rich.text import Text

from ..codes import SEVERITY_LABEL
from ..expr import format_number
from .report import ProjectsReport
from .status import LIGHT_LABEL, pct

_COLOR = {"green": "green", "yellow": "yellow", "red": "bold red"}
YELLOW_SHOWN = 20  # the rest are in the 项目结果 sheet of --write and in --json


def _rate(value: float | None, against: float | None) -> Text:
    """A rate, red when below what is due."""
    if value is None:
        return Text("—", style="dim")
    style = "bold red" if against is not None and value < against - 1e-9 else ""
    return Text(pct(value), style=style)


def print_projects(out, report: ProjectsReport, title: str) -> None:
    """The readable Chinese report of a project list."""
    s = report.summary()
    out.print(Text.assemble((title, "bold"), "：", report.headline()))
    out.print(Text(f"  清单 {report.sheet}（期间取自{report.projects.period_source}）；开工序时 {s['start_schedule']}，"
                   f"投资序时 {s['investment_schedule']}；投资亮灯：{s['preset']}（{s['bands']['text']}）"))
    table = RichTable(title="各地区开工率、竣工率、投资完成率", header_style="bold")
    for col in ("地区", "项目", "新建", "已开工", "开工率", "开工序时", "应竣工", "已竣工", "竣工率", "投资完成率", "投资序时", "绿/黄/红"):
        table.add_column(col, justify="left" if col == "地区" else "right", no_wrap=True)
    for r in report.regions + [report.total]:
        table.add_row(Text(r.region, style="bold" if r is report.total else ""), str(r.projects), str(r.new_projects),
                      str(r.started), _rate(r.start_rate, r.start_schedule), pct(r.start_schedule), str(r.finish_due),
                      str(r.finished), _rate(r.finish_rate, None), _rate(r.investment_rate, r.investment_schedule),
                      pct(r.investment_schedule), f"{r.green}/{r.yellow}/{r.red}")
    out.print(table)
    for c in report.cohorts:
        parts = [f"{label}{pct(getattr(c, m))}（目标{pct(c.extras[m + '_target'])}）"
                 for m, label in (("start_rate", "开工率"), ("finish_rate", "竣工率"), ("investment_rate", "投资完成率"))
                 if m + "_target" in c.extras]
        out.print(Text(f"  {c.region}{c.projects}个：" + "，".join(parts)))
    flagged = [x for x in report.statuses if x.status == "red"]
    yellow = [x for x in report.statuses if x.status == "yellow"]
    if flagged or yellow:
        lights = RichTable(title="红灯、黄灯项目", header_style="bold", show_lines=True)
        for col in ("灯", "项目", "地区", "类别", "原因", "责任单位", "单元格"):
            lights.add_column(col, overflow="fold", no_wrap=col in ("灯", "单元格"))
        for x in flagged + yellow[:YELLOW_SHOWN]:
            p = x.project
            lights.add_row(Text(LIGHT_LABEL[x.status], style=_COLOR[x.status]), Text(p.name), Text(p.region),
                           Text(p.category or "—"), Text("；".join(x.reasons)), Text(p.responsible or "—"), Text(x.cell or ""))
        out.print(lights)
        if len(yellow) > YELLOW_SHOWN:
            out.print(Text(f"  另有黄灯项目{len(yellow) - YELLOW_SHOWN}个，见 --write 生成的“项目结果”表或 --json。"))
    if report.ranking:
        race = RichTable(title=f"重大项目赛马（{report.ranking[0].method}）", header_style="bold")
        for col in ("名次", "地区", "得分", "说明"):
            race.add_column(col, overflow="fold", no_wrap=col != "说明")
        for r in report.ranking:
            race.add_row(f"{r.rank}{'（并列）' if r.tied else ''}", Text(r.region), format_number(r.score, 2),
                         Text(r.details.get("tie") or ""))
        out.print(race)
    if report.findings:
        table = RichTable(title="发现的问题", header_style="bold", show_lines=True)
        for col in ("级别", "代码", "项目", "地区", "单元格", "说明"):
            table.add_column(col, overflow="fold", no_wrap=col in ("级别", "代码", "单元格"))
        for f in report.findings:
            table.add_row(SEVERITY_LABEL[f.severity], f.code, Text(f.indicator or ""), Text(f.region or ""), f.cell or "",
                          Text(f.message))
        out.print(table)
