"""zhibiao diff: what changed between two versions of a table."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click import exceptions as click_exceptions

from .app import FILE, app, busy, err, max_cells_option, out


@app.command("diff", short_help="比较两个版本的分解表。",
             help="比较两个版本的分解表或目标体系表（征求意见稿与印发稿、上一年与今年）：目标值、指标、地区、汇总方式、责任单位的变化。"
                  "两个文件可以是不同格式、不同版式。没有变化时退出码为 0，有变化为 1。")
@max_cells_option
@click.argument("old", type=FILE)
@click.argument("new", type=FILE)
@click.option("--sheet", "-s", metavar="工作表", help="只比较这张工作表（两个文件中同名）。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（标准输出只有 JSON）。")
@click.option("--write", "-w", "write", is_flag=True, help="写回：在新版本的副本中给变化的单元格标色、加批注（原值），并加“变更”表。")
@click.option("--output", "-o", type=FILE, help="写回到这个文件（默认：新版本文件名.变更.xlsx）；隐含 --write。")
def diff_cmd(old: Path, new: Path, sheet: str | None, as_json: bool, write: bool, output: Path | None) -> None:
    from ..diff import diff_workbooks
    from ..formats import read_workbook

    write = write or output is not None
    if write:
        from ..diff.write import default_output
        from ..workbook.writeback import output_path

        output = output or default_output(new)
        output_path(new, output, False)  # a wrong combination fails before the work
    with busy("正在读取并比较…", quiet=as_json):
        old_book, new_book = read_workbook(old), read_workbook(new)
        report = diff_workbooks(old_book, new_book, sheet)
    if as_json:
        sys.stdout.write(report.dumps() + "\n")
    else:
        from ..diff.terminal import print_diff

        print_diff(out, report, old.name, new.name)
    if write:
        from ..diff.write import plan_diff
        from ..workbook.writeback import write_plan

        with busy("正在写回…", quiet=as_json):
            written = write_plan(new, plan_diff(report), output, False, new_book)
        (err if as_json else out).print(f"已写回：{written}（见“变更”表）", markup=False)
    raise click_exceptions.Exit(report.exit_code)
