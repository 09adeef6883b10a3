"""The command line: builds inputs, calls the core, prints, exits (0 ok, 1 error findings, 2 unusable input)."""

from __future__ import annotations

import os
import sys
from contextlib import nullcontext
from pathlib import Path

import click
from click import exceptions as click_exceptions
from rich.console import Console

from .codes import SEVERITY_LABEL, Severity
from .errors import ZhibiaoError

# click, not typer: typer >= 0.2x imports pydantic at start-up (~60 ms on every call; see bench/)
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class ChineseGroup(click.Group):
    """A group whose commands all get the Chinese help option."""

    def command(self, *args, **kwargs):
        kwargs.setdefault("context_settings", CONTEXT)
        decorator = super().command(*args, **kwargs)

        def wrap(f):
            return decorator(click.help_option("-h", "--help", help="显示帮助并退出。")(f))

        return wrap


@click.group(cls=ChineseGroup, context_settings=CONTEXT, invoke_without_command=True,
             help="zhibiao（指标）：核对指标分解表、跟踪进度、生成简报。")
@click.version_option(package_name="zhibiao", message="zhibiao %(version)s", help="显示版本并退出。")
@click.help_option("-h", "--help", help="显示帮助并退出。")
@click.pass_context
def app(ctx: click.Context) -> None:
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())
# a pipe or file gets wide lines, so codes and cell references are never folded
out = Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 160)
# soft_wrap: an error stays one line in a pipe or a log (rich folds at 80 columns otherwise)
err = Console(stderr=True, highlight=False, soft_wrap=True)

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_LEVEL_STYLE = {"error": "red", "warning": "yellow"}
_ACT_ON = ("over", "needs-weights")  # notes that ask the clerk to look again stand out too
EXAMPLES = Path(__file__).resolve().parent.parent / "xlsx_templates" / "examples"


def fail(message: str, code: int = 2) -> None:
    """One Chinese line on stderr, no traceback."""
    err.print(f"[bold red]错误：[/]{message}", markup=True, highlight=False)
    raise click_exceptions.Exit(code)


def busy(message: str):
    """A spinner on long work, only when someone is watching the terminal."""
    return err.status(message) if err.is_terminal else nullcontext()


def print_report(report, title: str) -> None:
    """The readable Chinese report: indicators with their kinds, then the findings."""
    from rich.table import Table as RichTable

    from .report import VERDICT_LEVEL

    out.print(f"[bold]{title}[/]：{report.headline()}")
    for info in report.tables:
        label = "指标分解表" if info.kind == "split" else "目标体系表"
        where = f"（{info.parent} / {len(info.regions)} 个地区）" if info.kind == "split" else f"（{'、'.join(info.periods)}）"
        out.print(f"  工作表 [bold]{info.sheet}[/]：{label}{where}，{info.indicators} 项指标")
    kinds = RichTable(title="指标与汇总方式", show_lines=False, header_style="bold")
    for col in ("单元格", "指标", "汇总方式", "结论"):
        kinds.add_column(col, overflow="fold", no_wrap=col in ("单元格", "结论"))
    for ind in report.indicators:
        verdict_style = _LEVEL_STYLE.get(VERDICT_LEVEL.get(ind.verdict)) or ("cyan" if ind.verdict in _ACT_ON else "")
        kinds.add_row(ind.cell, ind.display_name, ind.kind_label, f"[{verdict_style}]{ind.verdict_label}[/]" if verdict_style else ind.verdict_label)
    out.print(kinds)
    if not report.findings:
        out.print("[green]未发现问题。[/]")
        return
    table = RichTable(title="发现的问题", header_style="bold", show_lines=True)
    for col in ("级别", "代码", "指标", "地区", "单元格", "说明", "建议"):
        table.add_column(col, overflow="fold", no_wrap=col in ("级别", "代码", "单元格"))
    for f in report.findings:
        table.add_row(
            f"[{_STYLE[f.severity]}]{SEVERITY_LABEL[f.severity]}[/]", f.code, f.indicator or "", f.region or "",
            f.cell or "", f.message, f.suggestion or "",
        )
    out.print(table)


