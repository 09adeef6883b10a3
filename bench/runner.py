"""Runs a command in a fresh child process and measures it: the runner every bench script shares."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

# children run as an installed package does: with their byte-code cached (pip compiles it at install time).
# PYTHONDONTWRITEBYTECODE, set on some machines, would make every run compile every module again and
# measure the compiler; the cache goes to bench/.cache/pycache.
INSTALLED_ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
                 "PYTHONPYCACHEPREFIX": str(Path(__file__).resolve().parent / ".cache" / "pycache")}


def run(cmd: list[str], env: dict | None = None) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MiB) of one child process.

    CPU time is printed beside wall time because the machine may be shared: on a loaded host the wall clock
    measures the queue, the CPU time what zhibiao costs.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"命令失败（退出码 {code}）：{' '.join(cmd)}\n{proc.stderr.read().decode()}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def best(cmd: list[str], repeat: int, env: dict | None = None, warm: bool = False) -> tuple[float, float, float]:
    """Best wall and best CPU seconds over `repeat` runs, and the largest peak RSS (with warm: after one
    unmeasured run, which writes the byte-code cache)."""
    if warm:
        run(cmd, env)
    runs = [run(cmd, env) for _ in range(repeat)]
    return min(r[0] for r in runs), min(r[1] for r in runs), max(r[2] for r in runs)
