"""zhibiao merge: the districts' returns into the period's 进度 sheet, with the 报送情况 sheet."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click import exceptions as click_exceptions

from ..codes import SEVERITY_LABEL
from .app import FILE, app, busy, err, max_cells_option, out


def print_merge(report) -> None:
    """The readable Chinese report: one line per region, then the findings."""
    from rich.table import Table
    from rich.text import Text

    out.print(Text(f"{report.source.name}：{report.headline()}"))
    table = Table(title=f"{report.period.label} 报送情况", header_style="bold")
    for col in ("地区", "状态", "文件", "填报人", "报送日期", "合并", "问题"):
        table.add_column(col, overflow="fold")
    from ..returns.status_sheet import plan_merge

    for row in plan_merge(report).sheets[0].rows:
        region, status, _unit, who, _phone, when, file, _how, merged, problems = row
        count = len(problems.splitlines()) if problems else 0
        table.add_row(*(Text("" if v is None else str(v)) for v in (region, status, file, who, when, merged, count or "")))
    out.print(table)
    if report.findings:
        found = Table(title="发现的问题", header_style="bold", show_lines=True)
        for col in ("级别", "代码", "地区", "指标", "单元格", "说明"):
            found.add_column(col, overflow="fold")
        for f in report.findings:
            found.add_row(*(Text(v or "") for v in (SEVERITY_LABEL[f.severity], f.code, f.region, f.indicator, f.cell, f.message)))
        out.print(found)


@app.command("merge", short_help="合并各地区报送表。",
             help="把各地区填好的报送表合并进 FILE 的当期进度工作表（没有则按模板格式新建），并增加“报送情况”工作表："
                  "各地区是否报送、何时、由谁报送、有什么问题；报送表中的重大项目进展合并进当期项目清单。已有的不同数值不会被覆盖（除非加 --replace）。"
                  "默认另存为 文件名.合并.xlsx。")
@max_cells_option
@click.argument("file", type=FILE)
@click.argument("returns", nargs=-1, type=FILE)
@click.option("--period", "-p", metavar="期间", help="期间，如 2023-06（默认按报送表识别）。")
@click.option("--output", "--out", "-o", "out_path", type=FILE, help="另存到这个文件。")
@click.option("--in-place", is_flag=True, help="直接改写 FILE（先写临时文件再替换）。")
@click.option("--replace", is_flag=True, help="报送数与进度表已有数值不同时，用报送数替换。")
@click.option("--sheet", "-s", metavar="工作表", help="分解表所在的工作表（默认自动查找）。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（标准输出只有 JSON）。")
def merge_cmd(file: Path, returns: tuple[Path, ...], period: str | None, out_path: Path | None, in_place: bool,
              replace: bool, sheet: str | None, as_json: bool) -> None:
    from ..errors import UsageError
    from ..returns import merge_returns, write_merge
    from ..returns.write_merge import output_path

    if not returns:
        raise UsageError("请在 FILE 后列出报送表文件（可用通配符，如 报送表/*.xlsx）")
    returns = _expand(returns)
    output_path(file, out_path, in_place)  # a wrong combination fails before the work
    with busy("正在读取并核对报送表…", quiet=as_json):
        report = merge_returns(file, list(returns), period, replace, sheet)
    with busy("正在写入合并结果…", quiet=as_json):
        target = write_merge(report, out_path, in_place)
    if as_json:
        sys.stdout.write(report.dumps() + "\n")
    else:
        print_merge(report)
    (err if as_json else out).print(f"已写入：{target}（“{report.sheet}”和“{report.status_sheet}”工作表）", markup=False)
    raise click_exceptions.Exit(report.exit_code)


def _expand(paths) -> list[Path]:
    """A folder stands for the workbooks in it (Excel's ~$ lock files and hidden files left out)."""
    found = []
    for p in paths:
        if p.is_dir():
            found.extend(sorted(x for x in p.iterdir() if x.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".et", ".ods")
                                and not x.name.startswith(("~$", "."))))
        else:
            found.append(p)
    return found
