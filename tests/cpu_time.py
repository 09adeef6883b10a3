"""CPU time of a call, for the tests that compare a path at two sizes by ratio (never by absolute time)."""

from __future__ import annotations

import gc
import time


def best_cpu(call, repeat: int = 5) -> float:
    """The least CPU time of `repeat` calls, timed with the collector off: a full collection landing in one run (0.1 s
    and more late in the suite) is not the code measured, and CPU time does not count the time other processes take
    the core."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            call()
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best
