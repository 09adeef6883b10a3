"""zhibiao projects: major projects by node and investment — 三色, 开工率 / 竣工率 / 投资完成率, 赛马 — with write-back."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click import exceptions as click_exceptions

from .app import FILE, app, busy, err, max_cells_option, out, written_line


@app.command("projects", short_help="重大项目：三色、开工率与赛马。",
             help="评价重大项目清单：按时间节点和投资进度给每个项目亮红黄绿灯，计算各地区开工率、竣工率、投资完成率并赛马排名。"
                  "FILE 为含项目清单工作表（名称含“项目”，如“重大项目 2023-06”）的 .xlsx / .xlsm 文件。")
@max_cells_option
@click.argument("file", type=FILE)
@click.option("--period", "-p", metavar="期间", help="期间，如 2023-06（默认取最近一期清单；清单未注明期间时用它）。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（标准输出只有 JSON）。")
@click.option("--write", "-w", "write", is_flag=True,
              help="写回：加“项目结果”“项目赛马”工作表，项目名称按灯色着色并加批注（默认另存为 文件名.项目.xlsx，原文件不动）。")
@click.option("--output", "-o", "out_path", type=FILE, help="写回到这个文件（默认：原文件名.项目.xlsx）；隐含 --write。")
@click.option("--in-place", "in_place", is_flag=True, help="直接改写原文件（先写临时文件再替换）；隐含 --write。")
def projects_cmd(file: Path, period: str | None, as_json: bool, write: bool, out_path: Path | None, in_place: bool) -> None:
    from ..formats import read_workbook
    from ..projects.report import projects_workbook
    from ..projects.terminal import print_projects

    write = write or out_path is not None or in_place  # as for check and progress: -o and --in-place imply --write
    if write:
        from ..projects.write import default_output
        from ..workbook.writeback import output_path

        out_path = out_path or (None if in_place else default_output(file))
        output_path(file, out_path, in_place)  # a wrong combination fails before the report is printed
    with busy("正在读取并评价重大项目…", quiet=as_json):
        book = read_workbook(file)
        report = projects_workbook(book, period)
    if as_json:
        sys.stdout.write(report.dumps() + "\n")
    else:
        print_projects(out, report, file.name)
    if write:
        from ..projects.write import plan_projects
        from ..workbook.writeback import write_plan

        with busy("正在写回…", quiet=as_json):
            target = write_plan(file, plan_projects(report), out_path, in_place, book)
        (err if as_json else out).print(f"{written_line(file, target)}（见“项目结果”“项目赛马”表）", markup=False)
    raise click_exceptions.Exit(report.exit_code)
