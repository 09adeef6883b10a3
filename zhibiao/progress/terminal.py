"""Terminal output of `zhibiao progress`: a light matrix (indicators × regions), the 赛马 table, the findings."""

from __future__ import annotations

from rich import box
from rich.table import Table as RichTable
from rich.text import Text

from ..columns import display_width, fit
from ..console import NARROW, SCREEN, findings_table
from ..expr import format_number
from .report import ProgressReport
from .status import LIGHT_LABEL

_COLOR = {"green": "green", "yellow": "yellow", "red": "bold red"}


def _cell(s, narrow: bool = False) -> Text:
    """完成率 for additive indicators, the value for rates; coloured by the light (narrow: 绿58%, one decimal less)."""
    text, style = _shown(s, narrow)
    return Text(text, style=style)


def _shown(s, narrow: bool) -> tuple[str, str]:
    """The text and style of _cell (its text alone is what the column widths need)."""
    digits = 1 if narrow else 2
    if s.status is None:
        return "—" if s.actual is None else format_number(s.actual, digits), "dim"
    if s.kind == "sum" and s.completion is not None:
        shown = f"{format_number(s.completion * 100, 0 if narrow else 1)}%"
    else:
        shown = format_number(s.actual, digits)
    # the word reads without colour, too
    return f"{LIGHT_LABEL[s.status]}{'' if narrow else ' '}{shown}", _COLOR[s.status]


def _against(cells) -> str:
    """What the row is held to: 序时进度 for additive indicators, the target itself for rates."""
    lit = [s for s in cells.values() if s.schedule is not None]
    if not lit:
        return ""
    if lit[0].kind == "sum":
        return f"序时{format_number(lit[0].schedule * 100, 1)}%"
    return "目标"


def fitting(columns: list[str], widths: dict[str, int], width: int, narrow: bool) -> tuple[list[str], int]:
    """The region columns that fit a screen this wide beside 指标 (and 对照), the parent (全市, last) always
    kept; and how many regions are left out. Rich would fold 100 districts' columns into one character each."""
    room = width - 15 - (0 if narrow else 12) - widths[columns[-1]] - 3  # 指标 at its narrowest, 对照, the parent
    kept = []
    for c in columns[:-1]:
        room -= widths[c] + 3
        if room < 0:
            break
        kept.append(c)
    return kept + columns[-1:], len(columns) - 1 - len(kept)


def print_progress(out, report: ProgressReport, title: str) -> None:
    """The readable Chinese progress report; workbook text is printed as text, never as rich markup."""
    summary = report.summary()
    out.print(Text.assemble((title, "bold"), f"：{report.headline()}"))
    if not report.lit:
        out.print(Text(f"{report.nothing_lit()}。", style="yellow"))
    out.print(Text.assemble("  进度表 ", (report.sheet, "bold"), "，目标取自 ", (report.split_sheet or "", "bold")))
    out.print(Text(f"  亮灯规则：{summary['preset']}（{summary['bands']['text']}）"))
    out.print(Text(f"  序时进度：{summary['schedule']}；累计类指标比完成率，比率类指标比实际值与目标"))
    columns = report.regions + [report.parent]
    # below 120 columns: no vertical rules, 对照 under the name, 绿58% without a space, so the 指标 column keeps its room
    narrow = out.width < NARROW
    matrix = RichTable(title="红黄绿（累计类为完成率，比率类为实际值）", header_style="bold",
                       box=box.SIMPLE_HEAD if narrow else box.HEAVY_HEAD)
    rows: dict[str, dict[str, object]] = {}
    names: dict[str, str] = {}
    for s in report.statuses:
        rows.setdefault(s.indicator, {})[s.region] = s
        names[s.indicator] = s.display_name or s.indicator
    shown = list(rows.items())[:SCREEN]
    # each region column as wide as its widest figure shown; a long region name wraps in the header instead
    widths = {c: max([display_width(_shown(cells[c], narrow)[0]) for _, cells in shown if c in cells] + [4])
              for c in columns}
    columns, hidden = fitting(columns, widths, out.width, narrow)
    name_width = max(10, min(26, out.width - sum(widths[c] + 3 for c in columns) - 8))
    matrix.add_column("指标", overflow="fold", width=name_width if narrow else None, max_width=26)
    if not narrow:
        matrix.add_column("对照", no_wrap=True)
    for name in columns:
        if narrow:
            matrix.add_column(Text(fit(name, widths[name])), justify="right", min_width=widths[name], width=widths[name])
        else:
            matrix.add_column(Text(name), no_wrap=True, justify="right")
    for indicator, cells in shown:
        against = _against(cells)
        if narrow:
            label = Text(fit(names[indicator], name_width))
            if against:
                label.append("\n" + against, style="dim")
            matrix.add_row(label, *[_cell(cells[c], True) if c in cells else "" for c in columns])
        else:
            matrix.add_row(Text(names[indicator]), against, *[_cell(cells[c]) if c in cells else "" for c in columns])
    out.print(matrix)
    if len(rows) > SCREEN:
        out.print(f"……另有 {len(rows) - SCREEN} 项指标未列出：完整结果用 --write 写入“进度结果”表，或用 --json 查看。", markup=False)
    if hidden:
        out.print(f"……另有 {hidden} 个地区的列放不下，未列出：完整结果用 --write 写入“进度结果”表，或用 --json 查看。", markup=False)
    standings = report.standings  # places, scores, lights and ties: no per-indicator details to work out
    if standings:
        race = RichTable(title=Text(f"赛马排名（{standings[0].method}）"), header_style="bold")
        for col in ("名次", "地区", "得分", "绿/黄/红", "说明"):
            race.add_column(col, overflow="fold", no_wrap=col != "说明")
        for r in standings[:SCREEN]:
            lights = r.details["lights"]
            race.add_row(f"{r.rank}{'（并列）' if r.tied else ''}", Text(r.region), format_number(r.score, 2),
                         f"{lights['green']}/{lights['yellow']}/{lights['red']}", Text(r.details.get("tie") or ""))
        out.print(race)
        if len(standings) > SCREEN:
            out.print(f"……另有 {len(standings) - SCREEN} 个地区未列出：完整排名见“进度赛马”表（--write）或 --json。", markup=False)
    if report.findings:
        out.print(findings_table(report.findings[:SCREEN], out.width))
        if len(report.findings) > SCREEN:
            out.print(f"……另有 {len(report.findings) - SCREEN} 条问题未列出：完整清单用 --json 查看。", markup=False)
