"""zhibiao check: the split check, its readable report and its write-back."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click import exceptions as click_exceptions

from ..codes import SEVERITY_LABEL, Severity
from ..console import SCREEN
from ..memory import collections_paused, leave_to_exit
from .app import FILE, app, busy, err, max_cells_option, out, process_ends, written_line

_LEVEL_STYLE = {"error": "red", "warning": "yellow"}
_ACT_ON = ("over", "needs-weights")  # notes that ask the clerk to look again stand out too


def print_report(report, title: str) -> None:
    """The readable Chinese report: indicators with their kinds, then the findings."""
    from rich.table import Table as RichTable
    from rich.text import Text

    from ..report import VERDICT_LEVEL

    out.print(Text.assemble((title, "bold"), f"：{report.headline()}"))
    for info in report.tables:
        label = "指标分解表" if info.kind == "split" else "目标体系表"
        parent = info.parent or "无上级目标"  # no 合计 / 全市 row or column in the table
        where = f"（{parent} / {len(info.regions)} 个地区）" if info.kind == "split" else f"（{'、'.join(info.periods)}）"
        out.print(Text.assemble("  工作表 ", (info.sheet, "bold"), f"：{label}{where}，{info.indicators} 项指标"))
    kinds = RichTable(title="指标与汇总方式", show_lines=False, header_style="bold")
    for col in ("单元格", "指标", "汇总方式", "结论"):
        kinds.add_column(col, overflow="fold", no_wrap=col in ("单元格", "结论"))
    for ind in report.indicators[:SCREEN]:
        verdict_style = _LEVEL_STYLE.get(VERDICT_LEVEL.get(ind.verdict)) or ("cyan" if ind.verdict in _ACT_ON else "")
        kinds.add_row(Text(ind.cell), Text(ind.display_name), Text(ind.kind_label), Text(ind.verdict_label, style=verdict_style))
    out.print(kinds)
    if len(report.indicators) > SCREEN:
        out.print(f"……另有 {len(report.indicators) - SCREEN} 项指标未列出（各项结论见 --json，或 --write 写出的“校验”列）。",
                  markup=False)
    if not report.findings:
        out.print(Text("未发现问题。", style="green"))
        return
    from ..console import findings_table

    out.print(findings_table(report.findings[:SCREEN], out.width, suggestions=True))
    rest = report.findings[SCREEN:]
    if rest:
        counts = "、".join(f"{SEVERITY_LABEL[level]} {n} 条" for level in Severity
                          if (n := sum(1 for f in rest if f.severity == level)))
        out.print(f"……另有 {len(rest)} 条问题未列出（{counts}）：完整清单用 --write 写入“校验结果”表，或用 --json 查看。",
                  markup=False)


@app.command("check", short_help="核对分解表。",
             help="核对分解表：按指标类型检查各地区分解是否覆盖上级目标。FILE 可以是 Excel（.xlsx / .xlsm / .xls / .xlsb）、WPS（.et）、"
                  ".ods、.csv、Word（.docx / .doc）、网页（.html）或 PDF 附件。"
                  "加 --write 把结果写回工作簿（默认另存为 FILE.校验.xlsx，原文件不动；非 .xlsx 文件把表格和结果另存为 .xlsx）。")
@click.argument("file", type=FILE)
@click.option("--sheet", "-s", metavar="工作表", help="只核对这张工作表。")
@max_cells_option
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（标准输出只有 JSON）。")
@click.option("--write", "-w", "write", is_flag=True, help="把结果写回工作簿：问题单元格标色加批注，增加“校验”列和“校验结果”表。")
@click.option("--output", "-o", type=FILE, help="写回到这个文件（默认：原文件名.校验.xlsx）；隐含 --write。")
@click.option("--in-place", "in_place", is_flag=True, help="直接改写原文件（先写临时文件再替换）；隐含 --write。")
def check_cmd(file: Path, sheet: str | None, as_json: bool, write: bool, output: Path | None, in_place: bool) -> None:
    from ..formats import Reading

    write = write or output is not None or in_place
    if write:
        from ..workbook.writeback import output_path

        output_path(file, output, in_place)  # a wrong combination fails before the work
    with busy("正在读取并核对…", quiet=as_json), collections_paused():  # until the report is out (memory.py)
        reading = Reading(file)  # the checks are imported while the sheet is parsed
        from ..api import check_workbook

        book = reading.result()
        report = check_workbook(book, sheet)
        if as_json:
            sys.stdout.write(report.dumps() + "\n")
        if process_ends():
            leave_to_exit(book, report)  # neither walked by a last collection nor freed cell by cell (memory.py)
    if not as_json:
        print_report(report, file.name)
    if write:
        from ..workbook.writeback import plan_findings, write_plan

        with busy("正在写回…", quiet=as_json):
            written = write_plan(file, plan_findings(report, book), output, in_place, book)
        (err if as_json else out).print(f"{written_line(file, written)}（见“校验结果”表）")
    raise click_exceptions.Exit(report.exit_code)
