"""Every return `collect` writes opens in LibreOffice (a real client) and converts to PDF."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import EXAMPLES, HUZHOU, PINGHU
from zhibiao.returns import collect_returns

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice 未安装（soffice 不在 PATH 中；apt-get install libreoffice-calc-nogui）")


def test_every_return_opens_in_libreoffice(tmp_path):
    paths = [*collect_returns(HUZHOU, "2023-06", tmp_path / "hz").files.values(),
             *collect_returns(PINGHU, "2023-06", tmp_path / "ph").files.values(),
             *collect_returns(EXAMPLES / "重大项目示例.xlsx", "2023-07", tmp_path / "pj").files.values()]
    profile = tmp_path / "profile"
    outdir = tmp_path / "pdf"
    proc = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                           "--convert-to", "pdf", "--outdir", str(outdir), *map(str, paths)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    pdfs = {p.stem for p in outdir.glob("*.pdf")}
    assert len(paths) == 20 and pdfs == {p.stem for p in paths}
    assert all((outdir / f"{stem}.pdf").stat().st_size > 5000 for stem in pdfs)


def test_a_return_saved_as_xls_is_recognised_and_merged(tmp_path):
    from returns_helpers import fill, on_schedule
    from zhibiao.returns import merge_returns

    path = fill(collect_returns(HUZHOU, "2023-06", tmp_path / "r").files["吴兴"], on_schedule(6))
    copy = tmp_path / "吴兴报表.xlsx"  # any name: the hidden sheet says who it is from
    copy.write_bytes(path.read_bytes())
    proc = subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--norestore",
                           "--convert-to", "xls", "--outdir", str(tmp_path), str(copy)], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    report = merge_returns(HUZHOU, [tmp_path / "吴兴报表.xls"])
    assert [(r["region"], r["period"], r["recognised_by"], r["merged"]) for r in report.returns] == [
        ("吴兴", "2023-06", "隐藏信息表", 14)]
    assert [f.code for f in report.findings if f.region == "吴兴"] == []
