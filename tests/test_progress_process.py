"""`zhibiao progress --json` leaves its report and workbook unfreed only when it is the process's own command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "xlsx_templates" / "examples" / "湖州2023进度示例.xlsx"

PROBE = """
import gc, sys, weakref
import zhibiao.progress.report as report_module
made = []
real = report_module.progress_workbook
def spy(*args, **kwargs):
    report = real(*args, **kwargs)
    made.append(weakref.ref(report))
    return report
report_module.progress_workbook = spy
from zhibiao.cli import main
way, path = sys.argv[1:]
if way == "own":  # this process's own command line, as the console script runs it
    sys.argv = ["zhibiao", "progress", "--json", path]
    code = main()
else:
    code = main(["progress", "--json", path])
gc.collect()
print(code, made[0]() is not None, gc.isenabled(), file=sys.stderr)
"""


def _run(way: str) -> tuple[list[str], str]:
    done = subprocess.run([sys.executable, "-c", PROBE, way, str(EXAMPLE)], capture_output=True, text=True)
    return done.stderr.split()[-3:], done.stdout


def test_as_its_own_process_the_report_is_left_to_the_exit():
    (code, kept, collecting), text = _run("own")
    assert (code, kept, collecting) == ("0", "True", "True")
    assert json.loads(text)["summary"]["period"]


def test_called_with_arguments_the_report_is_freed():
    (code, kept, collecting), text = _run("argv")
    assert (code, kept, collecting) == ("0", "False", "True")
    assert json.loads(text)["summary"]["period"]
