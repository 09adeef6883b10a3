"""The reports' official layout: the red 版头 by 设置, the 版记, the 亮晒's legend swatches, and the templates rebuilt."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_reports import DAY, book_path, hostile_book  # noqa: F401  (book_path: 湖州 with 进度 2023-05 and 2023-06)

from zhibiao.briefing.kinds import render_report
from zhibiao.grid import Grid, Workbook

ROOT = Path(__file__).resolve().parent.parent
EVIL = "<script>alert(1)</script>{{ 7*7 }}局"


def with_settings(source: Path, folder: Path, rows: list[tuple[str, str]]) -> Path:
    wb = openpyxl.load_workbook(source)
    ws = wb["设置"] if "设置" in wb.sheetnames else wb.create_sheet("设置")
    for key, value in rows:
        ws.append([key, value])
    path = folder / f"设置{len(list(folder.glob('设置*.xlsx')))}.xlsx"
    wb.save(path)
    return path


def rendered(kind: str, source, folder: Path) -> tuple[str, str]:
    """(document.xml of the Word file, the HTML) of one report."""
    docx, html = render_report(kind, source, None, ("docx", "html"), out_dir=folder, stem=kind, today=DAY)
    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/document.xml").decode()
    return xml, html.read_text(encoding="utf-8")


def marks(xml: str, html: str) -> tuple[list[str], list[str]]:
    """The red 版头's text in Word (paragraphs in the 发文机关标志 style) and in the HTML (h1.mark)."""
    word = re.findall(r'<w:pStyle w:val="发文机关标志"/>.*?<w:t[^>]*>([^<]*)</w:t>', xml)
    return word, re.findall(r'<h1 class="mark">([^<]*)</h1>', html)


def test_red_header_follows_settings(book_path, tmp_path):  # noqa: F811
    # defaults: a 年度考评 is issued as a document (red 版头), a 运行分析报告 is not
    assert marks(*rendered("年报", book_path, tmp_path)) == (["市经济和信息化局"], ["市经济和信息化局"])
    assert marks(*rendered("月报", book_path, tmp_path)) == ([], [])
    turned = with_settings(book_path, tmp_path, [("月报红头", "是"), ("年报红头", "否"), ("发文机关标志", "湖州市经济和信息化局")])
    xml, html = rendered("月报", turned, tmp_path)
    assert marks(xml, html) == (["湖州市经济和信息化局"], ["湖州市经济和信息化局"])
    assert 'w:pStyle w:val="版头红线"' in xml and 'class="red-rule"' in html  # the red rule under it
    assert marks(*rendered("年报", turned, tmp_path)) == ([], [])
    xml, html = rendered("亮晒", turned, tmp_path)  # a published board: its red title, never a 版头
    assert marks(xml, html) == ([], [])


def distribution_lines(xml: str, html: str) -> tuple[list[str], list[str]]:
    """The 版记's lines: Word's last table (every row's text), the HTML's footer paragraphs."""
    last = xml[xml.rindex("<w:tbl>"):]
    word = ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", row)) for row in re.findall(r"<w:tr[ >].*?</w:tr>", last)]
    footer = html[html.index('<footer class="distribution">'):]
    web = [" ".join(re.sub(r"<[^>]+>", " ", p).split()) for p in re.findall(r"<p>(.*?)</p>", footer)]
    return word, web


def test_distribution_block_at_the_end_of_the_reports(book_path, tmp_path):  # noqa: F811
    for kind in ("月报", "年报"):
        word, web = distribution_lines(*rendered(kind, book_path, tmp_path))
        assert word == ["报送：市委、市人大、市政府、市政协领导", "抄送：各区县人民政府（管委会），市级有关部门",
                        "市经济和信息化局2023年7月12日印发"], kind
        assert web == word[:2] + ["市经济和信息化局 2023年7月12日印发"], kind
    # 报送 无 leaves its line out (a blank cell is the default); 抄送 from 设置
    changed = with_settings(book_path, tmp_path, [("报送", "无"), ("抄送", "市发展改革委")])
    word, web = distribution_lines(*rendered("年报", changed, tmp_path))
    assert word[:1] == web[:1] == ["抄送：市发展改革委"] and len(word) == len(web) == 2


