"""check --write on tables printed with regions as rows: the verdicts go into a 校验 ROW under the table (one
cell under each indicator's column), the input stays untouched, and writing again replaces the row."""

from __future__ import annotations

import hashlib
import shutil

import openpyxl

from conftest import ROOT

REAL = ROOT / "tests" / "files" / "real"
GREEN, BLUE, YELLOW = "E2EFDA", "DDEBF7", "FFEB9C"


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rows(path, sheet: str) -> list[tuple]:
    return list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))


def test_the_verdicts_go_into_a_row_under_the_table_and_a_second_write_replaces_it(tmp_path, runner):
    src = tmp_path / "扬州.xlsx"
    shutil.copy(REAL / "yangzhou_2010_zaolin.xlsx", src)
    before = _digest(src)
    assert runner.invoke("check", str(src), "--write").exit_code == 0
    assert _digest(src) == before  # the clerk's file is not touched
    out = tmp_path / "扬州.校验.xlsx"
    rows = _rows(out, "附")
    # 合  计 first, 8 districts, then the 校验 row right under 市开发区 (row 13), every indicator a sum that holds
    assert rows[12][0] == "市开发区" and rows[13] == ("校验", *["通过 · 合计"] * 4)
    ws = openpyxl.load_workbook(out)["附"]
    assert [ws.cell(14, c).fill.fgColor.rgb[-6:] for c in range(2, 6)] == [GREEN] * 4
    assert ws["A14"].font.b and ws.row_dimensions[14].height >= 18

    assert runner.invoke("check", str(out), "--write").exit_code == 0  # the copy checked again: written to itself
    again = _rows(out, "附")
    assert again == rows and sum(1 for r in again if r[0] == "校验") == 1
    assert runner.invoke("check", str(out), "--json").json()["summary"]["by_code"] == {"missing-value-covered": 3}


def test_each_band_column_gets_its_own_verdict_in_the_first_free_row(tmp_path, runner):
    src = tmp_path / "昌江.xlsx"
    shutil.copy(REAL / "changjiang_2022_gaobiao.xlsx", src)
    assert runner.invoke("check", str(src), "--write", "--in-place").exit_code == 0
    rows = _rows(src, "函")
    # 荷塘乡 is the last region (row 9); row 10 was blank, the date stays in row 11
    assert rows[9] == ("校验", "超额分解 · 合计", "通过 · 合计", "未填写 · 合计", "超额分解 · 合计", "通过 · 合计", "未填写 · 合计")
    assert rows[10][0] == "2022年4月12日"
    ws = openpyxl.load_workbook(src)["函"]
    assert [ws.cell(10, c).fill.fgColor.rgb[-6:] for c in (2, 3, 4)] == [BLUE, GREEN, YELLOW]
    assert runner.invoke("check", str(src), "--write", "--in-place").exit_code == 0
    assert _rows(src, "函") == rows


def test_a_note_right_under_the_table_stays_and_the_row_goes_below_it(tmp_path, runner):
    # 扬州 with a note typed right under 市开发区 (row 14): the 校验 row takes row 15, and again on a second write
    src = tmp_path / "扬州.xlsx"
    wb = openpyxl.load_workbook(REAL / "yangzhou_2010_zaolin.xlsx")
    wb["附"]["A14"] = "注：四旁植树单位为万株。"
    wb.save(src)
    for _ in range(2):
        assert runner.invoke("check", str(src), "--write", "--in-place").exit_code == 0
        rows = _rows(src, "附")
        assert rows[13][0] == "注：四旁植树单位为万株。" and rows[14] == ("校验", *["通过 · 合计"] * 4)
        assert len(rows) == 15
