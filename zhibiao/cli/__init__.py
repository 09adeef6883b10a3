"""The command line: builds inputs, calls the core, prints, exits (0 ok, 1 error findings, 2 unusable input).

app.py holds the click group and the consoles; each command lives in a module of its own, imported here so
that it registers on the group. A new feature adds its command as a module here.
"""

from __future__ import annotations

import difflib
import os
import re
import sys

import click
from click import exceptions as click_exceptions

from ..errors import ZhibiaoError
# one command per module; importing registers it
from . import brief, check, collect, demo, diff, levels, merge, progress, projects, report, template  # noqa: F401
from .app import app, err, error_line, out  # noqa: F401  (tests swap the consoles' files)


def main(argv: list[str] | None = None) -> int:
    """Console entry point: ZhibiaoError becomes one line and exit code 2."""
    try:
        # argv None: this process's own command line (the console script, python -m zhibiao.cli), ending with it
        code = app.main(args=argv, prog_name="zhibiao", standalone_mode=False, obj={"process_ends": argv is None})
        return code if isinstance(code, int) else 0
    except click_exceptions.Exit as exc:
        return exc.exit_code
    except ZhibiaoError as exc:
        err.print(error_line(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        err.print("已取消。")
        return 130
    except Exception as exc:  # click usage errors and anything unforeseen: one line, never a traceback
        if isinstance(exc, click_exceptions.ClickException):
            err.print(error_line(_usage_message(exc)))
            command = next((a for a in (argv if argv is not None else sys.argv[1:]) if a in app.commands), None)
            where = f"zhibiao {command}" if command else "zhibiao"
            err.print(f"用 {where} --help 查看用法。")
            return 2
        if isinstance(exc, click_exceptions.Abort):
            return 130
        if os.environ.get("ZHIBIAO_DEBUG"):
            raise
        err.print(error_line(f"处理时出错（{type(exc).__name__}: {exc}）。设置 ZHIBIAO_DEBUG=1 可查看详情。"))
        return 2


def _usage_message(exc) -> str:
    """Click's usage errors, in Chinese."""
    if isinstance(exc, click_exceptions.NoSuchCommand):
        near = difflib.get_close_matches(exc.command_name, list(exc.possibilities or app.commands), n=1, cutoff=0.5)
        return f"没有命令“{exc.command_name}”" + (f"，是不是要用 {near[0]}？" if near else f"，可用的命令：{'、'.join(app.commands)}")
    if isinstance(exc, click_exceptions.NoSuchOption):
        near = f"，是不是要用 {exc.possibilities[0]}？" if exc.possibilities else ""
        return f"没有这个选项：{exc.option_name}{near}"
    if isinstance(exc, click_exceptions.MissingParameter):
        if isinstance(exc.param, click.Option):  # a required option: which, and what it takes (its help)
            said = (exc.param.help or "").rstrip("。")
            return f"缺少选项 {' / '.join(exc.param.opts)}" + (f"：{said}" if said else "")
        name = getattr(exc.param, "name", "") or ""
        return f"缺少参数：{name.upper()}"
    if isinstance(exc, click_exceptions.BadParameter):
        return _bad_parameter(exc)
    if isinstance(exc, click_exceptions.UsageError):
        message = exc.format_message()
        if extra := re.match(r"Got unexpected extra arguments? \((.*)\)", message):
            return f"多余的参数：{extra.group(1)}（文件名中有空格时请加引号）"
        if option := re.match(r"Option '(.+)' requires an argument", message):
            return f"选项 {option.group(1)} 后面需要一个值"
        return f"用法不正确：{message}"
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
    if isinstance(kind, click.IntRange) and kind.min is not None and kind.max is None:
        return f"{where} 的值应为不小于 {kind.min} 的整数"
    if isinstance(kind, click.types.IntParamType):
        return f"{where} 的值应为整数"
    if isinstance(kind, click.types.FloatParamType):
        return f"{where} 的值应为数字"
    return f"{where} 的值不正确"


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
