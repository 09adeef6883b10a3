"""Write-back: results in the clerk's workbook, everything else untouched, no stacking, no formula injection."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from conftest import FILES, HUZHOU
from zhibiao import check_file, check_workbook
from zhibiao.report import Finding, Report
from zhibiao.workbook.writeback import LEVEL_FILL, RESULT_SHEET, Mark, WritePlan, plan_findings, write_plan
from zhibiao.workbook.write_openpyxl import STATE_SHEET

CLERK_FILL = "FFFFFF00"


def _inject_cache(path: Path, sheet_xml: str, values: dict[str, float]) -> None:
    """Give formula cells a cached result, as Excel would have saved them."""
    with zipfile.ZipFile(path) as zf:
        items = [(i, zf.read(i.filename)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in items:
            if info.filename == sheet_xml:
                text = data.decode()
                for ref, value in values.items():
                    text = re.sub(rf'(<c r="{ref}"[^>]*><f>[^<]*</f>)<v></v>', rf"\g<1><v>{value}</v>", text)
                data = text.encode()
            zf.writestr(info, data)


@pytest.fixture
def clerk_book(tmp_path) -> Path:
    """huzhou_short (吴兴 100: a 50 shortfall at H14) dressed as a clerk keeps it."""
    wb = openpyxl.load_workbook(FILES / "huzhou_short.xlsx")
    ws = wb["任务分解"]
    ws["H14"].fill = PatternFill("solid", fgColor=CLERK_FILL)
    ws["H14"].comment = Comment("请与区县再核实", "科员")
    ws["H15"] = "=SUM(B15:G15)"  # 10000, the printed figure
    ws["H15"].number_format = "0.00"
    ws["A2"].font = Font(name="黑体", bold=True, color="FF0000FF")
    ws.column_dimensions["A"].width = 41
    ws.column_dimensions["H"].width = 12.5
    ws.row_dimensions[1].height = 33
    ws.freeze_panes = "B2"
    dv = DataValidation(type="list", formula1='"市经信局,市科技局"', allow_blank=True)
    dv.add("I2:I17")
    ws.add_data_validation(dv)
    ws.conditional_formatting.add("B2:G17", CellIsRule(operator="lessThan", formula=["0"], fill=PatternFill("solid", fgColor="FFFF0000")))
    wb.defined_names["全市目标"] = DefinedName("全市目标", attr_text="任务分解!$H$2:$H$17")
    other = wb.create_sheet("备注")
    other["A1"] = "整治企业数两倍"
    other["B1"] = "=任务分解!H14*2"
    other["A1"].font = Font(italic=True)
    path = tmp_path / "分解表.xlsx"
    wb.save(path)
    _inject_cache(path, "xl/worksheets/sheet1.xml", {"H15": 10000})
    _inject_cache(path, "xl/worksheets/sheet2.xml", {"B1": 2400})
    return path


def _style(cell) -> tuple:
    return (repr(cell.font), repr(cell.border), repr(cell.alignment), cell.number_format, repr(cell.protection))


def test_write_beside_input_leaves_it_byte_identical(runner, clerk_book):
    before = clerk_book.read_bytes()
    result = runner.invoke("check", clerk_book, "--write")
    assert result.exit_code == 1  # the shortfall is an error finding
    assert clerk_book.read_bytes() == before
    out = clerk_book.with_name("分解表.校验.xlsx")
    assert out.exists() and "已写回" in result.stdout
    assert sorted(p.name for p in clerk_book.parent.iterdir()) == ["分解表.xlsx", "分解表.校验.xlsx"]


def test_every_original_cell_value_and_style_survive(clerk_book, tmp_path):
    report = check_file(clerk_book)
    out = write_plan(clerk_book, plan_findings(report), tmp_path / "out.xlsx")
    marked = {(m.sheet, m.row + 1, m.col + 1) for m in plan_findings(report).marks}
    src, dst = openpyxl.load_workbook(clerk_book), openpyxl.load_workbook(out)
    for ws in src.worksheets:
        new = dst[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                twin = new[cell.coordinate]
                assert twin.value == cell.value, cell.coordinate
                assert _style(twin) == _style(cell), cell.coordinate
                if (ws.title, cell.row, cell.column) not in marked:
                    assert repr(twin.fill) == repr(cell.fill), cell.coordinate
                    assert (twin.comment and twin.comment.text) == (cell.comment and cell.comment.text)
        assert {k: d.width for k, d in new.column_dimensions.items() if k in ws.column_dimensions} == \
               {k: d.width for k, d in ws.column_dimensions.items()}
        assert new.row_dimensions[1].height == ws.row_dimensions[1].height
        assert new.freeze_panes == ws.freeze_panes
        assert [str(r) for r in new.merged_cells.ranges] == [str(r) for r in ws.merged_cells.ranges]
        assert [(d.formula1, str(d.sqref)) for d in new.data_validations.dataValidation] == \
               [(d.formula1, str(d.sqref)) for d in ws.data_validations.dataValidation]
        assert [str(r.sqref) for r in new.conditional_formatting] == [str(r.sqref) for r in ws.conditional_formatting]
    assert dst.defined_names["全市目标"].attr_text == "任务分解!$H$2:$H$17"
    assert dst["任务分解"]["H15"].value == "=SUM(B15:G15)"


def test_marked_cell_keeps_the_clerks_note_and_gets_the_finding(clerk_book, tmp_path):
    out = write_plan(clerk_book, plan_findings(check_file(clerk_book)), tmp_path / "out.xlsx")
    cell = openpyxl.load_workbook(out)["任务分解"]["H14"]
    assert cell.fill.fgColor.rgb == "FF" + LEVEL_FILL["error"]
    assert cell.comment.text.startswith("请与区县再核实")
    assert "缺口50" in cell.comment.text and "吴兴+" in cell.comment.text


def test_results_sheet_lists_findings_errors_first_with_links(clerk_book, tmp_path):
    report = check_file(clerk_book)
    out = write_plan(clerk_book, plan_findings(report), tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(out)[RESULT_SHEET]
    assert ws["A1"].value == report.headline()
    assert [c.value for c in ws[2]] == ["级别", "指标", "地区", "单元格", "说明", "建议", "代码"]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert len(rows) == len(report.findings)
    assert rows[0][0] == "● 错误" and rows[0][6] == "split-short" and rows[0][3] == "任务分解!H14"
    assert ws["D3"].hyperlink.location == "任务分解!H14"
    assert ws["A3"].fill.fgColor.rgb == "FF" + LEVEL_FILL["error"]
    assert all(r[0] != "● 错误" for r in rows[1:])


def test_status_column_beside_the_table(clerk_book, tmp_path):
    out = write_plan(clerk_book, plan_findings(check_file(clerk_book)), tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(out)["任务分解"]
    assert ws["J1"].value == "校验"
    assert ws["J14"].value == "有缺口 · 合计"
    assert ws["J14"].fill.fgColor.rgb == "FF" + LEVEL_FILL["error"]
    assert ws["J15"].value == "通过 · 合计"


def test_cached_formula_results_survive_so_a_recheck_sees_them(clerk_book, tmp_path):
    report = check_file(clerk_book)
    out = write_plan(clerk_book, plan_findings(report), tmp_path / "out.xlsx")
    again = check_file(out)
    assert again.flatten() == report.flatten()
    from zhibiao.formats import read_workbook

    assert read_workbook(out).grid("备注").raw(0, 1) == 2400


def test_cached_results_come_from_the_book_already_read(clerk_book, tmp_path, monkeypatch):
    import zhibiao.workbook.write_openpyxl as executor
    from zhibiao.formats import read_workbook

    book = read_workbook(clerk_book)
    monkeypatch.setattr(executor, "cached_values", None)  # a second read of the source would fail here
    out = write_plan(clerk_book, plan_findings(check_workbook(book), book), tmp_path / "out.xlsx", book=book)
    assert read_workbook(out).grid("备注").raw(0, 1) == 2400
    assert read_workbook(out).grid("任务分解").raw(14, 7) == 10000


def test_second_write_replaces_instead_of_stacking(runner, clerk_book):
    out = clerk_book.with_name("分解表.校验.xlsx")
    runner.invoke("check", clerk_book, "-w")
    first = openpyxl.load_workbook(out)
    assert runner.invoke("check", out, "--in-place").exit_code == 1
    second = openpyxl.load_workbook(out)
    assert second.sheetnames == first.sheetnames
    assert second[RESULT_SHEET].max_row == first[RESULT_SHEET].max_row
    ws = second["任务分解"]
    assert ws["J1"].value == "校验" and ws["K1"].value is None
    assert ws["H14"].comment.text == first["任务分解"]["H14"].comment.text  # not 请与区县再核实 + two findings
    assert second[STATE_SHEET].sheet_state == "veryHidden"
    assert second[STATE_SHEET].max_row == first[STATE_SHEET].max_row


def test_rewrite_after_a_fix_restores_the_clerks_formatting(runner, clerk_book):
    out = clerk_book.with_name("分解表.校验.xlsx")
    runner.invoke("check", clerk_book, "-w")
    wb = openpyxl.load_workbook(out)
    wb["任务分解"]["B14"] = 150  # the clerk fixes the shortfall in the written copy
    wb.save(out)
    assert runner.invoke("check", out, "--in-place").exit_code == 0
    ws = openpyxl.load_workbook(out)["任务分解"]
    assert ws["H14"].fill.fgColor.rgb == CLERK_FILL
    assert ws["H14"].comment.text == "请与区县再核实"


def test_empty_plan_undoes_everything_zhibiao_wrote(clerk_book, tmp_path):
    out = write_plan(clerk_book, plan_findings(check_file(clerk_book)), tmp_path / "out.xlsx")
    write_plan(out, WritePlan(), in_place=True)
    src, dst = openpyxl.load_workbook(clerk_book), openpyxl.load_workbook(out)
    assert dst.sheetnames == src.sheetnames
    for ws in src.worksheets:
        new = dst[ws.title]
        assert new.max_column == ws.max_column
        for row in ws.iter_rows():
            for cell in row:
                twin = new[cell.coordinate]
                assert (twin.value, repr(twin.fill)) == (cell.value, repr(cell.fill)), cell.coordinate
                assert (twin.comment and twin.comment.text) == (cell.comment and cell.comment.text)
    assert dst["任务分解"].column_dimensions["J"].width == src["任务分解"].column_dimensions["J"].width


def test_in_place_rewrites_atomically(runner, clerk_book):
    assert runner.invoke("check", clerk_book, "--in-place").exit_code == 1
    assert RESULT_SHEET in openpyxl.load_workbook(clerk_book).sheetnames
    assert [p.name for p in clerk_book.parent.iterdir()] == ["分解表.xlsx"]  # no temp file left behind


def test_output_option_and_wrong_combinations(runner, clerk_book, tmp_path):
    target = tmp_path / "结果" / "核对.xlsx"
    assert runner.invoke("check", clerk_book, "-o", target).exit_code == 1
    assert target.exists()
    bad = runner.invoke("check", clerk_book, "--in-place", "-o", tmp_path / "x.xlsx")
    assert bad.exit_code == 2 and "--in-place" in bad.stderr
    assert runner.invoke("check", clerk_book, "-o", tmp_path / "x.xlsm").exit_code == 2
    word = tmp_path / "附件.docx"  # a Word table cannot be written into: its tables and the results go to an .xlsx
    word.write_bytes((FILES / "huzhou.docx").read_bytes())
    docx = runner.invoke("check", word, "--write")
    assert docx.exit_code == 0 and "不能直接写回" in docx.stdout and (tmp_path / "附件.校验.xlsx").exists()


def test_outside_text_never_becomes_a_formula(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "分解"
    ws.append(["指标名称", "甲区", "乙区", "全市"])
    ws.append(["=HYPERLINK(\"http://x\",\"点我\")", "=1+1", 3, 5])
    ws.append(["+企业数(家)", "@SUM(A1)", 1, 2])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text in the clerk's cell, as a paste from Word leaves it
    src = tmp_path / "inj.xlsx"
    wb.save(src)
    report = check_file(src)
    assert any(f.code == "unparsed-value" and f.raw == "=1+1" for f in report.findings)
    out = write_plan(src, plan_findings(report, None))
    with zipfile.ZipFile(out) as zf:
        names = zf.read("xl/workbook.xml").decode()
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        formulas = [zf.read(n).decode().count("<f>") for n in sheets]
    assert "校验结果" in names and formulas == [0] * len(sheets)
    res = openpyxl.load_workbook(out)[RESULT_SHEET]
    values = [c.value for row in res.iter_rows(min_row=3) for c in row if isinstance(c.value, str)]
    assert "=HYPERLINK(\"http://x\",\"点我\")" in values and "+企业数(家)" in values


def test_plan_merges_findings_on_one_cell():
    report = Report("x.xlsx")
    report.findings = [
        Finding("missing-value", "甲区的目标值未填写", "A", "甲区", "分解!B2", sheet="分解", position=(1, 1)),
        Finding("unparsed-value", "无法识别", "A", "甲区", "分解!B2", sheet="分解", position=(1, 1)),
    ]
    report.sort()
    plan = plan_findings(report)
    assert plan.marks == [Mark("分解", 1, 1, "error", "错误：无法识别\n警告：甲区的目标值未填写")]
    assert plan.owned_sheets == (RESULT_SHEET,)
    assert plan.sheets[0].rows[0][0] == "● 错误" and plan.sheets[0].links == {(0, 3): "分解!B2", (1, 3): "分解!B2"}


def test_another_owner_keeps_its_marks(clerk_book, tmp_path):
    """A progress write (its own owned sheet) and a check write do not undo each other."""
    out = write_plan(clerk_book, plan_findings(check_file(clerk_book)), tmp_path / "out.xlsx")
    other = WritePlan([], [Mark("任务分解", 1, 1, "green", "进度：绿")], [], ("进度结果",))
    write_plan(out, other, in_place=True)
    write_plan(out, plan_findings(check_file(out)), in_place=True)
    ws = openpyxl.load_workbook(out)["任务分解"]
    assert ws["B2"].fill.fgColor.rgb == "FF" + LEVEL_FILL["green"] and ws["B2"].comment.text == "进度：绿"
    assert ws["H14"].fill.fgColor.rgb == "FF" + LEVEL_FILL["error"]


def test_xlsm_macros_survive(tmp_path):
    xlwings = pytest.importorskip("xlwings")
    source = Path(xlwings.__file__).parent / "quickstart.xlsm"
    wb = openpyxl.load_workbook(source, keep_vba=True)
    ws = wb.create_sheet("分解")
    for row in openpyxl.load_workbook(HUZHOU)["任务分解"].iter_rows(values_only=True):
        ws.append(row)
    src = tmp_path / "宏.xlsm"
    wb.save(src)
    out = write_plan(src, plan_findings(check_file(src)))
    assert out.name == "宏.校验.xlsm"
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out) as b:
        assert b.read("xl/vbaProject.bin") == a.read("xl/vbaProject.bin")
        assert "macroEnabled" in b.read("[Content_Types].xml").decode()


def test_demo_workbook_round(tmp_path):
    src = tmp_path / HUZHOU.name
    shutil.copy(HUZHOU, src)
    out = write_plan(src, plan_findings(check_file(src)))
    assert check_file(out).flatten() == check_file(src).flatten()
