"""Benchmark: `zhibiao import` against openpyxl's write-only mode writing the same number of cells, in the same run.

`import` reads a clerk's table and writes the template: 分解 (the table's rows, 20 blank rows, lead, formula and
责任部门 columns) and 进度 (the same rows, formulas and blank cells), every body cell styled. The anchor is what any
writer of that many cells pays at least: openpyxl `Workbook(write_only=True)` appending the same number of cells
(two sheets of rows × width numbers, unstyled) and saving. The python-calamine read of the table is printed beside
it (import pays it too; the anchor does not). Each command runs in a fresh process, best of --repeat (wall and
CPU seconds taken separately), with its peak RSS.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import bench_check  # noqa: E402
import workbooks  # noqa: E402
from runner import INSTALLED_ENV, best  # noqa: E402

CACHE = HERE / ".cache"
SIZES = {  # label: (indicators, regions, regions as rows)
    "170K": (120, 1400, False),
    "1.7M": (1200, 1400, False),
    "1.7M-down": (1200, 1400, True),  # the same table printed with regions as rows
}
# as many cells as the template's two bodies: rows × width each, numbers (a few rows made once, appended again)
ANCHOR = (
    "import sys\n"
    "from openpyxl import Workbook\n"
    "rows, widths = int(sys.argv[2]), [int(w) for w in sys.argv[3].split(',')]\n"
    "wb = Workbook(write_only=True)\n"
    "for s, width in enumerate(widths):\n"
    "    ws = wb.create_sheet(f'S{s}')\n"
    "    made = [[float((r * 31 + c * 7) % 500) + 0.5 * (c % 2) for c in range(width)] for r in range(7)]\n"
    "    for r in range(rows):\n"
    "        ws.append(made[r % 7])\n"
    "wb.save(sys.argv[1])\n"
)


def table(indicators: int, regions: int, down: bool) -> Path:
    """The bench_check table of that size (built on first use)."""
    path = CACHE / f"bench_v5_{indicators}x{regions}{'_down' if down else ''}.xlsx"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        bench_check.generate(path, indicators, regions, down)
        workbooks.with_dimensions(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description="zhibiao import 与 openpyxl 只写模式写同样多单元格的耗时比")
    parser.add_argument("--sizes", default=",".join(SIZES), help="逗号分隔：" + ",".join(SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'size':>10} {'cells out':>10} {'import s':>9} {'cpu':>6} {'anchor s':>9} {'cpu':>6} {'ratio':>6} {'cpu':>6} "
          f"{'calamine cpu':>12} {'RSS import':>11} {'RSS anchor':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        for label in args.sizes.split(","):
            n, m, down = SIZES[label]
            src = table(n, m, down)
            rows = max(50, n + 20) + 2  # the body and the title and header rows above it
            widths = (7 + m + 4, 2 + m + 2)  # 分解: lead, regions, 全市, 分解合计, 差额, 责任部门; 进度: 序号, 名称, regions, 全市, 备注
            out = str(Path(tmp) / "t.xlsx")
            mine = best([sys.executable, "-m", "zhibiao.cli", "import", "-f", "-o", out, str(src)], args.repeat,
                        INSTALLED_ENV, warm=True)
            anchor = best([sys.executable, "-c", ANCHOR, str(Path(tmp) / "a.xlsx"), str(rows), ",".join(map(str, widths))],
                          args.repeat, INSTALLED_ENV, warm=True)
            read = best([sys.executable, "-c", bench_check.BARE_READ, str(src)], args.repeat, INSTALLED_ENV, warm=True)
            cells = rows * sum(widths)
            print(f"{label:>10} {cells:>10,} {mine[0]:>9.2f} {mine[1]:>6.2f} {anchor[0]:>9.2f} {anchor[1]:>6.2f} "
                  f"{mine[0] / anchor[0]:>5.2f}x {mine[1] / anchor[1]:>5.2f}x {read[1]:>12.2f} {mine[2]:>7.0f} MiB "
                  f"{anchor[2]:>7.0f} MiB", flush=True)
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
