"""The package copy written without openpyxl (styles_patch, new_sheets): the styles it appends are openpyxl's XML,
the sheets it adds are openpyxl's sheets (style ids and character encoding aside), `_zhibiao`'s fast rows are the
general rows, odd plans and packages it cannot copy go the openpyxl way."""

from __future__ import annotations

import re
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl.styles import Alignment, Font, PatternFill

from test_package_copy import EXAMPLE, _both, _messy, _part, _plan, describe
from zhibiao.formats import read_workbook
from zhibiao.progress.report import progress_workbook
from zhibiao.progress.write import plan_progress
from zhibiao.workbook import package_copy, write_file
from zhibiao.workbook.plan import Mark, ResultSheet, WritePlan


def test_appended_styles_are_what_openpyxl_writes():
    """The pieces styles_patch appends are openpyxl's XML for the style objects openpyxl's path assigns."""
    from zhibiao.workbook import styles_patch as sp
    from zhibiao.workbook.plan import LEVEL_FILL
    from zhibiao.workbook.result_sheet import BORDER, fill_for
    from zhibiao.workbook.style_ids import xml_of

    assert sp.SUMMARY_FONT == xml_of(Font(bold=True, size=12))
    assert sp.HEADER_FONT == xml_of(Font(bold=True))
    assert sp.LINK_FONT == xml_of(Font(color="FF0563C1", underline="single"))
    assert sp.HEADER_FILL == xml_of(PatternFill("solid", fgColor="FFD9D9D9"))
    assert sp.THIN_BORDER == xml_of(BORDER)
    assert sp.CENTERED == xml_of(Alignment(horizontal="center", vertical="center"))
    assert sp.WRAPPED == xml_of(Alignment(vertical="top", wrap_text=True))
    for level in LEVEL_FILL:
        assert sp.level_fill(level) == xml_of(fill_for(level))


def _cell_looks(path: Path) -> dict[int, tuple]:
    """Each cell format id of a workbook -> what it shows (font, fill, border, alignment, protection, number format)."""
    from openpyxl import load_workbook
    from zhibiao.workbook.style_ids import xml_of

    wb = load_workbook(path)
    looks = {}
    for i, array in enumerate(wb._cell_styles):
        looks[i] = (xml_of(wb._fonts[array.fontId]), xml_of(wb._fills[array.fillId]), xml_of(wb._borders[array.borderId]),
                    xml_of(wb._alignments[array.alignmentId]), xml_of(wb._protections[array.protectionId]),
                    array.numFmtId, array.quotePrefix)
    return looks


def _as_seen(path: Path, part: str) -> str:
    """A part's XML with each style id replaced by what it shows and characters written out (&#NNNN; or UTF-8)."""
    looks = _cell_looks(path)
    xml = _part(path, part).decode("utf-8")
    xml = re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), xml)
    return re.sub(r'\bs="(\d+)"', lambda m: f's="{looks[int(m.group(1))]}"', xml)


def _new_parts(path: Path) -> dict[str, str]:
    """Sheet name -> its part, for the sheets a write adds."""
    from zhibiao.formats.xlsx_parts import sheet_parts

    with zipfile.ZipFile(path) as zf:
        parts = sheet_parts(zf)
    return {name: parts[name] for name in ("进度结果", "进度赛马", "_zhibiao") if name in parts}


@pytest.mark.parametrize("which", ["example", "messy"])
def test_added_sheets_are_openpyxls_sheets(tmp_path, monkeypatch, which):
    """The results sheets and `_zhibiao` written from templates are openpyxl's XML, style ids and the encoding of
    characters aside (UTF-8 here, &#NNNN; from lxml); the clerk's styles keep their ids and XML."""
    if which == "example":
        src = tmp_path / EXAMPLE.name
        shutil.copy(EXAMPLE, src)
        plan = plan_progress(progress_workbook(read_workbook(src), None, None))
    else:
        src, plan = _messy(tmp_path / "进度表.xlsx"), _plan()
    copied, plain = _both(src, plan, tmp_path, monkeypatch)
    new, old = _new_parts(copied), _new_parts(plain)
    assert list(new) == list(old) == ["进度结果", "进度赛马", "_zhibiao"]
    for name in new:
        if name == "_zhibiao":  # its fills are the clerk's XML (compared as openpyxl reads them by describe)
            continue
        assert _as_seen(copied, new[name]) == _as_seen(plain, old[name]), name
    before, after = _part(src, "xl/styles.xml").decode(), _part(copied, "xl/styles.xml").decode()
    for block in ("fonts", "fills", "borders", "cellXfs"):
        mine = re.search(rf"<{block}\b[^>]*>(.*?)</{block}>", before, re.S).group(1)
        assert mine in after  # appended to, not rewritten
    book = _part(copied, "xl/workbook.xml").decode()
    assert book.count("_xlnm._FilterDatabase") == 2 and "'进度结果'!$2:$2" in book


