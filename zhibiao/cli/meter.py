"""The progress line: past a couple of seconds, what a command is doing, on stderr, updated in place.

Shown only to someone watching: stdout and stderr both a terminal, not --json. It appears once the work has
taken ZHIBIAO_PROGRESS_AFTER seconds (2 by default), reads zhibiao.steps from a thread of its own ten times a
second, and is wiped when the work ends, so what the command prints next starts on a clean line. Plain text
(\\r and spaces): no rich, no escape codes a Windows console might print as they are.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time

from .. import steps

AFTER = 2.0  # seconds of work before the line appears
TICK = 0.1  # seconds between redraws


def after() -> float:
    """ZHIBIAO_PROGRESS_AFTER (seconds) when set to a number, else 2."""
    try:
        return max(0.0, float(os.environ["ZHIBIAO_PROGRESS_AFTER"]))
    except (KeyError, ValueError):
        return AFTER


def watched() -> bool:
    """Someone is looking: stdout and stderr are both a terminal (tests, pipes and logs are not)."""
    try:
        return sys.stderr.isatty() and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def line(label: str, done: int, total: int | None, elapsed: float) -> str:
    """正在校验 1200 项指标 … 40%, or, with no count to go by, 正在读取 任务分解 …（已用 12 秒）."""
    label = label.rstrip("…. ")
    if total:
        return f"{label} … {min(100, done * 100 // total)}%"
    return f"{label} …（已用 {int(elapsed)} 秒）" if elapsed >= 1 else f"{label} …"


class Meter:
    """`with Meter("正在读取并核对…"):` around a command's work; the core's zhibiao.steps fill in the detail."""

    def __init__(self, label: str, quiet: bool = False, stream=None):
        self.label = label
        self.stream = stream or sys.stderr
        self.on = not quiet and watched()
        self.shown = 0  # display width of what is on the line now
        self.stop = threading.Event()
        self.lock = threading.Lock()  # the thread and a step's beginning both draw
        self.thread: threading.Thread | None = None
        self.watch = None

    def __enter__(self) -> Meter:
        steps.begin(self.label)
        if self.on:
            self.started = time.monotonic()
            self.delay = after()
            self.watch, steps.WATCH = steps.WATCH, self._began
            self.thread = threading.Thread(target=self._run, name="zhibiao-progress", daemon=True)
            self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.thread is not None:
            steps.WATCH = self.watch
            self.stop.set()
            self.thread.join()
            self._write("")

    def _run(self) -> None:
        wait = self.delay
        while not self.stop.wait(wait):
            self._draw()
            wait = TICK

    def _began(self) -> None:
        """A new step is shown at once (past the delay), not at the next tick: each stage gets seen."""
        if time.monotonic() - self.started >= self.delay and not self.stop.is_set():
            self._draw()

    def _draw(self) -> None:
        step = steps.NOW
        self._write(line(step.label or self.label, step.done, step.total, time.monotonic() - self.started))

    def _write(self, text: str) -> None:
        from ..columns import display_width

        width = shutil.get_terminal_size((80, 24)).columns - 1  # never the last column: some terminals wrap there
        while text and display_width(text) > width:
            text = text[:-1]
        used = display_width(text)
        with self.lock:
            if not text and not self.shown:
                return
            try:
                self.stream.write("\r" + text + " " * max(0, self.shown - used) + ("\r" if not text else ""))
                self.stream.flush()
            except (OSError, ValueError):  # the terminal went away: the work goes on
                self.stop.set()
            self.shown = used
