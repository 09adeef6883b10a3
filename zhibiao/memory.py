"""Pausing the cyclic garbage collector while large, long-lived, acyclic data is built and read."""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def collections_paused():
    """No cyclic garbage collection inside the block; the collector's previous state afterwards.

    A sheet read as Python lists (1.7 M cells: a few thousand row lists), its transposed view and an
    openpyxl workbook are long-lived and hold hardly any cycles, yet every collection of a generation they sit
    in walks all their items again: a fifth of `check` on a 1.7 M-cell table with regions as rows, a third of a
    100 × 100 write-back. Reference counting still frees everything acyclic; nested pauses are harmless.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def leave_to_exit(*keep) -> None:
    """The process ends with this command: what the command built is left to the exit, not collected first.

    After a pause the collector resumes with a full collection of everything built during it, and a briefing
    leaves its chart figure, templates and documents as garbage cycles: 0.3 s of CPU (a seventh of a
    100 × 100 briefing) spent tidying memory the system takes back a moment later. gc.freeze moves every
    object out of the collector's reach. `check` too: the interpreter's last collection at exit walked every
    list of a 1.7 M-cell sheet, touching each float (and freed a regions-down sheet, which its transposed view
    keeps in a cycle, one scattered float at a time): 0.07 s of CPU; with the workbook and report kept, not freed
    cell by cell either (0.01–0.03 s more). Only for a command line run as its own
    process (cli.main without argv); a caller that goes on (tests, the Excel functions, the server) never gets here.

    `keep`: objects not to free at all (a 1,000 × 100 progress report and its workbook: 0.05 s of CPU giving back
    memory one by one). A list holding them and itself is a cycle no one refers to, moved out of the collector's
    reach with the rest: neither freed by reference counting nor collected, even at the interpreter's end.
    """
    if keep:
        held = list(keep)
        held.append(held)
    gc.freeze()
