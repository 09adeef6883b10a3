"""cli/early.py: `zhibiao check FILE` starts its read before the command line's modules are imported; pauses
of the collector (memory.py) overlap across threads."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import threading

import pytest

from conftest import HUZHOU, ROOT
from zhibiao.cli import early
from zhibiao.memory import collections_paused


@pytest.fixture(autouse=True)
def _nothing_left():
    yield
    early._started.clear()


@pytest.mark.parametrize("argv", [
    ["-m", "check", str(HUZHOU)],
    ["/usr/bin/zhibiao", "check", "--json", str(HUZHOU)],
    ["C:\\py\\Scripts\\zhibiao.exe", "check", "-s", "任务分解", str(HUZHOU), "--write", "-o", "out.xlsx"],
])
def test_plain_check_lines_start_the_read(argv):
    early.start(argv)
    assert early.take(HUZHOU.with_suffix(".other")) is None  # another file: read as usual
    early.start(argv)
    reading = early.take(HUZHOU)
    assert reading is not None and reading.result().grids
    assert early.take(HUZHOU) is None  # taken once


@pytest.mark.parametrize("argv", [
    ["-m", "check", "--max-cells", "100", str(HUZHOU)],  # the limit must be in force before the size check
    ["-m", "check", "--help"],
    ["-m", "check", str(HUZHOU), str(HUZHOU)],
    ["-m", "check", "--sheet"],
    ["-m", "check", "--sheet=任务分解", str(HUZHOU)],
    ["-m", "progress", str(HUZHOU)],
    ["-m", "check", "*.xlsx"],
    ["/usr/bin/pytest", "check", str(HUZHOU)],  # not zhibiao's own command line
])
def test_anything_else_reads_as_usual(argv):
    early.start(argv)
    assert early._started == []


_CHILD = """
import sys
import zhibiao.formats as formats
made = []
class Counted(formats.Reading):
    def __init__(self, path):
        made.append("click" in sys.modules)
        super().__init__(path)
formats.Reading = Counted
sys.argv = ["-m", "check", "--json", sys.argv[1]]
import zhibiao.cli
try:
    zhibiao.cli.main()
finally:
    sys.stderr.write(repr(made))
"""


def test_the_command_takes_the_early_read():
    """One read, started before click was imported, and the same JSON as a read started by the command."""
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(HUZHOU)], capture_output=True, text=True, cwd=ROOT)
    assert proc.stderr == "[False]"
    plain = subprocess.run([sys.executable, "-m", "zhibiao.cli", "check", "--max-cells", "20000000", "--json",
                            str(HUZHOU)], capture_output=True, text=True, cwd=ROOT)
    assert json.loads(proc.stdout) == json.loads(plain.stdout)


@pytest.mark.parametrize("first_ends_first", [True, False])
def test_pauses_overlapping_in_two_threads(first_ends_first):
    assert gc.isenabled()
    started, release = threading.Event(), threading.Event()

    def reader():
        with collections_paused():
            started.set()
            release.wait()

    thread = threading.Thread(target=reader)
    thread.start()
    started.wait()
    with collections_paused():
        if first_ends_first:
            release.set()
            thread.join()
            assert not gc.isenabled()  # the other pause still holds
        else:
            assert not gc.isenabled()
    assert gc.isenabled() is first_ends_first
    release.set()
    thread.join()
    assert gc.isenabled()
