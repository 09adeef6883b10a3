"""Other file formats clerks receive (.xls, .ods, .et, .csv, .html, .pdf, .doc) read into the same findings
as the 湖州 seed table; unreadable ones say so in one Chinese line (exit 2); --write makes an .xlsx copy.

.xls / .ods / .pdf / .doc fixtures are LibreOffice conversions of other fixtures (tests/files/
build_format_fixtures.py); CSV and HTML files are written here from xlsx_templates/seed_data.py.
"""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
import sys
import zipfile

import openpyxl
import pytest

from conftest import FILES, ROOT
from zhibiao import check_file, read_workbook
from zhibiao.formats.doc import soffice

sys.path.insert(0, str(ROOT / "xlsx_templates"))
import seed_data as sd  # noqa: E402

HZ = sd.HUZHOU_SPLIT_2023
PLAIN = FILES / "huzhou_plain.xlsx"
needs_libreoffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


def findings(report) -> list[tuple]:
    """What a clerk is told, independent of where the cell sits: code, indicator, region, severity, gap."""
    return sorted((f.code, f.indicator, f.region, str(f.severity), f.gap) for f in report.findings)


SEED = findings(check_file(PLAIN))


def test_the_seed_baseline_is_not_empty():
    codes = {code for code, *_ in SEED}
    assert {"split-over", "pending", "weights-needed", "parent-qualitative"} <= codes


# -- spreadsheets ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["huzhou.xls", "huzhou.ods", "huzhou.pdf"])
def test_converted_fixtures_give_the_seed_findings(name):
    assert findings(check_file(FILES / name)) == SEED


def test_xls_and_ods_keep_merged_ranges():
    xls, ods = (read_workbook(FILES / n).grid("任务分解") for n in ("huzhou.xls", "huzhou.ods"))
    assert xls.merges and set(xls.merges) == set(ods.merges)
    assert (0, 2, 0, 7) in xls.merges  # the 各区县 band
    assert (0, 1, 1, 1) in xls.merges  # 指标名称 over both header rows
    assert xls.value(12, 5) == "待省下达任务指标后再分解"  # a pending row merged across the regions
    assert xls.ref(12, 5) == "任务分解!C13"


def test_an_et_file_is_read_as_the_biff_workbook_wps_writes(tmp_path):
    et = tmp_path / "分解表.et"
    shutil.copy(FILES / "huzhou.xls", et)
    book = read_workbook(et)
    assert book.format == "et"
    assert findings(check_file(et)) == SEED


def test_an_et_file_that_is_not_biff_asks_for_xlsx(runner, tmp_path):
    et = tmp_path / "分解表.et"
    et.write_bytes(b"KSO-ET private format \x00\x01\x02" * 20)
    result = runner.invoke("check", et)
    assert result.exit_code == 2 and "另存为" in result.stderr and ".xlsx" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# -- CSV ------------------------------------------------------------------------------------------------
def seed_table() -> list[list[str]]:
    """The 湖州 table as text rows, header first (a pending row: its text in the first region cell, the rest blank)."""
    header = ["指标名称", *HZ["regions"], HZ["parent"], "责任部门"]
    rows = [["" if v is None else str(v) for v in row] for row in HZ["rows"]]
    return [header, *rows]


def csv_text(delimiter: str = ",") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(seed_table())
    return buf.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_in_every_encoding_clerks_meet(tmp_path, encoding):
    path = tmp_path / f"分解-{encoding}.csv"
    path.write_bytes(csv_text().encode(encoding))
    grid = read_workbook(path).grids[0]
    assert grid.raw(0, 0) == "指标名称" and grid.raw(9, 0) == "每万人口高价值发明专利\n拥有量(件)"
    assert findings(check_file(path)) == SEED


def test_tab_separated_text_and_a_csv_named_xlsx(tmp_path):
    tsv = tmp_path / "分解.txt"
    tsv.write_bytes(csv_text("\t").encode("gbk"))
    assert findings(check_file(tsv)) == SEED
    fake = tmp_path / "导出.xlsx"  # a system export saved as "Excel" that is really CSV
    fake.write_bytes(csv_text().encode("utf-8-sig"))
    assert read_workbook(fake).format == "csv"
    assert findings(check_file(fake)) == SEED


def test_csv_decoding_prefers_utf8_and_falls_back_to_gb18030():
    from zhibiao.formats.csv import decode, delimiter

    text = "指标名称,全市\n企业数(家),12\n"
    assert decode(text.encode("gbk"), "x.csv") == text
    assert decode(text.encode("utf-8"), "x.csv") == text
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8"), "x.csv") == text
    assert delimiter("a;b;c\n1;2;3\n") == ";" and delimiter("a\tb\n1,5\t2\n") == "\t"


