"""The lights table (表1) and the 红灯预警清单 of the briefing, sized to what a printed A4 page can show.

While every region's column is wide enough to read, 表1 is the full indicator × region matrix (as the 湖州
districts and the 平湖 towns print). With more regions than fit, each indicator becomes one row: its parent's
figure, how many regions are at 绿/黄/红, and the names of the red and yellow regions furthest behind; the full
matrix is in the progress workbook (`zhibiao progress --write`: the 进度结果 sheet, the 进度 sheet's cells coloured).
"""

from __future__ import annotations

from operator import attrgetter

from ..progress.report import ProgressReport, Status
from .common import light_cell
from .numbers import num, percent
from .paper import TEXT_WIDTH_MM
from .progress_prose import status_phrase
from .split_prose import bare_and_unit

# The briefing's type area is A4 less GB/T 9704's margins (28 mm left, 26 mm right); the lights table's 指标 and
# 对照 columns take 34 + 22 mm of it (reports/build_docx_template.py, briefing.html.j2; briefing/docx.py divides
# the rest among the region columns).
LIGHTS_FIXED_MM = 34 + 22
BRIEFING_FREE_MM = TEXT_WIDTH_MM - LIGHTS_FIXED_MM
# The narrowest region column a reader can use: a completion such as 58.3% on one line in the cells' 9.5 pt
# Times New Roman (2.58 em, 8.7 mm) with the table's 0.5 mm padding on each side. Below it the figures break
# inside the number and the names stand one character a line.
MIN_REGION_MM = 10.0
# In the one-row-per-indicator form: how many red (yellow) regions a cell names before "等N个".
NAMES_SHOWN = 5
# The 红灯预警清单 lists the red lights furthest behind, about two printed pages of rows; the rest are counted.
RED_ROWS_SHOWN = 30
_LIGHT = attrgetter("status")
WHERE_ALL = "进度工作簿的“进度结果”表（zhibiao progress --write 写出，进度表中各单元格按灯着色）"


def matrix_fits(columns: int, free_mm: float = BRIEFING_FREE_MM) -> bool:
    """Whether `columns` region columns (the parent included) share `free_mm` at a readable width each."""
    return free_mm / max(columns, 1) >= MIN_REGION_MM


def cell_text(s: Status) -> str:
    """What a lights-table cell shows: completion for cumulative indicators, the value itself for rates."""
    if s.kind == "sum" and s.completion is not None:
        return percent(s.completion)
    if s.actual is not None:
        return num(s.actual)
    return "—"


def _cell(s: Status | None) -> dict:
    return light_cell(cell_text(s) if s else "—", s.status if s else None)


def lights_table(progress: ProgressReport, free_mm: float = BRIEFING_FREE_MM) -> dict:
    """Indicators with at least one light, as a matrix × regions (parent last) when the regions fit in
    `free_mm`, else one summary row each (`matrix` says which); cells carry text, light and fill."""
    columns = list(progress.regions) + [progress.parent]
    matrix = matrix_fits(len(columns), free_mm)
    by_indicator: dict[str, dict[str, Status]] = {}
    for s in progress.statuses:
        by_indicator.setdefault(s.indicator, {})[s.region] = s
    rows, unlit = [], []
    for indicator, cells in by_indicator.items():
        if not any(map(_LIGHT, cells.values())):
            unlit.append(bare_and_unit(indicator)[0])
            continue
        first = next(iter(cells.values()))
        bare, unit = bare_and_unit(first.display_name or indicator)
        schedule = next((c.schedule for c in cells.values() if c.schedule is not None), None)
        if first.kind == "sum":
            # the cells are completion rates; the row is held to its 序时进度 (one line: 序时50%)
            shown = f"序时{num(schedule * 100, 1)}%" if schedule is not None else "完成率"
        else:
            shown = f"目标（{unit or first.unit}）" if unit or first.unit else "目标"
        row = {"name": bare, "unit": shown}
        if matrix:
            row["cells"] = [_cell(cells.get(region)) for region in columns]
        else:
            row.update(_summary(cells, progress))
        rows.append(row)
    return {"matrix": matrix, "columns": columns, "parent": progress.parent, "rows": rows, "unlit": unlit,
            "note": "" if matrix else summary_note(progress)}


def _summary(cells: dict[str, Status], progress: ProgressReport) -> dict:
    """One indicator's regions counted by light, the red and yellow ones named furthest behind first."""
    by_light: dict[str, list[Status]] = {"green": [], "yellow": [], "red": []}
    for region in progress.regions:  # one pass, each light's regions in the regions' order
        s = cells.get(region)
        if s is not None and (group := by_light.get(s.status)) is not None:
            group.append(s)
    out = {"parent": _cell(cells.get(progress.parent))}
    for light, lit in by_light.items():
        out[light] = str(len(lit))
        if light != "green":
            lit.sort(key=lambda s: -(s.lag or 0))  # stable: equal lags keep the regions' order
            out[light + "_names"] = named(s.region for s in lit)
    return out


def named(regions, shown: int = NAMES_SHOWN) -> str:
    """吴兴、南浔 — or the first `shown` and 等12个 when there are more; — for none."""
    regions = list(regions)
    if not regions:
        return "—"
    if len(regions) <= shown:
        return "、".join(regions)
    return f"{'、'.join(regions[:shown])}等{len(regions)}个"


def summary_note(progress: ProgressReport) -> str:
    """What the summary form's columns mean and where the full matrix is."""
    parent = progress.parent
    return (f"共{len(progress.regions)}个地区，逐地区列出超出A4版面宽度，本表按指标汇总：{parent}列为{parent}的完成率或实际值；"
            f"绿灯、黄灯、红灯为亮该色灯的地区个数（不含{parent}）；红灯、黄灯地区按落后程度排列，"
            f"多于{NAMES_SHOWN}个的列出落后最多的{NAMES_SHOWN}个。各地区逐项数值和亮灯见{WHERE_ALL}。")


def red_items(progress: ProgressReport, shown: int = RED_ROWS_SHOWN) -> tuple[list[dict], int]:
    """预警清单: the red lights furthest behind (at most `shown`), with their 责任部门; and how many more there are."""
    reds = [s for s in progress.statuses if s.status == "red"]
    reds.sort(key=lambda s: (-(s.lag or 0), s.is_parent))
    rows = [{"indicator": bare_and_unit(s.display_name or s.indicator)[0], "region": s.region,
             "text": status_phrase(s), "responsible": s.responsible or "—", "cell": s.cell or ""} for s in reds[:shown]]
    return rows, len(reds) - len(rows)
