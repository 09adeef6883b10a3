"""Readers: positions, merged ranges, Word tables, formulas without cached values."""

from __future__ import annotations

import openpyxl

from conftest import FILES, HUZHOU
from zhibiao import check_file, read_workbook


def test_xlsx_positions_and_merges_are_absolute():
    grid = read_workbook(HUZHOU).grid("任务分解")
    assert grid.raw(0, 0) == "主要指标各区县任务分解表"
    assert (0, 0, 0, 8) in grid.merges  # the title across the table
    assert grid.value(12, 5) == grid.value(12, 1) == "待省下达任务指标后再分解"  # merged B13:H13
    assert grid.ref(12, 5) == "任务分解!B13"


def test_docx_merges_horizontal_and_vertical():
    grid = read_workbook(FILES / "huzhou.docx").grids[0]
    assert grid.style == "docx"
    spans = {(r1, c1, r2, c2) for r1, c1, r2, c2 in grid.merges}
    assert any(r1 != r2 for r1, _, r2, _ in spans)  # 序号 / 指标名称 over two header rows
    assert any(c1 != c2 and r1 == r2 for r1, c1, r2, c2 in spans)  # 各区县 band / pending rows


def test_formula_without_cached_value_is_not_called_missing(tmp_path):
    wb = openpyxl.load_workbook(FILES / "huzhou_plain.xlsx")
    wb["任务分解"]["H14"] = "=SUM(B14:G14)"  # openpyxl saves formulas without results
    path = tmp_path / "formula.xlsx"
    wb.save(path)
    report = check_file(path)
    assert report.flatten(["code", "cell"])[:1] == [["formula-uncached", "任务分解!H14"]]
    assert not [f for f in report.findings if f.code == "parent-missing"]


def test_sheet_names_needing_quotes():
    from zhibiao.grid import Grid

    assert Grid("进度 2023-06", [[1]]).ref(0, 0) == "'进度 2023-06'!A1"
    assert Grid("任务分解", [[1]]).ref(2, 27) == "任务分解!AB3"


def test_a1_references_read_back():
    from zhibiao.grid import a1, column_index, column_letter, parse_a1

    assert [column_index(column_letter(c)) for c in (0, 25, 26, 701, 702, 16383)] == [0, 25, 26, 701, 702, 16383]
    assert parse_a1(a1(13, 7)) == (13, 7) and parse_a1("AB3") == (2, 27)
    assert parse_a1("表1第3行第2列") is None


def test_hidden_sheets_are_checked_only_when_named(tmp_path, runner):
    wb = openpyxl.load_workbook(FILES / "huzhou_short.xlsx")
    copy = wb.copy_worksheet(wb["任务分解"])
    copy.title = "旧版"
    copy.sheet_state = "hidden"
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    assert [t.sheet for t in check_file(path).tables] == ["任务分解"]
    assert [t.sheet for t in check_file(path, sheet="旧版").tables] == ["旧版"]
    del wb["任务分解"]
    wb.create_sheet("封面")["A1"] = "各区县：现将分解表印发给你们。"
    wb.save(path)
    result = runner.invoke("check", path)
    assert result.exit_code == 2 and "隐藏的工作表“旧版”" in result.stderr


def test_progress_actual_that_is_an_uncached_formula_is_said_so(tmp_path):
    from conftest import EXAMPLES
    from zhibiao.progress.report import progress_file

    wb = openpyxl.load_workbook(EXAMPLES / "湖州2023进度示例.xlsx")
    wb["进度 2023-06"]["B3"] = "=1+1"  # openpyxl saves formulas without results
    path = tmp_path / "progress.xlsx"
    wb.save(path)
    report = progress_file(path)
    assert [f.code for f in report.findings if f.cell == "'进度 2023-06'!B3"] == ["formula-uncached"]
    assert next(s for s in report.statuses if s.cell == "'进度 2023-06'!B3").note == "实际值单元格是公式但没有保存计算结果，不亮灯"


def test_formula_probe_reuses_the_size_check_and_still_finds_formulas(tmp_path, monkeypatch):
    """The size check reads small sheets (and large ones without <dimension>) through: a sheet it saw without
    any formula is not inflated again, a sheet with one is still probed, whichever path measured it."""
    from zhibiao.formats import limits, xlsx

    wb = openpyxl.load_workbook(FILES / "huzhou_plain.xlsx")
    clean = tmp_path / "clean.xlsx"
    wb.save(clean)
    wb["任务分解"]["H14"] = "=SUM(B14:G14)"
    with_formula = tmp_path / "formula.xlsx"
    wb.save(with_formula)
    for large in (False, True):
        if large:  # every part counts as large; openpyxl writes <dimension>, so drop it to take the scanning path
            monkeypatch.setattr(limits, "EXACT_SCAN_BYTES", 10)
            monkeypatch.setattr(limits, "_DIMENSION", __import__("re").compile(rb"(?!)"))
        scanned = limits.check_xlsx(clean)
        assert scanned.parts and set(scanned.formulas) == set(scanned.parts.values())
        assert not any(scanned.formulas.values())
        probe = xlsx.FormulaProbe(clean, scanned)
        assert probe.thread is None and probe.result() == set()
        scanned = limits.check_xlsx(with_formula)
        part = scanned.parts["任务分解"]
        assert scanned.formulas[part] is True
        probe = xlsx.FormulaProbe(with_formula, scanned)
        assert probe.result() == {"任务分解"} and (13, 7) in probe.uncached()["任务分解"]
        assert check_file(with_formula).flatten(["code", "cell"])[:1] == [["formula-uncached", "任务分解!H14"]]
    # a part the size check did not read through (large, with <dimension>) is probed as before
    monkeypatch.setattr(limits, "_DIMENSION", __import__("re").compile(rb"<dimension ref=\"(?:[A-Z]+[0-9]+:)?([A-Z]+)([0-9]+)\""))
    scanned = limits.check_xlsx(with_formula)
    assert scanned.formulas == {}
    assert xlsx.FormulaProbe(with_formula, scanned).result() == {"任务分解"}
