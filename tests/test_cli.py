"""The CLI: readable output, JSON on stdout only, exit codes 0 / 1 / 2 with one Chinese line."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import FILES, HUZHOU, ROOT


def test_check_ok_exits_0_and_prints_kinds(runner):
    result = runner.invoke("check", HUZHOU)
    assert result.exit_code == 0
    assert "加权平均" in result.stdout and "超额分解" in result.stdout and "任务分解!H17" in result.stdout


def test_a_table_without_a_parent_says_so_in_words(runner):
    """延边's table has no 合计 / 全州 row: the header line names that, never a bare None."""
    result = runner.invoke("check", ROOT / "tests" / "files" / "real" / "yanbian_2021_nenghao.xlsx")
    assert "（无上级目标 / 8 个地区）" in result.stdout and "None" not in result.stdout


def test_check_with_errors_exits_1(runner):
    result = runner.invoke("check", FILES / "huzhou_short.xlsx")
    assert result.exit_code == 1
    assert "split-short" in result.stdout


def test_json_is_the_only_output(runner):
    result = runner.invoke("check", FILES / "huzhou_short.xlsx", "--json")
    data = result.json()
    assert set(data) == {"findings", "summary"}
    f = data["findings"][0]
    assert [f[k] for k in ("code", "severity", "indicator", "region", "cell", "kind", "target", "allocated", "gap")] == [
        "split-short", "error", "高耗低效整治企业数(家)", None, "任务分解!H14", "sum", 1200.0, 1150.0, 50.0]
    assert data["summary"]["errors"] == 1 and data["summary"]["valid"] is False
    kinds = {i["name"]: i["kind"] for i in data["summary"]["indicators"]}
    assert kinds["规上工业亩均税收(万元/亩)"] == "weighted"


def test_sheet_option(runner):
    assert runner.invoke("check", HUZHOU, "--sheet", "任务分解").exit_code == 0
    result = runner.invoke("check", HUZHOU, "--sheet", "不存在")
    assert result.exit_code == 2 and "找不到工作表" in result.stderr


def _one_chinese_line(result):
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == 2
    assert lines[0].startswith("错误：")
    assert "Traceback" not in result.stderr


def test_unusable_inputs_exit_2_with_one_line(runner, tmp_path):
    (tmp_path / "x.csv").write_text("a,b")
    for path in (FILES / "broken.xlsx", FILES / "not_a_table.xlsx", tmp_path / "missing.xlsx", tmp_path / "x.csv", tmp_path):
        _one_chinese_line(runner.invoke("check", path))


def test_wrong_option_exits_2(runner):
    result = runner.invoke("check", HUZHOU, "--bogus")
    _one_chinese_line(result)
    assert "--bogus" in result.stderr


def test_console_script_end_to_end():
    """The installed entry point, in a real process: exit code and clean stdout JSON."""
    proc = subprocess.run([sys.executable, "-m", "zhibiao.cli", "check", str(FILES / "huzhou_short.xlsx"), "--json"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["summary"]["errors"] == 1
    proc = subprocess.run([sys.executable, "-m", "zhibiao.cli", "check", str(FILES / "broken.xlsx")],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and proc.stderr.startswith("错误：") and "Traceback" not in proc.stderr


def test_demo_runs_on_the_bundled_example(runner):
    result = runner.invoke("demo")
    assert result.exit_code == 0
    assert "湖州" in result.stdout and "split-over" in result.stdout
