"""Benchmark: `zhibiao projects` on a list of 5,000 projects (the issue asks for under 2 s), beside a bare read.

Generates a project list like a city's (six regions, the four categories, dates typed every way, one row in 50
with a problem), then times, each in a fresh process (best of N): a bare python-calamine read of the file,
`zhibiao projects --json`, and `zhibiao projects --write` (openpyxl load, colour every project row, save).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from bench_check import BARE_READ, CACHE
from runner import best

HEADER = ["序号", "项目名称", "所在地区", "项目类别", "总投资(亿元)", "年度计划投资(万元)", "计划开工时间", "计划竣工时间",
          "实际开工时间", "实际竣工时间", "1-6月完成投资(万元)", "形象进度", "责任单位", "引进年份"]
REGIONS = ["吴兴区", "南浔区", "德清县", "长兴县", "安吉县", "南太湖新区"]
CATEGORIES = ["谋划", "前期", "新建", "新建", "续建", "续建"]


def _month(rnd: random.Random, year: int, month: int):
    """One planned or actual node, typed one of the ways clerks type them."""
    style = rnd.randrange(8)
    if style == 0:
        return dt.datetime(year, month, rnd.randint(1, 28))
    if style == 1:
        return f"{year}-{month:02d}"
    if style == 2:
        return f"{year}.{month:02d}"
    if style == 3:
        return f"{year}年{month}月"
    if style == 4:
        return f"{year}年{month}月底"
    if style == 5:
        return f"{month}月"
    if style == 6:
        return f"{year}年{'一二三四'[(month - 1) // 3]}季度"
    return f"{year}年{month}月上旬"


def generate(path: Path, projects: int, seed: int = 11) -> None:
    """A list of `projects` rows under a title and a 报告期, for June 2023."""
    from openpyxl import Workbook

    rnd = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("重大项目 2023-06")
    ws.append(["基准测试用重大项目清单（随机生成，数据虚构）"])
    ws.append(HEADER)
    for i in range(projects):
        category = rnd.choice(CATEGORIES)
        start = rnd.randint(1, 12)
        planned_start = _month(rnd, 2022 if category == "续建" else 2023, start) if category != "谋划" else None
        started = category == "续建" or (category == "新建" and start <= 6 and rnd.random() < 0.8)
        actual_start = (_month(rnd, 2023, min(6, start + rnd.randint(0, 2))) if rnd.random() < 0.8 else "已开工") if started and category == "新建" else None
        finish = rnd.choice([f"{2023 + rnd.randint(0, 2)}年", _month(rnd, 2023, rnd.randint(1, 12))]) if category != "谋划" else None
        plan = float(rnd.randint(10, 500) * 100) if category != "谋划" else None
        done = round(plan * rnd.uniform(0.2, 0.7)) if plan and rnd.random() < 0.95 else None
        if i % 50 == 7:  # what a clerk's list holds: a date no one can read, a figure in 元
            planned_start = "待定开工"
        if i % 50 == 19 and done:
            done *= 10000
        ws.append([i + 1, f"示例项目{i + 1:05d}", rnd.choice(REGIONS), category, round(rnd.uniform(0.5, 30), 1), plan,
                   planned_start, finish, actual_start, None, done, "施工中", "某局", rnd.choice([2021, 2022, 2023, None])])
    ws.append([])
    ws.append(["注：本表为基准测试生成的数据。"])
    wb.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description="zhibiao projects 的耗时（5000 个项目）")
    parser.add_argument("--projects", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"bench_projects_v1_{args.projects}.xlsx"
    if not path.exists():
        t = time.perf_counter()
        generate(path, args.projects)
        print(f"  (generated {path.name} in {time.perf_counter() - t:.1f} s)", file=sys.stderr)
    zhibiao = [sys.executable, "-m", "zhibiao.cli", "projects"]
    rows = [("calamine read", best([sys.executable, "-c", BARE_READ, str(path)], args.repeat)),
            ("projects --json", best(zhibiao + [str(path), "--json"], args.repeat))]
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(("projects --write", best(zhibiao + [str(path), "--write", "-o", str(Path(tmp) / "out.xlsx")], args.repeat)))
    bare = rows[0][1]
    print(f"{args.projects:,} projects  {'wall s':>7} {'CPU s':>6} {'CPU ratio':>9} {'peak RSS':>9}")
    for label, (wall, cpu, rss) in rows:
        print(f"{label:>18} {wall:>7.2f} {cpu:>6.2f} {cpu / bare[1]:>8.2f}x {rss:>5.0f} MiB", flush=True)


if __name__ == "__main__":
    main()