FILE = click.Path(path_type=Path)


@app.command("check", short_help="核对分解表。",
             help="核对分解表：按指标类型检查各地区分解是否覆盖上级目标。FILE 为 .xlsx / .xlsm / .docx 文件。"
                  "加 --write 把结果写回工作簿（默认另存为 FILE.校验.xlsx，原文件不动）。")
@click.argument("file", type=FILE)
@click.option("--sheet", "-s", help="只核对这张工作表。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（标准输出只有 JSON）。")
@click.option("--write", "-w", "write", is_flag=True, help="把结果写回工作簿：问题单元格标色加批注，增加“校验”列和“校验结果”表。")
@click.option("--output", "-o", type=FILE, help="写回到这个文件（默认：原文件名.校验.xlsx）；隐含 --write。")
@click.option("--in-place", "in_place", is_flag=True, help="直接改写原文件（先写临时文件再替换）；隐含 --write。")
def check_cmd(file: Path, sheet: str | None, as_json: bool, write: bool, output: Path | None, in_place: bool) -> None:
    from .api import check_workbook
    from .formats import read_workbook

    write = write or output is not None or in_place
    if write:
        from .workbook.writeback import output_path

        output_path(file, output, in_place)  # a wrong combination fails before the work
    with busy("正在读取并核对…"):
        book = read_workbook(file)
        report = check_workbook(book, sheet)
    if as_json:
        sys.stdout.write(report.dumps() + "\n")
    else:
        print_report(report, file.name)
    if write:
        from .workbook.writeback import plan_findings, write_plan

        with busy("正在写回…"):
            written = write_plan(file, plan_findings(report, book), output, in_place, book)
        (err if as_json else out).print(f"已写回：{written}（见“校验结果”表）")
    raise click_exceptions.Exit(report.exit_code)


def _refuse_overwrite(path: Path, force: bool) -> None:
    if path.is_dir():
        fail(f"输出路径是一个文件夹，请写上文件名（如 {path / '分解表.xlsx'}）：{path}")
    if path.exists() and not force:
        fail(f"文件已存在：{path}。请换一个文件名，或加 --force 覆盖")


@app.command("new", short_help="生成分解表模板。",
             help="生成分解表模板（说明、分解、进度、基数、设置等工作表；-o 以 .xlsm 结尾时带“校验”“生成简报”按钮），带下拉选项、合计/差额公式和缺口标色，"
                  "不装 Python 也能在 Excel / WPS / LibreOffice 中使用。")
@click.option("--output", "-o", type=FILE, default=Path("分解表.xlsx"), show_default=True,
              help="模板文件名；以 .xlsm 结尾时带“校验”“生成简报”两个按钮（需 xlwings 加载项）。")
@click.option("--regions", "-r", help="地区名称，用逗号分隔，如 吴兴,南浔,德清（默认 地区1…地区6）。")
@click.option("--parent", "-p", default="全市", show_default=True, help="上级列名称，如 全市、全县、全区。")
@click.option("--year", "-y", type=int, default=2024, show_default=True, help="目标年度。")
@click.option("--force", "-f", is_flag=True, help="文件已存在时覆盖。")
def new_cmd(output: Path, regions: str | None, parent: str, year: int, force: bool) -> None:
    from .workbook.template import build_template
    from .vba.xlsm import build_xlsm_template

    names = [r.strip() for r in regions.replace("，", ",").replace("、", ",").split(",") if r.strip()] if regions is not None else None
    _refuse_overwrite(output, force)
    build = build_xlsm_template if output.suffix.lower() == ".xlsm" else build_template
    path = build(output, names, parent, year)
    out.print(f"已生成模板：{path}。在“分解”表逐行填写指标，填好后运行 zhibiao check {path.name} --write")


@app.command("import", short_help="把原始分解表转为模板格式。",
             help="把原始分解表（如政策文件附件的 .xlsx / .docx 表格）转为模板格式：推断的汇总方式填入“汇总方式”列供核对，"
                  "目标值原样保留，放不下的内容记在“说明”表。")
