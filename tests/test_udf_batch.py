"""ZB_SPLIT checks its rows as one table; every row must come out as it does checked alone."""

from __future__ import annotations

import random

import pytest
from xlserver import server  # noqa: F401  (fixture)

PARENTS = [1300, 15, 12.5, "1.2万", "完成省定目标", "待省下达", "", None, "/", "不低于40", "abc", 0, -3]
CELLS = [100, 200.5, 12, 12.5, 13, "", None, "/", "待定", "150家", "1-2个", "≥12", "12左右", "abc", "完成",
         "4.5(含地区2)", "1e400", 0]
KINDS = [None, "", "合计", "加权平均", "统一", "不汇总", "规上工业亩均税收(万元/亩)", "能源消费总量(万吨标煤)",
         "制造业投资增长(%)", "注：说明", "指标名称", "一、工业", "地区1", "全市", "高耗低效整治企业数"]


@pytest.fixture(scope="module")
def udfs(server):  # noqa: F811
    from udfs import zhibiao_udfs

    return zhibiao_udfs


@pytest.mark.parametrize("seed", range(12))
def test_table_at_once_equals_row_by_row(udfs, seed):
    rnd = random.Random(seed)
    n, width = rnd.randint(2, 30), rnd.randint(1, 8)
    parents = [[rnd.choice(PARENTS)] for _ in range(n)]
    rows = [[rnd.choice(CELLS) for _ in range(width)] for _ in range(n)]
    if seed % 3 == 0:  # a uniform row and a pending row, as the seeds have them
        rows[0] = [12.0] * width
        parents[0] = [12.0]
        rows[-1] = ["待省下达"] + [None] * (width - 1)
        parents[-1] = [None]
    kinds = [[rnd.choice(KINDS)] for _ in range(n)]
    weights = None
    if seed % 2:
        weights = [[rnd.choice([1, 2.5, 300, 0])] for _ in range(width)]
        weights = [[w[0] for w in weights]] if seed % 4 == 1 else [[rnd.choice([1, 2, 3]) for _ in range(width)] for _ in range(n)]

    def alone():
        return [udfs._split_row(p[0], list(r), k[0], None if weights is None else weights[i if len(weights) > 1 else 0])
                for i, (p, r, k) in enumerate(zip(parents, rows, kinds))]

    assert _outcome(lambda: udfs._split_rows(parents, rows, kinds, weights)) == _outcome(alone)


def _outcome(call):
    """The rows, or the message a failing call puts in the cell."""
    from zhibiao.errors import ZhibiaoError

    try:
        return call()
    except ZhibiaoError as exc:
        return str(exc)


def test_split_reads_the_header_once(udfs, monkeypatch):
    """The layout of the synthetic header is detected once per call, not once per row."""
    import zhibiao.api as api

    calls = []
    real = api.find_tables
    monkeypatch.setattr(api, "find_tables", lambda *a, **k: calls.append(1) or real(*a, **k))
    parents = [[100.0 * (i + 1)] for i in range(40)]
    rows = [[10.0 * (i + 1)] * 10 for i in range(40)]
    udfs._split_rows(parents, rows, None, None)
    assert len(calls) == 1
