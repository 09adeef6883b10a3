"""`zhibiao brief` leaves what it built to the process's exit only when it is the process's own command line."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "xlsx_templates" / "examples" / "湖州2023进度示例.xlsx"


def test_in_process_brief_leaves_the_collector_as_it_was(runner, tmp_path):
    before = gc.get_freeze_count()
    assert runner.invoke("brief", "--format", "html", "-o", tmp_path, EXAMPLE).exit_code == 0
    assert gc.get_freeze_count() == before and gc.isenabled()


def test_brief_as_its_own_process_freezes_what_it_built(tmp_path):
    probe = ("import gc, sys\n"
             "from zhibiao.cli import main\n"
             "sys.argv = ['zhibiao', 'brief', '--format', 'html', '-o', sys.argv[1], sys.argv[2]]\n"
             "code = main()\n"
             "print(code, gc.get_freeze_count() > 0, gc.isenabled())\n")
    done = subprocess.run([sys.executable, "-c", probe, str(tmp_path), str(EXAMPLE)], capture_output=True, text=True)
    assert done.stdout.split()[-3:] == ["0", "True", "True"]
    assert (tmp_path / "湖州2023进度示例.简报.html").exists()
