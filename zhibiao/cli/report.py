"""zhibiao report: any of the bureau's recurring documents (简报, 月报, 亮晒, 年报, or the bureau's own templates)."""

from __future__ import annotations

import warnings
from pathlib import Path

import click

from .app import app, busy, err, max_cells_option, out

FORMATS = ("docx", "html", "png", "both")


@app.command("report", short_help="生成报告：简报、月报、亮晒、年报或本单位模板。",
             help="生成报告。KIND 为 简报、月报（运行分析报告）、亮晒（季度亮晒表）、年报（年度考评），或本单位模板的名称"
                  "（工作簿旁“模板”文件夹或设置“报告模板目录”中的 名称.html.j2 / 名称.docx）。FILE 为含进度工作表的分解表。"
                  "zhibiao report --list [FILE] 列出可用报告；zhibiao report --context [KIND] FILE 输出模板可用的数据（JSON）。")
@max_cells_option
@click.argument("args", nargs=-1, metavar="KIND FILE")
@click.option("--list", "-l", "list_kinds", is_flag=True, help="列出可用的报告（每种一行）。")
@click.option("--context", "show_context", is_flag=True, help="输出报告数据（JSON），供编写本单位模板参考。")
@click.option("--period", "-p", metavar="期间", help="期间，如 2023-06（默认取最近一期进度）。")
@click.option("--format", "-f", "fmt", type=click.Choice(FORMATS), default="both", show_default=True,
              help="输出格式：docx、html、png（亮晒）或 both（Word 和 HTML）。")
@click.option("--output", "--out", "-o", "out_path", type=click.Path(path_type=Path),
              help="输出文件夹（默认与 FILE 同一文件夹）；或带扩展名的文件名。")
def report_cmd(args: tuple[str, ...], list_kinds: bool, show_context: bool, period: str | None, fmt: str,
               out_path: Path | None) -> None:
    from ..briefing.fonts import NoCJKFontWarning
    from ..briefing.skins import PictureCutWarning
    from ..briefing.kinds import CONTEXT_KIND, KINDS, context_json, list_kinds as kinds_of, render_report, report_context
    from ..errors import UsageError
    from ..formats import read_workbook

    if list_kinds:
        if len(args) > 1:
            raise UsageError("--list 只需一个参数：工作簿（可省略）")
        book = read_workbook(_file(args[0])) if args else None
        for name, summary in kinds_of(book):
            out.print(f"{name}\t{summary}", markup=False, highlight=False, soft_wrap=True)
        return
    if show_context:
        if len(args) == 1:
            kind, file = CONTEXT_KIND, _file(args[0])
        elif len(args) == 2:
            kind, file = args[0], _file(args[1])
        else:
            raise UsageError("用法：zhibiao report --context [KIND] FILE")
        with busy("正在整理报告数据…", quiet=True), warnings.catch_warnings():
            warnings.simplefilter("ignore", NoCJKFontWarning)
            context = report_context(kind, read_workbook(file), period)
        click.echo(context_json(context))
        return
    if len(args) != 2:
        raise UsageError(f"用法：zhibiao report KIND FILE（KIND 可选：{'、'.join(KINDS)}，或本单位模板名称）")
    kind, file = args[0], _file(args[1])
    formats = ("docx", "html") if fmt == "both" else (fmt,)
    out_dir, stem = out_path, None
    suffix = out_path.suffix.lower() if out_path is not None else ""
    if out_path is not None and suffix in (".docx", ".html", ".png") and not out_path.is_dir():
        if click.get_current_context().get_parameter_source("fmt").name == "DEFAULT":
            formats = (suffix[1:],)
        if formats != (suffix[1:],):
            raise UsageError(f"输出文件 {out_path.name} 与格式 {fmt} 不一致")
        out_dir, stem = out_path.parent, out_path.stem
    with busy(f"正在生成{kind}…"), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        paths = render_report(kind, file, period, formats, out_dir=out_dir, stem=stem)
    for path in paths:
        out.print(f"已生成{kind}：{path}", markup=False)
    for message in dict.fromkeys(str(w.message) for w in caught
                                 if issubclass(w.category, (NoCJKFontWarning, PictureCutWarning))):
        err.print(f"提示：{message}", markup=False)


def _file(text: str) -> Path:
    from ..errors import UnreadableFile

    path = Path(text)
    if not path.is_file():
        raise UnreadableFile(f"找不到文件：{text}")
    return path
