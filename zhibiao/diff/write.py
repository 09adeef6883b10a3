"""Write-back of a diff: NEW's copy with every changed cell coloured and commented with the old value, and a 变更 sheet."""

from __future__ import annotations

from pathlib import Path

from ..workbook.plan import Mark, ResultSheet, WritePlan, merge_marks
from .compare import KIND_LABEL, DiffReport

CHANGES_SHEET = "变更"
# removed and kind changes ask the clerk to look twice; the rest are ordinary edits
LEVEL = {"indicator-removed": "warning", "region-removed": "warning", "kind-changed": "warning",
         "parent-changed": "warning"}
HEADER = ["变更", "指标", "地区/年度", "原值", "新值", "原位置", "新位置", "说明"]


def default_output(new: str | Path) -> Path:
    """新版.xlsx -> 新版.变更.xlsx beside it."""
    new = Path(new)
    return new.with_name(f"{new.stem}.变更.xlsx" if new.suffix.lower() not in (".xlsx", ".xlsm") else f"{new.stem}.变更{new.suffix}")


def plan_diff(report: DiffReport) -> WritePlan:
    """The changes as a write plan on NEW (removed items have no cell there: they are in the 变更 sheet only)."""
    rows, links, levels, marks = [], {}, [], []
    for c in report.changes:
        i = len(rows)
        rows.append([KIND_LABEL[c.kind], c.indicator or "", c.region or "", c.old, c.new,
                     c.old_cell or "", c.new_cell or "", c.message])
        level = LEVEL.get(c.kind, "info")
        levels.append(level)
        if c.new_cell:
            links[(i, 6)] = c.new_cell
        if c.where is not None:
            old = "（空）" if c.old in (None, "") else c.old
            comment = f"{KIND_LABEL[c.kind]}：{c.message}" if c.kind != "target-changed" else f"原值：{old}\n{c.message}"
            marks.append(Mark(c.where[0], c.where[1], c.where[2], level, comment))
    old_name = Path(report.old.source).name
    summary = f"与 {old_name} 比较：{report.headline()}"
    sheet = ResultSheet(CHANGES_SHEET, HEADER, rows, links, levels, summary, widths=[12, 36, 12, 14, 14, 16, 16, 48])
    return WritePlan([sheet], merge_marks(marks), [], (CHANGES_SHEET,))
