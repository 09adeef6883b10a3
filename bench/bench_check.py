"""Benchmark: `zhibiao check` against a bare python-calamine read of the same file, in the same run.

Prints, per size, the wall time of each (best of N runs, each in a fresh process), their ratio and the
peak RSS of each process. The goal is a ratio of at most 1.5 at 1.7 M cells.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import workbooks  # noqa: E402
from runner import INSTALLED_ENV, best  # noqa: E402
CACHE = HERE / ".cache"
SIZES = {  # label: (indicators, regions, the table: mixed kinds / printed regions-down / a harder mix, see workbooks.py)
    "10K": (70, 140, "mixed"),
    "170K": (120, 1400, "mixed"),
    "1.7M": (1200, 1400, "mixed"),
    "1.7M-down": (1200, 1400, "down"),  # the same table printed with regions as rows (县(市、区) | 指标1 | …)
    # the 1.7M table as a streaming writer leaves it, without <dimension>: the size check inflates it once more
    "1.7M-nodim": (1200, 1400, "nodim"),
    "1.7M-uniform": (1200, 1400, "uniform"),  # one row in three a uniform rate (制造业投资增长 12 everywhere)
    "1.7M-text": (1200, 1400, "text"),  # 60 % of the cells written as text (150家, 1.2万, ≥12, /)
}
BARE_READ = (
    "import sys, python_calamine as pc\n"
    "wb = pc.CalamineWorkbook.from_path(sys.argv[1])\n"
    "for name in wb.sheet_names:\n"
    "    wb.get_sheet_by_name(name).to_python(skip_empty_area=False)\n"
)
_UNITS = [("(家)", "sum"), ("(亿元)", "sum"), ("增长(%)", "weighted"), ("(万元/亩)", "weighted"), ("(亩)", "sum")]


def generate(path: Path, indicators: int, regions: int, down: bool = False, seed: int = 7) -> None:
    """A decomposition table like the seeds, scaled up: title, header, mixed kinds and expressions, notes.

    With down, the same table printed the other way: regions (and 全市, first) as rows, indicators as columns.
    """
    from openpyxl import Workbook

    rnd = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("任务分解")
    ws.append(["基准测试用分解表（随机生成）"])
    header = ["序号", "指标名称"] + [f"地区{j + 1}" for j in range(regions)] + ["全市", "责任部门"]
    rows = []
    for i in range(indicators):
        unit, kind = _UNITS[i % len(_UNITS)]
        name = f"指标{i + 1}{unit}"
        if kind == "sum":
            values = [float(rnd.randint(1, 500)) for _ in range(regions)]
        else:
            values = [round(rnd.uniform(5, 15), 1) for _ in range(regions)]
        # a sprinkle of what clerks write: text numbers, bounds, not applicable; a blank in one row of 20
        for j in rnd.sample(range(regions), k=max(1, regions // 50)):
            values[j] = rnd.choice(["/", f"{values[j]:g}以上", f"{values[j]:g}", f"{values[j]:g}左右"])
        numbers = [v for v in values if isinstance(v, float)]
        if kind == "sum":  # one row in 7 leaves a gap, one in 5 is over-allocated
            parent = sum(numbers) + (rnd.randint(1, 50) if i % 7 == 0 else 0) - (rnd.randint(1, 50) if i % 5 == 0 else 0)
        else:
            parent = round(sum(numbers) / len(numbers), 1)
        if i % 20 == 3:
            values[rnd.randrange(regions)] = ""
        rows.append([i + 1, name] + values + [parent, "市经信局"])
    if down:
        ws.append(["县(市、区)"] + [row[1] for row in rows])
        ws.append(["全市"] + [row[-2] for row in rows])
        for j in range(regions):
            ws.append([header[2 + j]] + [row[2 + j] for row in rows])
        ws.append(["责任部门"] + [row[-1] for row in rows])
    else:
        ws.append(header)
        for row in rows:
            ws.append(row)
    ws.append([])
    ws.append(["注：本表为基准测试生成的数据。"])
    wb.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description="zhibiao check 与 python-calamine 直接读取的耗时比")
    parser.add_argument("--sizes", default=",".join(SIZES), help="逗号分隔：" + ",".join(SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    CACHE.mkdir(exist_ok=True)
    zhibiao = [sys.executable, "-m", "zhibiao.cli", "check", "--json"]
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'size':>12} {'cells':>10} {'calamine s':>11} {'check s':>9} {'ratio':>6} {'cpu ratio':>9} {'RSS calamine':>13} {'RSS check':>10}")
    for label in args.sizes.split(","):
        n, m, mix = SIZES[label]
        t = time.perf_counter()
        if mix in ("mixed", "down", "nodim"):  # the tables the README's figures were first measured on
            down = mix == "down"
            path = CACHE / f"bench_{'v3' if mix == 'nodim' else 'v5'}_{n}x{m}{'_down' if down else ''}.xlsx"
            if not path.exists():
                generate(path, n, m, down)
                if mix != "nodim":
                    workbooks.with_dimensions(path)
        else:
            path = workbooks.cached(CACHE, n, m, mix)
        if time.perf_counter() - t > 1:
            print(f"  (generated {path.name} in {time.perf_counter() - t:.1f} s)", file=sys.stderr)
        bare_t, bare_cpu, bare_rss = best([sys.executable, "-c", BARE_READ, str(path)], args.repeat, INSTALLED_ENV, warm=args.repeat < 2)
        check_t, check_cpu, check_rss = best(zhibiao + [str(path)], args.repeat, INSTALLED_ENV, warm=args.repeat < 2)
        cells = n * (m + 4)
        print(f"{label:>12} {cells:>10,} {bare_t:>11.2f} {check_t:>9.2f} {check_t / bare_t:>5.2f}x {check_cpu / bare_cpu:>8.2f}x "
              f"{bare_rss:>10.0f} MiB {check_rss:>6.0f} MiB", flush=True)
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
