"""zhibiao new and zhibiao import: the template, and a raw table brought into it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from .app import FILE, app, busy, fail, max_cells_option, out, refuse_overwrite


@app.command("new", short_help="生成分解表模板。",
             help="生成分解表模板（说明、分解、进度、基数、设置等工作表；-o 以 .xlsm 结尾时带“校验”“生成简报”按钮），带下拉选项、合计/差额公式和缺口标色，"
                  "不装 Python 也能在 Excel / WPS / LibreOffice 中使用。")
@click.option("--output", "-o", type=FILE, default=Path("分解表.xlsx"), show_default=True,
              help="模板文件名；以 .xlsm 结尾时带“校验”“生成简报”两个按钮（需 xlwings 加载项）。")
@click.option("--regions", "-r", help="地区名称，用逗号分隔，如 吴兴,南浔,德清（默认 地区1…地区6）。")
@click.option("--parent", "-p", default="全市", show_default=True, help="上级列名称，如 全市、全县、全区。")
@click.option("--year", "-y", type=int, default=lambda: dt.date.today().year, show_default="今年", help="目标年度。")
@click.option("--force", "-f", is_flag=True, help="文件已存在时覆盖。")
def new_cmd(output: Path, regions: str | None, parent: str, year: int, force: bool) -> None:
    from ..workbook.template import build_template
    from ..vba.xlsm import build_xlsm_template

    names = [r.strip() for r in regions.replace("，", ",").replace("、", ",").split(",") if r.strip()] if regions is not None else None
    refuse_overwrite(output, force)
    build = build_xlsm_template if output.suffix.lower() == ".xlsm" else build_template
    path = build(output, names, parent, year)
    out.print(f"已生成模板：{path}（{year}年）。在“分解”表逐行填写指标，填好后运行 zhibiao check {typed(path)} --write",
              markup=False)


@app.command("import", short_help="把原始分解表转为模板格式。",
             help="把原始分解表（如政策文件附件的 Excel、WPS、Word、网页或 PDF 表格）转为模板格式：推断的汇总方式填入“汇总方式”列供核对，"
                  "目标值原样保留，放不下的内容记在“说明”表。")
@click.argument("table", type=FILE)
@click.option("--output", "-o", type=FILE, help="输出文件（默认：原文件名.分解表.xlsx）。")
@click.option("--sheet", "-s", metavar="工作表", help="只导入这张工作表。")
@click.option("--year", "-y", type=int, help="目标年度（默认取表格标题中的年份，如“2023年…任务分解表”，没有则为今年）。")
@max_cells_option
@click.option("--force", "-f", is_flag=True, help="文件已存在时覆盖。")
def import_cmd(table: Path, output: Path | None, sheet: str | None, year: int | None, force: bool) -> None:
    from rich.text import Text

    from ..workbook.importer import import_table

    output = output or table.with_name(f"{table.stem}.分解表.xlsx")
    if output.suffix.lower() != ".xlsx":
        fail(f"输出文件应为 .xlsx：{output.name}")
    refuse_overwrite(output, force)
    with busy("正在导入…"):
        result = import_table(table, output, sheet, year)
    out.print(f"已导入：{table.name} 的“{result.table}”→ {result.path}（{result.year}年，{result.indicators} 项指标，"
              f"{len(result.regions)} 个地区，上级列“{result.parent}”）", markup=False)
    out.print("请核对“汇总方式”“权重依据”“方向”三列（程序推断）。")
    for note in result.notes:
        out.print(Text.assemble(("未能放入模板：", "yellow"), note))


def typed(path: Path) -> str:
    """The path as the user would type it next: as given (dir/x.xlsx), quoted when it has a space."""
    text = str(path)
    return f'"{text}"' if " " in text else text