@click.argument("table", type=FILE)
@click.option("--output", "-o", type=FILE, help="输出文件（默认：原文件名.分解表.xlsx）。")
@click.option("--sheet", "-s", help="只导入这张工作表。")
@click.option("--force", "-f", is_flag=True, help="文件已存在时覆盖。")
def import_cmd(table: Path, output: Path | None, sheet: str | None, force: bool) -> None:
    from .workbook.importer import import_table

    output = output or table.with_name(f"{table.stem}.分解表.xlsx")
    if output.suffix.lower() != ".xlsx":
        fail(f"输出文件应为 .xlsx：{output.name}")
    _refuse_overwrite(output, force)
    with busy("正在导入…"):
        result = import_table(table, output, sheet)
    out.print(f"已导入：{table.name} 的“{result.table}”→ {result.path}（{result.indicators} 项指标，"
              f"{len(result.regions)} 个地区，上级列“{result.parent}”）")
    out.print("请核对“汇总方式”“权重依据”“方向”三列（程序推断）。")
    for note in result.notes:
        out.print(f"[yellow]未能放入模板：[/]{note}")


@app.command("demo", short_help="用内置示例演示。", help="用内置的湖州 2023 年区县分解表演示核对。")
def demo_cmd() -> None:
    from .api import check_file

    path = EXAMPLES / "湖州2023区县分解.xlsx"
    if not path.exists():
        fail(f"找不到内置示例：{path}（请在源码目录中运行）")
    out.print(f"示例：{path.relative_to(EXAMPLES.parent.parent)}（来源：湖政办发〔2023〕22号 附件1 主要指标各区县任务分解表）\n")
    report = check_file(path)
    print_report(report, path.name)
    _demo_progress()
    _demo_briefing()


def _demo_progress() -> None:
    """The progress part of the demo: the same 湖州 targets with invented half-year figures."""
    from .progress.report import progress_file
    from .progress.terminal import print_progress

    path = EXAMPLES / "湖州2023进度示例.xlsx"
    if not path.exists():
        fail(f"找不到内置示例：{path}（请在源码目录中运行）")
    out.print(f"\n进度示例：{path.relative_to(EXAMPLES.parent.parent)}（目标同上；实际完成数为演示虚构，并非统计数据）\n")
    print_progress(out, progress_file(path), path.name)


@app.command("progress", short_help="进度：红黄绿与赛马。",
             help="对照分解表目标评价进度：按序时进度亮红黄绿灯，并对各地区赛马排名。FILE 为含“进度”工作表（如“进度 2023-06”）的 .xlsx / .xlsm 文件。")
@click.argument("file", type=FILE)
@click.option("--period", "-p", help="期间，如 2023-06（默认取最近一期）。")
@click.option("--sheet", "-s", help="目标所在的分解表工作表（默认自动查找）。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（标准输出只有 JSON）。")
@click.option("--write", "write", is_flag=True, help="写回：加“进度结果”“进度赛马”工作表，并给进度单元格着色（默认另存为 文件名.进度.xlsx）。")
@click.option("--out", "-o", "out_path", type=FILE, help="写回时另存到这个文件。")
@click.option("--in-place", is_flag=True, help="写回时直接改写原文件（先写临时文件再替换）。")
def progress_cmd(file: Path, period: str | None, sheet: str | None, as_json: bool, write: bool,
                 out_path: Path | None, in_place: bool) -> None:
    from .formats import read_workbook
    from .progress.report import progress_workbook
    from .progress.terminal import print_progress

    if (out_path or in_place) and not write:
        fail("-o / --in-place 需与 --write 一起使用")
    if write:
        from .progress.write import default_output
        from .workbook.writeback import output_path

        out_path = out_path or (None if in_place else default_output(file))
        output_path(file, out_path, in_place)  # a wrong combination fails before the report is printed
    with busy("正在读取并评价进度…"):
        book = read_workbook(file)
        report = progress_workbook(book, period, sheet)
    if as_json:
        sys.stdout.write(report.dumps() + "\n")
    else:
        print_progress(out, report, file.name)
    if write:
        from .progress.write import plan_progress
        from .workbook.writeback import write_plan

        target = write_plan(file, plan_progress(report), out_path, in_place, book)
        err.print(f"已写回：{target}")
    raise click_exceptions.Exit(report.exit_code)


