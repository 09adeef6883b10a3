"""Benchmark: each `zhibiao report` kind for 100 indicators × 20 regions × 12 monthly 进度 sheets.

The workbook is built in memory (random but seeded figures: half cumulative counts, half rates); each kind's
context, HTML and Word are timed separately (best of 3). The issue's goal: each report in under 2 s.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from zhibiao.briefing import skins  # noqa: E402
from zhibiao.briefing.jinja import TEMPLATES  # noqa: E402
from zhibiao.briefing.kinds import KINDS, report_context  # noqa: E402
from zhibiao.grid import Grid, Workbook  # noqa: E402

INDICATORS, REGIONS, PERIODS = 100, 20, 12


def book() -> Workbook:
    rnd = random.Random(17)
    regions = [f"地区{j + 1}" for j in range(REGIONS)]
    header = ["指标名称"] + regions + ["全市"]
    targets, kinds = [], []
    for i in range(INDICATORS):
        rate = i % 2 == 1
        values = [round(rnd.uniform(5, 15), 1) if rate else float(rnd.randint(100, 900)) for _ in regions]
        parent = round(sum(values) / len(values), 1) if rate else sum(values)
        name = f"指标{i + 1}增长(%)" if rate else f"指标{i + 1}企业数(家)"
        targets.append([name] + values + [parent])
        kinds.append(rate)
    grids = [Grid("任务分解", [header] + targets)]
    for m in range(1, PERIODS + 1):
        rows = [header]
        for row, rate in zip(targets, kinds):
            if rate:
                actual = [round(v * rnd.uniform(0.7, 1.2), 1) for v in row[1:]]
            else:
                actual = [round(v * m / 12 * rnd.uniform(0.6, 1.2)) for v in row[1:-1]]
                actual.append(sum(actual))
            rows.append([row[0]] + actual)
        grids.append(Grid(f"进度 2023-{m:02d}", rows))
    return Workbook(None, grids)


class Best:
    """Best wall and best CPU seconds of `runs` calls (on a shared machine the CPU figure is the steadier one)."""

    def __init__(self, fn, runs: int = 3):
        walls, cpus = [], []
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            fn()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        self.wall, self.cpu = min(walls), min(cpus)

    def __format__(self, spec: str) -> str:
        return f"{self.wall:{spec}} s ({self.cpu:{spec}} CPU)"


def main() -> None:
    workbook = book()
    day = dt.date(2023, 12, 31)
    print(f"zhibiao report: {INDICATORS} indicators × {REGIONS} regions × {PERIODS} 进度 sheets (best of 3: wall, CPU)")
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, kind in KINDS.items():
            if name == "简报":
                from zhibiao.briefing.render import render_briefing

                total = Best(lambda: render_briefing(workbook, None, ("docx", "html"), tmp, "b", day))
                print(f"  {name}: docx+html {total:.2f}")
                continue
            context_s = Best(lambda: report_context(name, workbook, None, day))
            context = report_context(name, workbook, None, day)
            html_s = Best(lambda: skins.render_html(report_context(name, workbook, None, day), TEMPLATES / f"{kind.template}.html.j2"))
            docx_s = Best(lambda: skins.render_docx(report_context(name, workbook, None, day), TEMPLATES / f"{kind.template}.docx",
                                                    Path(tmp) / "r.docx"))
            print(f"  {name}: context {context_s:.2f}; context+html {html_s:.2f}; context+docx {docx_s:.2f}")
            del context
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
