"""亮晒 — 季度亮晒表: one landscape page, regions × indicators in 红黄绿 with the figure, score, rank and its movement.

While every indicator's column is wide enough to read (lights.matrix_fits, the rule of the 简报's 表1), the board
is one table. With more indicators than fit, they are split into bands of as even a size as fit (`bands`), one
table each, every band with the regions in rank order and its 地区, 得分, 名次 and 升降 columns; `columns` and
`rows` still hold the whole board for the bureau's own templates.
"""

from __future__ import annotations

import datetime as dt

from ..progress.report import ProgressReport
from ..settings import Settings
from .changes import index, name_of, rank_delta, rank_move, unit_of
from .common import light_cell, page
from .lights import cell_text, matrix_fits
from .numbers import cn_ordinal, num
from .paper import twips
from .progress_prose import lights_sentence
from .series import previous

# The board's type area: landscape A4 (297 mm) less 15 mm margins each side (reports/docx_parts.py landscape), less
# the 地区, 得分, 名次 and 升降 columns (24, 14, 12, 18 mm: reports/build_report_templates.py showcase).
BOARD_WIDTH_MM = 297.0 - 2 * 15
BOARD_FREE_MM = BOARD_WIDTH_MM - 24 - 14 - 12 - 18


def band_sizes(columns: int, free_mm: float = BOARD_FREE_MM) -> list[int]:
    """The fewest bands whose columns each fit `free_mm` at a readable width, as even as possible (17, 17, 16)."""
    bands = 1
    while bands < columns and not matrix_fits(-(-columns // bands), free_mm):
        bands += 1
    size, extra = divmod(columns, bands)
    return [size + (i < extra) for i in range(bands)] if columns else [0]


def cell_twips(columns: int, free_mm: float = BOARD_FREE_MM) -> int:
    """Word's width of one indicator column when `columns` of them share the board's free width."""
    return twips(free_mm) // max(columns, 1)


def _bands(columns: list[dict], rows: list[dict]) -> list[dict]:
    """One table's worth of indicators each (a caption only when there is more than one)."""
    sizes, bands, start = band_sizes(len(columns)), [], 0
    for i, size in enumerate(sizes, 1):
        end = start + size
        bands.append({"caption": f"表{i}　第{start + 1}—{end}项指标" if len(sizes) > 1 else "",
                      "columns": columns[start:end], "cell_twips": cell_twips(size),
                      "rows": [dict(row, cells=row["cells"][start:end]) for row in rows]})
        start = end
    return bands


def quarter_label(report: ProgressReport) -> str:
    """2023年二季度 for a quarter's end, else the period's own label (2023年1-5月)."""
    year = report.period[:4]
    return f"{year}年{cn_ordinal(report.month // 3)}季度" if report.month % 3 == 0 else report.period_label


def showcase_context(series: list[ProgressReport], settings: Settings, today: dt.date | None = None) -> dict:
    today = today or dt.date.today()
    now = series[-1]
    before = previous(series, quarter=True)
    at = index(now)
    lit = {s.indicator for s in now.statuses if s.status and not s.is_parent}
    columns, seen = [], set()
    for s in now.statuses:  # in the order the indicators first appear, named by their first region's status
        if s.is_parent or s.indicator in seen:
            continue
        seen.add(s.indicator)
        if s.indicator in lit:
            basis = "完成率" if s.kind == "sum" else (unit_of(s) or "实际")
            columns.append({"key": s.indicator, "name": name_of(s), "basis": basis})
    before_rank = {r.region: r.rank for r in before.standings} if before else {}
    rows = []
    ranked = {r.region: r for r in now.standings}
    order = {region: i for i, region in enumerate(now.regions)}
    for region in sorted(now.regions, key=lambda r: (ranked[r].rank if r in ranked else 999, order[r])):
        cells = []
        for column in columns:
            s = at.get((column["key"], region))
            cells.append(light_cell(cell_text(s) if s else "—", s.status if s else None))
        r = ranked.get(region)
        lights = r.details.get("lights", {}) if r else {}
        rows.append({"region": region, "cells": cells, "score": num(r.score, 1) if r else "—",
                     "rank": str(r.rank) if r else "—",
                     "move": rank_delta(r.rank, before_rank.get(region)) if r and before else "",
                     "move_text": rank_move(r.rank, before_rank.get(region)) if r and before else "",
                     "green": lights.get("green", 0), "yellow": lights.get("yellow", 0), "red": lights.get("red", 0)})
    bands = now.rules.bands.describe() if now.rules else ""
    label = quarter_label(now)
    ctx = page(settings, today, settings.text("亮晒标题") or f"{label}各地区主要指标亮晒")
    tables = _bands(columns, rows)
    movers = [f"{row['region']}{row['move_text']}" for row in rows if row["move_text"] and "持平" not in row["move_text"]]
    ctx.update({
        "headline": ctx["header"]["title"],
        "period": {"label": label, "period": now.period, "previous": quarter_label(before) if before else "",
                   "sheet": now.sheet, "through": f"{now.period[:4]}年{now.month}月"},
        "columns": columns,
        "rows": rows,
        "bands": tables,
        # Word needs each indicator column's width: 267 mm of landscape A4 less 地区, 得分, 名次, 升降
        "layout": {"cell_twips": cell_twips(len(columns))},
        "summary": f"{now.period_label}，{lights_sentence(now) or '均未亮灯'}。"
                   + (f"与{quarter_label(before)}相比，{'；'.join(movers)}。" if movers else ""),
        "legend": _legend(bands),
        "legend_note": ("累计类指标为完成年度目标的比例，比率类指标为实际值。"
                        + (f"赛马计分：{now.standings[0].method}。" if now.standings else "")
                        + (f"名次升降与{quarter_label(before)}比较。" if before else "")
                        + (f"指标较多，分{len(tables)}表列出，各表地区均按名次排列。" if len(tables) > 1 else "")),
        "source": now.source,
    })
    return ctx


def _legend(bands: str) -> list[dict]:
    """One swatch per light, worded from the bands in 设置 (绿：达到或超过序时进度 …)."""
    words = {"绿": "green", "黄": "yellow", "红": "red"}
    items = []
    for part in bands.split("；") if bands else []:
        light = words.get(part[:1])
        if light:
            items.append({"status": light, "fill": light_cell("", light)["fill"], "text": part.replace("：", "灯：", 1)})
    return items
