"""Benchmark: how long each command takes to start (CPU seconds, best of N fresh processes).

`zhibiao <command> --help` for every command (the imports a command pays before it reads anything), and the
whole of `check --json` / `check` / `progress --json` on the bundled examples. Also lists which of the heavy
libraries `check --json` imports (it should import none of them).

With byte-code caching on (an installed zhibiao has its .pyc files; PYTHONDONTWRITEBYTECODE would make every
run compile every module again and measure the compiler): the cache goes to bench/.cache/pycache.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from runner import INSTALLED_ENV as ENV, best  # noqa: E402

EXAMPLES = HERE.parent / "xlsx_templates" / "examples"
HEAVY = ("rich", "matplotlib", "openpyxl", "docx", "docxtpl", "jinja2", "lxml", "pdfplumber", "pandas", "numpy", "xlwings")
PROBE = ("import runpy, sys\n"
         "sys.argv = ['zhibiao'] + sys.argv[1:]\n"
         "try:\n    runpy.run_module('zhibiao', run_name='__main__')\n"
         "except SystemExit:\n    pass\n"
         f"print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r})), file=sys.stderr)\n")


def heavy_imports(args: list[str]) -> str:
    """The heavy libraries a command imports, as a space-separated list."""
    proc = subprocess.run([sys.executable, "-c", PROBE] + args, capture_output=True, text=True, env=ENV)
    return proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""


def main() -> None:
    from zhibiao.cli import app

    parser = argparse.ArgumentParser(description="zhibiao 各命令的启动耗时")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    zhibiao = [sys.executable, "-m", "zhibiao"]
    split, progress = EXAMPLES / "湖州2023区县分解.xlsx", EXAMPLES / "湖州2023进度示例.xlsx"
    runs = [("--help", ["--help"])] + [(f"{name} --help", [name, "--help"]) for name in app.commands]
    runs += [("check --json (例)", ["check", "--json", str(split)]), ("check (例)", ["check", str(split)]),
             ("progress --json (例)", ["progress", "--json", str(progress)])]
    for _, cmd in runs:  # once to fill the byte-code cache
        subprocess.run(zhibiao + cmd, capture_output=True, env=ENV)
    print(f"{'command':>22} {'wall s':>7} {'CPU s':>6} {'peak RSS':>9}")
    for label, cmd in runs:
        wall, cpu, rss = best(zhibiao + cmd, args.repeat, ENV)
        print(f"{label:>22} {wall:>7.3f} {cpu:>6.3f} {rss:>5.0f} MiB", flush=True)
    print(f"check --json imports: {heavy_imports(['check', '--json', str(split)]) or '（无重型库）'}")


if __name__ == "__main__":
    main()
