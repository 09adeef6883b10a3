"""The progress line on stderr (issue 12 item 9): shown to someone watching a terminal, never in a pipe or --json.

The commands run in a pseudo-terminal (pty), as a clerk's would; ZHIBIAO_PROGRESS_AFTER=0 makes every run
"slow" (the line appears at once instead of after two seconds), so the small bundled examples suffice.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import EXAMPLES, HUZHOU
from zhibiao import steps
from zhibiao.cli.meter import line

pty = pytest.importorskip("pty", reason="没有伪终端（pty）：Windows 上不测进度行")
PROGRESS = EXAMPLES / "湖州2023进度示例.xlsx"


def _env(after: str = "0") -> dict:
    return {**os.environ, "ZHIBIAO_PROGRESS_AFTER": after, "TERM": "xterm", "COLUMNS": "100"}


def in_terminal(*args, after: str = "0") -> tuple[int, str]:
    """Run zhibiao with stdout and stderr on one pseudo-terminal; its exit code and everything it showed."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "zhibiao", *map(str, args)], stdin=slave, stdout=slave, stderr=slave,
                            env=_env(after), close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=120), b"".join(chunks).decode("utf-8", "replace")


def piped(*args, after: str = "0") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zhibiao", *map(str, args)], capture_output=True, text=True,
                          env=_env(after), timeout=120)


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """A split of 600 indicators × 150 regions: long enough to check that the line passes through its steps."""
    from openpyxl import Workbook

    path = tmp_path_factory.mktemp("large") / "大表.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("任务分解")
    ws.append(["序号", "指标名称"] + [f"地区{j + 1}" for j in range(150)] + ["全市", "责任部门"])
    for i in range(600):
        values = [float((i * 7 + j * 13) % 97 + 1) for j in range(150)]
        ws.append([i + 1, f"指标{i + 1}(亿元)"] + values + [sum(values), "市发改委"])
    wb.save(path)
    return path


def test_check_in_a_terminal_shows_the_line_in_place_and_clears_it(large):
    code, shown = in_terminal("check", large)
    assert code in (0, 1)
    assert "\r正在" in shown, shown[:300]  # drawn from the line's start, updated in place
    lines = [part.rstrip(" ") for part in shown.split("\r") if part.startswith("正在")]
    assert "正在校验 600 项指标 … 0%" in lines, lines  # each step is drawn as it begins
    assert any(text.startswith("正在读取 ") for text in lines), lines
    # wiped before the report: what follows the last drawing is blanks, then the report from a line's start
    last = shown.rindex("\r正在")
    rest = shown[last + 1:]
    wiped = rest.index("\r", rest.index("…"))
    assert rest[wiped + 1:].lstrip(" ").startswith("\r"), repr(rest[:200])
    assert "正在" not in rest[wiped + 1:]
    assert "指标与汇总方式" in rest[wiped + 1:]


def test_json_in_a_terminal_has_no_progress_line():
    code, shown = in_terminal("check", "--json", HUZHOU)
    assert code in (0, 1)
    assert "正在" not in shown
    json.loads(shown.replace("\r\n", "\n"))  # nothing but the JSON, even on a terminal


@pytest.mark.parametrize("args", [("check", HUZHOU), ("progress", PROGRESS), ("check", "--json", HUZHOU)])
def test_piped_runs_never_show_it(args):
    result = piped(*args)
    assert result.returncode in (0, 1), result.stderr
    assert "正在" not in result.stderr and "\r" not in result.stderr
    assert "正在" not in result.stdout


def test_a_quick_run_shows_nothing():
    """Under the two seconds (the default), a terminal sees no progress line at all."""
    code, shown = in_terminal("check", HUZHOU, after="60")
    assert code in (0, 1)
    assert "正在" not in shown and "指标与汇总方式" in shown


@pytest.mark.parametrize("args", [("progress", PROGRESS), ("import", HUZHOU, "-o", "{tmp}/导入.xlsx"),
                                  ("brief", PROGRESS, "-f", "html", "-o", "{tmp}"), ("projects", EXAMPLES / "重大项目示例.xlsx"),
                                  ("collect", PROGRESS, "--period", "2023-06", "-o", "{tmp}/报送")])
def test_other_long_commands_show_it_too(args, tmp_path):
    code, shown = in_terminal(*(str(a).replace("{tmp}", str(tmp_path)) for a in args))
    assert code in (0, 1), shown[-500:]
    drawn = [part for part in shown.split("\r") if part.startswith("正在")]
    assert drawn, shown[-500:]
    assert "Traceback" not in shown


def test_merge_shows_it_reading_the_returns(tmp_path):
    assert piped("collect", PROGRESS, "--period", "2023-06", "-o", tmp_path / "报送").returncode == 0
    code, shown = in_terminal("merge", PROGRESS, tmp_path / "报送", "-o", tmp_path / "合并.xlsx")
    assert code in (0, 1), shown[-500:]
    drawn = [part.rstrip(" ") for part in shown.split("\r") if part.startswith("正在")]
    assert drawn and "Traceback" not in shown, shown[-500:]
    assert (tmp_path / "合并.xlsx").exists()


def test_the_line_says_how_far():
    assert line("正在校验 1200 项指标", 480, 1200, 3.0) == "正在校验 1200 项指标 … 40%"
    assert line("正在读取 任务分解", 0, None, 12.4) == "正在读取 任务分解 …（已用 12 秒）"
    assert line("正在读取 任务分解", 0, None, 0.3) == "正在读取 任务分解 …"


def test_counted_steps_count_every_item():
    seen = []
    for item in steps.counted(range(5), "正在数"):
        seen.append((item, steps.NOW.done))
    assert seen == [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4)]
    assert (steps.NOW.label, steps.NOW.done, steps.NOW.total) == ("正在数", 5, 5)
