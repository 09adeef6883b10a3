"""Start-up (issue 13): `check --json` and `--help` import none of the heavy libraries they do not use.

rich costs ~40 ms of CPU to import, matplotlib and python-docx far more; a script calling `check --json` on
many files pays them every time. Measured in bench/bench_startup.py; here only which modules are loaded.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import EXAMPLES, HUZHOU

PROGRESS_EXAMPLE = EXAMPLES / "湖州2023进度示例.xlsx"

HEAVY = {"rich", "matplotlib", "docx", "docxtpl", "openpyxl", "jinja2", "lxml", "pdfplumber", "pandas", "numpy", "xlwings"}
DUMP = ("import runpy, sys\n"
        "sys.argv = ['zhibiao'] + sys.argv[1:]\n"
        "try:\n    runpy.run_module('zhibiao', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "sys.stderr.write('\\nMODULES ' + ' '.join(sorted(sys.modules)) + '\\n')\n")


def loaded(*args) -> set[str]:
    """The top-level packages loaded by the end of `zhibiao ARGS`, in a fresh process."""
    proc = subprocess.run([sys.executable, "-c", DUMP, *map(str, args)], capture_output=True, text=True, timeout=120)
    line = proc.stderr.rsplit("\nMODULES ", 1)[-1]
    return {name.split(".")[0] for name in line.split()}


def test_check_json_imports_no_heavy_library():
    modules = loaded("check", "--json", HUZHOU)
    assert "zhibiao" in modules and "python_calamine" in modules  # it did run
    assert not modules & HEAVY, sorted(modules & HEAVY)


def test_progress_json_imports_no_heavy_library():
    modules = loaded("progress", "--json", PROGRESS_EXAMPLE)
    assert "zhibiao" in modules and "python_calamine" in modules  # it did run
    assert not modules & HEAVY, sorted(modules & HEAVY)


def test_the_readable_progress_still_uses_rich():
    assert "rich" in loaded("progress", PROGRESS_EXAMPLE)


@pytest.mark.parametrize("args", [("--help",), ("check", "--help"), ("brief", "--help"), ("report", "--help"),
                                  ("import", "--help")])
def test_help_imports_no_heavy_library(args):
    modules = loaded(*args)
    assert "click" in modules
    assert not modules & HEAVY, sorted(modules & HEAVY)


def test_the_readable_report_still_uses_rich():
    """The test can fail: the human-readable check does load rich (for its tables)."""
    assert "rich" in loaded("check", HUZHOU)
