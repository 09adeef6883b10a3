"""Benchmark: `zhibiao merge` of 200 filled returns against a bare python-calamine read of the same 200 files.

The city table has 200 regions (towns) × 20 indicators; `collect` writes the 200 returns, openpyxl fills them
(not timed), then `zhibiao merge --json` runs in a fresh process. The issue's goal: 200 returns in under 10 s.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_check import CACHE  # noqa: E402
from runner import best  # noqa: E402

REGIONS, INDICATORS = 200, 20
BARE_READ = (
    "import sys, pathlib, python_calamine as pc\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.xlsx')):\n"
    "    wb = pc.CalamineWorkbook.from_path(str(p))\n"
    "    for name in wb.sheet_names:\n"
    "        wb.get_sheet_by_name(name).to_python(skip_empty_area=False)\n"
)


def city(path: Path) -> None:
    """A split of 20 indicators (sums and rates) over 200 towns."""
    from openpyxl import Workbook

    rnd = random.Random(11)
    wb = Workbook()
    ws = wb.active
    ws.title = "任务分解"
    ws.append(["基准测试用分解表（随机生成）"])
    ws.append(["序号", "指标名称"] + [f"镇{j + 1}" for j in range(REGIONS)] + ["全县", "责任部门"])
    for i in range(INDICATORS):
        unit = ["(家)", "(亿元)", "增长(%)", "(万元/亩)"][i % 4]
        values = [float(rnd.randint(10, 500)) if "%" not in unit and "/" not in unit else round(rnd.uniform(5, 15), 1)
                  for _ in range(REGIONS)]
        parent = sum(values) if "%" not in unit and "/" not in unit else round(sum(values) / REGIONS, 1)
        ws.append([i + 1, f"指标{i + 1}{unit}"] + values + [parent, "县经信局"])
    wb.save(path)


def fill_all(folder: Path) -> None:
    import openpyxl

    rnd = random.Random(5)
    for path in sorted(folder.glob("*.xlsx")):
        wb = openpyxl.load_workbook(path)
        ws = wb["进度报送"]
        for r in range(4, 4 + INDICATORS):
            target = ws.cell(r, 4).value
            ws.cell(r, 6).value = round(target * rnd.uniform(0.3, 0.7), 2)
        ws.cell(4 + INDICATORS + 2, 3).value = "填报人"
        wb.save(path)


def main() -> None:
    from zhibiao.returns import collect_returns

    CACHE.mkdir(exist_ok=True)
    src = CACHE / f"merge_city_{REGIONS}.xlsx"
    folder = CACHE / f"merge_returns_{REGIONS}"
    if not folder.exists():
        city(src)
        t = time.perf_counter()
        collect_returns(src, "2023-06", folder)
        print(f"  (collect wrote {REGIONS} returns in {time.perf_counter() - t:.1f} s)", file=sys.stderr)
        fill_all(folder)
    out = CACHE / "merge_out.xlsx"
    bare_t, _, bare_rss = best([sys.executable, "-c", BARE_READ, str(folder)], 3)
    merge_t, _, merge_rss = best([sys.executable, "-m", "zhibiao.cli", "merge", str(src), str(folder), "--json",
                               "-o", str(out)], 3)
    print(f"{'returns':>8} {'calamine s':>11} {'merge s':>8} {'ratio':>6} {'RSS calamine':>13} {'RSS merge':>10}")
    print(f"{REGIONS:>8} {bare_t:>11.2f} {merge_t:>8.2f} {merge_t / bare_t:>5.2f}x {bare_rss:>10.0f} MiB {merge_rss:>6.0f} MiB")


if __name__ == "__main__":
    main()
