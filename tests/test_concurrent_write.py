"""--in-place writers: one at a time, nothing lost, never over a workbook open in Excel (issue 12, items 7 and 8)."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from openpyxl import load_workbook

from conftest import EXAMPLES, ROOT

PROGRESS = EXAMPLES / "湖州2023进度示例.xlsx"


def _state(path):
    return path.read_bytes(), path.stat().st_mtime_ns


def _spawn(*args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "zhibiao", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def _one_line(result, *words):
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == 2 and len(lines) == 1 and lines[0].startswith("错误："), result.stderr
    for word in words:
        assert word in lines[0], lines[0]


@pytest.mark.parametrize("round_", range(3))
def test_concurrent_in_place_writers_lose_nothing(tmp_path, round_):
    path = tmp_path / "分解表.xlsx"
    shutil.copy(PROGRESS, path)
    runs = [_spawn("check", path, "--in-place"), _spawn("progress", path, "--write", "--in-place"),
            _spawn("check", path, "--in-place", "--json"), _spawn("progress", path, "--in-place", "--json")]
    for run in runs:
        out, err = run.communicate(timeout=600)
        assert run.returncode in (0, 1), err
        assert "已写回" in out + err
    sheets = load_workbook(path).sheetnames
    assert {"校验结果", "进度结果", "进度赛马"} <= set(sheets), sheets
    assert sheets.count("校验结果") == 1
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".~zhibiao-")]


def test_a_writer_kept_waiting_says_so_and_exits_2(runner, tmp_path, monkeypatch):
    path = tmp_path / "分解表.xlsx"
    shutil.copy(PROGRESS, path)
    before = _state(path)
    monkeypatch.setenv("ZHIBIAO_LOCK_TIMEOUT", "0.5")
    with open(tmp_path / ".~zhibiao-lock-分解表.xlsx", "w") as held:  # another zhibiao in the middle of its write
        fcntl.flock(held, fcntl.LOCK_EX)
        result = runner.invoke("check", path, "--in-place")
    _one_line(result, "另一个 zhibiao", "未写入")
    assert _state(path) == before


def test_in_place_refuses_a_workbook_open_in_excel_or_libreoffice(runner, tmp_path):
    path = tmp_path / "分解表.xlsx"
    shutil.copy(PROGRESS, path)
    before = _state(path)
    for owner in ("~$分解表.xlsx", ".~lock.分解表.xlsx#"):
        (tmp_path / owner).write_bytes(b"\0" * 165)
        for args in (["check", path, "--in-place"], ["progress", path, "--write", "--in-place"]):
            _one_line(runner.invoke(*args), owner, "关闭")
            assert _state(path) == before
        (tmp_path / owner).unlink()
    (tmp_path / "~$分解表.xlsx").write_bytes(b"\0" * 165)
    assert runner.invoke("check", path, "--write").exit_code == 0  # a copy beside it is fine


def test_a_change_by_another_program_during_the_write_is_not_overwritten(runner, tmp_path, monkeypatch):
    from zhibiao.workbook import write_openpyxl

    path = tmp_path / "分解表.xlsx"
    shutil.copy(PROGRESS, path)
    save = write_openpyxl.save_streamed  # the save into the temporary file, before the rename

    def excel_saves_meanwhile(wb, tmp, *args, **kwargs):
        save(wb, tmp, *args, **kwargs)
        os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))

    monkeypatch.setattr(write_openpyxl, "save_streamed", excel_saves_meanwhile)
    before = path.read_bytes()
    _one_line(runner.invoke("check", path, "--in-place"), "被其他程序修改", "未写入")
    assert path.read_bytes() == before and not [p for p in tmp_path.iterdir() if p.name.startswith(".~zhibiao-")]


def test_what_killed_writes_leave_behind_is_cleaned_on_the_next_run(runner, tmp_path):
    path = tmp_path / "分解表.xlsx"
    shutil.copy(PROGRESS, path)
    kills = 0
    for delay in (0.6, 0.9, 1.2, 1.5, 1.8, 2.1):  # somewhere between start-up and the rename
        run = _spawn("check", path, "--in-place")
        time.sleep(delay)
        if run.poll() is None:
            run.send_signal(signal.SIGKILL)
            kills += 1
        run.communicate()
        load_workbook(path)  # never a half-written workbook
    other = tmp_path / "分解表-二.xlsx"  # another workbook's temporary file is not ours to remove
    mine, theirs = tmp_path / ".~zhibiao-tmp-分解表.xlsx~dead0001.xlsx", tmp_path / ".~zhibiao-tmp-分解表-二.xlsx~live0001.xlsx"
    old, fresh = tmp_path / ".~zhibiao-k2j4h5g6.xlsx", tmp_path / ".~zhibiao-a1b2c3d4.xlsx"  # the naming before the lock
    for leftover in (mine, theirs, old, fresh):
        leftover.write_bytes(b"PK")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    assert runner.invoke("check", path, "--in-place").exit_code == 0
    left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".~zhibiao-"))
    assert left == sorted([theirs.name, fresh.name]), (kills, left)
    assert "校验结果" in load_workbook(path).sheetnames and not other.exists()
