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
err = Console(stderr=True, highlight=False)

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
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

    out.print(f"[bold]{title}[/]：{report.headline()}")
    for info in report.tables:
        label = "指标分解表" if info.kind == "split" else "目标体系表"
        where = f"（{info.parent} / {len(info.regions)} 个地区）" if info.kind == "split" else f"（{'、'.join(info.periods)}）"
        out.print(f"  工作表 [bold]{info.sheet}[/]：{label}{where}，{info.indicators} 项指标")
    kinds = RichTable(title="指标与汇总方式", show_lines=False, header_style="bold")
    for col in ("单元格", "指标", "汇总方式", "结论"):
        kinds.add_column(col, overflow="fold", no_wrap=col in ("单元格", "结论"))
    for ind in report.indicators:
        verdict_style = {"short": "red", "infeasible": "red", "below": "red", "unparsed": "red",
                         "incomplete": "yellow", "over": "cyan", "needs-weights": "cyan"}.get(ind.verdict, "")
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
             help="核对分解表：按指标类型检查各地区分解是否覆盖上级目标。FILE 为 .xlsx / .xlsm / .docx 文件。")
@click.argument("file", type=FILE)
@click.option("--sheet", "-s", help="只核对这张工作表。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（标准输出只有 JSON）。")
def check_cmd(file: Path, sheet: str | None, as_json: bool) -> None:
    from .api import check_file

    with busy("正在读取并核对…"):
        report = check_file(file, sheet)
    if as_json:
        sys.stdout.write(report.dumps() + "\n")
    else:
        print_report(report, file.name)
    raise click_exceptions.Exit(report.exit_code)


@app.command("demo", short_help="用内置示例演示。", help="用内置的湖州 2023 年区县分解表演示核对。")
def demo_cmd() -> None:
    from .api import check_file

    path = EXAMPLES / "湖州2023区县分解.xlsx"
    if not path.exists():
        fail(f"找不到内置示例：{path}（请在源码目录中运行）")
    out.print(f"示例：{path.relative_to(EXAMPLES.parent.parent)}（来源：湖政办发〔2023〕22号 附件1 主要指标各区县任务分解表）\n")
    report = check_file(path)
    print_report(report, path.name)


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
        return f"参数不正确：{exc.format_message()}"
    if isinstance(exc, click_exceptions.UsageError):
        return f"用法不正确：{exc.format_message()}"
    return exc.format_message()


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
