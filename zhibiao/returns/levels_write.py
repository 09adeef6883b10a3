"""Write-back of a levels report: the 层级核对 sheet and the upper cells coloured with their findings."""

from __future__ import annotations

from pathlib import Path

from ..codes import SEVERITY_LABEL
from ..grid import parse_a1
from ..workbook.plan import Mark, ResultSheet, WritePlan

LEVEL_SHEET = "层级核对"
HEADER = ["级别", "代码", "地区", "指标", "上级单元格", "下级文件", "下级单元格", "说明"]
WIDTHS = [8, 20, 12, 36, 16, 28, 18, 70]


def default_output(src: Path) -> Path:
    """分解表.xlsx -> 分解表.层级.xlsx beside it."""
    src = Path(src)
    return src.with_name(f"{src.stem}.层级{src.suffix}")


def plan_levels(report) -> WritePlan:
    """Every finding as a row (the upper cell clickable); level findings marked on the upper cells."""
    rows, links, levels, marks = [], {}, [], []
    for f in report.all_findings:
        if f.cell:
            links[(len(rows), 4)] = f.cell
        rows.append([SEVERITY_LABEL[f.severity], f.code, f.region, f.indicator, f.cell, f.file, f.lower_cell, f.message])
        levels.append(str(f.severity))
        sheet, _, ref = (f.cell or "").rpartition("!")
        where = parse_a1(ref) if ref else None
        if where is not None and f in report.findings:
            marks.append(Mark(sheet.strip("'").replace("''", "'"), *where, str(f.severity),
                              f"{SEVERITY_LABEL[f.severity]}：{f.message}（{f.file} {f.lower_cell or ''}）"))
    sheet = ResultSheet(LEVEL_SHEET, HEADER, rows, links, levels, f"{report.upper.name}：{report.headline()}", WIDTHS)
    return WritePlan([sheet], marks, [], (LEVEL_SHEET,))
