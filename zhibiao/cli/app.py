"""The click group, its two consoles and what every command shares (one-line errors, the spinner)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from click import exceptions as click_exceptions
from .help import ChineseFormatter

# click, not typer: typer >= 0.2x imports pydantic at start-up (~60 ms on every call; see bench/)
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class ChineseContext(click.Context):
    formatter_class = ChineseFormatter


class ChineseCommand(click.Command):
    context_class = ChineseContext


class ChineseGroup(click.Group):
    """A group whose commands all get the Chinese help option and headings."""

    context_class = ChineseContext
    command_class = ChineseCommand

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
def _width() -> int | None:
    """COLUMNS when set, else the terminal's width; a pipe or file gets wide lines (160), so codes and cells stay whole."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns >= 40:
        return columns
    return None if sys.stdout.isatty() else 160


class LazyConsole:
    """A rich Console made on first use: `check --json` and `--help` never print through one, and importing
    rich costs a start-up of its own (~40 ms of CPU). Everything else goes to the Console itself."""

    def __init__(self, **options):
        object.__setattr__(self, "_options", options)
        object.__setattr__(self, "_console", None)

    def _made(self):
        if self._console is None:
            from rich.console import Console

            object.__setattr__(self, "_console", Console(**self._options))
        return self._console

    def __getattr__(self, name: str):
        return getattr(self._made(), name)

    def __setattr__(self, name: str, value) -> None:
        setattr(self._made(), name, value)

    def line(self, text: str) -> None:
        """print(text, markup=False) for one line of plain text, written without importing rich when it is certain
        to come out as rich writes it: printable, no space at either end, and within the console's width counting
        two cells for any character but printable ASCII (or soft-wrapped: never folded). `zhibiao brief` prints
        such lines only, and so never loads rich (~35 ms of CPU); anything else goes through the Console."""
        options = self._options
        width = options.get("width")
        # rich gives a character at most two cells, a printable ASCII one exactly one
        fits = options.get("soft_wrap") or (
            width is not None and sum(1 if " " <= c <= "~" else 2 for c in text) <= width)
        if self._console is None and fits and text.isprintable() and text == text.strip():
            stream = sys.stderr if options.get("stderr") else sys.stdout
            stream.write(text + "\n")
            stream.flush()
            return
        self._made().print(text, markup=False)


# Workbook text, options and paths are data: both consoles print strings as they are (no [markup], no :emoji:);
# the program's own styles are rich Text objects (error_line, the report tables).
out = LazyConsole(highlight=False, markup=False, emoji=False, soft_wrap=False, width=_width())
# soft_wrap: an error stays one line in a pipe or a log (rich folds at 80 columns otherwise)
err = LazyConsole(stderr=True, highlight=False, markup=False, emoji=False, soft_wrap=True)
EXAMPLES = Path(__file__).resolve().parents[2] / "xlsx_templates" / "examples"
# readable=False: click would refuse an unreadable file as "file 的值不正确"; the reader says it cannot open it, and why
FILE = click.Path(path_type=Path, readable=False)


def error_line(message: str):
    """错误：message (a rich Text), the label in bold red and the message as plain text (file names may hold [brackets])."""
    from rich.text import Text

    return Text.assemble(("错误：", "bold red"), " ".join(str(message).split()))


def process_ends() -> bool:
    """Whether the process ends with this command (cli.main run without argv), so what it built can be left to
    the exit (memory.leave_to_exit); false for tests, the Excel functions and the server, which go on."""
    return bool((click.get_current_context().obj or {}).get("process_ends"))


def fail(message: str, code: int = 2) -> None:
    """One Chinese line on stderr, no traceback."""
    err.print(error_line(message))
    raise click_exceptions.Exit(code)


def written_line(source: Path, target: Path) -> str:
    """What a write-back did, in one line: into a copy of the workbook, or (other formats) into a new .xlsx."""
    from ..formats import writable

    if writable(source):
        return f"已写回：{target}"
    return f"{source.suffix or '此类'} 文件不能直接写回，已把表格和结果另存为 Excel 文件：{target}"


def max_cells_option(f):
    """--max-cells N: read at most N cells (zhibiao.formats.limits), for the length of the command."""
    def remember(ctx, param, value):
        if value is not None:
            from ..formats.limits import cell_limit

            ctx.with_resource(cell_limit(value))

    return click.option("--max-cells", type=click.IntRange(min=1), expose_value=False, callback=remember,
                        help="最多读取的单元格数（各工作表已用区域之和，默认 20000000，约占 1 GB 内存）；"
                             "超过时说明是哪张表、哪个单元格，而不读取。")(f)


def busy(message: str, quiet: bool = False):
    """The progress line on long work (cli/meter.py): past two seconds, only when someone is watching the
    terminal, never with --json (quiet)."""
    from .meter import Meter

    return Meter(message, quiet=quiet)


def refuse_overwrite(path: Path, force: bool) -> None:
    if path.is_dir():
        fail(f"输出路径是一个文件夹，请写上文件名（如 {path / '分解表.xlsx'}）：{path}")
    if path.exists() and not force:
        fail(f"文件已存在：{path}。请换一个文件名，或加 --force 覆盖")