# -- HTML -----------------------------------------------------------------------------------------------
def seed_html(charset: str = "utf-8") -> str:
    """The 湖州 annex as a website publishes it: a layout table around a notice, a two-row header with
    rowspan / colspan, <br> inside cells, cells wrapped in <p>/<span>/<font>, pending rows as one colspan cell."""
    def cell(v, **attrs):
        extra = "".join(f' {k}="{a}"' for k, a in attrs.items())
        text = "<br>".join(html.escape(line) for line in str(v).split("\n")) if v is not None else "&nbsp;"
        return f'<td{extra}><p align="center"><span style="font-size:12pt"><font face="仿宋">{text}</font></span></p></td>'

    regions = "".join(cell(r.replace("南太湖新区", "南太湖\n新区")) for r in HZ["regions"])
    head = (f"<tr>{cell('指标名称', rowspan=2)}{cell('各区县', colspan=6)}{cell('全市', rowspan=2)}"
            f"{cell('责任部门', rowspan=2)}</tr>\n<tr>{regions}</tr>")
    body = []
    for row in HZ["rows"]:
        if row[2] is None and isinstance(row[1], str) and row[1].startswith("待"):
            body.append(f"<tr>{cell(row[0])}{cell(row[1], colspan=7)}{cell(row[-1])}</tr>")
        else:
            body.append("<tr>" + "".join(cell(v) for v in row) + "</tr>")
    table = '<table border="1" cellspacing="0">\n<tbody>\n' + head + "\n" + "\n".join(body) + "\n</tbody></table>"
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            "<title>湖州市人民政府办公室关于印发…的通知</title><script>var x = '<table>';</script></head><body>"
            '<table width="100%"><tr><td>首页 &gt; 政府信息公开</td></tr><tr><td>'
            "<p>附件1</p><p>主要指标各区县任务分解表</p>" + table +
            "<p>注：南太湖新区的单位GDP能耗下降率计入吴兴区。</p></td></tr></table></body></html>")


def test_html_notice_with_spans_breaks_and_nested_tags(tmp_path):
    path = tmp_path / "通知.html"
    path.write_bytes(seed_html("gb2312").encode("gb18030"))
    book = read_workbook(path)
    assert [g.name for g in book.grids] == ["表1"]  # the page's layout table is not a table of its own
    grid = book.grids[0]
    assert [row[0] for row in grid.rows[:grid.lines_above]] == ["附件1", "主要指标各区县任务分解表"]  # printed above it
    k = grid.lines_above
    assert (k, 1, k, 6) in grid.merges and (k, 0, k + 1, 0) in grid.merges and (k + 12, 1, k + 12, 7) in grid.merges
    assert grid.raw(k + 1, 6) == "南太湖\n新区" and grid.raw(k + 17, 1) == "4.5(含\n南太湖新区)"
    assert grid.ref(k + 16, 7) == "表1第17行第8列"  # counted in the table, as the clerk counts
    assert findings(check_file(path)) == SEED


def test_an_xls_that_is_a_saved_web_page(tmp_path):
    path = tmp_path / "附件1.xls"  # what many government sites serve as an Excel download
    path.write_text(seed_html(), encoding="utf-8")
    assert read_workbook(path).format == "html"
    assert findings(check_file(path)) == SEED


def test_workbook_saved_as_a_web_page_keeps_its_sheet_names(tmp_path):
    """LibreOffice writes each sheet under <h1>Sheet N: <em>NAME</em></h1>: the names 进度 and 重大项目 rely on."""
    table = re.search(r'<table border="1".*?</table>', seed_html(), re.S).group()  # the seed table alone
    path = tmp_path / "分解.html"
    path.write_text('<html><body><h1>Overview</h1><A NAME="table0"><h1>Sheet 1: <em>任务分解</em></h1></A>'
                    f"{table}<A NAME=\"table1\"><h1>Sheet 2: <em>设置</em></h1></A>"
                    "<table><tr><td>项目</td><td>值</td></tr><tr><td>亮灯规则</td><td>标准</td></tr></table>"
                    "</body></html>", encoding="utf-8")
    book = read_workbook(path)
    assert [g.name for g in book.grids] == ["任务分解", "设置"]
    assert "Sheet 1: 任务分解" not in [row[0] for row in book.grids[0].rows[:book.grids[0].lines_above]]
    assert findings(check_file(path)) == SEED


