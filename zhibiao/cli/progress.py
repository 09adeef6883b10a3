"""zhibiao progress: lights against 序时进度 and the 赛马 ranking, with write-back."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click import exceptions as click_exceptions

from ..memory import collections_paused, leave_to_exit
from .app import FILE, app, busy, err, max_cells_option, out, process_ends, written_line


@app.command("progress", short_help="进度：红黄绿与赛马。",
             help="对照分解表目标评价进度：按序时进度亮红黄绿灯，并对各地区赛马排名。FILE 为含“进度”工作表（如“进度 2023-06”）的 .xlsx / .xlsm 文件。")
@click.argument("file", type=FILE)
@click.option("--period", "-p", metavar="期间", help="期间，如 2023-06（默认取最近一期）。")
@max_cells_option
@click.option("--sheet", "-s", metavar="工作表", help="目标所在的分解表工作表（默认自动查找）。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（标准输出只有 JSON）。")
@click.option("--write", "-w", "write", is_flag=True, help="写回：加“进度结果”“进度赛马”工作表，并给进度单元格着色（默认另存为 文件名.进度.xlsx，原文件不动）。")
@click.option("--output", "-o", "out_path", type=FILE, help="写回到这个文件（默认：原文件名.进度.xlsx）；隐含 --write。")
@click.option("--in-place", "in_place", is_flag=True, help="直接改写原文件（先写临时文件再替换）；隐含 --write。")
@click.option("--lower", "lower", multiple=True, metavar="地区=文件",
              help="下级工作簿（可多次），如 --lower 平湖=平湖分解.xlsx：合计类指标该地区的实际值按下级进度表各地相加（本表已填的不变）。")
def progress_cmd(file: Path, period: str | None, sheet: str | None, as_json: bool, write: bool,
                 out_path: Path | None, in_place: bool, lower: tuple[str, ...]) -> None:
    write = write or out_path is not None or in_place  # as for check: -o and --in-place imply --write
    with collections_paused():
        _progress(file, period, sheet, as_json, write, out_path, in_place, lower)


def _progress(file: Path, period: str | None, sheet: str | None, as_json: bool, write: bool,
              out_path: Path | None, in_place: bool, lower: tuple[str, ...]) -> None:
    from ..formats import read_workbook
    from ..progress.report import progress_workbook

    if write:
        from ..progress.write import default_output
        from ..workbook.writeback import output_path

        out_path = out_path or (None if in_place else default_output(file))
        output_path(file, out_path, in_place)  # a wrong combination fails before the report is printed
    with busy("正在读取并评价进度…", quiet=as_json):
        book = read_workbook(file)
        summed = []
        if lower:
            from ..returns.levels import parse_pairs
            from ..returns.lower_progress import sum_lower_actuals

            summed = sum_lower_actuals(book, parse_pairs(lower), period, sheet)
        report = progress_workbook(book, period, sheet)
        if summed:
            from ..report import finding_order

            report.findings = sorted(report.findings + summed, key=finding_order)
    if as_json:
        if write and not report.empty:  # the 进度赛马 sheet needs the 赛马 too: worked out once, written as it is
            report.ranking
        report.write_json(sys.stdout)
        if not write:  # freed here, while the collector is off: else its first pass walks them all on the way out
            code = _leave(book, report)
            del book, report
            raise click_exceptions.Exit(code)
    elif report.empty:  # a 进度 sheet not filled in yet: one line, not a table of dashes
        out.print(f"{file.name}：{report.nothing_lit()}。", markup=False)
        raise click_exceptions.Exit(1)
    else:
        from ..progress.terminal import print_progress  # rich: not for --json

        print_progress(out, report, file.name)
    if write and not report.empty:
        from ..progress.write import plan_progress
        from ..workbook.writeback import write_plan

        with busy("正在写回…", quiet=as_json):
            target = write_plan(file, plan_progress(report), out_path, in_place, book)
        (err if as_json else out).print(f"{written_line(file, target)}（见“进度结果”“进度赛马”表）", markup=False)
    code = _leave(book, report)
    del book, report
    raise click_exceptions.Exit(code)


def _leave(book, report) -> int:
    """The exit code; the report and the workbook read left to the exit when the process ends with the command.

    Else they are still alive when the collector resumes: its first full collection would walk them all
    (0.1–0.4 s) just before the process ends, and then they would be freed one by one (memory.py)."""
    if process_ends():
        leave_to_exit(book, report)
    return report.exit_code
