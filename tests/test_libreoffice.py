"""A real client: LibreOffice headless opens, recalculates and converts every workbook zhibiao writes."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FILES
from zhibiao import check_file
from zhibiao.workbook.importer import import_table
from zhibiao.workbook.template import build_template
from zhibiao.workbook.writeback import RESULT_SHEET, plan_findings, write_plan

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice 未安装（soffice 不在 PATH 中；apt-get install libreoffice-calc-nogui）")

# always recalculate on load, so the values read back are LibreOffice's own, not cached ones
RECALC = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


@pytest.fixture(scope="module")
def profile(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("lo-profile")
    (home / "user").mkdir()
    (home / "user" / "registrymodifications.xcu").write_text(RECALC, encoding="utf-8")
    return home


def convert(path: Path, target: str, profile: Path) -> Path:
    """Convert with LibreOffice headless; the output folder, checked for a clean run."""
    outdir = path.parent / f"lo-{path.stem}-{target.split(':')[0]}"
    proc = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(outdir), str(path)],
        capture_output=True, text=True, timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Error" not in proc.stderr, proc.stderr
    assert any(outdir.iterdir()), proc.stdout + proc.stderr
    return outdir


def sheet_csv(outdir: Path, sheet: str) -> list[list[str]]:
    (path,) = [p for p in outdir.glob("*.csv") if p.stem.endswith(f"-{sheet}")]
    with path.open(encoding="utf-8") as f:
        return list(csv.reader(f))


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def test_template_opens_and_converts(tmp_path, profile):
    path = build_template(tmp_path / "模板.xlsx", ["吴兴", "南浔"])
    pdf = convert(path, "pdf", profile) / "模板.pdf"
    assert pdf.stat().st_size > 1000
    rows = sheet_csv(convert(path, ALL_SHEETS_CSV, profile), "分解")
    assert rows[1][:10] == ["序号", "类别", "指标名称", "单位", "汇总方式", "权重依据", "方向", "吴兴", "南浔", "全市"]
    assert all(r[10] == "" and r[11] == "" for r in rows[2:])  # empty rows: the formulas show nothing


def test_written_back_workbook_opens_and_converts(tmp_path, profile):
    src = tmp_path / "任务分解.xlsx"
    shutil.copy(FILES / "huzhou_short.xlsx", src)
    report = check_file(src)
    out = write_plan(src, plan_findings(report))
    assert (convert(out, "pdf", profile) / f"{out.stem}.pdf").stat().st_size > 1000
    outdir = convert(out, ALL_SHEETS_CSV, profile)
    results = sheet_csv(outdir, RESULT_SHEET)
    assert results[0][0] == report.headline()
    assert [r[6] for r in results[2:]] == [f.code for f in report.findings]
    table = sheet_csv(outdir, "任务分解")
    assert table[0][9] == "校验" and table[13][9] == "有缺口 · 合计"


def test_recalculated_totals_equal_the_core_sums(tmp_path, profile):
    path = import_table(FILES / "huzhou_short.xlsx", tmp_path / "分解表.xlsx").path
    report = check_file(path)
    rows = sheet_csv(convert(path, ALL_SHEETS_CSV, profile), "分解")
    header = rows[1]
    total, diff = header.index("分解合计"), header.index("差额")
    by_name = {r[2]: r for r in rows[2:] if r[2]}
    compared = set()
    for ind in report.indicators:
        if ind.kind != "sum" or ind.verdict not in ("ok", "short", "over"):
            continue
        finding = next((f for f in report.findings if f.indicator == ind.name and f.code.startswith("split-")), None)
        row = by_name[ind.display_name]
        parent = _number(row[header.index("全市")])
        allocated = finding.allocated if finding else parent  # ok: the core found them equal
        assert _number(row[total]) == pytest.approx(allocated), ind.name
        assert _number(row[diff]) == pytest.approx(allocated - parent), ind.name
        compared.add(ind.verdict)
    assert compared == {"ok", "short", "over"}
    short = by_name["高耗低效整治企业数(家)"]
    assert (short[total], short[diff]) == ("1150", "-50")


def test_written_back_import_recalculates(tmp_path, profile):
    """The formulas still work after a write-back (the status column sits beside them)."""
    path = import_table(FILES / "huzhou_short.xlsx", tmp_path / "分解表.xlsx").path
    out = write_plan(path, plan_findings(check_file(path)))
    rows = sheet_csv(convert(out, ALL_SHEETS_CSV, profile), "分解")
    short = next(r for r in rows if r[2] == "高耗低效整治企业数(家)")
    assert short[rows[1].index("差额")] == "-50" and short[rows[1].index("校验")] == "有缺口 · 合计"


def test_outside_text_stays_text_in_libreoffice(tmp_path, profile):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "分解"
    ws.append(["指标名称", "甲区", "乙区", "全市"])
    ws.append(["=1+2", "=1+1", 3, 5])
    for cell in ws[2][:2]:
        cell.data_type = "s"
    src = tmp_path / "inj.xlsx"
    wb.save(src)
    out = write_plan(src, plan_findings(check_file(src)))
    results = sheet_csv(convert(out, ALL_SHEETS_CSV, profile), RESULT_SHEET)
    names = [r[1] for r in results[2:]]
    assert "=1+2" in names and "3" not in names