def test_real_notice_page_table_as_published():
    """扬州市人民政府办公室, 2010 造林任务 (tests/files/README.md): GB2312, nested in a layout table, &nbsp; blanks."""
    book = read_workbook(FILES / "web" / "扬州2010造林任务分解.html")
    assert [g.name for g in book.grids] == ["表1"]
    grid = book.grids[0]
    assert [row[0] for row in grid.rows[:grid.lines_above]] == ["附:", "扬州市2010年造林任务分解表", "单位:万亩、万株"]
    rows = grid.rows[grid.lines_above:]
    assert rows[0] == ["县(市、区)", "总 面 积", "其中成片造林", "新建农田林网", "新增四旁植树"]
    assert rows[1] == ["合  计", "15.5", "10", "30", "1100"]
    assert rows[7] == ["广 陵 区", "0.5", "0.2", "", "30"]
    assert [r[0] for r in rows[2:]] == ["宝 应 县", "高 邮 市", "江 都 市", "仪 征 市", "邗 江 区", "广 陵 区", "维 扬 区", "市开发区"]
    for col in range(1, 5):  # the published figures add up: the table is read cell for cell
        total = sum(float(r[col] or 0) for r in rows[2:])
        assert total == pytest.approx(float(rows[1][col]))


def test_control_characters_in_a_page_are_dropped_so_the_table_reads_and_writes(runner, tmp_path):
    """A BEL inside an HTML cell: the browser shows 10 and 工业投资(亿元); a worksheet cannot hold it."""
    path = tmp_path / "通知.html"
    path.write_text("<table><tr><td>指标名称</td><td>吴兴</td><td>南浔</td><td>全市</td></tr>"
                    "<tr><td>工业投资\x07(亿元)</td><td>1\x070</td><td>20</td><td>3\x0b0</td></tr></table>", encoding="utf-8")
    assert read_workbook(path).grids[0].rows[1] == ["工业投资(亿元)", "10", "20", "30"]
    report = check_file(path)
    assert report.findings == [] and [i.name for i in report.indicators] == ["工业投资(亿元)"]
    written = runner.invoke("check", path, "-o", tmp_path / "结果.xlsx")  # an .xlsx copy (was IllegalCharacterError)
    assert written.exit_code == 0, written.stderr
    assert openpyxl.load_workbook(tmp_path / "结果.xlsx")["表1"]["A2"].value == "工业投资(亿元)"
    imported = runner.invoke("import", path, "-o", tmp_path / "导入.xlsx")
    assert imported.exit_code == 0, imported.stderr


def test_control_characters_an_xlsx_carries_as_escapes_are_dropped_too(runner, tmp_path):
    """A program can store a BEL in an .xlsx as _x0007_; calamine gives it back as the character."""
    plain = tmp_path / "plain.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "分解"
    wb.active.append(["指标名称", "吴兴", "南浔", "全市"])
    wb.active.append(["工业投资NAME(亿元)", "TEN", "二十", 30])
    wb.save(plain)
    path = tmp_path / "分解.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item).replace(b"NAME", b"_x0007_").replace(b"TEN", b"1_x0007_0")
                         .replace("二十".encode(), "二_x0007_十".encode()))
    assert read_workbook(path).grids[0].rows[1][1] == "1\x070"  # the reader keeps an .xlsx cell as stored
    report = check_file(path)
    assert [i.name for i in report.indicators] == ["工业投资(亿元)"]
    assert [(f.code, f.region, f.raw) for f in report.findings] == [("unparsed-value", "南浔", "二十")]
    written = runner.invoke("check", path, "-o", tmp_path / "结果.xlsx")  # was IllegalCharacterError
    assert written.exit_code == 1 and "已写回" in written.stdout, written.stderr  # 1: an error found


def test_a_page_without_tables_says_so(runner, tmp_path):
    path = tmp_path / "通知.html"
    path.write_text("<html><body><p>各区县：现将任务分解表印发给你们。</p><img src='表.png'></body></html>", encoding="utf-8")
    result = runner.invoke("check", path)
    assert result.exit_code == 2 and "没有表格" in result.stderr