@app.command("brief", short_help="生成简报（Word / HTML）。",
             help="生成简报：分解缺口、红黄绿进度、赛马排名、预警清单，按公文版式输出 Word（可再编辑）和 HTML。"
                  "FILE 为分解表（.xlsx / .xlsm / .docx）；含“进度”工作表时加入进度部分。")
@click.argument("file", type=FILE)
@click.option("--period", "-p", help="期间，如 2023-06（默认取最近一期进度）。")
@click.option("--format", "-f", "fmt", type=click.Choice(["docx", "html", "both"]), default="both", show_default=True,
              help="输出格式。")
@click.option("--out", "-o", "out_path", type=click.Path(path_type=Path),
              help="输出文件夹（默认与 FILE 同一文件夹）；或以 .docx / .html 结尾的文件名。")
def brief_cmd(file: Path, period: str | None, fmt: str, out_path: Path | None) -> None:
    from .briefing import render_briefing
    from .errors import UsageError

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
    with busy("正在生成简报…"):
        paths = render_briefing(file, period, formats, out_dir=out_dir, stem=stem)
    for path in paths:
        out.print(f"已生成简报：{path}")


def _demo_briefing() -> None:
    """The briefing part of the demo, written into demo-output/."""
    from .briefing import render_briefing

    path = EXAMPLES / "湖州2023进度示例.xlsx"
    target = EXAMPLES.parent.parent / "demo-output"
    out.print("\n简报（进度数据为演示虚构）：")
    for written in render_briefing(path, out_dir=target, stem="湖州2023简报示例"):
        out.print(f"  {written}")


def main(argv: list[str] | None = None) -> int:
    """Console entry point: ZhibiaoError becomes one line and exit code 2."""
    try:
        code = app.main(args=argv, prog_name="zhibiao", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except click_exceptions.Exit as exc:
        return exc.exit_code
    except ZhibiaoError as exc:
        err.print(f"[bold red]错误：[/]{exc}")
        return exc.exit_code
    except KeyboardInterrupt:
        err.print("已取消。")
        return 130
    except Exception as exc:  # click usage errors and anything unforeseen: one line, never a traceback
        if isinstance(exc, click_exceptions.ClickException):
            err.print(f"[bold red]错误：[/]{_usage_message(exc)}")
            err.print("用 zhibiao --help 查看用法。")
            return 2
        if isinstance(exc, click_exceptions.Abort):
            return 130
        if os.environ.get("ZHIBIAO_DEBUG"):
            raise
        err.print(f"[bold red]错误：[/]处理时出错（{type(exc).__name__}: {exc}）。设置 ZHIBIAO_DEBUG=1 可查看详情。")
        return 2


def _usage_message(exc) -> str:
    """Click's usage errors, in Chinese."""
    if isinstance(exc, click_exceptions.NoSuchOption):
        return f"没有这个选项：{exc.option_name}"
    if isinstance(exc, click_exceptions.MissingParameter):
        name = getattr(exc.param, "name", "") or ""
        return f"缺少参数：{name.upper()}"
    if isinstance(exc, click_exceptions.BadParameter):
        return _bad_parameter(exc)
    if isinstance(exc, click_exceptions.UsageError):
        return f"用法不正确：{exc.format_message()}"
    return exc.format_message()


def _bad_parameter(exc) -> str:
    """A wrong option value in Chinese: which option, and what it accepts (click says it in English)."""
    param = exc.param
    where = exc.param_hint if isinstance(exc.param_hint, str) else None
    if where is None and param is not None:
        where = " / ".join(getattr(param, "opts", []) or [param.name or ""])
    where = (where or "").replace("'", "")
    kind = getattr(param, "type", None)
    if isinstance(kind, click.Choice):
        return f"{where} 的值不正确，只能是：{'、'.join(map(str, kind.choices))}"
    if isinstance(kind, click.types.IntParamType):
        return f"{where} 的值应为整数"
    if isinstance(kind, click.types.FloatParamType):
        return f"{where} 的值应为数字"
    return f"{where} 的值不正确"


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
