"""zhibiao levels: each lower level's own split against what the upper level allocated to it."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click import exceptions as click_exceptions

from ..codes import SEVERITY_LABEL
from .app import FILE, app, busy, err, max_cells_option, out


def print_levels(report) -> None:
    """The findings, the level comparisons first, then each lower split's own."""
    from rich.table import Table
    from rich.text import Text

    out.print(Text(f"{report.upper.name}：{report.headline()}"))
    for title, findings in (("上下级核对", report.findings), ("下级分解表自身的核对", report.lower_findings)):
        if not findings:
            continue
        table = Table(title=title, header_style="bold", show_lines=True)
        for col in ("级别", "代码", "地区", "指标", "上级单元格", "下级文件", "下级单元格", "说明"):
            table.add_column(col, overflow="fold")
        for f in findings:
            table.add_row(*(Text(v or "") for v in (SEVERITY_LABEL[f.severity], f.code, f.region, f.indicator, f.cell,
                                                   f.file, f.lower_cell, f.message)))
        out.print(table)
    if not report.all_findings:
        out.print("各下级分解与上级下达一致，未发现问题。")


@app.command("levels", short_help="核对上下级分解。",
             help="核对下级的分解是否承接了上级下达的目标：UPPER 为上级分解表，REGION=LOWER 为该地区自己的分解表"
                  "（如 平湖=平湖2023镇街道分解.xlsx）。按指标名称对应，下级合计（全区/全县列）低于上级下达为 level-short，"
                  "高于为 level-over；下级分解表本身也照常核对。")
@max_cells_option
@click.argument("upper", type=FILE)
@click.argument("lowers", nargs=-1, metavar="REGION=LOWER…")
@click.option("--sheet", "-s", metavar="工作表", help="上级分解表所在的工作表（默认自动查找）。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（标准输出只有 JSON）。")
@click.option("--write", "-w", "write", is_flag=True, help="写回：上级单元格标色加批注，加“层级核对”工作表（默认另存为 文件名.层级.xlsx）。")
@click.option("--output", "-o", "out_path", type=FILE, help="写回到这个文件；隐含 --write。")
@click.option("--in-place", "in_place", is_flag=True, help="直接改写 UPPER（先写临时文件再替换）；隐含 --write。")
def levels_cmd(upper: Path, lowers: tuple[str, ...], sheet: str | None, as_json: bool, write: bool,
               out_path: Path | None, in_place: bool) -> None:
    from ..returns.levels import check_levels, parse_pairs

    write = write or out_path is not None or in_place
    if write:
        from ..returns.levels_write import default_output
        from ..workbook.writeback import output_path

        out_path = out_path or (None if in_place else default_output(upper))
        output_path(upper, out_path, in_place)
    with busy("正在核对上下级分解…", quiet=as_json):
        report = check_levels(upper, parse_pairs(lowers), sheet)
    if as_json:
        sys.stdout.write(report.dumps() + "\n")
    else:
        print_levels(report)
    if write:
        from ..returns.levels_write import plan_levels
        from ..workbook.writeback import write_plan

        with busy("正在写回…", quiet=as_json):
            target = write_plan(upper, plan_levels(report), out_path, in_place, report.upper.book)
        (err if as_json else out).print(f"已写回：{target}（见“层级核对”表）", markup=False)
    raise click_exceptions.Exit(report.exit_code)
