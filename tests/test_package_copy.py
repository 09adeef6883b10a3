"""A first write-back copies the clerk's package part by part (package_copy); what the clerk sees is what
openpyxl's path shows: the same cells, values (cached formula results too), resolved styles, comments,
merged cells, widths and heights, conditional formats, validations, defined names, sheets and their order."""

from __future__ import annotations

import re
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation

from zhibiao.formats import read_workbook
from zhibiao.progress.report import progress_workbook
from zhibiao.progress.write import plan_progress
from zhibiao.workbook import package_copy, write_file, write_openpyxl
from zhibiao.workbook.sheet_patch import patch_cells
from zhibiao.workbook.cached_values import finish_saved
from zhibiao.workbook.plan import Mark, ResultSheet, StatusColumn, WritePlan

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from workbook_view import describe  # noqa: E402
EXAMPLE = ROOT / "xlsx_templates" / "examples" / "湖州2023进度示例.xlsx"
XLSM = ROOT / "xlsx_templates" / "分解表模板.xlsm"


def _both(src: Path, plan: WritePlan, tmp_path: Path, monkeypatch, tag: str = "") -> tuple[Path, Path]:
    """The write-back of src by copying (asserted to be taken) and by openpyxl's path."""
    copied, plain = tmp_path / f"copied{tag}{src.suffix}", tmp_path / f"plain{tag}{src.suffix}"
    copy = package_copy.prepare(src, plan)
    assert copy is not None
    copy.close()
    write_openpyxl.write(src, plan, copied)
    with monkeypatch.context() as m:
        m.setattr(write_file, "_copied", lambda *args: False)
        write_openpyxl.write(src, plan, plain)
    return copied, plain


def _part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


def _messy(path: Path) -> Path:
    """A 进度 sheet with formulas (saved with their results), merged cells, a format rule, a validation,
    gaps where marks will land; a clerk's note on another sheet, a hidden sheet, a defined name."""
    wb = OpenpyxlWorkbook()
    ws = wb.active
    ws.title = "进度"
    ws.append(["指标", "地区1", "地区2", "地区3", "合计"])
    for r in range(2, 12):
        ws.append([f"指标{r}", r * 1.5, None if r % 3 == 0 else r * 2, f"{r}家", f"=SUM(B{r}:C{r})"])
    ws["A1"].font = Font(bold=True, color="FF0000FF")
    ws["B2"].fill = PatternFill("solid", fgColor="FFFFFF00")  # the clerk's own fill, under a mark
    ws["C4"].border = Border(left=Side(style="thick"))
    ws["D5"].alignment = Alignment(wrap_text=True)
    ws["B3"].number_format = "0.00%"
    ws.merge_cells("A14:C14")
    ws["A14"] = "注：单位为亿元"
    ws.column_dimensions["A"].width = 30
    ws.row_dimensions[3].height = 28
    ws.freeze_panes = "B2"
    ws.conditional_formatting.add("B2:C11", CellIsRule(operator="greaterThan", formula=["10"], fill=PatternFill("solid", fgColor="FFDDEEFF")))
    dv = DataValidation(type="list", formula1='"是,否"')
    dv.add("D2:D11")
    ws.add_data_validation(dv)
    other = wb.create_sheet("说明")
    other["A1"] = "说明"
    other["A1"].comment = Comment("办公室：请于月底前报送", "张三")
    other["B2"] = "=进度!E2*2"
    hidden = wb.create_sheet("参数")
    hidden["A1"] = 0.5
    hidden.sheet_state = "hidden"
    from openpyxl.workbook.defined_name import DefinedName

    wb.defined_names["权重"] = DefinedName("权重", attr_text="参数!$A$1")
    wb.active = 1  # the clerk left 说明 selected
    wb.save(path)
    values = {"进度": [[None] * 5] + [[None] * 4 + [r * 1.5 + (0 if r % 3 == 0 else r * 2)] for r in range(2, 12)],
              "说明": [[None, None], [None, (2 * 1.5 + 4) * 2]]}
    finish_saved(path, values, {"进度", "说明"})
    return path


def _plan(sheet: str = "进度", cells=((1, 1), (1, 2), (2, 1), (3, 2), (5, 3), (2, 6), (15, 0), (15, 4), (12, 8))) -> WritePlan:
    """Marks on figures, on a cell the clerk styled, on empty cells of a row and on rows that are not there."""
    levels = ["red", "green", "yellow", "error", "info"]
    marks = [Mark(sheet, r, c, levels[i % len(levels)], f"第{i}条：完成{r * c}% & <落后>" + ("\n第二行" if i % 2 else ""))
             for i, (r, c) in enumerate(cells)]
    rows = [[f"指标{i}", "地区", 1.5 * i, None, "=不是公式", f" 说明{i} ", f"{sheet}!B{i + 2}"] for i in range(30)]
    result = ResultSheet("进度结果", ["指标", "地区", "实际", "目标", "备注", "说明", "单元格"], rows,
                         {(i, 6): f"{sheet}!B{i + 2}" for i in range(0, 30, 4)}, ["red", "green", None] * 10, "汇总")
    return WritePlan([result, ResultSheet("进度赛马", ["名次"], [[1], [2]], {}, ["green", None], "赛马")], marks, [],
                     ("进度结果", "进度赛马"))


