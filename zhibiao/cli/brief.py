"""zhibiao brief: the 简报 as Word and HTML."""

from __future__ import annotations

import warnings
from pathlib import Path

import click

from .app import FILE, app, busy, err, max_cells_option, out, process_ends


@app.command("brief", short_help="生成简报（Word / HTML）。",
             help="生成简报：分解缺口、红黄绿进度、赛马排名、预警清单，按公文版式输出 Word（可再编辑）和 HTML。"
                  "FILE 为分解表（Excel、WPS、Word、网页或 PDF 文件）；含“进度”工作表时加入进度部分。")
@click.argument("file", type=FILE)
@click.option("--period", "-p", metavar="期间", help="期间，如 2023-06（默认取最近一期进度）。")
@max_cells_option
@click.option("--format", "-f", "fmt", type=click.Choice(["docx", "html", "both"]), default="both", show_default=True,
              help="输出格式。")
@click.option("--output", "--out", "-o", "out_path", type=click.Path(path_type=Path),
              help="输出文件夹（默认与 FILE 同一文件夹）；或以 .docx / .html 结尾的文件名。")
def brief_cmd(file: Path, period: str | None, fmt: str, out_path: Path | None) -> None:
    from ..briefing import render_briefing
    from ..briefing.fonts import NoCJKFontWarning, substitution_note
    from ..errors import UsageError
    from ..formats import read_workbook
    from ..memory import collections_paused, leave_to_exit

    formats = ("docx", "html") if fmt == "both" else (fmt,)
    out_dir, stem = out_path, None
    suffix = out_path.suffix.lower() if out_path is not None else ""
    if suffix not in ("", ".docx", ".html") and suffix[1:].isalpha() and not out_path.is_dir():
        # 简报.pdf would become a folder of that name: a file name the briefing cannot have
        raise UsageError(f"简报只能写成 .docx 或 .html：{out_path.name}（-o 也可以是文件夹）")
    if out_path is not None and suffix in (".docx", ".html"):
        if fmt == "both" and click.get_current_context().get_parameter_source("fmt").name == "DEFAULT":
            formats = (out_path.suffix.lower()[1:],)
        if formats != (out_path.suffix.lower()[1:],):
            raise UsageError(f"输出文件 {out_path.name} 与格式 {fmt} 不一致")
        out_dir, stem = out_path.parent, out_path.stem
    # the cyclic collector paused until the files are written (memory.py): the workbook, the context and the
    # Word document's elements are long-lived and acyclic, and each collection walked them all again
    with busy("正在生成简报…"), warnings.catch_warnings(record=True) as caught, collections_paused():
        warnings.simplefilter("always")
        book = read_workbook(file)
        paths = render_briefing(book, period, formats, out_dir=out_dir, stem=stem)
        if process_ends():
            leave_to_exit()  # no last full collection when the collector resumes (memory.py)
    for path in paths:
        out.line(f"已生成简报：{path}")
    for message in dict.fromkeys(str(w.message) for w in caught if issubclass(w.category, NoCJKFontWarning)):
        err.line(f"提示：{message}")  # once, not one line per missing glyph
    note = substitution_note(briefing_fonts(book))
    if note:
        err.line(f"提示：{note}")


def briefing_fonts(book) -> list[str]:
    """The Chinese fonts the briefing asks for (设置, else the defaults); 数字字体 is Latin and left out."""
    from ..briefing.context import font_name
    from ..settings import read_settings

    settings = read_settings(book)
    return [font_name(settings, key) for key in ("标题字体", "正文字体", "一级标题字体", "二级标题字体")]
