"""Benchmark: every path after the read, each against its anchor in the same run (issue 13).

For a workbook of N indicators × M regions with a 进度 sheet (100 × 100 and 10× that):
- `progress --write -o` and `check --write -o` against openpyxl loading and saving the same file;
- `progress --json` against `check --json` on the same workbook, and beside it what progress does before it
  writes a byte (read, light every cell, work out the 赛马): the floor of the progress --json ratio;
- `brief --format both` against importing matplotlib, drawing one bar chart of the same bars, saving it
  as a 200-dpi PNG and saving a python-docx document holding it;
and for the Excel functions on a 100 × 1,400 range (and 1,000 × 1,400):
- ZB_SPLIT in-process against ZB_CHECK on the same cells; ZB_CHECK through xlwings Server's call path
  against the same call in-process.

Each command runs in a fresh process, best of --repeat (wall and CPU seconds taken separately), with the
peak RSS of the process. On a shared machine wall time follows the load; CPU time much less so: both
ratios are printed, with the load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import runner  # noqa: E402
import workbooks  # noqa: E402

CACHE = HERE / ".cache"
SIZES = {"100x100": (100, 100), "1000x100": (1000, 100), "100x1000": (100, 1000)}  # 10×: more indicators, or more regions
UDF_SIZES = {"100x1400": (100, 1400), "1000x1400": (1000, 1400)}
GOALS = {"progress --write": 2.0, "check --write": 2.0, "progress --json": 2.0, "progress, no JSON": 2.0, "brief": 2.0,
         "ZB_SPLIT": 2.0, "ZB_CHECK server": 3.0}
CLI_PATHS = ("progress --write", "check --write", "progress --json", "brief")
# what `progress --json` does before it writes a byte: read, find, light every cell, work out the 赛马 (the
# per-indicator details as the JSON takes them). Its ratio to `check --json` is the floor of progress --json's.
PROGRESS_UNWRITTEN = (
    "import os, sys\n"
    "from zhibiao.memory import collections_paused\n"
    "from zhibiao.formats import read_workbook\n"
    "from zhibiao.progress.report import progress_workbook\n"
    "from zhibiao.progress.rank import rank_regions\n"
    "with collections_paused():\n"
    "    r = progress_workbook(read_workbook(sys.argv[1]))\n"
    "    rank_regions(r.statuses, r.regions, r.weights, r.rules.method, as_tuples=True)\n"
    "    os._exit(0)\n"
)
ANCHOR_SAVE = (
    "import sys\n"
    "from openpyxl import load_workbook\n"
    "load_workbook(sys.argv[1]).save(sys.argv[2])\n"
)
# what a briefing must at least do: matplotlib, one chart of the same bars at the same size, a Word file
ANCHOR_BRIEF = (
    "import io, sys\n"
    "from matplotlib.figure import Figure\n"
    "from docx import Document\n"
    "from docx.shared import Mm\n"
    "n = int(sys.argv[1])\n"
    "pitch = min(0.34, ((297 - 37 - 35) / 25.4 - 1.5) / n)\n"
    "fig = Figure(figsize=(150 / 25.4, max(1.6, pitch * n + 0.9)))\n"
    "ax = fig.add_subplot()\n"
    "ax.barh(range(n), [50 + i % 10 for i in range(n)], height=0.6)\n"
    "ax.set_yticks(range(n), [f'地区{i + 1}' for i in range(n)], fontsize=min(9, pitch * 72 * 0.8))\n"
    "buf = io.BytesIO()\n"
    "fig.savefig(buf, format='png', dpi=200)\n"
    "doc = Document()\n"
    "doc.add_picture(io.BytesIO(buf.getvalue()), width=Mm(150))\n"
    "doc.save(sys.argv[2])\n"
)


_ENV = runner.INSTALLED_ENV  # byte-code cached, as an installed zhibiao (and the precompiled anchors) run


def measure(cmd: list[str], repeat: int) -> dict:
    """Best wall and CPU seconds over `repeat` fresh processes (after one unmeasured run that leaves the
    bytecode cached), and the largest peak RSS."""
    walls, cpus, rss = [], [], []
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_ENV)
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - start)
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            raise SystemExit(f"命令失败（退出码 {code}）：{' '.join(map(str, cmd))}\n{proc.stderr.read().decode()[-2000:]}")
        cpus.append(usage.ru_utime + usage.ru_stime)
        rss.append(usage.ru_maxrss / 1024)
    return {"wall": min(walls), "cpu": min(cpus), "rss": max(rss)}


def line(path: str, size: str, mine: dict, anchor: dict, anchor_name: str) -> dict:
    goal = GOALS[path]
    wall, cpu = mine["wall"] / anchor["wall"], mine["cpu"] / anchor["cpu"]
    ok = "ok" if cpu <= goal else "OVER"  # CPU: the steadier figure on a shared machine
    print(f"{path:<17} {size:>9} {mine['wall']:>7.2f} {mine['cpu']:>6.2f}   {anchor_name:<22} {anchor['wall']:>7.2f} "
          f"{anchor['cpu']:>6.2f}   {wall:>5.2f}x {cpu:>5.2f}x  ≤{goal:g}x {ok:<4} {mine['rss']:>5.0f} / {anchor['rss']:.0f} MiB",
          flush=True)
    return {"path": path, "size": size, "mine": mine, "anchor": anchor, "anchor_name": anchor_name,
            "ratio_wall": wall, "ratio_cpu": cpu, "goal": goal}


def cli_paths(label: str, repeat: int, tmp: Path, paths: set[str]) -> list[dict]:
    n, m = SIZES[label]
    book = workbooks.cached(CACHE, n, m, progress=True)
    zb = [sys.executable, "-m", "zhibiao.cli"]
    py = [sys.executable, "-c"]
    out = []
    if paths & {"progress --write", "check --write"}:
        save = measure(py + [ANCHOR_SAVE, str(book), str(tmp / "anchor.xlsx")], repeat)
    if "progress --write" in paths:
        out.append(line("progress --write", label, measure(zb + ["progress", "--write", "-o", str(tmp / "p.xlsx"), str(book)], repeat),
                        save, "openpyxl load + save"))
    if "check --write" in paths:
        out.append(line("check --write", label, measure(zb + ["check", "--write", "-o", str(tmp / "c.xlsx"), str(book)], repeat),
                        save, "openpyxl load + save"))
    if "progress --json" in paths:
        check = measure(zb + ["check", "--json", str(book)], repeat)
        out.append(line("progress --json", label, measure(zb + ["progress", "--json", str(book)], repeat),
                        check, "check --json"))
        out.append(line("progress, no JSON", label, measure(py + [PROGRESS_UNWRITTEN, str(book)], repeat),
                        check, "check --json"))
    if "brief" in paths:
        out.append(line("brief", label, measure(zb + ["brief", "--format", "both", "-o", str(tmp / "b"), str(book)], repeat),
                        measure(py + [ANCHOR_BRIEF, str(m), str(tmp / "anchor.docx")], repeat), "matplotlib + docx"))
    return out


def udf_paths(label: str, repeat: int) -> list[dict]:
    rows, columns = UDF_SIZES[label]
    proc = subprocess.run([sys.executable, str(HERE / "udf_timing.py"), str(rows), str(columns), str(repeat)],
                          capture_output=True, text=True, env=_ENV)
    if proc.returncode:
        raise SystemExit(f"udf_timing 失败：{proc.stderr[-2000:]}")
    t = json.loads(proc.stdout)
    # in one process: CPU seconds of each call, and that process's peak RSS (all calls together)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    as_dict = {k: {"wall": v, "cpu": v, "rss": rss} for k, v in t.items()}
    return [line("ZB_SPLIT", label, as_dict["split"], as_dict["check"], "ZB_CHECK in-process"),
            line("ZB_CHECK server", label, as_dict["check_server"], as_dict["check"], "ZB_CHECK in-process")]


def main() -> None:
    parser = argparse.ArgumentParser(description="写回、进度 JSON、简报、Excel 函数与各自基准的耗时比")
    parser.add_argument("--sizes", default=",".join(SIZES), help="逗号分隔：100x100,1000x100,100x1000")
    parser.add_argument("--udf-sizes", default=",".join(UDF_SIZES), help="逗号分隔：100x1400,1000x1400")
    parser.add_argument("--paths", default=",".join(CLI_PATHS),
                        help="逗号分隔，只测这些命令：" + ",".join(CLI_PATHS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="把结果另存为 JSON")
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'path':<17} {'size':>9} {'wall s':>7} {'cpu s':>6}   {'anchor':<22} {'wall s':>7} {'cpu s':>6}   "
          f"{'wall':>6} {'cpu':>6}  goal        RSS mine / anchor")
    results = []
    for label in filter(None, args.udf_sizes.split(",")):  # first: the children's peak RSS is then theirs
        results += udf_paths(label, args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        for label in filter(None, args.sizes.split(",")):
            results += cli_paths(label, args.repeat, Path(tmp), set(args.paths.split(",")))
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