def test_example_progress_write_shows_what_openpyxl_writes(tmp_path, monkeypatch):
    src = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, src)
    before = src.read_bytes()
    book = read_workbook(src)
    plan = plan_progress(progress_workbook(book, None, None))
    copied, plain = _both(src, plan, tmp_path, monkeypatch)
    assert describe(copied) == describe(plain)
    assert src.read_bytes() == before
    # the sheets the write leaves alone are the clerk's own parts, byte for byte
    assert _part(copied, "xl/worksheets/sheet2.xml") == _part(src, "xl/worksheets/sheet2.xml")
    # a second write undoes the first (openpyxl's path, from the copied file) as it undoes openpyxl's own
    again_copied, again_plain = tmp_path / "again_copied.xlsx", tmp_path / "again_plain.xlsx"
    write_openpyxl.write(copied, plan, again_copied)
    write_openpyxl.write(plain, plan, again_plain)
    assert describe(again_copied) == describe(again_plain)


def test_messy_workbook_keeps_formula_results_merges_rules_and_notes(tmp_path, monkeypatch):
    src = _messy(tmp_path / "进度表.xlsx")
    copied, plain = _both(src, _plan(), tmp_path, monkeypatch)
    seen = describe(copied)
    assert seen == describe(plain)
    assert seen["values"]["进度"][1][4] == 7  # a formula's cached result, as the clerk saved it
    assert seen["进度结果"]["selected"] and not seen["说明"]["selected"]  # one selected tab: Excel would group two
    assert seen["active"] == "进度结果"
    assert seen["进度"]["cells"]["I13"][3][1] == seen["进度"]["cells"]["C4"][3][1] != seen["进度"]["cells"]["E16"][3][1]
    # marks on an empty cell of a row and on rows not in the sheet are there, in order, with their notes
    assert seen["进度"]["cells"]["A16"][4][0].startswith("第6条") and seen["进度"]["cells"]["E16"][4][0].startswith("第7条")
    # and undone by the next write, to the clerk's own fill
    again = tmp_path / "again.xlsx"
    write_openpyxl.write(copied, _plan(), again)
    again_plain = tmp_path / "again_plain.xlsx"
    write_openpyxl.write(plain, _plan(), again_plain)
    assert describe(again) == describe(again_plain)


def test_macro_workbook_keeps_its_project_and_buttons(tmp_path, monkeypatch):
    src = tmp_path / "分解表.xlsm"
    shutil.copy(XLSM, src)
    copied, plain = _both(src, _plan("进度", ((1, 1), (2, 3), (4, 2))), tmp_path, monkeypatch)
    assert describe(copied) == describe(plain)
    for part in ("xl/vbaProject.bin", "xl/drawings/vmlDrawing1.vml", "xl/worksheets/_rels/sheet2.xml.rels"):
        assert _part(copied, part) == _part(src, part)


def test_what_the_copy_cannot_do_goes_the_openpyxl_way(tmp_path):
    src = _messy(tmp_path / "进度表.xlsx")
    assert package_copy.prepare(src, _plan("说明", ((1, 1),))) is None  # a clerk's note on the marked sheet
    column = StatusColumn("进度", 6, 0, "校验", {1: ("通过", "ok")})
    assert package_copy.prepare(src, WritePlan(_plan().sheets, [], [column], ("校验结果",))) is None
    valued = _plan()
    valued.marks[0].value = "合计"
    assert package_copy.prepare(src, valued) is None
    out = tmp_path / "out.xlsx"
    write_openpyxl.write(src, _plan(), out)
    assert package_copy.prepare(out, _plan()) is None  # an earlier write to undo


@pytest.mark.parametrize("rows", [0, 3])
def test_patch_cells_adds_missing_rows_and_cells_in_order(rows):
    existing = "".join(f'<row r="{r}"><c r="B{r}" s="1"><v>{r}</v></c></row>' for r in range(2, 2 + rows))
    xml = f'<worksheet><sheetData>{existing}</sheetData></worksheet>' if rows else "<worksheet><sheetData/></worksheet>"
    wanted = {(1, 1): "a", (2, 1): "b", (2, 2): "c", (2, 3): "d", (9, 2): "e"}
    out = patch_cells(xml, wanted, lambda old, value: f"{old}{value}")
    refs = re.findall(r'<c r="([A-Z]+\d+)"', out)
    assert refs == sorted(refs, key=lambda ref: (int(ref[1:]), ref[0])) and len(refs) == len(wanted) + (rows > 0) * (rows - 1)
    assert 's="Nonea"' in out and 's="Nonee"' in out
    assert ('s="1c"' in out) == bool(rows) and out.endswith("</sheetData></worksheet>")


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice 未安装（soffice 不在 PATH 中）：无法做出另一种程序保存的工作簿")
def test_workbooks_saved_by_libreoffice(tmp_path, monkeypatch):
    """Another writer's package: shared strings, its own namespaces and views, an explicit first style."""
    import subprocess

    made = tmp_path / "made"
    made.mkdir()
    shutil.copy(EXAMPLE, made / "example.xlsx")
    _messy(made / "messy.xlsx")
    profile = tmp_path / "profile"
    proc = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                           "--convert-to", "xlsx", "--outdir", str(tmp_path / "lo"), str(made / "example.xlsx"),
                           str(made / "messy.xlsx")], capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stderr
    example = tmp_path / "lo" / "example.xlsx"
    assert b"sharedStrings" in _part(example, "[Content_Types].xml")
    plan = plan_progress(progress_workbook(read_workbook(example), None, None))
    copied, plain = _both(example, plan, tmp_path, monkeypatch, "-example")
    assert describe(copied) == describe(plain)
    copied, plain = _both(tmp_path / "lo" / "messy.xlsx", _plan(), tmp_path, monkeypatch, "-messy")
    assert describe(copied) == describe(plain)

