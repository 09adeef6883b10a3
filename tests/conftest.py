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


def cjk_font() -> str | None:
    """The CJK font the charts use, or None (a fresh machine may have none; CI installs fonts-noto-cjk)."""
    import warnings

    from zhibiao.briefing import fonts

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fonts.cjk_font()


def needs_cjk_font():
    """Skip (with the package to install) when no CJK font is found, except in CI, which installs one."""
    import os

    if cjk_font() is None and not os.environ.get("CI"):
        pytest.skip("没有中文字体（apt-get install fonts-noto-cjk）")
