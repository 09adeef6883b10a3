"""Readable tables for the terminal that fit its width (check and progress print their findings with it)."""

from __future__ import annotations

from .codes import SEVERITY_LABEL, Severity

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
NARROW = 120  # below this many columns, tables fold their texts themselves


# rows of a table on the terminal: beyond a screenful the rest is counted, not printed (thousands of rows
# took rich minutes to lay out; the written result sheets and --json hold every one)
SCREEN = 40


def findings_table(findings, width: int, suggestions: bool = False):
    """发现的问题 as a rich table that fits `width` columns.

    Below 120 columns the 建议 goes under the 说明, the English code breaks at its hyphens, and the texts are
    wrapped between characters so that no number is split (1500, not 150 / 0) and the 指标 column keeps its room.
    """
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    from .columns import display_width, fit, fit_code

    narrow = width < NARROW
    columns = ["级别", "代码", "指标", "地区", "单元格", "说明"] + (["建议"] if suggestions and not narrow else [])
    table = RichTable(title="发现的问题", header_style="bold", show_lines=True,
                      box=box.HORIZONTALS if narrow else box.HEAVY_HEAD)
    region = max([display_width(f.region or "") for f in findings] + [4])
    cell = max([len(f.cell or "") for f in findings] + [6])
    # what is left for 指标 and 说明: the width less each column's padding (2), the box's edges, 级别 (4) and the code (11)
    room = width - 3 * len(columns) - 6 - 4 - 11 - region - cell
    name_width = max(8, min(16, room // 3))
    text_width = max(12, room - name_width)
    for col in columns:
        fixed = {"指标": name_width, "说明": text_width, "代码": 11}.get(col) if narrow else None
        table.add_column(col, overflow="fold", width=fixed,
                         no_wrap=col in ("级别", "单元格") or (col == "代码" and not narrow))
    for f in findings:
        text = f.message + (f"（建议：{f.suggestion}）" if suggestions and narrow and f.suggestion else "")
        row = [Text(SEVERITY_LABEL[f.severity], style=_STYLE[f.severity]),
               fit_code(f.code, 11) if narrow else f.code,
               fit(f.indicator or "", name_width) if narrow else f.indicator or "",
               f.region or "", f.cell or "",
               fit(text, text_width) if narrow else text]
        if len(columns) == 7:
            row.append(f.suggestion or "")
        table.add_row(*[Text(v) if isinstance(v, str) else v for v in row])
    return table