def test_a_first_progress_write_does_not_import_openpyxl(tmp_path):
    import subprocess

    src = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, src)
    code = ("import sys\nfrom zhibiao.cli import main\nsys.argv = ['zhibiao', 'progress', '--write', '-o', sys.argv[1], sys.argv[2]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nprint('openpyxl' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path / "out.xlsx"), str(src)], capture_output=True, text=True)
    assert proc.stdout.strip().endswith("False"), proc.stderr[-2000:]
    assert (tmp_path / "out.xlsx").exists()


def test_record_rows_are_the_general_rows():
    """`_zhibiao`'s rows a row per f-string (RecordRows) are the rows StreamedRows writes cell by cell."""
    from zhibiao.workbook.new_sheets import RecordRows
    from zhibiao.workbook.records import mark_row
    from zhibiao.workbook.stream_rows import StreamedRows
    from zhibiao.workbook.styles_patch import level_fill

    rows = [mark_row("进度结果,进度赛马", sheet, f"{col}{r}", fill, level_fill(level), comment)
            for r, (sheet, col, fill, level, comment) in enumerate([
                ("进度 2023-06", "B", "<fill><patternFill/></fill>", "red", "红灯：完成4% & <落后>\r\n第二行"),
                ("A&B <表>", "AA", '<fill><patternFill patternType="none"/></fill>', "green", None),
                ("进度", "XFD", "<fill><patternFill/></fill>", "info", " 提示：前后有空格 "),
            ] * 3, 2)]
    general = StreamedRows("_zhibiao", 2, text=True, encoding="utf-8", styles={})
    for values in rows:
        general.add_values(values, [None] * 6)
    fast = RecordRows.of(rows)
    assert fast is not None
    assert b"".join(fast.chunks(size=4)) == b"".join(general.chunks()) and fast.dimension(6) == general.dimension(6)
    assert RecordRows.of([[" 前有空格", *rows[0][1:]]]) is None and RecordRows.of([rows[0][:3] + ["A 1"] + rows[0][4:]]) is None
    assert RecordRows.of([rows[0][:5] + ["{\\x07}".replace("\\x07", "\x07")]]) is None


_ODD_PLANS = {
    "an empty ranking, no marks": WritePlan(
        [ResultSheet("进度结果", ["指标", "地区"], [["a", "=b"], ["-1", " x "]], {}, ["error", None], "=汇总"),
         ResultSheet("进度赛马", ["名次"], [], {}, [], "赛马")], [], [], ("进度结果", "进度赛马")),
    "odd values": WritePlan(
        [ResultSheet("进度结果", ["指标", "地区", "x"], [["#N/A", "a&b<c>", 1e20], ["", None, float("nan")], ["é…", "x\ny", -0.0]],
                     {(0, 1): "进度!A1", (2, 0): ""}, ["warning", "info", "ok"], "汇总 ")],
        [Mark("进度", 1, 1, "red", None), Mark("进度", 3, 3, "green", "注 ")], [], ("进度结果",)),
}


@pytest.mark.parametrize("name", list(_ODD_PLANS))
def test_odd_plans_copied_as_openpyxl_writes_them(tmp_path, monkeypatch, name):
    """A results sheet without rows, a summary read as a formula, error codes, blanks, NaN, wrapped text, a mark without a note."""
    src = _messy(tmp_path / "进度表.xlsx")
    copied, plain = _both(src, _ODD_PLANS[name], tmp_path, monkeypatch)
    assert describe(copied) == describe(plain)
    new, old = _new_parts(copied), _new_parts(plain)
    assert list(new) == list(old)
    for sheet in set(new) - {"_zhibiao"}:
        assert _as_seen(copied, new[sheet]) == _as_seen(plain, old[sheet]), sheet


def test_a_prefixed_stylesheet_goes_the_openpyxl_way(tmp_path, monkeypatch):
    """styles.xml written with a namespace prefix (x:styleSheet, as some generators write it): the copy gives up
    while saving (NotCopied) and openpyxl's path writes the same workbook the clerk would get from it."""
    from zhibiao.workbook.sheet_patch import NotCopied
    from zhibiao.workbook.styles_patch import Stylesheet

    plain_src = _messy(tmp_path / "进度表.xlsx")
    src = tmp_path / "prefixed.xlsx"
    with zipfile.ZipFile(plain_src) as zin, zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/styles.xml":
                text = re.sub(r"<(/?)(\w+)", r"<\1x:\2", data.decode()).replace(' xmlns="', ' xmlns:x="', 1)
                data = text.encode()
            zout.writestr(item, data)
    with pytest.raises(NotCopied):
        Stylesheet(_part(src, "xl/styles.xml").decode())
    before = src.read_bytes()
    out, plain = tmp_path / "out.xlsx", tmp_path / "plain.xlsx"
    write_file.write(src, _plan(), out)
    with monkeypatch.context() as m:
        m.setattr(write_file, "_copied", lambda *args: False)
        write_file.write(src, _plan(), plain)
    assert describe(out) == describe(plain) and src.read_bytes() == before
    assert b"<x:" not in _part(out, "xl/styles.xml")  # openpyxl's own stylesheet: the copy did not write it
