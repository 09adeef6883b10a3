"""Shared fixtures: paths to the bundled examples and test files, and a CLI runner."""

from __future__ import annotations

import io
import json
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FILES = ROOT / "tests" / "files"
EXAMPLES = ROOT / "xlsx_templates" / "examples"
HUZHOU = EXAMPLES / "湖州2023区县分解.xlsx"
PINGHU = EXAMPLES / "平湖2023镇街道分解.xlsx"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def json(self):
        return json.loads(self.stdout)


class Runner:
    """Runs the zhibiao CLI in-process and captures its output and exit code."""

    def invoke(self, *args: str) -> Result:
        from zhibiao import cli

        out, err = io.StringIO(), io.StringIO()
        cli.out.file, cli.err.file = out, err
        try:
            with redirect_stdout(out), redirect_stderr(err):
                code = cli.main([str(a) for a in args])
        finally:
            cli.out.file, cli.err.file = sys.stdout, sys.stderr
        return Result(code, out.getvalue(), err.getvalue())


@pytest.fixture
def runner() -> Runner:
    return Runner()