def test_hostile_settings_in_header_and_distribution_are_escaped(tmp_path):
    settings = Grid("设置", [["项目", "值"], ["月报红头", "是"], ["发文机关标志", EVIL], ["抄送", EVIL]])
    book = Workbook(None, hostile_book().grids + [settings])
    for kind in ("月报", "年报"):
        xml, html = rendered(kind, book, tmp_path)
        assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "49局" not in html and "49局" not in xml  # the text, never evaluated
        assert "<script>" not in xml and "&lt;script&gt;" in xml
        assert marks(xml, html) == (["&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}局"],
                                    ["&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}局"])
        assert "抄送：&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}局" in html


def test_showcase_legend_has_swatches_in_word(book_path, tmp_path):  # noqa: F811
    (docx,) = render_report("亮晒", book_path, None, ("docx",), out_dir=tmp_path, today=DAY)
    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/document.xml").decode()
    legend = xml[xml.index("图例"):]
    legend = legend[:legend.index("</w:p>")]
    assert re.findall(r'<w:shd [^>]*w:fill="([0-9A-F]{6})"', legend) == ["92D050", "FFD966", "FF7F7F"]
    assert legend.count("<w:bdr ") == 3 and "绿灯：" in legend and "红灯：" in legend


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="needs LibreOffice and poppler-utils to lay the page out")
def test_showcase_cells_do_not_wrap(book_path, tmp_path):  # noqa: F811
    (docx,) = render_report("亮晒", book_path, None, ("docx",), out_dir=tmp_path, today=DAY)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx)], capture_output=True, timeout=180, check=True)
    text = subprocess.run(["pdftotext", "-layout", str(docx.with_suffix(".pdf")), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "100.0%" in text  # 南太湖新区's 腾出能耗空间: one line, not 100.0 over %
    assert text.count("\f") <= 1  # one landscape page


def load_builder(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "reports" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_report_templates_are_the_built_ones(tmp_path):
    """reports/monthly|showcase|annual.docx are what build_report_templates.py writes (edit the script, then rebuild)."""
    written = load_builder("build_report_templates").main(tmp_path)
    assert [p.name for p in written] == ["monthly.docx", "showcase.docx", "annual.docx"]
    for built in written:
        with zipfile.ZipFile(ROOT / "reports" / built.name) as committed, zipfile.ZipFile(built) as fresh:
            assert sorted(committed.namelist()) == sorted(fresh.namelist()), built.name
            for name in committed.namelist():
                if name.endswith((".xml", ".rels")):
                    assert committed.read(name) == fresh.read(name), f"{built.name}: {name}"



def test_output_paths_are_one_rule_for_every_kind(book_path, tmp_path):  # noqa: F811
    """简报 and the reports share one output rule: <workbook>.<kind>.<fmt>, never over a folder or the input."""
    from zhibiao.errors import UsageError
    from zhibiao.formats import read_workbook

    for kind, noun in (("简报", "简报"), ("月报", "报告")):
        (html,) = render_report(kind, book_path, None, ("html",), out_dir=tmp_path, today=DAY)
        assert html.name == f"湖州2023进度.{kind}.html"
        (tmp_path / f"占位{kind}.docx").mkdir()
        with pytest.raises(UsageError, match=f"^{noun}文件的位置已有同名文件夹"):
            render_report(kind, book_path, None, ("docx",), out_dir=tmp_path, stem=f"占位{kind}", today=DAY)
        # a workbook read from 同名.html (a web page) would be overwritten by its report 同名.html
        book = read_workbook(book_path)
        book.path = tmp_path / "同名.html"
        book.path.write_text("<table></table>", encoding="utf-8")
        with pytest.raises(UsageError, match=f"^{noun}文件不能与输入文件同名"):
            render_report(kind, book, None, ("html",), out_dir=tmp_path, stem="同名", today=DAY)
        assert book.path.read_text(encoding="utf-8") == "<table></table>"


OVERFLOW_PROBE = """<script>
window.addEventListener('load', () => {
  const page = document.querySelector('.page, .sheet');
  const box = page.getBoundingClientRect(), style = getComputedStyle(page);
  const right = box.right - parseFloat(style.paddingRight) + 1;
  const wide = [...document.querySelectorAll('table')].filter(t => t.getBoundingClientRect().right > right);
  document.body.setAttribute('data-overflow', String(wide.length));
});
</script>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium to lay the HTML out")
def test_no_table_runs_past_the_page_in_html(book_path, tmp_path):  # noqa: F811
    """Every table stays inside the type area (the 简报's appendix once ran past the page: names kept whole)."""
    for kind in ("简报", "月报", "亮晒", "年报"):
        (html,) = render_report(kind, book_path, None, ("html",), out_dir=tmp_path, today=DAY)
        probed = tmp_path / f"probe-{kind}.html"
        probed.write_text(html.read_text(encoding="utf-8").replace("</body>", OVERFLOW_PROBE + "</body>"), encoding="utf-8")
        dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path}/chr",
                              "--window-size=1240,1754", "--virtual-time-budget=5000", "--dump-dom", probed.as_uri()],
                             capture_output=True, text=True, timeout=120).stdout
        assert 'data-overflow="0"' in dom, kind


_TCPR_ORDER = ["cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar", "textDirection",
               "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge", "tcPrChange"]


def _tcpr_out_of_order(xml: bytes) -> list[list[str]]:
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    bad = []
    for tcpr in etree.fromstring(xml).iter(f"{w}tcPr"):
        tags = [child.tag.replace(w, "") for child in tcpr]
        ranks = [_TCPR_ORDER.index(t) for t in tags if t in _TCPR_ORDER]
        if ranks != sorted(ranks):
            bad.append(tags)
    return bad


def test_table_cell_properties_follow_the_schema_order(tmp_path, runner):
    """Word reports a document as damaged when a cell's properties are out of order (shd after vAlign)."""
    from conftest import HUZHOU

    docs = [ROOT / "reports" / f"{name}.docx" for name in ("briefing", "monthly", "showcase", "annual")]
    result = runner.invoke("brief", HUZHOU, "--format", "docx", "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    docs += sorted(tmp_path.glob("*.docx"))
    assert len(docs) == 5
    for path in docs:
        with zipfile.ZipFile(path) as z:
            assert _tcpr_out_of_order(z.read("word/document.xml")) == [], path.name


def test_header_rows_repeat_and_stay_with_the_first_body_row():
    """Every table's header row (表头 style) repeats on each page and keeps with the next row; not unbreakable (LibreOffice
    7.4 drops the body rows of a table whose unbreakable repeated header is all that fits at a page's foot)."""
    from docx.oxml.ns import qn
    from lxml import etree

    for template in ("briefing", "monthly", "showcase", "annual"):
        with zipfile.ZipFile(ROOT / "reports" / f"{template}.docx") as z:
            root = etree.fromstring(z.read("word/document.xml"))
        headers = [tr for tr in root.iter(qn("w:tr")) if tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None]
        assert headers, template
        for tr in headers:
            assert tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is None, template
            paragraphs = list(tr.iter(qn("w:p")))
            assert paragraphs and all(p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in paragraphs), template
            # in the header style (黑体, as the HTML's th), not the body cells' one
            assert {p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) for p in paragraphs} == {"表头"}, template
            body = tr.getnext()  # the {%tr for %} row, then the repeated body row: unbreakable
            assert body.getnext().find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None, template