# -- PDF ------------------------------------------------------------------------------------------------
def test_pdf_annex_table_over_two_pages_is_one_grid():
    book = read_workbook(FILES / "huzhou.pdf")
    assert [g.name for g in book.grids] == ["表1"]
    grid = book.grids[0]
    k = grid.lines_above
    assert [row[0] for row in grid.rows[:k]] == ["附件1", "主要指标各区县任务分解表"]  # printed above the table
    names = [grid.raw(r, 0) for r in range(k + 2, grid.height)]
    assert names == [n.replace("\n", "") for n, *_ in HZ["rows"]]  # wrapped lines joined; the row broken over the page too
    assert (k, 1, k, 6) in grid.merges and (k + 12, 1, k + 12, 7) in grid.merges and (k, 0, k + 1, 0) in grid.merges
    assert grid.raw(k + 17, 1) == "4.5(含南太湖新区)" and grid.raw(k + 17, 7) == "完成省定目标"
    assert grid.ref(k + 17, 7) == "表1第18行第8列"


def test_a_scanned_pdf_says_it_has_no_text(runner, tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    fig = plt.figure(figsize=(8.27, 11.69))
    fig.figimage(np.random.default_rng(0).random((400, 300)), 100, 100, cmap="gray")  # a page that is a picture
    path = tmp_path / "扫描件.pdf"
    fig.savefig(path)
    plt.close(fig)
    result = runner.invoke("check", path)
    assert result.exit_code == 2 and "扫描件" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# -- .doc -----------------------------------------------------------------------------------------------
@needs_libreoffice
def test_doc_through_libreoffice_gives_the_seed_findings(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    report = check_file(FILES / "huzhou.doc")
    assert findings(report) == SEED
    assert report.findings[0].cell.startswith("表1第")
    assert list(tmp_path.iterdir()) == []  # the conversion's folder is gone


def test_doc_without_libreoffice_says_what_to_do(runner, monkeypatch, tmp_path):
    monkeypatch.setenv("ZHIBIAO_SOFFICE", str(tmp_path / "没有这个程序"))
    result = runner.invoke("check", FILES / "huzhou.doc")
    assert result.exit_code == 2 and "LibreOffice" in result.stderr and ".docx" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_doc_conversion_is_bounded_in_time(tmp_path, monkeypatch):
    from zhibiao.errors import UnreadableFile
    from zhibiao.formats import doc

    slow = tmp_path / "soffice"
    slow.write_text("#!/bin/sh\nsleep 30\n")
    slow.chmod(0o755)
    monkeypatch.setenv("ZHIBIAO_SOFFICE", str(slow))
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(UnreadableFile, match="超过 1 秒"):
        doc.convert(FILES / "huzhou.doc", "docx", work, seconds=1)


# -- unreadable files: one Chinese line, exit 2 -----------------------------------------------------------
def _encrypted_xls(tmp_path):
    """huzhou.xls with a FILEPASS record after its BOF, as Excel writes a workbook with an open password."""
    import olefile

    from zhibiao.vba import cfb

    with olefile.OleFileIO(str(FILES / "huzhou.xls")) as ole:
        stream = ole.openstream("Workbook").read()
    bof = 4 + int.from_bytes(stream[2:4], "little")
    filepass = (0x002F).to_bytes(2, "little") + (6).to_bytes(2, "little") + b"\x00\x00\x01\x00\x01\x00"
    path = tmp_path / "加密.xls"
    path.write_bytes(cfb.write({"Workbook": stream[:bof] + filepass + stream[bof:]}))
    return path


def _truncated(tmp_path, name):
    data = (FILES / name).read_bytes()
    path = tmp_path / f"截断{(FILES / name).suffix}"
    path.write_bytes(data[: len(data) // 3])
    return path


@pytest.mark.parametrize("case, expected", [
    ("huzhou_password.pdf", "密码"),
    ("huzhou_password.xlsx", "密码"),
    ("encrypted-xls", "密码"),
    ("truncated:huzhou.xls", "无法读取"),
    ("truncated:huzhou.ods", "无法读取"),
    ("truncated:huzhou.pdf", "PDF"),
    ("xml2003", "另存为"),
])
def test_unreadable_files_exit_2_with_one_line(runner, tmp_path, case, expected):
    if case == "encrypted-xls":
        path = _encrypted_xls(tmp_path)
    elif case.startswith("truncated:"):
        path = _truncated(tmp_path, case.split(":")[1])
    elif case == "xml2003":
        path = tmp_path / "导出.xls"
        path.write_text('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>')
    else:
        path = FILES / case
    for command in ("check", "import"):
        args = ("-o", tmp_path / "导入.xlsx") if command == "import" else ()
        result = runner.invoke(command, path, *args)
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert result.exit_code == 2 and len(lines) == 1 and lines[0].startswith("错误：") and expected in lines[0], result.stderr


# -- write-back and import ----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["huzhou.xls", "huzhou.pdf"])
def test_write_makes_an_xlsx_copy_and_says_so(runner, tmp_path, name):
    src = tmp_path / name
    shutil.copy(FILES / name, src)
    before = src.read_bytes()
    result = runner.invoke("check", src, "--write")
    copy = tmp_path / "huzhou.校验.xlsx"
    assert result.exit_code == 0 and copy.exists()
    assert "不能直接写回" in result.stdout and "huzhou.校验.xlsx" in result.stdout
    assert src.read_bytes() == before
    wb = openpyxl.load_workbook(copy)
    assert "校验结果" in wb.sheetnames
    links = [c.hyperlink.location for row in wb["校验结果"].iter_rows() for c in row if c.hyperlink]
    sheet = "任务分解" if name.endswith(".xls") else "表1"
    assert links and all(link.startswith(f"{sheet}!") for link in links)  # links that work in the copy
    assert findings(check_file(copy)) == SEED  # the copy holds the same table


def test_write_refuses_in_place_and_other_suffixes_for_a_copy(runner, tmp_path):
    src = tmp_path / "分解.ods"
    shutil.copy(FILES / "huzhou.ods", src)
    in_place = runner.invoke("check", src, "--in-place")
    assert in_place.exit_code == 2 and "--in-place" in in_place.stderr and "分解.校验.xlsx" in in_place.stderr
    wrong = runner.invoke("check", src, "-o", tmp_path / "结果.ods")
    assert wrong.exit_code == 2 and ".xlsx" in wrong.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["分解.ods"]


def test_progress_copy_of_an_ods_is_xlsx():
    from zhibiao.progress.write import default_output
    from zhibiao.workbook.plan import default_output as check_output

    assert default_output(FILES / "huzhou.ods").name == "huzhou.进度.xlsx"
    assert check_output(FILES / "huzhou.xls").name == "huzhou.校验.xlsx"
    assert check_output(FILES / "huzhou_plain.xlsx").name == "huzhou_plain.校验.xlsx"


@pytest.mark.parametrize("name", ["huzhou.xls", "huzhou.pdf", "huzhou.ods"])
def test_import_takes_other_formats(runner, tmp_path, name):
    out = tmp_path / "分解表.xlsx"
    result = runner.invoke("import", FILES / name, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert findings(check_file(out)) == SEED
    with zipfile.ZipFile(out) as archive:
        assert "xl/workbook.xml" in archive.namelist()


def test_only_the_caption_above_a_table_is_kept(tmp_path):
    prose = "为全面完成年度目标任务，经市政府同意，现将各县（市、区）主要指标分解下达给你们，请认真抓好落实，确保完成。"
    page = (f"<p>{prose}</p><p>附件</p><p>2024年主要指标分解表</p><p>单位：亿元</p><p>填报说明</p>"
            "<table><tr><td>指标名称</td><td>甲区</td><td>全市</td></tr><tr><td>固定资产投资</td><td>1</td><td>1</td></tr></table>")
    path = tmp_path / "通知.htm"
    path.write_text(page, encoding="utf-8")
    grid = read_workbook(path).grids[0]
    assert [row[0] for row in grid.rows[:grid.lines_above]] == ["2024年主要指标分解表", "单位：亿元", "填报说明"]
    assert grid.ref(grid.lines_above + 1, 2) == "表1第2行第3列" and grid.ref(0, 0) == "表1上方文字第1行"


def test_progress_from_an_ods_equals_the_xlsx_and_writes_an_xlsx(runner, tmp_path):
    from conftest import EXAMPLES
    from zhibiao.progress import progress_file

    ods, xlsx = progress_file(FILES / "huzhou_progress.ods"), progress_file(EXAMPLES / "湖州2023进度示例.xlsx")
    keys = ("indicator", "region", "status", "lag", "completion")
    assert [tuple(getattr(s, k) for k in keys) for s in ods.statuses] == [tuple(getattr(s, k) for k in keys) for s in xlsx.statuses]
    assert [(r.region, r.rank, r.score) for r in ods.ranking] == [(r.region, r.rank, r.score) for r in xlsx.ranking]
    assert any(s.status == "red" for s in ods.statuses) and len(ods.ranking) == 6
    src = tmp_path / "进度.ods"
    shutil.copy(FILES / "huzhou_progress.ods", src)
    result = runner.invoke("progress", src, "--write")
    assert "不能直接写回" in result.stdout + result.stderr and (tmp_path / "进度.进度.xlsx").exists()
    assert "进度结果" in openpyxl.load_workbook(tmp_path / "进度.进度.xlsx").sheetnames
