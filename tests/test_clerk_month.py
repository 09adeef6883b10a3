"""A clerk's month through the CLI, on a template typed the way people type in Excel (issue 11).

new → split typed by openpyxl (90家, 150家, merged 待下达, blank 汇总方式) → check --write (→ LibreOffice
recalculation) → progress on an empty 进度 sheet → June's figures (7.5% typed in percent cells) → progress →
brief. openpyxl saves no formula results, so the template's 进度 names (=IF(分解!C3="","",分解!C3)) are
zhibiao's to work out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess

import pytest
from clerk_month_helpers import fill_actuals, fill_split
from openpyxl import load_workbook

from zhibiao.columns import display_width

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
RECALC = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


@pytest.fixture
def month(runner, tmp_path, monkeypatch):
    """The template from `zhibiao new`, with the split typed in."""
    monkeypatch.chdir(tmp_path)
    made = runner.invoke("new", "-o", "分解表.xlsx", "--regions", "甲区,乙区,丙区")
    assert made.exit_code == 0, made.stderr
    path = tmp_path / "分解表.xlsx"
    fill_split(path)
    return path


def html_text(path) -> str:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"<style.*?</style>|<svg.*?</svg>", "", text, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))


def test_new_prints_the_path_to_type_and_defaults_to_this_year(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke("new", "-o", "文件夹/x.xlsx")
    assert result.exit_code == 0
    assert "zhibiao check 文件夹/x.xlsx --write" in result.stdout.replace("\n", "")
    assert load_workbook(tmp_path / "文件夹" / "x.xlsx")["设置"]["B3"].value == dt.date.today().year


def test_an_empty_progress_sheet_is_no_progress(runner, month):
    result = runner.invoke("progress", month)
    assert result.exit_code == 1
    assert result.stdout.strip().splitlines() == ["分解表.xlsx：进度表“进度”（" + f"{dt.date.today().year}年1月）还没有填报实际数，没有可亮灯的指标。"]
    brief = runner.invoke("brief", month)
    assert brief.exit_code == 0, brief.stderr
    text = html_text(month.with_name("分解表.简报.html"))
    assert "分解核对情况" in text and "推进进度" not in text and "赛马" not in text and "（0分）" not in text


def test_check_write_makes_the_workbook_agree_with_the_check(runner, month, tmp_path):
    result = runner.invoke("check", month, "--write", "--json")
    assert result.exit_code == 1
    findings = result.json()["findings"]
    gaps = {f["indicator"]: f["gap"] for f in findings if f["code"] == "split-short"}
    assert gaps == {"高耗低效整治企业数": 10, "腾出用地面积": 500}  # 90家 read as 90; 150家 row passes
    assert any(f["code"] == "pending" for f in findings)
    copy = tmp_path / "分解表.校验.xlsx"
    ws = load_workbook(copy)["分解"]
    # a blank 汇总方式 gets the kind the check used, so the sheet's 分解合计 formula works on that row
    assert [ws[f"E{r}"].value for r in range(3, 9)] == ["合计", "合计", "统一", "合计", "合计", "加权平均"]
    assert "程序" in ws["E4"].comment.text or "zhibiao" in ws["E4"].comment.text
    again = runner.invoke("check", copy, "--write")  # the clerk checks the marked copy again
    assert again.exit_code == 1 and "已写回" in again.stdout
    assert sorted(p.name for p in tmp_path.glob("*.xlsx")) == ["分解表.xlsx", "分解表.校验.xlsx"]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice 未安装（apt-get install libreoffice-calc-nogui）")
def test_recalculated_totals_never_contradict_the_check(runner, month, tmp_path):
    runner.invoke("check", month, "--write")
    profile = tmp_path / "lo-profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC, encoding="utf-8")
    outdir = tmp_path / "csv"
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--convert-to",
                    ALL_SHEETS_CSV, "--outdir", str(outdir), str(tmp_path / "分解表.校验.xlsx")],
                   capture_output=True, timeout=180, check=True)
    (sheet,) = outdir.glob("*-分解.csv")
    rows = {r[2]: r for r in (line.split(",") for line in sheet.read_text(encoding="utf-8").splitlines()[2:]) if r[2]}
    total, diff = 11, 12  # 分解合计, 差额
    assert (rows["高耗低效整治企业数"][total], rows["高耗低效整治企业数"][diff]) == ("", "")  # 90家: empty, not 200 / −100
    assert (rows["腾出用地面积"][total], rows["腾出用地面积"][diff]) == ("1000", "-500")  # blank 汇总方式, now 合计
    assert (rows["新增小升规企业数"][total], rows["新增小升规企业数"][diff]) == ("", "")  # 150家: not a red −150


def test_june_through_progress_and_the_briefing(runner, month, tmp_path):
    fill_actuals(month)
    result = runner.invoke("progress", month, "--json")
    assert result.exit_code == 0, result.stderr
    statuses = result.json()["statuses"]
    growth = {s["region"]: (s["actual"], s["status"]) for s in statuses if s["indicator"] == "规上工业增加值增长"}
    # 7.5% typed in a 0.0% cell is 7.5, as shown, not 0.075
    assert growth == {"甲区": (7.5, "green"), "乙区": (6.5, "yellow"), "丙区": (-3.5, "red"), "全市": (6.8, "yellow")}
    assert {s["indicator"] for s in statuses if s["status"]} >= {"高耗低效整治企业数", "研发费用占营业收入比重"}
    reds = [s for s in statuses if s["status"] == "red"]
    written = runner.invoke("progress", month, "-o", tmp_path / "六月.xlsx")  # -o implies --write
    assert written.exit_code == 0 and (tmp_path / "六月.xlsx").exists()

    brief = runner.invoke("brief", month)
    assert brief.exit_code == 0, brief.stderr
    text = html_text(month.with_name("分解表.简报.html"))
    red_count = f"{len({s['indicator'] for s in reds})}项指标、{len(reds)}个地区次"
    assert f"以下{red_count}亮红灯" in text and f"亮红灯的有{red_count}" in text
    assert "缺口10家" in text and "缺口500亩" in text  # the unit from the 单位 column
    assert "实际下降3.5%" in text and "实际-" not in text
    assert "7%" in text and "2.8%" in text  # the 附件's (%) targets
    assert "2024年1-6月全市制造业主要指标分解与推进情况" in text


def test_headline_from_settings(runner, month):
    wb = load_workbook(month)
    ws = wb["设置"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "简报正文标题")
    ws.cell(row, 2, "全市数字经济主要指标月度通报")
    wb.save(month)
    assert runner.invoke("brief", month, "-f", "html").exit_code == 0
    assert "全市数字经济主要指标月度通报" in html_text(month.with_name("分解表.简报.html"))


def test_a_formula_zhibiao_cannot_work_out_is_named(runner, month):
    fill_actuals(month)
    wb = load_workbook(month)
    for r in range(3, 53):
        wb["进度"][f"B{r}"] = f"=VLOOKUP(A{r},分解!A:C,3,0)"
    wb.save(month)
    result = runner.invoke("progress", month)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "B3 等 50 个单元格是公式 =VLOOKUP(A3,分解!A:C,3,0)" in result.stderr
    assert "打开此文件并保存" in result.stderr


# ---- the commands --------------------------------------------------------------------------------------------

def test_help_and_usage_in_chinese(runner):
    help_text = runner.invoke("--help").stdout
    assert "用法：" in help_text and "选项：" in help_text and "命令：" in help_text and "Usage" not in help_text
    typo = runner.invoke("chek", "x.xlsx")
    assert typo.exit_code == 2 and "是不是要用 check" in typo.stderr
    missing = runner.invoke("progress")
    assert missing.exit_code == 2 and "缺少参数：FILE" in missing.stderr and "zhibiao progress --help" in missing.stderr
    no_period = runner.invoke("collect", "x.xlsx")  # a required option is named as an option, with what it takes
    assert no_period.exit_code == 2 and "缺少选项 --period / -p：报送期间，如 2023-06" in no_period.stderr


def test_every_commands_help_is_in_chinese(runner):
    """click's own words for a value (TEXT, INTEGER RANGE, [x>=1]) are said in Chinese too."""
    from zhibiao.cli.app import app

    for name in sorted(app.commands):
        text = runner.invoke(name, "--help").stdout
        leftovers = re.findall(r"\b(?:TEXT|INTEGER|FLOAT|RANGE|PATH|BOOLEAN)\b|\[x[<>]|\[default", text)
        assert not leftovers, (name, leftovers)
    assert "--max-cells 整数" in runner.invoke("check", "--help").stdout
    assert "（不小于1）" in runner.invoke("check", "--help").stdout
    assert "-p, --period 期间" in runner.invoke("progress", "--help").stdout


