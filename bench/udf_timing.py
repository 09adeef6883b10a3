"""Time the Excel functions in one process: ZB_SPLIT and ZB_CHECK in-process, ZB_CHECK through xlwings Server.

    python bench/udf_timing.py ROWS COLUMNS REPEAT  ->  one JSON line of best-of-REPEAT CPU seconds

The server call path is xlwings' own `custom_functions_call` with an Office.js-shaped payload (the code
tests/xlserver.py drives), so it includes xlwings' argument conversion, where its per-cell costs live.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
os.environ.setdefault("XLWINGS_ON_SERVER", "true")
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")


def cells(rows: int, columns: int, seed: int = 7):
    """A sum-kind table: parents, regions, names; one row in 7 short, as the check benchmark's tables."""
    rnd = random.Random(seed)
    regions = [[float(rnd.randint(1, 500)) for _ in range(columns)] for _ in range(rows)]
    parents = [[sum(r) + (rnd.randint(1, 50) if i % 7 == 0 else 0)] for i, r in enumerate(regions)]
    names = [[f"指标{i + 1}(家)"] for i in range(rows)]
    header = ["指标名称"] + [f"地区{j + 1}" for j in range(columns)] + ["全市"]
    table = [header] + [names[i] + regions[i] + parents[i] for i in range(rows)]
    return parents, regions, names, table


def best(call, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        call()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    rows, columns, repeat = (int(a) for a in sys.argv[1:4])
    from xlserver import Server

    from udfs import zhibiao_udfs as udfs

    server = Server()
    parents, regions, names, table = cells(rows, columns)
    results = {
        "split": best(lambda: udfs.zb_split(parents, regions, names, None), repeat),
        "check": best(lambda: udfs.zb_check(table, None), repeat),
        "check_server": best(lambda: server.call(udfs, "zb_check", table, None), repeat),
    }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
