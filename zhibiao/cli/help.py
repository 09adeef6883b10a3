"""Chinese help: 用法 / 选项 / 命令 headings, and lines wrapped by display width (a Chinese character takes two columns).

click wraps by character count and never breaks Chinese text that has no spaces, so its help ran past
an 80-column terminal; here a line breaks between Chinese characters, never inside a word, a number
or an option such as --write, and closing punctuation stays on the line it closes.
"""

from __future__ import annotations

import re
import unicodedata

import click

_TOKEN = re.compile(r"[!-~]+|\s+|.", re.S)  # a run of ASCII (word, number, option, path), white space, or one character
_NO_LINE_START = set("，。；：、）》”’！？%…")
_NO_LINE_END = set("“‘（《")


def display_width(text: str) -> int:
    """Terminal columns: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns (a word longer than that stays whole)."""
    lines, line, used = [], "", 0
    for token in _TOKEN.findall(" ".join(text.split())):
        size = display_width(token)
        if token.isspace():
            if line:
                line, used = line + " ", used + 1
            continue
        if used + size > width and line.strip() and token not in _NO_LINE_START:
            carry = ""
            while line and line[-1] in _NO_LINE_END:  # an opening quote or bracket goes with what it opens
                carry, line = line[-1] + carry, line[:-1]
            lines.append(line.rstrip())
            line, used = carry, display_width(carry)
        line, used = line + token, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


class ChineseFormatter(click.HelpFormatter):
    """click's help with Chinese headings: 用法, 选项, 命令 (click writes Usage, Options, Commands)."""

    SECTIONS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}
    WORDS = (("[OPTIONS]", "[选项]"), ("COMMAND", "命令"), ("[ARGS]", "[参数]"))
    METAVARS = ((" TEXT", " 文字"), (" PATH", " 路径"), (" INTEGER", " 整数"), (" FLOAT", " 数字"))

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
        rows = [(self._term(term), re.sub(r"\s*\[default: (.*?)\]", r"（默认：\1）", text)) for term, text in rows]
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
