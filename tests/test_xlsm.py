"""The macro-enabled template: its vbaProject.bin is rebuilt from macros/*.bas byte for byte, and
independent readers (oletools' olevba and olefile, LibreOffice) find the macros and the wired buttons."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import olefile
import openpyxl
import pytest
from oletools.olevba import VBA_Parser, decompress_stream

from conftest import ROOT
from zhibiao.vba import cfb
from zhibiao.vba.ovba import compress, encrypt
from zhibiao.workbook.template import SPLIT_SHEET, TemplateSpec
from zhibiao.vba.vba_project import PROJECT_ID, build
from zhibiao.vba.xlsm import BAS, BUTTONS, VML_PART, modules, new_xlsm

COMMITTED = ROOT / "xlsx_templates" / "分解表模板.xlsm"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
MACROS = {"ZhibiaoValidate": "校验", "ZhibiaoBriefing": "生成简报"}


def lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").rstrip("\n").split("\n")


def part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(name)


def olevba_modules(path: Path) -> dict[str, str]:
    parser = VBA_Parser(str(path))
    try:
        return {Path(name).stem: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


# -- MS-OVBA pieces ---------------------------------------------------------------
@pytest.mark.parametrize("text, packed", [  # [MS-OVBA] 3.2, with the published errata for 3.2.2
    (b"abcdefghijklmnopqrstuv.", "01 19 B0 00 61 62 63 64 65 66 67 68 00 69 6A 6B 6C 6D 6E 6F 70 00 71 72 73 74 75 76 2E"),
    (b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa",
     "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 20 6D 6E 6F "
     "70 06 71 02 70 04 00 72 73 74 75 76 10 77 78 79 7A 00 2C"),
    (b"a" * 73, "01 03 B0 02 61 45 00"),
])
def test_compression_matches_the_spec_examples(text, packed):
    assert compress(text) == bytes.fromhex(packed)
    assert decompress_stream(bytearray(bytes.fromhex(packed))) == text


@pytest.mark.parametrize("size", [0, 1, 513, 4096, 4097, 12000])
def test_compression_round_trips_through_olevba(size):
    text = ((ROOT / "README.md").read_bytes() * 4)[:size]  # past 512 bytes the copy-token layout changes
    assert decompress_stream(bytearray(compress(text))) == text


def test_encryption_is_the_spec_algorithm():
    # 2.4.3.3 decryption, written out independently: each byte is XORed with the sum of the previous plain
    # byte and the encrypted byte two back
    enc = encrypt(PROJECT_ID, b"\0\0\0\0", seed=0x07)
    seed, version_enc, key_enc = enc[:3]
    assert version_enc ^ seed == 2 and key_enc ^ seed == sum(PROJECT_ID.encode()) & 0xFF
    plain, e1, e2, out = key_enc ^ seed, key_enc, version_enc, []
    for byte in enc[3:]:
        out.append(byte ^ ((e2 + plain) & 0xFF))
        e2, e1, plain = e1, byte, out[-1]
    ignored = (seed & 6) // 2
    assert int.from_bytes(bytes(out[ignored:ignored + 4]), "little") == 4 and out[ignored + 4:] == [0, 0, 0, 0]


def test_compound_file_tree_is_a_red_black_search_tree():
    names = [f"S{i}" for i in range(12)] + ["dir", "PROJECT", "_VBA_PROJECT", "ThisWorkbook"]
    ole = olefile.OleFileIO(cfb.write({f"VBA/{n}": n.encode() * 300 for n in names} | {"PROJECT": b"x"}),
                            raise_defects=olefile.DEFECT_INCORRECT)
    storage = next(e for e in ole.direntries if e is not None and e.name == "VBA")
    entries = ole.direntries

    def walk(sid):  # -> (in-order names, black height)
        if sid == cfb.NOSTREAM:
            return [], 1
        e = entries[sid]
        left, lh = walk(e.sid_left)
        right, rh = walk(e.sid_right)
        assert lh == rh, "black heights differ"
        if e.color == cfb.RED:
            assert all(entries[s].color == cfb.BLACK for s in (e.sid_left, e.sid_right) if s != cfb.NOSTREAM)
        return left + [e.name] + right, lh + (e.color == cfb.BLACK)

    order, _ = walk(storage.sid_child)
    assert order == sorted(names, key=lambda n: (len(n), n.upper()))
    assert ole.openstream("VBA/S11").read() == b"S11" * 300  # regular sectors, not the mini stream


@pytest.fixture(scope="module", params=["committed", "fresh"])
def book(request, tmp_path_factory) -> Path:
    """The committed template, and one built now from the current code."""
    if request.param == "committed":
        return COMMITTED
    path = tmp_path_factory.mktemp("xlsm") / "模板.xlsm"
    new_xlsm(TemplateSpec()).save(path)
    return path


# -- the project --------------------------------------------------------------------
def test_project_rebuilds_to_the_same_bytes():
    sheets = openpyxl.load_workbook(COMMITTED, keep_vba=True).sheetnames
    assert build(modules(sheets)) == build(modules(sheets)) == part(COMMITTED, "xl/vbaProject.bin")


def test_olevba_reads_the_macros_exactly_as_in_the_bas_file(book):
    found = olevba_modules(book)
    sheets = openpyxl.load_workbook(book).sheetnames
    assert set(found) == {"ZhibiaoButtons", "ThisWorkbook"} | {f"Sheet{i}" for i in range(1, len(sheets) + 1)}
    assert lines(found["ZhibiaoButtons"]) == lines(BAS.read_text(encoding="ascii"))
    for macro in MACROS:
        assert f"Sub {macro}()" in lines(found["ZhibiaoButtons"])


def test_project_references_the_xlwings_add_in(book):
    ole = olefile.OleFileIO(part(book, "xl/vbaProject.bin"))
    project = ole.openstream("PROJECT").read().decode("cp1252")
    assert "Module=ZhibiaoButtons\r\n" in project and "Document=ThisWorkbook/&H00000000" in project
    assert ole.openstream("VBA/_VBA_PROJECT").read() == b"\xcc\x61\xff\xff\x00\x00\x00"  # no p-code: compile from source
    directory = decompress_stream(bytearray(ole.openstream("VBA/dir").read()))
    assert b"x\0l\0w\0i\0n\0g\0s\0" in directory and rb"*\Cxlwings.xlam" in directory


# -- the package ------------------------------------------------------------------
def test_content_types_relations_and_code_names(book):
    types = part(book, "[Content_Types].xml").decode()
    assert re.search(r'PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main\+xml"', types)
    assert 'Extension="bin" ContentType="application/vnd.ms-office.vbaProject"' in types
    assert 'Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"' in types
    rels = part(book, "xl/_rels/workbook.xml.rels").decode()
    assert re.search(r'Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"', rels)
    wb = openpyxl.load_workbook(book, keep_vba=True)
    assert wb.code_name == "ThisWorkbook"
    assert [ws.sheet_properties.codeName for ws in wb] == [f"Sheet{i}" for i in range(1, len(wb.sheetnames) + 1)]


def test_buttons_on_the_split_sheet_call_the_macros(book):
    wb = openpyxl.load_workbook(book, keep_vba=True)
    assert wb[SPLIT_SHEET].legacy_drawing == VML_PART
    assert [ws.title for ws in wb if ws.legacy_drawing] == [SPLIT_SHEET]
    vml = part(book, VML_PART).decode()
    shapes = re.findall(r'<v:shape .*?</v:shape>', vml)
    wired = {re.search(r"<x:FmlaMacro>\[0\]!(\w+)<", s).group(1): re.search(r"<font[^>]*>([^<]+)<", s).group(1)
             for s in shapes if 'ObjectType="Button"' in s}
    assert wired == MACROS
    assert set(MACROS) <= set(re.findall(r"^Sub (\w+)\(\)", olevba_modules(book)["ZhibiaoButtons"], re.M))


def test_committed_template_is_the_built_one(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "xlsx_templates"))
    import build_xlsm

    monkeypatch.setattr(build_xlsm, "OUT", tmp_path / "模板.xlsm")
    build_xlsm.main()
    assert (tmp_path / "模板.xlsm").read_bytes() == COMMITTED.read_bytes(), "rerun xlsx_templates/build_xlsm.py"


# -- the CLI and write-back -----------------------------------------------------------
def filled(path: Path) -> Path:
    """A template .xlsm with two indicators, both short."""
    spec = TemplateSpec()
    wb = new_xlsm(spec)
    ws = wb[SPLIT_SHEET]
    rows = [("规上工业增加值增速", "%", "加权平均", [8] * 6, 9), ("固定资产投资", "亿元", "合计", [10] * 6, 100)]
    for r, (name, unit, method, splits, parent) in enumerate(rows, spec.first_row):
        ws.cell(r, spec.col("指标名称") + 1, name)
        ws.cell(r, spec.col("单位") + 1, unit)
        ws.cell(r, spec.col("汇总方式") + 1, method)
        for c, value in enumerate(splits, spec.col(spec.regions[0]) + 1):
            ws.cell(r, c, value)
        ws.cell(r, spec.col(spec.parent) + 1, parent)
    wb.save(path)
    return path


def test_check_write_keeps_the_project_and_the_buttons(runner, tmp_path):
    src = filled(tmp_path / "分解表.xlsm")
    result = runner.invoke("check", src, "--write", "--json")
    assert result.exit_code == 1, result.stderr  # findings, not a failure
    assert {f["code"] for f in result.json()["findings"]} >= {"split-short"}
    out = tmp_path / "分解表.校验.xlsm"
    assert part(out, "xl/vbaProject.bin") == part(src, "xl/vbaProject.bin") == part(COMMITTED, "xl/vbaProject.bin")
    vml = part(out, VML_PART).decode()
    ids = re.findall(r'<v:shape [^>]*\bid="(\w+)"', vml)
    assert len(ids) == len(set(ids)) > len(BUTTONS)  # the notes joined the buttons' drawing
    assert vml.count("<o:shapelayout") == 1
    assert set(re.findall(r"\[0\]!(\w+)", vml)) == set(MACROS)
    assert lines(olevba_modules(out)["ZhibiaoButtons"]) == lines(BAS.read_text(encoding="ascii"))


def test_cli_new_writes_the_macro_enabled_template(runner, tmp_path):
    path = tmp_path / "新表.xlsm"
    result = runner.invoke("new", "-o", path, "--regions", "吴兴,南浔,德清")
    assert result.exit_code == 0, result.stderr
    wb = openpyxl.load_workbook(path, keep_vba=True)
    assert [c.value for c in wb[SPLIT_SHEET][2]][7:10] == ["吴兴", "南浔", "德清"]
    assert part(path, "xl/vbaProject.bin") == build(modules(wb.sheetnames))
    assert runner.invoke("check", path).exit_code == 2  # headers only: the clerk is told to fill it in


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice 未安装（apt-get install libreoffice-calc-nogui）")
def test_libreoffice_imports_the_project_and_binds_the_buttons(tmp_path):
    src = filled(tmp_path / "表.xlsm")
    run = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                          "--convert-to", "ods", "--outdir", str(tmp_path), str(src)],
                         capture_output=True, text=True, timeout=180)
    ods = tmp_path / "表.ods"
    assert ods.exists(), run.stderr
    with zipfile.ZipFile(ods) as z:
        module = z.read("Basic/VBAProject/ZhibiaoButtons.xml").decode()
        content = z.read("content.xml").decode()
    for macro, label in MACROS.items():
        assert f"Sub {macro}()" in module
        assert f'form:label="{label}"' in content
        assert f"vnd.sun.star.script:VBAProject.ZhibiaoButtons.{macro}?" in content
    assert "固定资产投资" in content  # and the cells came through
