"""Long names and values cost time in proportion to their length, never its square (issue 12, item 5).

Timed by CPU time (a busy machine preempts wall time), 1x against 4x the length: linear work takes about 4
times as long, the quadratic patterns this guards against (`(?P<den>.+?)比重`, `待.*下达`) 16 times and more.
"""

from __future__ import annotations

import time

import pytest

from zhibiao.api import check_workbook
from zhibiao.expr import _parse_text, parse_target
from zhibiao.grid import Grid, Workbook
from zhibiao.kinds import infer_direction, infer_kind

BASE = 8_000  # 4x is 32,000: about Excel's 32,767-character limit for a cell


def _cpu(f, text: str) -> float:
    best = float("inf")
    for _ in range(3):
        _parse_text.cache_clear()
        start = time.process_time()
        for _ in range(3):
            f(text)
        best = min(best, time.process_time() - start)
    return best


def _check(text: str) -> None:
    rows = [["指标名称", "吴兴", "南浔", "全市"], [text, 1, 2, text], [text + "(家)", text, 2, 3]]
    check_workbook(Workbook(None, [Grid("分解", rows)]))


@pytest.mark.parametrize("piece", ["a", "占", "相当于x", "x占比", "待", "不低于", "达到", "（含", "1-", "1,"])
@pytest.mark.parametrize("work", [infer_kind, infer_direction, parse_target, _check], ids=["kind", "direction", "parse", "check"])
def test_work_grows_linearly_with_the_length_of_a_name(piece, work):
    short = piece * (BASE // len(piece))
    once, four = _cpu(work, short), _cpu(work, short * 4)
    assert four < 8 * max(once, 0.002), (piece, once, four)
