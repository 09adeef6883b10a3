"""LazyConsole.line: a plain line written without rich only where rich would write exactly the same."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from rich.console import Console

from conftest import ROOT
from zhibiao.cli.app import LazyConsole

LINES = [
    "已生成简报：/tmp/b/湖州2023区县分解.简报.docx", "已生成简报：D:\\工作\\2023\\湖州.简报.html", "a" * 80, "宽" * 80,
    "宽" * 81, "a" * 160, "a" * 161, "宽" * 50 + "a" * 60, "宽" * 50 + "a" * 61, "宽" * 30 + "/" + "a" * 99,
    " 前有空格", "后有空格 ", "制表\t符", "回车\r符", "换行\n符", "响铃\a", "[bold]不是标记[/bold]", ":smile: 不是表情",
    "不间断\u00a0空格", "é 与 e\u0301", "😀 表情", "", "http://example.com/x?y=1",
    "提示：" + "本机没有简报字体 方正小标宋简体（以 Noto Sans CJK SC 代替）" * 4,
    "C:\\Users\\科员\\Desktop\\分解表.简报.docx",
]
OPTIONS = [
    dict(highlight=False, markup=False, emoji=False, soft_wrap=False, width=160),  # stdout, not a terminal
    dict(highlight=False, markup=False, emoji=False, soft_wrap=False, width=100),  # COLUMNS=100
    dict(stderr=True, highlight=False, markup=False, emoji=False, soft_wrap=True),  # stderr
]


@pytest.mark.parametrize("options", OPTIONS)
@pytest.mark.parametrize("text", LINES)
def test_line_writes_what_rich_writes(options, text, monkeypatch):
    ours, theirs = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stderr" if options.get("stderr") else "stdout", ours)
    LazyConsole(**options).line(text)
    rich_options = {k: v for k, v in options.items() if k != "stderr"}
    Console(file=theirs, **rich_options).print(text, markup=False)
    assert ours.getvalue() == theirs.getvalue()


def test_brief_prints_without_loading_rich(tmp_path):
    code = ("import sys; from zhibiao.cli import main; rc = main(sys.argv[1:]); "
            "print('RICH' if any(m.startswith('rich') for m in sys.modules) else 'NO RICH', file=sys.stderr)")
    book = ROOT / "xlsx_templates" / "examples" / "湖州2023进度示例.xlsx"
    result = subprocess.run([sys.executable, "-c", code, "brief", "-o", str(tmp_path), str(book)],
                            capture_output=True, text=True, cwd=tmp_path, timeout=300,
                            env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert result.stderr.strip().splitlines()[-1] == "NO RICH", result.stderr[-2000:]
    assert "已生成简报：" in result.stdout
