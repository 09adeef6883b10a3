"""zhibiao collect: one protected return workbook (报送表) per region, for one period."""

from __future__ import annotations

from pathlib import Path

import click

from .app import FILE, app, busy, max_cells_option, out


@app.command("collect", short_help="生成各地区进度报送表。",
             help="按分解表为每个地区生成一份进度报送表（如“2023-06 吴兴 进度报送.xlsx”）：该地区的指标、年度目标、上期累计数，"
                  "只有“本期累计”“备注”和报送信息可填写（工作表保护）；有重大项目清单时另含该地区的项目报送表。填好后用 zhibiao merge 合并。")
@max_cells_option
@click.argument("file", type=FILE)
@click.option("--period", "-p", required=True, metavar="期间", help="报送期间，如 2023-06（1月至6月累计）。")
@click.option("--output", "--out", "-o", "out_dir", type=FILE, help="报送表存放的文件夹（默认：FILE 旁的“文件名 报送表 期间”文件夹）。")
@click.option("--password", help="工作表保护密码（默认不设密码）。")
@click.option("--sheet", "-s", metavar="工作表", help="分解表所在的工作表（默认自动查找）。")
def collect_cmd(file: Path, period: str, out_dir: Path | None, password: str | None, sheet: str | None) -> None:
    from ..returns import collect_returns

    with busy("正在生成报送表…"):
        done = collect_returns(file, period, out_dir, password, sheet)
    before = f"，上期累计取自“进度 {done.previous}”" if done.previous else "，没有本年更早的进度表，上期累计留空"
    out.print(f"已生成 {len(done.files)} 份报送表（{done.period.label}{before}）：{done.folder}", markup=False)
    for region, path in done.files.items():
        out.print(f"  {region}：{path.name}", markup=False)