def test_80_columns_keep_the_indicator_column_and_whole_numbers(month):
    import os
    import sys

    from conftest import ROOT

    env = dict(os.environ, COLUMNS="80")
    done = subprocess.run([sys.executable, "-m", "zhibiao", "check", str(month)], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)
    lines = done.stdout.splitlines()
    assert done.returncode == 1 and max(display_width(line) for line in lines) <= 80
    assert "1500" in done.stdout and "高耗低效整治" in done.stdout  # no number broken across lines
    assert json.loads(subprocess.run([sys.executable, "-m", "zhibiao", "check", str(month), "--json"],
                                     capture_output=True, text=True, env=env, cwd=ROOT).stdout)["summary"]["errors"] == 2


@pytest.mark.skipif(SOFFICE is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice 或 pdftotext 未安装（apt-get install libreoffice-writer-nogui poppler-utils）")
def test_briefing_pages_hold_more_than_one_line_and_the_distribution_stays_together(runner, month, tmp_path):
    from conftest import EXAMPLES

    fill_actuals(month)
    huzhou = EXAMPLES / "湖州2023进度示例.xlsx"  # its 附件 ends near the foot of a page
    for source, stem in ((month, "分解表"), (huzhou, "湖州")):
        assert runner.invoke("brief", source, "-f", "docx", "-o", tmp_path / f"{stem}.docx").exit_code == 0
        profile = tmp_path / "lo-profile"
        subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / f"{stem}.docx")],
                       capture_output=True, timeout=180, check=True)
        pdf = tmp_path / f"{stem}.pdf"
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        texts = [subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), "-layout", str(pdf), "-"],
                                capture_output=True, text=True).stdout for p in range(1, pages + 1)]
        for page in texts:
            lines = [line for line in page.splitlines() if line.strip() and not re.fullmatch(r"\s*—\s*\d+\s*—\s*", line)]
            assert len(lines) > 1, (stem, page)
        (last,) = [page for page in texts if "报送：" in page]
        assert "抄送：" in last and "印发" in last, stem
