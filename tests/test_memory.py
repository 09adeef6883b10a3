"""memory.leave_to_exit: what a command that ends its process keeps is neither collected nor freed before the exit."""

from __future__ import annotations

import subprocess
import sys

_CHILD = """
import gc, sys
from zhibiao.memory import leave_to_exit

class Cell(list):
    def __del__(self):
        sys.stdout.write("freed\\n")

a, b = Cell(), Cell()
a.append(b); b.append(a)  # a cycle, like a regions-down sheet and its transposed view
kept = Cell()
if sys.argv[1] == "leave":
    leave_to_exit(kept)
del a, b, kept
gc.collect()
sys.stdout.write("end\\n")
"""


def _run(mode: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", _CHILD, mode], capture_output=True, text=True, check=True).stdout
    return out.split()


def test_left_to_exit_is_not_freed():
    assert _run("leave") == ["end"]  # the cycle frozen out of the collector's reach, the kept object held to the end


def test_otherwise_freed_before_the_end():
    assert _run("free") == ["freed", "freed", "freed", "end"]
