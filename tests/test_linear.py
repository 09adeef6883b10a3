"""Long names and values cost time in proportion to their length, never its square (issue 12, item 5).

Timed by CPU time (a busy machine preempts wall time), best of three with the collector off, 1× against 8× the
length (4,000 → 32,000 characters, about Excel's 32,767-character limit for a cell): linear work gives 4–7.7 (the
fixed cost weighs at 4,000). The quadratic patterns this guards against, put back as they were before 5d75343,
gave 54–69: the share pattern (`(?P<den>.+?)比重|(?P<sub>.+?)占比`) on every piece, through infer_kind and the
check; the pending and qualitative ones (`待.*(下达|确定|分解)`, `达到.*(水平|要求)`) through parse_target and the
check, on "x待" and "达到1" only (a leading 待 matches `^待` first, and a text without a digit is qualitative before
the pattern is asked). The bound, 20, is midway on a log scale. A regular expression has no operation to count:
only time will do here.
"""

from __future__ import annotations

import pytest

from cpu_time import best_cpu
from zhibiao.api import check_workbook
from zhibiao.expr import _parse_text, parse_target
from zhibiao.grid import Grid, Workbook
from zhibiao.kinds import infer_direction, infer_kind

BASE = 4_000  # 8x is 32,000: about Excel's 32,767-character limit for a cell


def _cpu(f, text: str) -> float:
    def three():
        _parse_text.cache_clear()
        for _ in range(3):
            f(text)

    return best_cpu(three, 3)


def _check(text: str) -> None:
    rows = [["指标名称", "吴兴", "南浔", "全市"], [text, 1, 2, text], [text + "(家)", text, 2, 3]]
    check_workbook(Workbook(None, [Grid("分解", rows)]))


@pytest.mark.parametrize("piece", ["a", "占", "相当于x", "x占比", "待", "x待", "不低于", "达到", "达到1", "（含", "1-", "1,"])
@pytest.mark.parametrize("work", [infer_kind, infer_direction, parse_target, _check], ids=["kind", "direction", "parse", "check"])
def test_work_grows_linearly_with_the_length_of_a_name(piece, work):
    short = piece * (BASE // len(piece))
    once, eight = _cpu(work, short), _cpu(work, short * 8)
    # below 2 ms the ratio is noise: the short text counts as taking 2 ms (the quadratic patterns took 200 ms and more)
    assert eight < 20 * max(once, 0.002), (piece, once, eight)
