"""The readable Chinese diff: changes grouped by indicator (workbook text printed as text, never as markup)."""

from __future__ import annotations

from rich.table import Table as RichTable
from rich.text import Text

from .compare import KIND_LABEL, DiffReport

_STYLE = {"indicator-removed": "yellow", "region-removed": "yellow", "kind-changed": "yellow", "parent-changed": "yellow",
          "indicator-added": "cyan", "region-added": "cyan"}


def _shown(value) -> str:
    if value is None or value == "":
        return "（空）"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def print_diff(out, report: DiffReport, old_title: str, new_title: str) -> None:
    """Headline, then one table: the changes of each indicator together, table-level changes first."""
    out.print(Text.assemble((old_title, "bold"), " → ", (new_title, "bold"), "：", report.headline()))
    if report.yearly:
        out.print(f"  比较的是两个年度（{report.old.year}年 → {report.new.year}年），数值变化按同比表述")
    if not report.changes:
        return
    table = RichTable(title="变更", header_style="bold", show_lines=False)
    for col in ("指标", "变更", "地区/年度", "原值", "新值", "新位置", "说明"):
        table.add_column(col, overflow="fold", no_wrap=col in ("变更", "原值", "新值"))
    order: dict[str | None, list] = {}
    for c in report.changes:
        order.setdefault(c.indicator, []).append(c)
    for indicator, changes in order.items():
        for k, c in enumerate(changes):
            table.add_row(Text(indicator or "（全表）") if k == 0 else "", Text(KIND_LABEL[c.kind], _STYLE.get(c.kind, "")),
                          Text(c.region or ""), Text(_shown(c.old)), Text(_shown(c.new)), Text(c.new_cell or ""),
                          Text(c.message))
        table.add_section()
    out.print(table)
