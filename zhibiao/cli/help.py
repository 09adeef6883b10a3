"""Chinese help: 用法 / 选项 / 命令 headings, and lines wrapped by display width (a Chinese character takes two columns).

click wraps by character count and never breaks Chinese text that has no spaces, so its help ran past
an 80-column terminal; here a line breaks between Chinese characters, never inside a word, a number
or an option such as --write, and closing punctuation stays on the line it closes.
"""

from __future__ import annotations

import re

import click

from ..columns import display_width, wrap

class ChineseFormatter(click.HelpFormatter):
    """click's help with Chinese headings: 用法, 选项, 命令 (click writes Usage, Options, Commands)."""

    SECTIONS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}
    WORDS = (("[OPTIONS]", "[选项]"), ("COMMAND", "命令"), ("[ARGS]", "[参数]"))
    METAVARS = ((" TEXT", " 文字"), (" PATH", " 路径"), (" INTEGER RANGE", " 整数"), (" INTEGER", " 整数"),
                (" FLOAT RANGE", " 数字"), (" FLOAT", " 数字"))
    # click's range hints after a help text: [x>=1], [x<=9], [1<=x<=12] (also with < and >)
    RANGE = re.compile(r"\s*\[(?:(-?[\d.]+)(<=?)x(<=?)(-?[\d.]+)|x(>=?|<=?)(-?[\d.]+))\]")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, chinese in self.WORDS:
            args = args.replace(english, chinese)
        self.write(f"{'':>{self.current_indent}}{'用法：' if prefix is None else prefix}{prog} {args}".rstrip() + "\n")

    def section(self, name: str):
        return super().section(self.SECTIONS.get(name, name))

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for paragraph in re.split(r"\n\s*\n", text):
            for line in wrap(paragraph, max(self.width - self.current_indent, 20)):
                self.write(f"{indent}{line}\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(self._term(term), self.RANGE.sub(_range, re.sub(r"\s*\[default: \(?(.*?)\)?\]", r"（默认：\1）", text)))
                for term, text in rows]
        first = min(max((display_width(t) for t, _ in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        room = max(self.width - self.current_indent - first, 20)
        for term, text in rows:
            lines = wrap(text, room) or [""]
            if display_width(term) + col_spacing > first:  # a long term gets a line of its own
                self.write(f"{indent}{term}\n")
                pad_first = " " * first
            else:
                pad_first = " " * (first - display_width(term))
                self.write(f"{indent}{term}{pad_first}{lines.pop(0)}\n")
                pad_first = " " * first
            for line in lines:
                self.write(f"{indent}{pad_first}{line}\n")

    def _term(self, term: str) -> str:
        for english, word in self.METAVARS:
            if term.endswith(english):
                return term[: -len(english)] + word
        return term


def _range(m: re.Match) -> str:
    """click's [x>=1] in words: （不小于1）, （1至12）, （小于5）…"""
    low, _, _, high, op, bound = m.groups()
    if op is None:
        return f"（{low}至{high}）"
    return "（" + {">=": "不小于", ">": "大于", "<=": "不大于", "<": "小于"}[op] + bound + "）"
