"""Terminal output of `zhibiao progress`: a light matrix (indicators × regions), the 赛马 table, the findings."""

from __future__ import annotations

from rich.table import Table as RichTable

from ..codes import SEVERITY_LABEL
from ..expr import format_number
from .report import ProgressReport
from .status import LIGHT_LABEL

_COLOR = {"green": "green", "yellow": "yellow", "red": "bold red"}


def _cell(s) -> str:
    """完成率 for additive indicators, the value for rates; coloured by the light."""
    if s.status is None:
        return "[dim]—[/]" if s.actual is None else f"[dim]{format_number(s.actual, 2)}[/]"
    shown = f"{format_number(s.completion * 100, 1)}%" if s.kind == "sum" and s.completion is not None else format_number(s.actual, 2)
    return f"[{_COLOR[s.status]}]{LIGHT_LABEL[s.status]} {shown}[/]"  # the word reads without colour, too


def _against(cells) -> str:
    """What the row is held to: 序时进度 for additive indicators, the target itself for rates."""
    lit = [s for s in cells.values() if s.schedule is not None]
    if not lit:
        return ""
    if lit[0].kind == "sum":
        return f"序时{format_number(lit[0].schedule * 100, 1)}%"
    return "目标"


def print_progress(out, report: ProgressReport, title: str) -> None:
    """The readable Chinese progress report."""
    summary = report.summary()
    out.print(f"[bold]{title}[/]：{report.headline()}")
    if not report.lit:
        out.print(f"{report.nothing_lit()}。", style="yellow", markup=False)
    out.print(f"  进度表 [bold]{report.sheet}[/]，目标取自 [bold]{report.split_sheet}[/]")
    out.print(f"  亮灯规则：{summary['preset']}（{summary['bands']['text']}）")
    out.print(f"  序时进度：{summary['schedule']}；累计类指标比完成率，比率类指标比实际值与目标")
    columns = report.regions + [report.parent]
    matrix = RichTable(title="红黄绿（累计类为完成率，比率类为实际值）", header_style="bold")
    matrix.add_column("指标", overflow="fold", max_width=26)
    matrix.add_column("对照", no_wrap=True)
    for name in columns:
        matrix.add_column(name, no_wrap=True, justify="right")
    rows: dict[str, dict[str, object]] = {}
    names: dict[str, str] = {}
    for s in report.statuses:
        rows.setdefault(s.indicator, {})[s.region] = s
        names[s.indicator] = s.display_name or s.indicator
    for indicator, cells in rows.items():
        matrix.add_row(names[indicator], _against(cells), *[_cell(cells[c]) if c in cells else "" for c in columns])
    out.print(matrix)
    if report.ranking:
        race = RichTable(title=f"赛马排名（{report.ranking[0].method}）", header_style="bold")
        for col in ("名次", "地区", "得分", "绿/黄/红", "说明"):
            race.add_column(col, overflow="fold", no_wrap=col != "说明")
        for r in report.ranking:
            lights = r.details["lights"]
            race.add_row(f"{r.rank}{'（并列）' if r.tied else ''}", r.region, format_number(r.score, 2),
                         f"{lights['green']}/{lights['yellow']}/{lights['red']}", r.details.get("tie") or "")
        out.print(race)
    if report.findings:
        table = RichTable(title="发现的问题", header_style="bold", show_lines=True)
        for col in ("级别", "代码", "指标", "地区", "单元格", "说明"):
            table.add_column(col, overflow="fold", no_wrap=col in ("级别", "代码", "单元格"))
        for f in report.findings:
            table.add_row(SEVERITY_LABEL[f.severity], f.code, f.indicator or "", f.region or "", f.cell or "", f.message)
        out.print(table)
