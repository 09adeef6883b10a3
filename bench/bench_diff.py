"""Benchmark: `zhibiao diff` of two versions against `zhibiao check` of one, in the same run.

Two 1,000-indicator × 100-region versions (the second with one target in 50 changed, a few indicators
renamed, added and removed); each command in a fresh process, best of N. Goal: diff within 2.5× check.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from bench_check import CACHE, generate
from runner import best


def second_version(src: Path, dst: Path, seed: int = 11) -> None:
    """A later draft: one value in 50 changed, three renames, two indicators dropped, two added."""
    from openpyxl import load_workbook

    rnd = random.Random(seed)
    wb = load_workbook(src)
    ws = wb.active
    rows = ws.max_row
    for r in range(3, rows - 1):
        for c in range(3, ws.max_column - 1):
            if rnd.random() < 0.02 and isinstance(ws.cell(r, c).value, float):
                ws.cell(r, c).value = ws.cell(r, c).value + 1
    for r in (5, 50, 500):
        ws.cell(r, 2).value = str(ws.cell(r, 2).value).replace("指标", "指标数", 1)
    ws.delete_rows(700, 2)
    wb.save(dst)


def main() -> None:
    parser = argparse.ArgumentParser(description="zhibiao diff 与 zhibiao check 的耗时比")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--size", default="1000x100")
    args = parser.parse_args()
    n, m = (int(x) for x in args.size.split("x"))
    CACHE.mkdir(exist_ok=True)
    old, new = CACHE / f"diff_old_{n}x{m}.xlsx", CACHE / f"diff_new_{n}x{m}.xlsx"
    if not new.exists():
        t = time.perf_counter()
        generate(old, n, m)
        second_version(old, new)
        print(f"  (generated two versions in {time.perf_counter() - t:.1f} s)", file=sys.stderr)
    check_t, check_rss = best([sys.executable, "-m", "zhibiao.cli", "check", "--json", str(old)], args.repeat)
    diff_t, diff_rss = best([sys.executable, "-m", "zhibiao.cli", "diff", "--json", str(old), str(new)], args.repeat)
    print(f"{'table':>10} {'check s':>8} {'diff s':>8} {'ratio':>6} {'RSS check':>10} {'RSS diff':>9}")
    print(f"{args.size:>10} {check_t:>8.2f} {diff_t:>8.2f} {diff_t / check_t:>5.2f}x {check_rss:>6.0f} MiB {diff_rss:>5.0f} MiB")


if __name__ == "__main__":
    main()
