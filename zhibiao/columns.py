"""Text in terminal columns: a Chinese character takes two, and lines break between characters, never inside a number.

Shared by the CLI's help and the readable tables of check and progress: rich and click fold text that has no
spaces at the exact column, which splits 1500 into 150 / 0 and 2.8 into 2. / 8.
"""

from __future__ import annotations

import re
import unicodedata

_TOKEN = re.compile(r"[!-~]+|\s+|.", re.S)  # a run of ASCII (word, number, option, path), white space, or one character
_NO_LINE_START = set("，。；：、）》”’！？%…")
_NO_LINE_END = set("“‘（《")


def display_width(text: str) -> int:
    """Terminal columns: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` columns (a word longer than that stays whole).

    A closing mark (，。）) never starts a line: the token before it moves down with it; an opening one (“（)
    never ends a line.
    """
    lines: list[str] = []
    line: list[str] = []  # tokens of the current line
    for token in _TOKEN.findall(" ".join(text.split())):
        if token.isspace():
            if line:
                line.append(" ")
            continue
        used = sum(display_width(t) for t in line)
        if used + display_width(token) > width and "".join(line).strip():
            carry: list[str] = []
            if token in _NO_LINE_START:
                while line and len(carry) < 3 and (not carry or carry[0] in _NO_LINE_START):
                    carry.insert(0, line.pop())
            while line and line[-1] in _NO_LINE_END:
                carry.insert(0, line.pop())
            if "".join(line).strip():
                lines.append("".join(line).rstrip())
                line = carry
            else:
                line = line + carry
        line.append(token)
    if "".join(line).strip():
        lines.append("".join(line).rstrip())
    return lines


def fit(text: str, width: int) -> str:
    """Text pre-wrapped to `width` columns (rich then keeps the lines as they are)."""
    return "\n".join(wrap(text, width)) if text else ""


def fit_code(code: str, width: int) -> str:
    """An English code such as weights-needed, broken after a hyphen when it is wider than the column."""
    lines, line = [], ""
    for part in re.findall(r"[^-]+-?", code):
        if line and len(line) + len(part) > width:
            lines.append(line)
            line = ""
        line += part
    return "\n".join(lines + [line]) if line else "\n".join(lines)
